/**
 * Reading charm and bundle YAML the way Juju reads it (YAML 1.1 as gopkg.in/yaml.v2
 * does: `yes`/`no` are booleans, `<<` merge keys work, timestamps stay strings), and
 * small typed field readers whose errors name the file and the field:
 * `metadata.yaml: "requires.db.interface" is required`.
 */
import YAML from 'yaml';
import type { DocumentOptions, ParseOptions, SchemaOptions, Tags, ToJSOptions } from 'yaml';

import { notValid } from '../core/errors.js';
import type { JujuError } from '../core/errors.js';

/** A YAML mapping after conversion: string keys, document order kept. */
export type YamlMap = Record<string, unknown>;

// yaml.v2 reads timestamps and sexagesimal numbers back as plain strings.
const customTags = (tags: Tags): Tags =>
  tags.filter((tag) => {
    const id = typeof tag === 'string' ? tag : tag.tag;
    const format = typeof tag === 'string' ? undefined : tag.format;
    return !id.endsWith(':timestamp') && format !== 'TIME';
  });

const yamlOptions: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: true,
  customTags,
};
const toJsOptions: ToJSOptions = { mapAsMap: true, maxAliasCount: 1000 };

/** The error every reader throws: `not valid`, prefixed with the file name. */
export function fileError(file: string, message: string): JujuError {
  return notValid(`${file}: ${message}`);
}

/** Parse one YAML document into plain values (mappings become objects with string keys). */
export function parseYamlText(text: string, file: string): unknown {
  const docs = parseYamlDocuments(text, file);
  if (docs.length > 1) throw fileError(file, 'expected a single YAML document');
  return docs[0] ?? null;
}

/** Parse every document of a (possibly multi-document) YAML text. */
export function parseYamlDocuments(text: string, file: string): unknown[] {
  let docs: YAML.Document.Parsed[];
  try {
    docs = YAML.parseAllDocuments(text, yamlOptions) as YAML.Document.Parsed[];
  } catch (err) {
    throw fileError(file, `cannot parse YAML: ${firstLine(err)}`);
  }
  if (!Array.isArray(docs)) docs = [docs];
  return docs.map((doc) => {
    const problem = doc.errors[0];
    if (problem !== undefined) throw fileError(file, `cannot parse YAML: ${firstLine(problem)}`);
    let value: unknown;
    try {
      value = doc.toJS(toJsOptions);
    } catch (err) {
      throw fileError(file, `cannot parse YAML: ${firstLine(err)}`);
    }
    return plain(value, file);
  });
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? text).trim();
}

/** Maps to objects with string keys (yaml.v2 stringifies scalar keys), recursively. */
function plain(value: unknown, file: string): unknown {
  if (value instanceof Map) {
    const out: YamlMap = {};
    for (const [k, v] of value as Map<unknown, unknown>) {
      if (k !== null && typeof k === 'object')
        throw fileError(file, 'complex mapping keys are not supported');
      Object.defineProperty(out, String(k), {
        value: plain(v, file),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => plain(v, file));
  if (value instanceof Set) return [...(value as Set<unknown>)].map((v) => plain(v, file));
  return value;
}

/** True for a YAML mapping (after conversion). */
export function isMap(value: unknown): value is YamlMap {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/** How a value is shown in messages: strings quoted, collections named. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (isMap(value)) return 'a mapping';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value;
}

/** `"a.b.c"` for messages. */
export function quotedPath(path: string): string {
  return JSON.stringify(path);
}

/** Join a parent path and a key (`requires` + `db` -> `requires.db`). */
export function subPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * Typed readers for one file. Each reader takes the containing mapping, the key and
 * the full dotted path used in messages.
 */
export class FieldReader {
  constructor(readonly file: string) {}

  /** Throw a `not valid` error about this file. */
  fail(message: string): never {
    throw fileError(this.file, message);
  }

  required(path: string): never {
    return this.fail(`${quotedPath(path)} is required`);
  }

  wrongType(path: string, expected: string, value: unknown): never {
    return this.fail(`${quotedPath(path)} must be ${expected}, got ${describeValue(value)}`);
  }

  /** The value as a mapping; null/undefined become `{}` unless required. */
  map(value: unknown, path: string, required = false): YamlMap {
    if (value === null || value === undefined) {
      if (required) this.required(path);
      return {};
    }
    if (!isMap(value)) this.wrongType(path, 'a mapping', value);
    return value;
  }

  optionalString(obj: YamlMap, key: string, path: string): string | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.wrongType(path, 'a string', value);
    return value;
  }

  string(obj: YamlMap, key: string, path: string): string {
    const value = this.optionalString(obj, key, path);
    if (value === undefined) this.required(path);
    return value;
  }

  /** A string field where a bare number is accepted as its text (yaml.v2 does this for string fields). */
  optionalText(obj: YamlMap, key: string, path: string): string | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') this.wrongType(path, 'a string', value);
    return value;
  }

  boolean(obj: YamlMap, key: string, path: string, fallback: boolean): boolean {
    const value = obj[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') this.wrongType(path, 'a boolean', value);
    return value;
  }

  optionalInteger(obj: YamlMap, key: string, path: string): number | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) this.wrongType(path, 'an integer', value);
    return value;
  }

  /** A list of strings; a single string is not accepted. */
  stringList(obj: YamlMap, key: string, path: string): string[] {
    const value = obj[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.wrongType(path, 'a list of strings', value);
    return value.map((item, i) => {
      if (typeof item !== 'string') this.wrongType(subPath(path, i), 'a string', item);
      return item;
    });
  }
}
