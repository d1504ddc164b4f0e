/**
 * Time formats the Juju CLI prints: the human "N minutes ago" used by show-model and
 * models, the status `since` timestamps and the status controller timestamp.
 *
 * "Local" means the process time zone unless an explicit UTC offset (in minutes east
 * of UTC, e.g. 780 for +13:00) is passed, which keeps output reproducible in tests.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `2025-06-03` in UTC. */
function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `12:02:57` from the UTC fields of `d`. */
function clock(d: Date): string {
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** Go's `Z07:00`: `Z` for UTC, otherwise `+13:00` / `-05:30`. */
function zoneSuffix(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** The offset to use for `d`, and a Date whose UTC fields read as that local time. */
/**
 * Local UTC offsets by quarter hour: `getTimezoneOffset` consults the time
 * zone database on every call, and `juju status` formats thousands of times
 * that mostly share an offset. Zone changes happen on quarter hours.
 */
const offsetByQuarter = new Map<number, number>();

function localOffset(d: Date): number {
  const quarter = Math.floor(d.getTime() / (15 * MINUTE));
  let offset = offsetByQuarter.get(quarter);
  if (offset === undefined) {
    offset = -d.getTimezoneOffset();
    if (offsetByQuarter.size > 4096) offsetByQuarter.clear();
    offsetByQuarter.set(quarter, offset);
  }
  return offset;
}

function toLocal(d: Date, offsetMinutes: number | undefined): { shifted: Date; offset: number } {
  const offset = offsetMinutes ?? localOffset(d);
  return { shifted: new Date(d.getTime() + offset * MINUTE), offset };
}

/**
 * How long ago `date` was, as `juju show-model` says it: `just now` (under 2s),
 * `N seconds ago`, `1 minute ago` / `N minutes ago`, `1 hour ago` / `N hours ago`, and
 * from 24 hours on the UTC date, e.g. `2025-06-03`. Future times read `just now`.
 */
export function humanSince(date: Date, now: Date = new Date()): string {
  const since = now.getTime() - date.getTime();
  if (since >= DAY) return isoDate(date);
  if (since >= HOUR) {
    const hours = Math.floor(since / HOUR);
    return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  }
  if (since >= MINUTE) {
    const minutes = Math.floor(since / MINUTE);
    return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  }
  if (since >= 2 * SECOND) return `${Math.floor(since / SECOND)} seconds ago`;
  return 'just now';
}

/**
 * A status `since` value: `24 Feb 2025 12:02:57+13:00` in local time, or with `utc`
 * (`--utc`, `JUJU_STATUS_ISO_TIME`) `2025-02-24 12:02:57Z`.
 */
export function formatStatusSince(d: Date, utc: boolean, offsetMinutes?: number): string {
  if (utc) return `${isoDate(d)} ${clock(d)}Z`;
  const { shifted, offset } = toLocal(d, offsetMinutes);
  const day = pad2(shifted.getUTCDate());
  const month = MONTHS[shifted.getUTCMonth()] ?? '';
  return `${day} ${month} ${shifted.getUTCFullYear()} ${clock(shifted)}${zoneSuffix(offset)}`;
}

/** The status header's controller timestamp: `12:04:55+13:00` local, `12:04:55` with `utc`. */
export function formatControllerTimestamp(d: Date, utc: boolean, offsetMinutes?: number): string {
  if (utc) return clock(d);
  const { shifted, offset } = toLocal(d, offsetMinutes);
  return `${clock(shifted)}${zoneSuffix(offset)}`;
}
