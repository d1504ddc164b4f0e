/**
 * The frame every hook tool runs in, after juju/cmd: gnuflag parsing (flags.ts),
 * `--help`/`-h`, `init` for argument checks (a throw there exits 2) and `run` for the
 * work (a throw there exits 1), errors printed as `ERROR <message>` on stderr, and
 * the `--format`/`-o` output options.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { FlagSet, UsageError, formatFlagDefaults } from '../../cli/framework/flags.js';
import type { FlagRef } from '../../cli/framework/flags.js';
import type { HookContext, RelationInfo, Settings } from './context.js';
import { FORMATTERS } from './format.js';
import type { FormatName } from './format.js';

/** What the calling process gave the tool. */
export interface ToolIO {
  /** The caller's stdin (only meaningful when `stdinSet` is not false). */
  readonly stdin: Buffer;
  /**
   * False when the client has not sent its stdin yet: the transport sends it only
   * when a tool asks (`--file -`), so a tool never blocks on a terminal. Default true.
   */
  readonly stdinSet?: boolean;
  /** The caller's working directory (absolute); relative paths resolve against it. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What the tool prints and its exit code (0 ok, 1 run error, 2 usage error). */
export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the tool needs stdin and `io.stdinSet` was false: resend with stdin. */
  readonly stdinRequired?: boolean;
}

/** Thrown when a tool needs stdin the client has not sent. */
export class StdinRequiredError extends Error {
  constructor() {
    super('hook tool requires stdin, none supplied');
    this.name = 'StdinRequiredError';
  }
}

/** Help text parts. */
export interface ToolInfo {
  readonly name: string;
  readonly args?: string;
  readonly purpose: string;
  readonly doc?: string;
  readonly examples?: string;
}

/** Output and input of one tool run (juju/cmd's Context). */
export class ToolRuntime {
  private out = '';
  private err = '';

  constructor(readonly io: ToolIO) {}

  stdout(text: string): void {
    this.out += text;
  }

  stderr(text: string): void {
    this.err += text;
  }

  get stdoutText(): string {
    return this.out;
  }

  get stderrText(): string {
    return this.err;
  }

  /** The caller's stdin. @throws StdinRequiredError when it was not sent yet. */
  readStdin(): Buffer {
    if (this.io.stdinSet === false) throw new StdinRequiredError();
    return this.io.stdin;
  }

  /** `p` made absolute against the caller's cwd. */
  path(p: string): string {
    return isAbsolute(p) ? p : resolve(this.io.cwd, p);
  }

  /** Read a file the way Go reports failures (`open <path>: no such file or directory`). */
  readFile(p: string): Buffer {
    const abs = this.path(p);
    try {
      return readFileSync(abs);
    } catch (err) {
      throw new Error(goFileError('open', abs, err));
    }
  }
}

/** Go's `*PathError` text for a Node fs error. */
export function goFileError(op: string, path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
  };
  const reason = (code && reasons[code]) ?? (err instanceof Error ? err.message : String(err));
  return `${op} ${path}: ${reason}`;
}

/** A hook tool command (juju/cmd's Command for jujuc). */
export abstract class HookToolCommand {
  constructor(protected readonly ctx: HookContext) {}

  abstract info(): ToolInfo;

  setFlags(_flags: FlagSet): void {}

  /** Check positional arguments (and read files they name); throw for bad usage (exit 2). */
  init(args: string[], _rt: ToolRuntime): void | Promise<void> {
    checkEmpty(args);
  }

  /** Do the work; throw to fail (exit 1). */
  abstract run(rt: ToolRuntime): Promise<void>;
}

/** Go's `%q` of a string slice: `["a" "b"]`. */
export function quoteList(items: readonly string[]): string {
  return `[${items.map((s) => JSON.stringify(s)).join(' ')}]`;
}

/** juju/cmd CheckEmpty. */
export function checkEmpty(args: readonly string[]): void {
  if (args.length > 0) throw new UsageError(`unrecognized args: ${quoteList(args)}`);
}

/** juju/cmd ZeroOrOneArgs. */
export function zeroOrOneArgs(args: readonly string[]): string {
  checkEmpty(args.slice(1));
  return args[0] ?? '';
}

const isHelpRequest = (err: unknown): boolean =>
  err instanceof UsageError &&
  (err.message === 'option provided but not defined: --help' ||
    err.message === 'option provided but not defined: -h');

/** The `--help` page (juju/cmd layout). */
export function helpText(info: ToolInfo, flags: FlagSet): string {
  const defs = flags.definitions();
  let text = `Usage: ${info.name}`;
  if (defs.length > 0) text += ' [options]';
  if (info.args) text += ` ${info.args}`;
  text += '\n';
  text += `\nSummary:\n${info.purpose.trim()}\n`;
  if (defs.length > 0) text += `\nOptions:\n${formatFlagDefaults(defs)}\n`;
  if (info.doc?.trim()) text += `\nDetails:\n${info.doc.trim()}\n`;
  if (info.examples?.trim()) text += `\nExamples:\n${info.examples.replace(/^\n+|\n+$/g, '')}\n`;
  return text;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Run one command as juju/cmd's Main does; never throws. */
export async function runCommand(
  command: HookToolCommand,
  args: readonly string[],
  io: ToolIO,
): Promise<ToolResult> {
  const rt = new ToolRuntime(io);
  const flags = new FlagSet();
  const result = (code: number): ToolResult => ({ code, stdout: rt.stdoutText, stderr: rt.stderrText });
  const fail = (code: number, err: unknown): ToolResult => {
    rt.stderr(`ERROR ${messageOf(err)}\n`);
    return result(code);
  };
  let positional: string[];
  try {
    command.setFlags(flags);
    positional = flags.parse(args);
  } catch (err) {
    if (isHelpRequest(err)) {
      rt.stdout(helpText(command.info(), flags));
      return result(0);
    }
    return fail(2, err);
  }
  try {
    await command.init(positional, rt);
  } catch (err) {
    return fail(2, err);
  }
  try {
    await command.run(rt);
    return result(0);
  } catch (err) {
    if (err instanceof StdinRequiredError) return { code: 1, stdout: '', stderr: '', stdinRequired: true };
    return fail(1, err);
  }
}

// ---- shared option helpers -------------------------------------------------------------

/** `--format` and `-o/--output` (juju/cmd Output). */
export class OutputOptions {
  private formatRef: FlagRef<FormatName> | undefined;
  private outputRef: FlagRef<string> | undefined;

  constructor(
    private readonly defaultFormat: FormatName,
    private readonly formats: readonly FormatName[] = ['json', 'smart', 'yaml'],
  ) {}

  setFlags(flags: FlagSet): void {
    const names = [...this.formats].sort();
    this.formatRef = flags.custom<FormatName>(
      'format',
      this.defaultFormat,
      `Specify output format (${names.join('|')})`,
      (text) => {
        if (!(this.formats as readonly string[]).includes(text))
          throw new Error(`unknown format ${JSON.stringify(text)}`);
        return text as FormatName;
      },
      this.defaultFormat,
    );
    this.outputRef = flags.string(['o', 'output'], '', 'Specify an output file');
  }

  get format(): FormatName {
    return this.formatRef?.value ?? this.defaultFormat;
  }

  /** Print `value`; `variants` replaces it for some formats (Go types that render differently). */
  write(rt: ToolRuntime, value: unknown, variants: Partial<Record<FormatName, unknown>> = {}): void {
    const format = this.format;
    const chosen = format in variants ? variants[format] : value;
    this.emit(rt, FORMATTERS[format](chosen));
  }

  /** Print pre-rendered text per format. */
  writeText(rt: ToolRuntime, text: Readonly<Record<FormatName, string>>): void {
    this.emit(rt, text[this.format]);
  }

  private emit(rt: ToolRuntime, text: string): void {
    const file = this.outputRef?.value ?? '';
    if (file !== '') writeFileSync(rt.path(file), text, { mode: 0o644 });
    else rt.stdout(text);
  }
}

/** `endpoint:N` as hooks see relation ids. */
export function fakeRelationId(r: RelationInfo): string {
  return `${r.endpoint}:${r.id}`;
}

/**
 * `-r/--relation`: `N` or `<anything>:N`; checked against the context during parsing
 * (unknown ⇒ `invalid value "db:9" for option -r: relation not found`, exit 2).
 * Defaults to the hook's relation, else -1.
 */
export function relationIdFlag(flags: FlagSet, ctx: HookContext, usage: string): FlagRef<number> {
  let def = -1;
  let shown = '';
  const hookId = ctx.hookRelationId();
  if (hookId !== undefined) {
    try {
      shown = fakeRelationId(ctx.relation(hookId));
      def = hookId;
    } catch {
      // The hook's relation is gone: no default.
    }
  }
  return flags.custom(
    ['r', 'relation'],
    def,
    usage,
    (text) => {
      const colon = text.lastIndexOf(':');
      const trimmed = colon >= 0 ? text.slice(colon + 1) : text;
      if (!/^[+-]?\d+$/.test(trimmed)) throw new Error('invalid relation id');
      const id = Number(trimmed);
      ctx.relation(id);
      return id;
    },
    shown,
  );
}

/** juju/utils keyvalues.Parse with empty values allowed. */
export function parseKeyValues(args: readonly string[]): Settings {
  const out: Settings = {};
  for (const kv of args) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new Error(`expected "key=value", got ${JSON.stringify(kv)}`);
    const key = kv.slice(0, eq);
    if (Object.hasOwn(out, key)) throw new Error(`key ${JSON.stringify(key)} specified more than once`);
    out[key] = kv.slice(eq + 1);
  }
  return out;
}

/**
 * Decode a YAML (or JSON) map of settings into strings, as goyaml into
 * map[string]string does: scalars keep their source text, null becomes ''.
 * JSON-looking input is decoded as JSON so `\uXXXX` surrogate pairs come out right.
 */
export function decodeSettingsFile(data: Buffer): Settings {
  const text = data.toString('utf8');
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const entries = Object.entries(parsed as Record<string, unknown>);
        if (entries.every(([, v]) => typeof v === 'string' || v === null)) {
          return Object.fromEntries(entries.map(([k, v]) => [k, (v as string | null) ?? '']));
        }
      }
    } catch {
      // Not JSON after all: YAML below.
    }
  }
  const doc = parseDocument(text, { version: '1.1' });
  if (doc.errors.length > 0) throw new Error(`yaml: ${doc.errors[0]?.message ?? 'invalid document'}`);
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined)))
    return {};
  if (!isMap(contents))
    throw new Error('yaml: unmarshal errors:\n  line 1: cannot unmarshal into map[string]string');
  const out: Settings = {};
  for (const item of contents.items) {
    const key = scalarText(item.key);
    if (key === undefined) throw new Error('yaml: unmarshal errors: non-scalar key');
    const value = scalarText(item.value);
    if (value === undefined) {
      throw new Error(`yaml: unmarshal errors: cannot unmarshal value of ${JSON.stringify(key)} into string`);
    }
    out[key] = value;
  }
  return out;
}

/** Text of a YAML scalar node (source text for non-strings); undefined for collections. */
function scalarText(node: unknown): string | undefined {
  if (node === null || node === undefined) return '';
  if (!isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return '';
  const value: unknown = node.value;
  if (typeof value === 'string') return value;
  if (node.source !== undefined) return node.source;
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
    ? String(value)
    : undefined;
}
