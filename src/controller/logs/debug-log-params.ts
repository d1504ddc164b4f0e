/**
 * The query of a `/log` stream, parsed and checked with Juju's error texts
 * (`maxLines value "x" is not a valid unsigned number`, ...).
 */
import { JujuError } from '../../core/errors.js';
import { parseRfc3339Micros } from './wire-time.js';

/** What a debug-log stream should send. */
export interface DebugLogRequest {
  readonly includeEntity: readonly string[];
  readonly excludeEntity: readonly string[];
  readonly includeModule: readonly string[];
  readonly excludeModule: readonly string[];
  readonly includeLabel: readonly string[];
  readonly excludeLabel: readonly string[];
  /** Minimum level name (`TRACE`..`ERROR`), or undefined for all. */
  readonly level: string | undefined;
  /** Start from the oldest stored record. */
  readonly replay: boolean;
  /** The N most recent matching records first (ignored with replay). */
  readonly backlog: number;
  /** Close after this many records; 0 = no limit. */
  readonly maxLines: number;
  /** Close after the stored records instead of following new ones. */
  readonly noTail: boolean;
  /** Only records at or after this time (µs); 0 = any. */
  readonly startTime: number;
}

/** A query error: Juju sends these without an error code. */
const invalidQuery = (message: string): JujuError => new JujuError('', message);

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR'] as const;

/** Go's strconv.ParseBool. */
function parseGoBool(text: string): boolean | null {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false;
  return null;
}

/** Go's strconv.ParseUint (base 10), clamped to a safe integer. */
function parseGoUint(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : n;
}

/** loggo's level names, limited to TRACE..ERROR as debug-log accepts them. */
export function parseDebugLogLevel(text: string): string | null {
  const upper = text.trim().toUpperCase();
  const name = upper === 'WARN' ? 'WARNING' : upper;
  return (LEVELS as readonly string[]).includes(name) ? name : null;
}

/** Juju's message for a bad level value. */
export function badLevelMessage(value: string): string {
  return `level value ${JSON.stringify(value)} is not one of ${LEVELS.map((l) => `"${l}"`).join(', ')}`;
}

/**
 * Parses a `/log` query string.
 * @throws JujuError (no code, as Juju's) with the message for the first invalid value.
 */
export function parseDebugLogQuery(query: URLSearchParams): DebugLogRequest {
  const get = (key: string): string => query.get(key) ?? '';
  const version = get('version');
  if (version !== '' && !/^[+-]?\d+$/.test(version)) {
    throw invalidQuery(`version value ${JSON.stringify(version)} is not a valid number`);
  }
  const uint = (key: string): number => {
    const value = get(key);
    if (value === '') return 0;
    const n = parseGoUint(value);
    if (n === null)
      throw invalidQuery(`${key} value ${JSON.stringify(value)} is not a valid unsigned number`);
    return n;
  };
  const bool = (key: string): boolean => {
    const value = get(key);
    if (value === '') return false;
    const b = parseGoBool(value);
    if (b === null) throw invalidQuery(`${key} value ${JSON.stringify(value)} is not a valid boolean`);
    return b;
  };
  const maxLines = uint('maxLines');
  const replay = bool('replay');
  const noTail = bool('noTail');
  const backlog = uint('backlog');
  let level: string | undefined;
  const levelText = get('level');
  if (levelText !== '') {
    const parsed = parseDebugLogLevel(levelText);
    if (parsed === null) throw invalidQuery(badLevelMessage(levelText));
    level = parsed;
  }
  let startTime = 0;
  const startText = get('startTime');
  if (startText !== '') {
    const micros = parseRfc3339Micros(startText);
    if (micros === null) {
      throw invalidQuery(`start time ${JSON.stringify(startText)} is not a valid time in RFC3339 format`);
    }
    startTime = micros;
  }
  const list = (...keys: string[]): string[] => keys.flatMap((k) => query.getAll(k)).filter((v) => v !== '');
  return {
    includeEntity: list('includeEntity'),
    excludeEntity: list('excludeEntity'),
    includeModule: list('includeModule'),
    excludeModule: list('excludeModule'),
    // 3.6 clients send includeLabel; newer ones includeLabels.
    includeLabel: list('includeLabel', 'includeLabels'),
    excludeLabel: list('excludeLabel', 'excludeLabels'),
    level,
    replay,
    backlog,
    maxLines,
    noTail,
    startTime,
  };
}
