/**
 * A table of config fields (key, type, default, description, flags) and the coercion
 * of user input into each field's type. Model config and controller config are both
 * described with it.
 *
 * Stored values are plain JSON: strings, numbers, booleans, string arrays and
 * string-to-string objects. Durations and sizes stay the user's strings ("5m", "300M")
 * but are checked on the way in.
 */

import { notValid } from '../errors.js';
import { isValidDuration } from '../duration.js';
import { isValidSize } from '../size.js';

export type ConfigFieldType = 'string' | 'int' | 'bool' | 'duration' | 'list' | 'attrs' | 'size';

export interface ConfigField {
  readonly key: string;
  readonly type: ConfigFieldType;
  readonly description: string;
  /** Value used when nothing else sets the key; absent means the key has no default. */
  readonly default?: unknown;
  /** Cannot change once the entity (model) exists. */
  readonly immutable?: boolean;
  /** Cannot be changed by the user after creation (controller config "RO"). */
  readonly readOnly?: boolean;
  /** Only admins may read or write it. */
  readonly secret?: boolean;
  /** The allowed values, when the field is an enumeration. */
  readonly values?: readonly string[];
  /** Free-form grouping used in documentation and help output. */
  readonly group?: string;
  /** Extra check on the coerced value; returns the complete error message, or undefined. */
  readonly validate?: (v: unknown) => string | undefined;
}

/** Go's strconv.ParseBool spellings, which Juju accepts for booleans. */
const TRUE_WORDS: ReadonlySet<string> = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** How a value is shown inside an error message. */
function describe(raw: unknown): string {
  if (raw === undefined || raw === null) return 'nothing';
  // JSON quotes strings the way Go's %q does and spells out arrays and objects.
  return JSON.stringify(raw) ?? typeof raw;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Turn `k=v` words into a map, rejecting malformed and repeated keys. */
function parseKeyValues(key: string, words: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) throw notValid(`${key}: expected "key=value", got ${JSON.stringify(word)}`);
    const k = word.slice(0, eq).trim();
    const v = word.slice(eq + 1).trim();
    if (k === '') throw notValid(`${key}: expected "key=value", got "${k}=${v}"`);
    if (Object.hasOwn(result, k)) throw notValid(`${key}: key ${JSON.stringify(k)} specified more than once`);
    result[k] = v;
  }
  return result;
}

/** Coerce `raw` to the representation of `type`; undefined means "not coercible". */
function coerceToType(key: string, type: ConfigFieldType, raw: unknown): unknown {
  switch (type) {
    case 'string':
      if (typeof raw === 'string') return raw;
      if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      return undefined;
    case 'int':
      if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : undefined;
      if (typeof raw === 'string' && /^[+-]?\d+$/.test(raw.trim())) {
        const n = Number(raw.trim());
        return Number.isSafeInteger(n) ? n : undefined;
      }
      return undefined;
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string') {
        if (TRUE_WORDS.has(raw)) return true;
        if (FALSE_WORDS.has(raw)) return false;
      }
      return undefined;
    case 'duration':
      return typeof raw === 'string' && isValidDuration(raw) ? raw : undefined;
    case 'size': {
      const text = typeof raw === 'number' ? String(raw) : raw;
      return typeof text === 'string' && isValidSize(text) ? text : undefined;
    }
    case 'list':
      if (typeof raw === 'string') {
        return raw
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
      }
      if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) return [...raw] as string[];
      return undefined;
    case 'attrs':
      if (typeof raw === 'string')
        return parseKeyValues(
          key,
          raw.split(/\s+/).filter((w) => w !== ''),
        );
      if (Array.isArray(raw)) {
        if (!raw.every((item) => typeof item === 'string')) return undefined;
        return parseKeyValues(key, raw);
      }
      if (isPlainObject(raw)) {
        const result: Record<string, string> = {};
        for (const [k, v] of Object.entries(raw)) {
          if (typeof v === 'string') result[k] = v;
          else if (typeof v === 'number' || typeof v === 'boolean') result[k] = String(v);
          else return undefined;
        }
        return result;
      }
      return undefined;
  }
}

/** A set of config fields with lookup, defaults and coercion. */
export class ConfigSchema {
  readonly #fields: ReadonlyMap<string, ConfigField>;

  constructor(fields: readonly ConfigField[]) {
    const map = new Map<string, ConfigField>();
    for (const field of fields) {
      if (map.has(field.key)) throw new Error(`config field ${JSON.stringify(field.key)} defined twice`);
      map.set(field.key, field);
    }
    this.#fields = map;
  }

  /** The field for `key`, or undefined for keys the schema does not know. */
  field(key: string): ConfigField | undefined {
    return this.#fields.get(key);
  }

  /** True when the schema defines `key`. */
  has(key: string): boolean {
    return this.#fields.has(key);
  }

  /** All keys, sorted. */
  keys(): string[] {
    return [...this.#fields.keys()].sort();
  }

  /** All fields, sorted by key. */
  fields(): ConfigField[] {
    return this.keys().map((k) => this.#fields.get(k) as ConfigField);
  }

  /** Default values of the keys that have one, sorted by key (arrays and objects copied). */
  defaults(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const field of this.fields()) {
      if (field.default !== undefined) result[field.key] = structuredClone(field.default);
    }
    return result;
  }

  /**
   * Turn a CLI/YAML/JSON value into the field's type: "5" -> 5 for int, "true" -> true
   * for bool, "a,b" -> ["a","b"] for list, "k=v k2=v2" -> {k:"v",k2:"v2"} for attrs;
   * durations and sizes are kept as strings once they parse. Unknown keys pass through.
   * @throws JujuError `not valid`, e.g. `update-status-hook-interval: expected duration, got "abc"`,
   *   `firewall-mode: expected one of [instance global none], got "x"`.
   */
  coerce(key: string, raw: unknown): unknown {
    const field = this.#fields.get(key);
    if (field === undefined) return raw;
    const value = raw === undefined || raw === null ? undefined : coerceToType(key, field.type, raw);
    if (value === undefined) throw notValid(`${key}: expected ${field.type}, got ${describe(raw)}`);
    if (field.values !== undefined && !field.values.includes(value as string)) {
      throw notValid(`${key}: expected one of [${field.values.join(' ')}], got ${describe(value)}`);
    }
    const problem = field.validate?.(value);
    if (problem !== undefined) throw notValid(problem);
    return value;
  }

  /** Coerce every entry of `attrs` (unknown keys are kept as given). @throws JujuError `not valid` */
  coerceAll(attrs: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(attrs)) result[key] = this.coerce(key, raw);
    return result;
  }
}
