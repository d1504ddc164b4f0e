/**
 * Lenient readers for parsed store files: they accept what yaml.v2 would accept
 * into Juju's structs (scalars where strings are expected, missing sections) and
 * fail with Juju's "cannot unmarshal ..." wording on anything else.
 */
import { JujuError, ErrorCode, errorMessage } from '../core/errors.js';
import { parseYaml } from './yaml-v2.js';

/** Parse a store file's text (undefined = missing file → empty document). */
export function parseStoreText(text: string | undefined, what: string): Map<unknown, unknown> {
  if (text === undefined || text.trim() === '') return new Map();
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new JujuError(ErrorCode.NotValid, `cannot unmarshal ${what}: ${errorMessage(err)}`);
  }
  if (doc === null || doc === undefined) return new Map();
  if (!(doc instanceof Map))
    throw new JujuError(ErrorCode.NotValid, `cannot unmarshal ${what}: document is not a mapping`);
  return doc;
}

/** The entries of a mapping value (null/missing = none). */
export function mapEntries(value: unknown, where: string): [string, unknown][] {
  if (value === null || value === undefined) return [];
  if (!(value instanceof Map)) throw new JujuError(ErrorCode.NotValid, `${where}: expected a mapping`);
  return Array.from(value.entries(), ([k, v]) => [String(k), v]);
}

/** A mapping value looked up by key (undefined when absent). */
export function field(map: unknown, key: string): unknown {
  return map instanceof Map ? map.get(key) : undefined;
}

/** A scalar as a string ('' when missing). */
export function str(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  throw new JujuError(ErrorCode.NotValid, `expected a string, got ${typeof value}`);
}

/** A scalar as a string, or undefined when missing or empty (omitempty). */
export function optStr(value: unknown): string | undefined {
  const s = str(value);
  return s === '' ? undefined : s;
}

/** An integer (0 when missing). */
export function int(value: unknown): number {
  if (value === null || value === undefined || value === '') return 0;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

export function optInt(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : int(value);
}

export function bool(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A sequence of strings ([] when missing). */
export function strList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return [str(value)];
  return value.map(str);
}

/** Parsed YAML (Maps) as plain JSON-like data for callers. */
export function toPlain(value: unknown): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    // defineProperty so a key named __proto__ stays data, not a prototype change.
    for (const [k, v] of value)
      Object.defineProperty(out, String(k), {
        value: toPlain(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

/** A free-form mapping as a plain record ({} when missing). */
export function plainRecord(value: unknown): Record<string, unknown> {
  const plain = toPlain(value);
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain)
    ? (plain as Record<string, unknown>)
    : {};
}
