/**
 * Juju's machine-readable output: compact JSON like Go's encoding/json (HTML
 * characters escaped, one line), and YAML like go-yaml v2 (2-space maps,
 * sequences not indented under their key, YAML 1.1 quoting of yes/no/on/off).
 */
import { stringify } from 'yaml';

export function formatJson(value: unknown): string {
  return `${escapeHtml(JSON.stringify(value ?? null))}\n`;
}

function escapeHtml(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

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
  return text.replace(/\n+$/, '\n');
}
