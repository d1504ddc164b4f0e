/** How config values appear inside tables (model-config, model-defaults). */
import { formatYaml } from '../../output/formats.js';

/** A value as one line of YAML (`""` for the empty string), as `model-config` shows it. */
export function yamlValueText(value: unknown): string {
  return formatYaml(value ?? null).replace(/\n$/, '') || 'null';
}

/** A value as Go's `%v` prints it: `true`, `16`, `[a b]`, `map[k:v]`. */
export function goValueText(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValueText).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `map[${entries.map(([k, v]) => `${k}:${goValueText(v)}`).join(' ')}]`;
  }
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
    ? String(value)
    : '';
}
