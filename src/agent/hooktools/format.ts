/**
 * The output formats of the hook tools (juju/cmd, §4.0): `json` (compact, Go's HTML
 * escaping, `null` for nil), `yaml` (go-yaml v2 style; nothing for nil) and `smart`
 * (strings and string lists as plain lines, booleans as True/False, else YAML).
 * Every non-empty output ends with exactly one newline added after the formatted text.
 */
import { stringify } from 'yaml';

export type FormatName = 'smart' | 'yaml' | 'json';
export type Formatter = (value: unknown) => string;

/** Compact JSON like Go's encoding/json. */
export function formatJson(value: unknown): string {
  const text = JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `${text}\n`;
}

/** YAML like go-yaml v2 (YAML 1.1 quoting, block style, no line folding). */
export function formatYaml(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = stringify(value, {
    version: '1.1',
    indent: 2,
    indentSeq: false,
    lineWidth: 0,
    minContentWidth: 0,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
    nullStr: 'null',
    aliasDuplicateObjects: false,
  });
  const trimmed = text.replace(/\n+$/, '');
  return trimmed === '' ? '' : `${trimmed}\n`;
}

/** A value the smart formatter prints line by line (Go's []string). */
export class StringList extends Array<string> {}

/** Mark a list as a list of strings for the smart format. */
export function stringList(items: readonly string[]): StringList {
  const list = new StringList();
  list.push(...items);
  return list;
}

/** juju/cmd's "smart" format. */
export function formatSmart(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value === '' ? '' : `${value}\n`;
  if (typeof value === 'boolean') return value ? 'True\n' : 'False\n';
  if (value instanceof StringList) return value.length === 0 ? '' : `${value.join('\n')}\n`;
  return formatYaml(value instanceof Array ? [...(value as unknown[])] : value);
}

export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  smart: formatSmart,
  yaml: formatYaml,
  json: (v) => formatJson(v instanceof StringList ? [...v] : v),
};

/** Deep copy with object keys sorted (Go prints map keys in order). */
export function sortedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => sortedKeys(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortedKeys((value as Record<string, unknown>)[k]);
    return out as T;
  }
  return value;
}
