/**
 * Decoding one logsink message: `{"t","m","l","v","x","c"}` (optional `e`,
 * ignored: the record belongs to the authenticated agent).
 */
import { parseLogLevel } from '../../domain/logs/levels.js';
import type { LogRecordParams } from '../../domain/logs/types.js';
import { parseRfc3339Micros } from './wire-time.js';

/** Longest message kept from one record; the rest is cut (a runaway line must not fill the store). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

const INFO = 3;

function levelOf(v: unknown): number {
  if (typeof v !== 'number' && typeof v !== 'string') return INFO;
  try {
    return parseLogLevel(v);
  } catch {
    return INFO; // UNSPECIFIED (0) and unknown names: keep the line, at INFO
  }
}

/** `["a","b"]` as is; a `{"k":"v"}` map (newer agents) as `k=v` strings. */
function labelsOf(c: unknown): string[] {
  if (Array.isArray(c)) return c.filter((x): x is string => typeof x === 'string');
  if (c !== null && typeof c === 'object') {
    return Object.entries(c as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`);
  }
  return [];
}

function truncate(text: string): string {
  if (text.length <= MAX_MESSAGE_BYTES / 4 || Buffer.byteLength(text) <= MAX_MESSAGE_BYTES) return text;
  return Buffer.from(text).subarray(0, MAX_MESSAGE_BYTES).toString('utf8');
}

/**
 * The record a logsink message stands for, owned by `entity`; null when the
 * message is not a JSON object. A missing or bad time is the arrival time.
 */
export function decodeLogSinkRecord(text: string, entity: string, nowMicros: number): LogRecordParams | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
  const r = doc as Record<string, unknown>;
  const time = typeof r['t'] === 'string' ? parseRfc3339Micros(r['t']) : null;
  return {
    entity,
    timestamp: time ?? nowMicros,
    module: typeof r['m'] === 'string' ? r['m'] : '',
    location: typeof r['l'] === 'string' ? r['l'] : '',
    level: levelOf(r['v']),
    message: truncate(
      typeof r['x'] === 'string' ? r['x'] : r['x'] === undefined ? '' : JSON.stringify(r['x']),
    ),
    labels: labelsOf(r['c']),
  };
}
