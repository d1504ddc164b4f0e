/**
 * Turning `juju deploy` options into wire values: `--config` (files shaped
 * `<app>: {key: value}` and `key=value` pairs, `key=@file`), `--bind`
 * (`default-space endpoint=space ...`), `--base`/`--series`, and what a
 * deploy argument is (charm directory, `.charm` file, bundle).
 */
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { baseFromSeries, parseBase, type Base } from '../../../charm/index.js';
import { ErrorCode, JujuError } from '../../../core/errors.js';
import { isValidSpaceName } from '../../../core/names.js';
import { UsageError } from '../../framework/flags.js';
import type { Context } from '../../framework/context.js';
import { readYamlMap } from '../common/config-args.js';

/** What `juju deploy <path>` points at. */
export type LocalTarget =
  { readonly kind: 'charm'; readonly path: string } | { readonly kind: 'bundle'; readonly path: string };

const CHARM_FILES = ['metadata.yaml', 'charmcraft.yaml'];

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Classifies a local deploy argument: a directory with metadata.yaml (or
 * charmcraft.yaml) is a charm, one with bundle.yaml a bundle; a `.yaml`
 * file is a bundle, any other file a charm archive.
 * @throws `not found` `no charm or bundle was found at "./x"`.
 */
export async function classifyLocal(fullPath: string, shown: string): Promise<LocalTarget> {
  let info;
  try {
    info = await stat(fullPath);
  } catch {
    throw new JujuError(ErrorCode.NotFound, `no charm or bundle was found at ${JSON.stringify(shown)}`);
  }
  if (info.isDirectory()) {
    for (const f of CHARM_FILES)
      if (await exists(join(fullPath, f))) return { kind: 'charm', path: fullPath };
    if (await exists(join(fullPath, 'bundle.yaml')))
      return { kind: 'bundle', path: join(fullPath, 'bundle.yaml') };
    throw new JujuError(ErrorCode.NotValid, `invalid charm or bundle provided at ${JSON.stringify(shown)}`);
  }
  if (/\.ya?ml$/.test(basename(fullPath))) return { kind: 'bundle', path: fullPath };
  return { kind: 'charm', path: fullPath };
}

/** `--config` values: plain `key=value` strings and the settings read from YAML files. */
export interface DeployConfig {
  readonly strings: Record<string, string>;
  readonly yaml: Record<string, unknown>;
}

/**
 * Reads `--config` values in order (later wins). Files must hold
 * `<application>: {key: value}`.
 * @throws `not valid` naming the file when it has no settings for the application.
 */
export function deployConfig(ctx: Context, values: readonly string[], application: string): DeployConfig {
  const strings: Record<string, string> = {};
  const yaml: Record<string, unknown> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq > 0) {
      const key = v.slice(0, eq);
      let value = v.slice(eq + 1);
      if (value.startsWith('@')) {
        try {
          value = readFileSync(ctx.path(value.slice(1)), 'utf8');
        } catch {
          throw new JujuError(
            ErrorCode.NotFound,
            `cannot read option ${JSON.stringify(key)} from file ${JSON.stringify(value.slice(1))}`,
          );
        }
      }
      delete yaml[key];
      strings[key] = value;
      continue;
    }
    const doc = readYamlMap(ctx.path(v));
    if (Object.keys(doc).length === 0) continue;
    const settings = doc[application];
    if (
      settings === undefined ||
      settings === null ||
      typeof settings !== 'object' ||
      Array.isArray(settings)
    ) {
      throw new JujuError(
        ErrorCode.NotValid,
        `config file ${JSON.stringify(v)}: no settings found for ${JSON.stringify(application)} (expected "${application}:" with a map of options)`,
      );
    }
    for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
      delete strings[key];
      yaml[key] = value;
    }
  }
  return { strings, yaml };
}

/**
 * `--bind "default-space ep=space ..."`: a bare space name is the default
 * binding (key `""`).
 * @throws UsageError for malformed entries or space names.
 */
export function parseBindings(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const eq = word.indexOf('=');
    const endpoint = eq < 0 ? '' : word.slice(0, eq);
    const space = eq < 0 ? word : word.slice(eq + 1);
    if (eq === 0 || space === '') throw new UsageError(`invalid --bind expression ${JSON.stringify(word)}`);
    if (!isValidSpaceName(space))
      throw new UsageError(`invalid --bind expression: space name ${JSON.stringify(space)} not valid`);
    if (Object.hasOwn(out, endpoint))
      throw new UsageError(
        `invalid --bind expression: endpoint ${JSON.stringify(endpoint)} bound more than once`,
      );
    out[endpoint] = space;
  }
  return out;
}

/**
 * The base asked for with `--base` or `--series` (not both).
 * @throws UsageError for both flags or an unknown base/series.
 */
export function requestedBase(base: string, series: string): Base | undefined {
  if (base !== '' && series !== '') throw new UsageError('--series and --base cannot be specified together');
  if (base !== '') {
    try {
      return parseBase(base);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  if (series !== '') {
    const b = baseFromSeries(series);
    if (b === undefined) throw new UsageError(`series ${JSON.stringify(series)} not valid`);
    return b;
  }
  return undefined;
}
