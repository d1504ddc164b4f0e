/**
 * How debug-log prints one record:
 * `<tag>: <time> <LEVEL> <module> [<location> ][<labels> ]<message>`, with
 * the level (and location) coloured when colour is on, or one JSON object
 * per line with `--format json`.
 */

/** One record as the controller streams it. */
export interface LogStreamRecord {
  readonly tag: string;
  readonly ts: string;
  readonly sev: string;
  readonly mod: string;
  readonly loc: string;
  readonly msg: string;
  readonly lab?: readonly string[] | null;
}

/** Presentation choices from the command line. */
export interface LineFormatOptions {
  readonly utc: boolean;
  readonly date: boolean;
  readonly ms: boolean;
  readonly location: boolean;
  readonly color: boolean;
}

const RESET = '\x1b[0m';
/** Level colours as Juju's CLI uses them (ansiterm). */
const SEVERITY_COLOR: Readonly<Record<string, string>> = {
  TRACE: '\x1b[39m',
  DEBUG: '\x1b[32m',
  INFO: '\x1b[94m',
  WARNING: '\x1b[33m',
  ERROR: '\x1b[91m',
  CRITICAL: '\x1b[37m\x1b[41m',
};
const LOCATION_COLOR = '\x1b[94m';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `15:04:05`, `2006-01-02 15:04:05`, optionally `.000`, local or UTC. */
export function formatLogTime(time: Date, opts: Pick<LineFormatOptions, 'utc' | 'date' | 'ms'>): string {
  const u = opts.utc;
  const clock = `${pad(u ? time.getUTCHours() : time.getHours())}:${pad(u ? time.getUTCMinutes() : time.getMinutes())}:${pad(u ? time.getUTCSeconds() : time.getSeconds())}`;
  const day = opts.date
    ? `${u ? time.getUTCFullYear() : time.getFullYear()}-${pad((u ? time.getUTCMonth() : time.getMonth()) + 1)}-${pad(u ? time.getUTCDate() : time.getDate())} `
    : '';
  const millis = opts.ms ? `.${pad(u ? time.getUTCMilliseconds() : time.getMilliseconds(), 3)}` : '';
  return `${day}${clock}${millis}`;
}

/** One text line (with its newline). */
export function formatLogLine(r: LogStreamRecord, opts: LineFormatOptions): string {
  const time = new Date(r.ts);
  const ts = Number.isNaN(time.getTime()) ? r.ts : formatLogTime(time, opts);
  const color = opts.color ? SEVERITY_COLOR[r.sev] : undefined;
  const sev = color === undefined ? r.sev : `${color}${r.sev}${RESET}`;
  let line = `${r.tag}: ${ts} ${sev} ${r.mod} `;
  if (opts.location) line += opts.color ? `${LOCATION_COLOR}${r.loc} ${RESET}` : `${r.loc} `;
  const labels = r.lab ?? [];
  if (labels.length > 0) line += `${labels.join(',')} `;
  return `${line}${r.msg}\n`;
}

/** One JSON line (`--format json`): the record with the stream's keys. */
export function formatLogJson(r: LogStreamRecord): string {
  return `${JSON.stringify({
    tag: r.tag,
    ts: r.ts,
    sev: r.sev,
    mod: r.mod,
    loc: r.loc,
    msg: r.msg,
    lab: r.lab ?? [],
  })}\n`;
}

/** Parses one stream message; null when it is not a record. */
export function parseLogStreamRecord(text: string): LogStreamRecord | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (doc === null || typeof doc !== 'object') return null;
  const d = doc as Record<string, unknown>;
  const str = (k: string): string => (typeof d[k] === 'string' ? d[k] : '');
  const lab = Array.isArray(d['lab']) ? d['lab'].filter((x): x is string => typeof x === 'string') : [];
  return {
    tag: str('tag'),
    ts: str('ts'),
    sev: str('sev'),
    mod: str('mod'),
    loc: str('loc'),
    msg: str('msg'),
    lab,
  };
}
