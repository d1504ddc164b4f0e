/**
 * What secret-add and secret-set share: the flags, `--expire` parsing, and the
 * content arguments `key=value`, `key#base64=<b64>`, `key#file=<path>` (read during
 * the call) plus `--file` (YAML or JSON map), checked and base64-encoded as Juju does.
 */
import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { FlagRef, FlagSet } from '../../../cli/framework/flags.js';
import { parseDuration } from '../../../core/duration.js';
import { HookToolCommand, goFileError } from '../command.js';
import type { ToolRuntime } from '../command.js';
import { ROTATE_POLICIES } from '../context.js';
import type { RotatePolicy, SecretContent, SecretUpsertArgs } from '../context.js';

const KEY_RE = /^([a-z](?:-?[a-z0-9]){2,})$/;
const MAX_VALUE = 8 * 1024;
const MAX_CONTENT = 64 * 1024;
const FILE_SUFFIX = '#file';
const BASE64_SUFFIX = '#base64';
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const RFC3339_NO_TZ = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** Go time.Time in RFC 3339 (UTC, fractional seconds only when present). */
function formatRfc3339(ms: number, fraction = ''): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `${fraction}Z`);
}

/** `--expire`: RFC 3339, `2006-01-02T15:04:05` (UTC) or a positive Go duration. */
export function parseExpire(spec: string, now: number = Date.now()): string {
  const full = RFC3339.exec(spec);
  if (full) {
    const ms = Date.parse(spec.replace(/\.\d+/, ''));
    if (!Number.isNaN(ms)) {
      const fraction = (full[7] ?? '').replace(/0+$/, '');
      return formatRfc3339(ms, fraction === '.' ? '' : fraction);
    }
  }
  if (RFC3339_NO_TZ.test(spec)) {
    const ms = Date.parse(`${spec}Z`);
    if (!Number.isNaN(ms)) return formatRfc3339(ms);
  }
  let duration: number;
  try {
    duration = parseDuration(spec);
  } catch {
    throw new Error(`expire time or duration ${JSON.stringify(spec)} not valid`);
  }
  if (duration <= 0) throw new Error(`negative expire duration ${JSON.stringify(spec)} not valid`);
  return formatRfc3339(Math.floor(now + duration));
}

/** Check keys and sizes and base64-encode values (keys with `#base64` are kept as given). */
function encodeContent(raw: Record<string, string>): SecretContent {
  const out: SecretContent = {};
  let total = 0;
  for (const [rawKey, value] of Object.entries(raw)) {
    const size = Buffer.byteLength(value);
    if (size > MAX_VALUE)
      throw new Error(`secret content for key ${JSON.stringify(rawKey)} too large: ${size} bytes`);
    total += size;
    const encoded = rawKey.endsWith(BASE64_SUFFIX);
    const key = encoded ? rawKey.slice(0, -BASE64_SUFFIX.length) : rawKey;
    if (!KEY_RE.test(key)) throw new Error(`key ${JSON.stringify(key)} not valid`);
    out[key] = encoded ? value : Buffer.from(value, 'utf8').toString('base64');
  }
  if (total > MAX_CONTENT) throw new Error(`secret content too large: ${total} bytes`);
  return out;
}

function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/** Content from command-line arguments. */
export function secretContentFromArgs(args: readonly string[], rt: ToolRuntime): SecretContent {
  const raw: Record<string, string> = {};
  for (const arg of args) {
    // Base64 padding may end the value: ignore trailing '=' when looking for the separator.
    const idx = arg.replace(/=+$/, '').indexOf('=');
    if (idx < 1) throw new Error(`key value ${JSON.stringify(arg)} not valid`);
    let key = arg.slice(0, idx);
    const value = arg.slice(idx + 1);
    if (!key.endsWith(FILE_SUFFIX)) {
      raw[key] = value;
      continue;
    }
    key = key.slice(0, -FILE_SUFFIX.length);
    const path = rt.path(value);
    const size = fileSize(path);
    if (size !== undefined && size > MAX_VALUE) {
      throw new Error(`secret content in file ${JSON.stringify(path)} too large: ${size} bytes`);
    }
    try {
      raw[key] = readFileSync(path, 'utf8');
    } catch (err) {
      throw new Error(
        `reading content for secret key ${JSON.stringify(key)}: ${goFileError('open', path, err)}`,
      );
    }
  }
  return encodeContent(raw);
}

/** Content from `--file` (JSON map, else YAML map). */
export function secretContentFromFile(file: string, rt: ToolRuntime): SecretContent {
  const path = rt.path(file);
  const size = fileSize(path);
  if (size !== undefined && size > MAX_CONTENT) {
    throw new Error(`secret content in file ${JSON.stringify(path)} too large: ${size} bytes`);
  }
  const text = rt.readFile(file).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    try {
      parsed = parseYaml(text, { version: '1.1' });
    } catch (err) {
      throw new Error(`yaml: ${(err as Error).message}`);
    }
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('yaml: unmarshal errors:\n  line 1: cannot unmarshal into secrets.SecretData');
  }
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (v === null) raw[k] = '';
    else if (typeof v === 'string') raw[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') raw[k] = String(v);
    else
      throw new Error(
        `yaml: unmarshal errors:\n  cannot unmarshal value of ${JSON.stringify(k)} into string`,
      );
  }
  return encodeContent(raw);
}

/** Flags and parsed values common to secret-add and secret-set. */
export abstract class SecretUpsertCommand extends HookToolCommand {
  protected expire: FlagRef<string> | undefined;
  protected rotate: FlagRef<string> | undefined;
  protected description: FlagRef<string> | undefined;
  protected label: FlagRef<string> | undefined;
  protected file: FlagRef<string> | undefined;
  protected owner: FlagRef<string> | undefined;
  protected content: SecretContent = {};
  protected expireTime: string | undefined;

  override setFlags(f: FlagSet): void {
    this.expire = f.string('expire', '', 'either a duration or time when the secret should expire');
    this.rotate = f.string('rotate', '', 'the secret rotation policy');
    this.description = f.string('description', '', 'the secret description');
    this.label = f.string('label', '', 'a label used to identify the secret in hooks');
    this.file = f.string('file', '', 'a YAML file containing secret key values');
    this.owner = f.string('owner', 'application', 'the owner of the secret, either the application or unit');
  }

  /** Validate flags and read the content (`#file` and `--file` are read now). */
  protected initUpsert(args: string[], rt: ToolRuntime): void {
    const expire = this.expire?.value ?? '';
    if (expire !== '') this.expireTime = parseExpire(expire);
    const rotate = this.rotate?.value ?? '';
    if (rotate !== '' && !(ROTATE_POLICIES as readonly string[]).includes(rotate)) {
      throw new Error(`rotate policy ${JSON.stringify(rotate)} not valid`);
    }
    const owner = this.owner?.value ?? 'application';
    if (owner !== 'application' && owner !== 'unit')
      throw new Error(`secret owner ${JSON.stringify(owner)} not valid`);
    this.content = secretContentFromArgs(args, rt);
    const file = this.file?.value ?? '';
    if (file !== '') Object.assign(this.content, secretContentFromFile(file, rt));
  }

  /** The arguments for the context. */
  protected upsertArgs(): SecretUpsertArgs {
    const content = { ...this.content };
    const rotate = this.rotate?.value ?? '';
    const description = this.description?.value ?? '';
    const label = this.label?.value ?? '';
    return {
      content,
      ...(rotate !== '' ? { rotatePolicy: rotate as RotatePolicy } : {}),
      ...(this.expireTime !== undefined ? { expireTime: this.expireTime } : {}),
      ...(description !== '' ? { description } : {}),
      ...(label !== '' ? { label } : {}),
    };
  }
}
