/**
 * Times on the log wire: Go's RFC3339Nano text (`2024-10-16T12:34:56.789Z`,
 * trailing fraction zeros trimmed) to and from the store's microseconds.
 */

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/i;

/** Microseconds since the epoch of an RFC3339(Nano) time; null when it is not one. */
export function parseRfc3339Micros(text: string): number | null {
  const m = RFC3339.exec(text);
  if (m === null) return null;
  const whole = Date.parse(`${m[1] ?? ''}${(m[3] ?? 'Z').toUpperCase()}`);
  if (Number.isNaN(whole)) return null;
  const fraction = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return whole * 1000 + Number(fraction);
}

/** RFC3339Nano text (UTC) of a time in microseconds, as Go's time.Time marshals it. */
export function formatRfc3339Micros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const base = new Date(ms).toISOString().slice(0, 19);
  const sub = micros - ms * 1000 + (ms - Math.floor(ms / 1000) * 1000) * 1000;
  const fraction = String(sub).padStart(6, '0').replace(/0+$/, '');
  return fraction === '' ? `${base}Z` : `${base}.${fraction}Z`;
}
