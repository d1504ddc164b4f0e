/** Juju's "smart" format: plain text for scalars and lists, YAML for anything structured. */
import { formatYaml } from './formats.js';

export function formatSmart(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return `${value}\n`;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object'))
    return value.map((v) => `${v}\n`).join('');
  return formatYaml(value);
}
