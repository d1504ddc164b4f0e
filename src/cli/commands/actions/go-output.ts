/**
 * Output values as Juju's Go code prints them. A value tree uses plain
 * objects for Go maps (keys sorted when written: byte order for JSON,
 * yaml.v2's natural order for YAML) and `Map`s for Go structs (fields in
 * the order set; `undefined` fields are left out, as `omitempty` does).
 * Times are printed with Go's layouts in local time or UTC.
 */
import { goMap, stringifyYamlV2, type YamlTree } from '../../../clientstore/index.js';

/** A value the encoders below understand. */
export type GoValue =
  string | number | boolean | null | undefined | GoValue[] | GoStruct | { [key: string]: GoValue };

/** A Go struct: fields in declaration order. */
export type GoStruct = Map<string, GoValue>;

/** A struct from `[field, value]` pairs, dropping `undefined` values. */
export function goStruct(fields: readonly (readonly [string, GoValue])[]): GoStruct {
  return new Map(fields.filter(([, v]) => v !== undefined) as [string, GoValue][]);
}

function toTree(value: unknown): YamlTree | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((v) => toTree(v) ?? null);
  if (value instanceof Map) {
    const out = new Map<string, YamlTree>();
    for (const [k, v] of value as Map<string, unknown>) {
      const converted = toTree(v);
      if (converted !== undefined) out.set(k, converted);
    }
    return out;
  }
  if (typeof value === 'object') return goMap(value as Record<string, unknown>, toTree);
  return typeof value === 'bigint' ? Number(value) : null;
}

/** yaml.v2's `Marshal`: `{}` for an empty map, a trailing newline, nothing at all for nil. */
export function marshalGoYaml(value: unknown): string {
  const tree = toTree(value);
  if (tree === undefined || tree === null) return 'null\n';
  return stringifyYamlV2(tree);
}

/** juju/cmd's `FormatYaml`: the YAML with exactly one trailing newline; nothing for nil. */
export function formatGoYaml(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = marshalGoYaml(value).replace(/\n+$/, '');
  return text === '' ? '' : `${text}\n`;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function jsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => HTML_ESCAPES[c] ?? c);
}

const byteOrder = (a: string, b: string): number => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return Buffer.compare(x, y);
};

function encodeJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((v) => encodeJson(v)).join(',')}]`;
  if (value instanceof Map) {
    const parts: string[] = [];
    for (const [k, v] of value as Map<string, unknown>) {
      if (v !== undefined) parts.push(`${jsonString(k)}:${encodeJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => byteOrder(a, b));
    return `{${entries.map(([k, v]) => `${jsonString(k)}:${encodeJson(v)}`).join(',')}}`;
  }
  return typeof value === 'bigint' ? value.toString() : 'null';
}

/** A value as Go's `%v` prints the common cases: `<nil>`, text, numbers, booleans. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}

/** juju/cmd's `FormatJson`: compact JSON (map keys sorted, `<>&` escaped) and a newline. */
export function formatGoJson(value: unknown): string {
  return `${encodeJson(value)}\n`;
}

/** Go's zero time (`0001-01-01T00:00:00Z`) or an unparseable text counts as unset. */
export function isZeroTime(text: string | null | undefined): boolean {
  if (text === null || text === undefined || text === '') return true;
  const ms = Date.parse(text);
  return Number.isNaN(ms) || text.startsWith('0001-01-01');
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface Clock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function clockOf(d: Date, utc: boolean): Clock {
  return utc
    ? {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
      }
    : {
        year: d.getFullYear(),
        month: d.getMonth() + 1,
        day: d.getDate(),
        hour: d.getHours(),
        minute: d.getMinutes(),
        second: d.getSeconds(),
      };
}

/** The local zone's abbreviation (`NZDT`), or Go's numeric fallback (`+13`) when there is none. */
function zoneName(d: Date, offsetMinutes: number): string {
  if (offsetMinutes === 0 && (process.env.TZ === undefined || /^(UTC|Etc\/UTC|)$/.test(process.env.TZ))) {
    return 'UTC';
  }
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
      .formatToParts(d)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (part !== undefined && /^[A-Z]{2,5}$/.test(part)) return part;
  } catch {
    // fall through to the numeric form
  }
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return abs % 60 === 0 ? `${sign}${pad(abs / 60)}` : `${sign}${pad(Math.trunc(abs / 60))}${pad(abs % 60)}`;
}

/**
 * Go's `time.Time.String()`: `2025-01-01 10:00:00.123456 +1300 NZDT` in local
 * time (`+0000 UTC` with `utc`); fraction digits as sent, trailing zeros dropped.
 */
export function goTimeString(iso: string, utc: boolean): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const c = clockOf(d, utc);
  const fraction = (/T[^.]*\.(\d+)/.exec(iso)?.[1] ?? '').replace(/0+$/, '');
  const offset = utc ? 0 : -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const zone = utc ? 'UTC' : zoneName(d, offset);
  return (
    `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}` +
    `${fraction === '' ? '' : `.${fraction}`} ${sign}${pad(Math.trunc(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)} ${zone}`
  );
}

/** `15:04:05` (progress lines) in local time or UTC. */
export function goClock(iso: string, utc: boolean): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const c = clockOf(d, utc);
  return `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

/** `2006-01-02T15:04:05` (operation tables) in local time or UTC. */
export function goPlainTime(iso: string, utc: boolean): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const c = clockOf(d, utc);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

/** Juju's `formatTimestamp`: '' for an unset time, else the full Go form. */
export function formatTimestamp(text: string | undefined, utc: boolean): string {
  return text === undefined || isZeroTime(text) ? '' : goTimeString(text, utc);
}
