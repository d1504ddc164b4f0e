/**
 * The `juju` super-command: global options, dispatch to sub-commands, help
 * pages, user aliases, plugins (`juju-<name>` on PATH), "Did you mean", and the
 * exit-code contract (0 ok, 1 failed, 2 bad usage).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { isJujuError } from '../../core/errors.js';
import { errorReason } from '../../rpc/errors.js';
import type { Command, CommandInfo } from './command.js';
import { SilentError } from './command.js';
import type { Context } from './context.js';
import { FlagSet, UsageError, formatFlagDefaults } from './flags.js';
import { closestName } from './suggest.js';

export type CommandFactory = () => Command;

/** A command known by name and purpose only; its module is imported when it runs. */
export interface LazyCommand {
  readonly name: string;
  readonly purpose: string;
  readonly aliases: readonly string[];
  readonly load: () => Promise<CommandFactory>;
}

interface GlobalOptions {
  debug: boolean;
  verbose: boolean;
  quiet: boolean;
  showLog: boolean;
  loggingConfig: string;
  help: boolean;
}

export interface SuperCommandOptions {
  readonly name: string;
  /** Text of `juju help` / `juju --help`. */
  readonly basicHelp: string;
  /** Where the aliases file lives ($JUJU_DATA). */
  readonly dataDir: (env: NodeJS.ProcessEnv) => string;
}

export class SuperCommand {
  private readonly factories = new Map<string, () => Promise<CommandFactory>>();
  private readonly aliasTargets = new Map<string, string>();
  private readonly purposes = new Map<string, string>();

  constructor(private readonly opts: SuperCommandOptions) {}

  register(factory: CommandFactory): void {
    const info = factory().info();
    this.registerLazy({
      name: info.name,
      purpose: info.purpose,
      aliases: info.aliases ?? [],
      load: () => Promise.resolve(factory),
    });
  }

  /** Register a command without importing it (startup stays fast with many commands). */
  registerLazy(entry: LazyCommand): void {
    this.add(entry.name, entry.load, entry.purpose);
    for (const alias of entry.aliases) {
      this.add(alias, entry.load, `Alias for '${entry.name}'.`);
      this.aliasTargets.set(alias, entry.name);
    }
  }

  private add(name: string, load: () => Promise<CommandFactory>, purpose: string): void {
    if (this.factories.has(name)) throw new Error(`command already registered: ${name}`);
    this.factories.set(name, load);
    this.purposes.set(name, purpose);
  }

  /** Run `juju <argv...>`; resolves to the process exit code. */
  async run(argv: readonly string[], ctx: Context): Promise<number> {
    let rest: string[];
    const globals = defaultGlobals(ctx.env);
    let noAlias = false;
    try {
      const pre = splitLeadingGlobals(argv);
      rest = pre.rest;
      noAlias = pre.noAlias;
      applyGlobalArgs(pre.globals, globals);
      if (pre.version) rest = ['version', ...rest];
    } catch (err) {
      return this.fail(ctx, err, 2);
    }
    if (rest.length === 0) {
      ctx.out(this.opts.basicHelp);
      return 0;
    }
    if (!noAlias) rest = this.expandUserAlias(rest, ctx);
    const [name, ...args] = rest as [string, ...string[]];
    if (globals.help) return this.runHelp([name], ctx);
    if (name === 'help') return this.runHelp(args, ctx);
    const load = this.factories.get(name);
    if (!load) return this.runMissing(name, args, ctx);
    return this.runCommand((await load())(), args, globals, ctx);
  }

  private async runCommand(
    cmd: Command,
    args: string[],
    globals: GlobalOptions,
    ctx: Context,
  ): Promise<number> {
    const flags = new FlagSet();
    const globalRefs = defineGlobalFlags(flags, globals);
    let positional: string[];
    try {
      cmd.setFlags(flags);
    } catch (err) {
      return this.fail(ctx, err, 2);
    }
    try {
      positional = flags.parse(args, !cmd.info().noIntersperse);
      if (globalRefs.help()) {
        ctx.out(this.helpPage(cmd, flags));
        return 0;
      }
      applyGlobals(globalRefs, ctx);
      cmd.init(positional);
    } catch (err) {
      return this.fail(ctx, err, 2);
    }
    ctx.logf('INFO', 'juju.cmd', `running juju [${cmd.info().name}]`);
    try {
      const rc = await cmd.run(ctx);
      return typeof rc === 'number' ? rc : 0;
    } catch (err) {
      return this.fail(ctx, err, 1);
    }
  }

  private fail(ctx: Context, err: unknown, code: number): number {
    if (err instanceof SilentError) return err.code;
    if (isJujuError(err, 'unauthorized access') && errorReason(err) === 'permission denied') {
      ctx.err('\nYou do not have permission to complete this operation.\n');
      ctx.err('You may ask an administrator to grant you access with "juju grant".\n\n');
    }
    const message = err instanceof Error ? err.message : String(err);
    ctx.err(`ERROR ${message}\n`);
    if (!(err instanceof UsageError) && !(err instanceof Error && 'code' in err) && err instanceof Error) {
      ctx.logf('DEBUG', 'juju.cmd', err.stack ?? message);
    }
    return code;
  }

  // ---- help ---------------------------------------------------------------

  private async runHelp(args: string[], ctx: Context): Promise<number> {
    const topic = args[0];
    if (topic === undefined || topic === 'basics') {
      ctx.out(this.opts.basicHelp);
      return 0;
    }
    if (topic === 'commands') {
      ctx.out(this.commandList());
      return 0;
    }
    if (topic === 'topics') {
      ctx.out(
        formatPairs([
          ['basics', 'Basic Help Summary'],
          ['commands', 'Basic help for all commands'],
          ['global-options', 'Options common to all commands'],
          ['topics', 'Topic list'],
        ]),
      );
      return 0;
    }
    if (topic === 'global-options') {
      const flags = new FlagSet();
      defineGlobalFlags(flags, defaultGlobals(ctx.env));
      ctx.out(
        `Global Options\n\nThese options may be used with any command, and may appear in front of any\ncommand.\n\n${formatFlagDefaults(flags.definitions())}\n`,
      );
      return 0;
    }
    const load = this.factories.get(topic);
    if (!load) {
      ctx.err(`ERROR unknown command or topic for ${topic}\n`);
      return 1;
    }
    const cmd = (await load())();
    const flags = new FlagSet();
    defineGlobalFlags(flags, defaultGlobals(ctx.env));
    cmd.setFlags(flags);
    ctx.out(this.helpPage(cmd, flags));
    return 0;
  }

  /** A command's help page in juju/cmd's layout. */
  helpPage(cmd: Command, flags: FlagSet): string {
    const info: CommandInfo = cmd.info();
    const globalNames = new Set(GLOBAL_FLAG_NAMES);
    const all = flags.definitions();
    const globalDefs = all.filter((d) => d.names.some((n) => globalNames.has(n)));
    const own = all.filter((d) => !globalDefs.includes(d));
    let text = `Usage: ${this.opts.name} ${info.name}`;
    if (own.length > 0) text += ' [options]';
    if (info.args) text += ` ${info.args}`;
    text += '\n';
    text += `\nSummary:\n${info.purpose.trim()}\n`;
    text += `\nGlobal Options:\n${formatFlagDefaults(globalDefs)}\n`;
    if (own.length > 0) text += `\nCommand Options:\n${formatFlagDefaults(own)}\n`;
    if (info.doc) text += `\nDetails:\n${info.doc.trim()}\n`;
    if (info.aliases && info.aliases.length > 0) text += `\nAliases: ${info.aliases.join(', ')}\n`;
    if (info.examples) text += `\nExamples:\n${info.examples.replace(/^\n+/, '').replace(/\s+$/, '')}\n`;
    if (info.seeAlso && info.seeAlso.length > 0) {
      text += `\nSee also:\n${info.seeAlso.map((s) => ` - ${s}\n`).join('')}`;
    }
    return text;
  }

  private commandList(): string {
    const names = [...this.purposes.keys(), 'help'].sort();
    const purposes = new Map(this.purposes);
    purposes.set('help', 'Show help on a command or other topic.');
    return formatPairs(names.map((n) => [n, purposes.get(n) ?? '']));
  }

  /** Names of every command and alias (for documentation and tests). */
  commandNames(): string[] {
    return [...this.factories.keys()].sort();
  }

  // ---- unknown commands, plugins, aliases -------------------------------------

  private async runMissing(name: string, args: string[], ctx: Context): Promise<number> {
    const plugin = findPlugin(name, ctx.env);
    if (plugin) return runPlugin(plugin, args, ctx);
    const suggestion = closestName(name, [...this.factories.keys(), 'help']);
    if (suggestion) {
      ctx.err(
        `ERROR ${this.opts.name}: ${JSON.stringify(name)} is not a juju command. See "juju --help".\n\nDid you mean:\n\t${suggestion}\n`,
      );
    } else {
      ctx.err(`ERROR unrecognized command: ${this.opts.name} ${name}\n`);
    }
    return 1;
  }

  private expandUserAlias(args: string[], ctx: Context): string[] {
    let text: string;
    try {
      text = readFileSync(join(this.opts.dataDir(ctx.env), 'aliases'), 'utf8');
    } catch {
      return args;
    }
    for (const line of text.split('\n')) {
      const m = /^\s*([^#=\s]+)\s*=\s*(.+?)\s*$/.exec(line);
      if (m && m[1] === args[0]) return [...(m[2] as string).split(/\s+/), ...args.slice(1)];
    }
    return args;
  }
}

// ---- global options -----------------------------------------------------------

const GLOBAL_FLAG_NAMES = ['debug', 'h', 'help', 'logging-config', 'quiet', 'q', 'show-log', 'verbose', 'v'];

function defaultGlobals(env: NodeJS.ProcessEnv): GlobalOptions {
  return {
    debug: false,
    verbose: false,
    quiet: false,
    showLog: false,
    loggingConfig: env.JUJU_LOGGING_CONFIG ?? '',
    help: false,
  };
}

interface GlobalRefs {
  help(): boolean;
  values(): GlobalOptions;
}

function defineGlobalFlags(flags: FlagSet, initial: GlobalOptions): GlobalRefs {
  const names = (...ns: string[]): string[] => ns.filter((n) => !flags.has(n));
  const debug = flags.bool(
    names('debug'),
    initial.debug,
    'Equivalent to --show-log --logging-config=<root>=DEBUG',
  );
  const help = flags.bool(names('h', 'help'), false, 'Show help on a command or other topic.');
  const logging = flags.string(
    names('logging-config'),
    initial.loggingConfig,
    'Specify log levels for modules',
  );
  const quiet = flags.bool(names('quiet'), initial.quiet, 'Show no informational output');
  const showLog = flags.bool(names('show-log'), initial.showLog, 'If set, write the log file to stderr');
  const verbose = flags.bool(names('verbose'), initial.verbose, 'Show more verbose output');
  return {
    help: () => help.value || initial.help,
    values: () => ({
      debug: debug.value,
      verbose: verbose.value,
      quiet: quiet.value,
      showLog: showLog.value,
      loggingConfig: logging.value,
      help: help.value,
    }),
  };
}

function applyGlobals(refs: GlobalRefs, ctx: Context): void {
  const g = refs.values();
  ctx.quiet = g.quiet;
  ctx.verbose = g.verbose;
  const level = g.debug ? 'DEBUG' : /<root>=(TRACE|DEBUG|INFO|WARNING|ERROR)/.exec(g.loggingConfig)?.[1];
  ctx.log = {
    showLog: g.showLog || g.debug,
    level: (level as 'TRACE' | 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | undefined) ?? 'INFO',
  };
}

/** Global options given before the sub-command (`juju --debug status`). */
function splitLeadingGlobals(argv: readonly string[]): {
  globals: string[];
  rest: string[];
  version: boolean;
  noAlias: boolean;
} {
  const globals: string[] = [];
  let version = false;
  let noAlias = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('-') || a === '-') break;
    if (a === '--version') version = true;
    else if (a === '--no-alias') noAlias = true;
    else if (a === '--logging-config' && i + 1 < argv.length) globals.push(a, argv[++i] as string);
    else globals.push(a);
  }
  return { globals, rest: argv.slice(i), version, noAlias };
}

function applyGlobalArgs(args: string[], into: GlobalOptions): void {
  if (args.length === 0) return;
  const flags = new FlagSet();
  const refs = defineGlobalFlags(flags, into);
  const leftover = flags.parse(args);
  if (leftover.length > 0) throw new UsageError(`unrecognized args: ${leftover.join(' ')}`);
  Object.assign(into, refs.values());
  if (refs.help()) into.help = true;
}

function formatPairs(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(...pairs.map(([n]) => n.length));
  return pairs.map(([n, p]) => `${n.padEnd(width)}  ${p}\n`).join('');
}

function findPlugin(name: string, env: NodeJS.ProcessEnv): string | null {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, `juju-${name}`);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

function runPlugin(path: string, args: string[], ctx: Context): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path, args, { stdio: 'inherit', env: ctx.env, cwd: ctx.cwd });
    child.on('error', (err) => {
      ctx.err(`ERROR ${err.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
