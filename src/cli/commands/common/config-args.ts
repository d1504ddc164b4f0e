/**
 * Juju's `--config`-style values: each is either `key=value` or the path of a
 * YAML file holding a map of keys. Later values override earlier ones.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { JujuError, ErrorCode } from '../../../core/errors.js';
import type { Context } from '../../framework/context.js';

export function parseConfigValues(values: readonly string[], ctx: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq > 0) {
      out[v.slice(0, eq)] = v.slice(eq + 1);
      continue;
    }
    Object.assign(out, readYamlMap(ctx.path(v)));
  }
  return out;
}

/** Positional `key=value` arguments (model-config, controller-config, config). */
export function parseKeyValueArgs(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new JujuError(ErrorCode.NotValid, `expected "key=value", got ${JSON.stringify(a)}`);
    out[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return out;
}

export function readYamlMap(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new JujuError(
      ErrorCode.NotFound,
      code === 'ENOENT' ? `file "${path}" not found` : `cannot read "${path}": ${String(err)}`,
    );
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new JujuError(
      ErrorCode.NotValid,
      `cannot parse "${path}": ${(err as Error).message.split('\n')[0]}`,
    );
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new JujuError(ErrorCode.NotValid, `"${path}" must contain a YAML map of keys to values`);
  }
  return doc as Record<string, unknown>;
}
