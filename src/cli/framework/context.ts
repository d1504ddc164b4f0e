/**
 * What a running command may touch: its streams, environment, working
 * directory, and Juju's informational-output rules (`--quiet`, `--verbose`).
 * Progress and warnings go to stderr; results to stdout.
 */
import * as readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface Streams {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export interface LogOptions {
  /** Write the client log to stderr (`--show-log`, `--debug`). */
  readonly showLog: boolean;
  readonly level: 'TRACE' | 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
}

const LEVEL_ORDER = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR'] as const;

export class Context {
  quiet = false;
  verbose = false;
  log: LogOptions = { showLog: false, level: 'WARNING' };
  private lineReader: AsyncIterator<string> | undefined;

  constructor(
    readonly streams: Streams,
    readonly env: NodeJS.ProcessEnv,
    readonly cwd: string,
  ) {}

  /** Write to stdout. */
  out(text: string): void {
    this.streams.stdout.write(text);
  }

  /** Write to stderr unconditionally. */
  err(text: string): void {
    this.streams.stderr.write(text);
  }

  /** Informational line on stderr, hidden by --quiet. */
  infof(text: string): void {
    if (!this.quiet) this.streams.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Extra detail on stderr, only with --verbose. */
  verbosef(text: string): void {
    if (this.verbose && !this.quiet) this.infof(text);
  }

  warningf(text: string): void {
    this.streams.stderr.write(`WARNING ${text}\n`);
  }

  /** A client log line, shown with --show-log/--debug in Juju's layout. */
  logf(level: LogOptions['level'], module: string, text: string): void {
    if (!this.log.showLog) return;
    if (LEVEL_ORDER.indexOf(level) < LEVEL_ORDER.indexOf(this.log.level)) return;
    const t = new Date().toTimeString().slice(0, 8);
    this.streams.stderr.write(`${t} ${level} ${module} ${text}\n`);
  }

  isTerminal(stream: 'stdin' | 'stdout'): boolean {
    const s = this.streams[stream] as { isTTY?: boolean };
    return s.isTTY === true;
  }

  /** Prompt on stderr and read one line from stdin; null at end of input. */
  async readLine(prompt: string): Promise<string | null> {
    this.streams.stderr.write(prompt);
    this.lineReader ??= readline
      .createInterface({ input: this.streams.stdin, terminal: false })
      [Symbol.asyncIterator]();
    const next = await this.lineReader.next();
    return next.done ? null : next.value;
  }

  /** Resolve a path the user typed relative to the command's working directory. */
  path(p: string): string {
    if (p.startsWith('~/')) return `${this.env.HOME ?? ''}/${p.slice(2)}`;
    return p.startsWith('/') ? p : `${this.cwd}/${p}`;
  }
}
