/**
 * Action parameters from the command line, as `juju run` builds them: a
 * YAML mapping from `--params <file>`, then `key.sub=value` arguments (values
 * read as YAML unless `--string-args`) merged over it, nested keys making
 * nested maps.
 */
import { readFileSync } from 'node:fs';
import { parseYaml } from '../../../clientstore/index.js';
import { errorMessage } from '../../../core/errors.js';
import { UsageError } from '../../framework/flags.js';

/** Action and parameter key names: lowercase alphanumerics and inner hyphens. */
export const NAME_RULE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** One `key.key...=value` argument: its key path and raw value. */
export interface KeyValueArg {
  readonly keys: readonly string[];
  readonly value: string;
}

/**
 * Splits `key.key...=value` arguments.
 * @throws UsageError with Juju's wording.
 */
export function parseKeyValueArgs(args: readonly string[]): KeyValueArg[] {
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq < 0)
      throw new UsageError(`argument ${JSON.stringify(arg)} must be of the form key.key.key...=value`);
    const keys = arg.slice(0, eq).split('.');
    for (const key of keys) {
      if (!NAME_RULE.test(key)) {
        throw new UsageError(
          `key ${JSON.stringify(key)} must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric and hyphens`,
        );
      }
    }
    return { keys, value: arg.slice(eq + 1) };
  });
}

/** A parsed YAML value with mappings as plain objects; non-string keys are refused. */
export function conformYaml(value: unknown): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value as Map<unknown, unknown>) {
      if (typeof k !== 'string') throw new Error('map keyed with non-string value');
      out[k] = conformYaml(v);
    }
    return out;
  }
  if (Array.isArray(value)) return value.map(conformYaml);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = conformYaml(v);
    return out;
  }
  return value;
}

/** A command-line value read as YAML (`true`, `3`, `[a, b]`); empty stays an empty string. */
export function yamlValue(text: string): unknown {
  if (text.trim() === '') return text;
  try {
    return conformYaml(parseYaml(text));
  } catch (err) {
    throw new Error(`yaml: ${errorMessage(err).split('\n')[0] ?? ''}`);
  }
}

/** Juju's `addValueToMap`: sets `value` at the key path, replacing non-maps on the way. */
export function addValueToMap(
  keys: readonly string[],
  value: unknown,
  target: Record<string, unknown>,
): void {
  let next = target;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      next[key] = value;
      return;
    }
    const existing = next[key];
    if (existing !== null && typeof existing === 'object' && !Array.isArray(existing)) {
      next = existing as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      next[key] = created;
      next = created;
    }
  });
}

/**
 * The parameters to send: the `--params` file's mapping (path resolved by the
 * caller) with the arguments merged over it.
 * @throws Error for an unreadable or non-mapping file, or bad YAML values.
 */
export function actionParameters(
  paramsFile: string | undefined,
  args: readonly KeyValueArg[],
  stringArgs: boolean,
): Record<string, unknown> {
  let params: Record<string, unknown> = {};
  if (paramsFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(paramsFile, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(
        code === 'ENOENT'
          ? `open ${paramsFile}: no such file or directory`
          : `open ${paramsFile}: ${errorMessage(err)}`,
      );
    }
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? {} : conformYaml(parseYaml(text));
    } catch (err) {
      throw new Error(`yaml: ${errorMessage(err).split('\n')[0] ?? ''}`);
    }
    if (parsed === null || parsed === undefined) parsed = {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error('params must contain a YAML map with string keys');
    }
    params = parsed as Record<string, unknown>;
  }
  for (const { keys, value } of args) addValueToMap(keys, stringArgs ? value : yamlValue(value), params);
  return params;
}
