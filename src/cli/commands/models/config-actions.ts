/**
 * What `model-config` and `model-defaults` are asked to do, decided from
 * their arguments as Juju's config commands do: `key` gets one value,
 * `key=value` sets, `--reset a,b` unsets, `--file` sets from YAML (`-` for
 * stdin), nothing gets everything. File, reset, get and set run in that order
 * (so arguments override the file); getting cannot be combined with anything.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ErrorCode, JujuError } from '../../../core/errors.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';

/** The actions, with the wording Juju's "cannot X and Y simultaneously" uses. */
export const ConfigAction = {
  GetOne: 'get value',
  GetAll: 'get all values',
  SetArgs: 'set key=value pairs',
  SetFile: 'use --file flag',
  Reset: 'use --reset flag',
} as const;
export type ConfigActionValue = (typeof ConfigAction)[keyof typeof ConfigAction];

/** Parsed arguments of a config command. */
export interface ConfigRequest {
  readonly actions: readonly ConfigActionValue[];
  readonly keyToGet: string | undefined;
  readonly valuesToSet: Readonly<Record<string, string>>;
  readonly keysToReset: readonly string[];
  readonly file: string | undefined;
}

/** The flags every config command shares. */
export class ConfigFlags {
  file: FlagRef<string> | undefined;
  reset: FlagRef<string[]> | undefined;
  color: FlagRef<boolean> | undefined;
  noColor: FlagRef<boolean> | undefined;

  constructor(private readonly cantReset: readonly string[]) {}

  setFlags(f: FlagSet): void {
    this.file = f.string('file', '', 'Path to yaml-formatted configuration file');
    this.color = f.bool('color', false, 'Use ANSI color codes in output');
    this.noColor = f.bool('no-color', false, 'Disable ANSI color codes in tabular output');
    this.reset = f.stringList('reset', 'Reset the provided comma delimited keys');
  }

  /** Decides the actions; throws UsageError (exit 2) for contradictory requests. */
  parse(args: readonly string[]): ConfigRequest {
    const actions: ConfigActionValue[] = [];
    const file = this.file?.value || undefined;
    if (file !== undefined) actions.push(ConfigAction.SetFile);
    const keysToReset: string[] = [];
    for (const value of this.reset?.value ?? []) {
      keysToReset.push(...value.replace(/^,+|,+$/g, '').split(','));
    }
    for (const key of keysToReset) {
      if (this.cantReset.includes(key)) throw new UsageError(`${JSON.stringify(key)} cannot be reset`);
      if (key.includes('=')) {
        throw new UsageError(
          `--reset accepts a comma delimited set of keys "a,b,c", received: ${JSON.stringify(key)}`,
        );
      }
    }
    if (keysToReset.length > 0) actions.push(ConfigAction.Reset);
    const valuesToSet: Record<string, string> = {};
    const keysToGet: string[] = [];
    for (const arg of args) {
      const eq = arg.indexOf('=');
      if (eq < 0) {
        keysToGet.push(arg);
        continue;
      }
      const key = arg.slice(0, eq);
      if (key === '') throw new UsageError(`expected "key=value", got ${JSON.stringify(arg)}`);
      if (Object.hasOwn(valuesToSet, key))
        throw new UsageError(`key ${JSON.stringify(key)} specified more than once`);
      valuesToSet[key] = arg.slice(eq + 1);
    }
    if (keysToGet.length > 0) actions.push(ConfigAction.GetOne);
    if (Object.keys(valuesToSet).length > 0) actions.push(ConfigAction.SetArgs);
    if (actions.length === 0) {
      return { actions: [ConfigAction.GetAll], keyToGet: undefined, valuesToSet, keysToReset, file };
    }
    if (actions.length > 1 && actions.includes(ConfigAction.GetOne))
      throw new UsageError(multiActionMessage(actions));
    if (keysToGet.length > 1) throw new UsageError('cannot specify multiple keys to get');
    for (const key of keysToReset) {
      if (Object.hasOwn(valuesToSet, key))
        throw new UsageError(`cannot set and reset key ${JSON.stringify(key)} simultaneously`);
    }
    return { actions, keyToGet: keysToGet[0], valuesToSet, keysToReset, file };
  }
}

/** `cannot get value and set key=value pairs simultaneously`. */
function multiActionMessage(actions: readonly string[]): string {
  let list = '';
  actions.forEach((a, i) => {
    if (i > 0) list += i === actions.length - 1 ? ' and ' : ', ';
    list += a;
  });
  return `cannot ${list} simultaneously`;
}

/** The YAML mapping in `--file` (`-` reads stdin). */
export async function readConfigFile(ctx: Context, path: string): Promise<Record<string, unknown>> {
  let text: string;
  if (path === '-') {
    text = await readAll(ctx.streams.stdin);
  } else {
    const full = ctx.path(path);
    try {
      text = readFileSync(full, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new JujuError(
        ErrorCode.NotFound,
        code === 'ENOENT' ? `open ${full}: no such file or directory` : `open ${full}: ${String(err)}`,
      );
    }
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new JujuError(ErrorCode.NotValid, `yaml: ${(err as Error).message.split('\n')[0] ?? ''}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new JujuError(
      ErrorCode.NotValid,
      'yaml: unmarshal errors: cannot unmarshal into a map of keys to values',
    );
  }
  return doc as Record<string, unknown>;
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}

/**
 * Values read back from `model-config --format yaml` are `{value, source}`
 * objects; importing such a file uses just the values. `resource-tags` given
 * as a map becomes `k=v k2=v2`.
 */
export function plainConfigValues(
  attrs: Readonly<Record<string, unknown>>,
  pick: (entry: Record<string, unknown>) => unknown = (e) => e['value'],
  isEntry: (v: Record<string, unknown>) => boolean = (v) => 'value' in v && 'source' in v,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(attrs)) {
    let value = raw;
    if (
      typeof raw === 'object' &&
      raw !== null &&
      !Array.isArray(raw) &&
      isEntry(raw as Record<string, unknown>)
    ) {
      value = pick(raw as Record<string, unknown>);
    }
    if (key === 'resource-tags' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      value = Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ');
    }
    out[key] = value;
  }
  return out;
}
