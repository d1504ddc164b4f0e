/**
 * `juju debug-log`: streams the model's log from the controller's
 * `/model/<uuid>/log` endpoint and prints it one line per record. On a
 * terminal it keeps following new records; when stdout is not a terminal it
 * stops after the stored ones (as if `--no-tail`), unless `--tail` is given.
 */
import { parseDuration } from '../../../core/duration.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { entityPattern } from './entity-filter.js';
import {
  formatLogJson,
  formatLogLine,
  parseLogStreamRecord,
  type LineFormatOptions,
} from './log-line-format.js';

/** Backlog lines shown by default. */
export const DEFAULT_LINE_COUNT = 10;

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR'] as const;

/** Go's strconv.ParseUint, as gnuflag's UintVar reports it. */
function parseUint(text: string): number {
  if (!/^\d+$/.test(text))
    throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

/** Colour on a terminal unless NO_COLOR or TERM=dumb (ansiterm's rule). */
function autoColor(ctx: Context): boolean {
  if (ctx.env['NO_COLOR'] !== undefined || ctx.env['TERM'] === 'dumb') return false;
  return ctx.isTerminal('stdout');
}

function parseFormat(text: string): 'text' | 'json' {
  if (text === 'text' || text === 'json') return text;
  throw new Error(`unknown format ${JSON.stringify(text)}`);
}

/** The `/log` query for the chosen options (Juju's DebugLogParams.URLQuery). */
export interface DebugLogQueryParams {
  readonly includeEntity: readonly string[];
  readonly excludeEntity: readonly string[];
  readonly includeModule: readonly string[];
  readonly excludeModule: readonly string[];
  readonly includeLabel: readonly string[];
  readonly excludeLabel: readonly string[];
  readonly level: string;
  readonly backlog: number;
  readonly limit: number;
  readonly replay: boolean;
  readonly noTail: boolean;
}

/** Builds the query string; repeated filters become repeated keys. */
export function debugLogQuery(p: DebugLogQueryParams): string {
  const q = new URLSearchParams();
  const many = (key: string, values: readonly string[]): void => values.forEach((v) => q.append(key, v));
  many('includeEntity', p.includeEntity);
  many('includeModule', p.includeModule);
  many('includeLabel', p.includeLabel);
  many('excludeEntity', p.excludeEntity);
  many('excludeModule', p.excludeModule);
  many('excludeLabel', p.excludeLabel);
  if (p.replay) q.set('replay', 'true');
  if (p.noTail) q.set('noTail', 'true');
  if (p.limit > 0) q.set('maxLines', String(p.limit));
  if (p.backlog > 0) q.set('backlog', String(p.backlog));
  if (p.level !== '') q.set('level', p.level);
  return q.toString();
}

export class DebugLogCommand extends ModelCommandBase {
  private include: FlagRef<string[]> | undefined;
  private exclude: FlagRef<string[]> | undefined;
  private includeModule: FlagRef<string[]> | undefined;
  private excludeModule: FlagRef<string[]> | undefined;
  private includeLabel: FlagRef<string[]> | undefined;
  private excludeLabel: FlagRef<string[]> | undefined;
  private levelFlag: FlagRef<string> | undefined;
  private lines: FlagRef<number> | undefined;
  private limit: FlagRef<number> | undefined;
  private replay: FlagRef<boolean> | undefined;
  private noTail: FlagRef<boolean> | undefined;
  private tail: FlagRef<boolean> | undefined;
  private color: FlagRef<boolean> | undefined;
  private utc: FlagRef<boolean> | undefined;
  private location: FlagRef<boolean> | undefined;
  private date: FlagRef<boolean> | undefined;
  private ms: FlagRef<boolean> | undefined;
  private retry: FlagRef<boolean> | undefined;
  private retryDelay: FlagRef<number> | undefined;
  private format: FlagRef<'text' | 'json'> | undefined;
  private level = '';

  info(): CommandInfo {
    return {
      name: 'debug-log',
      purpose: 'Displays log messages for a model.',
      doc: `Shows the log of every agent in the model, as the controller collected it.
Each line reads

  <entity>: <time> <level> <module> [<file:line>] <message>

where the entity is the machine or unit that logged it.

By default the last ${DEFAULT_LINE_COUNT} lines are shown and new ones follow as they
arrive. When output is not a terminal the command stops after the stored
lines instead (use --tail to keep following).

--include and --exclude pick entities: a unit (mysql/0), a machine (1),
an application (mysql, meaning all its units), or a full entity name
(unit-mysql-0, machine-1) where * is a wildcard. --include-module and
--exclude-module match dotted module names by prefix; --include-label and
--exclude-label match labels.

Values of the same option are ORed together; the different options are
ANDed to form the filter.`,
      examples: `Show new log lines, starting with the last 100 from every entity but machine 0:

    juju debug-log --exclude machine-0 --lines 100

Show at most 50 of the most recent lines of unit mysql/0, then exit:

    juju debug-log --include mysql/0 --limit 50

Show the whole log of apache/2 and machine 1, then exit:

    juju debug-log --replay --include apache/2 --include machine-1 --no-tail

Show every WARNING and ERROR line, then keep following:

    juju debug-log --replay --level WARNING
`,
      seeAlso: ['status', 'ssh'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.include = f.stringList(['i', 'include'], 'Only show log messages for these entities');
    this.exclude = f.stringList(['x', 'exclude'], 'Do not show log messages for these entities');
    this.includeModule = f.stringList('include-module', 'Only show log messages for these logging modules');
    this.excludeModule = f.stringList('exclude-module', 'Do not show log messages for these logging modules');
    this.includeLabel = f.stringList(
      ['include-label', 'include-labels'],
      'Only show log messages for these logging labels',
    );
    this.excludeLabel = f.stringList(
      ['exclude-label', 'exclude-labels'],
      'Do not show log messages for these logging labels',
    );
    this.levelFlag = f.string(
      ['l', 'level'],
      '',
      `Log level to show, one of [${LEVELS.join(', ')}]. Logs of higher severity (e.g. ERROR) will still be shown when a lower level (e.g. INFO) is selected`,
    );
    this.lines = f.custom(
      ['n', 'lines'],
      DEFAULT_LINE_COUNT,
      'Show this many of the most recent lines and continue to append new ones',
      parseUint,
      String(DEFAULT_LINE_COUNT),
    );
    this.limit = f.custom(
      'limit',
      0,
      'Show this many of the most recent lines and then exit',
      parseUint,
      '0',
    );
    this.replay = f.bool('replay', false, 'Show the entire log and continue to append new lines');
    this.noTail = f.bool('no-tail', false, 'Show existing log messages and then exit');
    this.tail = f.bool(
      'tail',
      false,
      'Show existing log messages and wait for new logs. This is the default behavior on a terminal',
    );
    this.color = f.bool('color', false, 'Force use of ANSI color codes');
    this.utc = f.bool('utc', false, 'Show times in UTC');
    this.location = f.bool('location', false, 'Show filename and line numbers');
    this.date = f.bool('date', false, 'Show dates as well as times');
    this.ms = f.bool('ms', false, 'Show times to millisecond precision');
    this.retry = f.bool('retry', false, 'Retry connection on failure');
    this.retryDelay = f.custom(
      'retry-delay',
      1000,
      'Retry delay between connection failure retries',
      parseDuration,
      '1s',
    );
    this.format = f.custom('format', 'text', 'Specify output format (json|text)', parseFormat, 'text');
  }

  override init(args: string[]): void {
    const levelText = this.levelFlag?.value ?? '';
    if (levelText !== '') {
      const upper = levelText.trim().toUpperCase();
      const name = upper === 'WARN' ? 'WARNING' : upper;
      if (!(LEVELS as readonly string[]).includes(name)) {
        throw new UsageError(
          `level value ${JSON.stringify(levelText)} is not one of ${LEVELS.map((l) => `"${l}"`).join(', ')}`,
        );
      }
      this.level = name;
    }
    if (this.tail?.value && this.noTail?.value)
      throw new UsageError('setting --tail and --no-tail not valid');
    if (this.noTail?.value && this.retry?.value)
      throw new UsageError('setting --no-tail and --retry not valid');
    if ((this.retryDelay?.value ?? 0) < 0) throw new UsageError('negative retry delay not valid');
    checkNoMoreArgs(args);
  }

  protected async execute(ctx: Context): Promise<void> {
    const warn = (message: string): void => ctx.logf('WARNING', 'juju.cmd.juju.commands', message);
    let noTail: boolean;
    if (this.tail?.value) noTail = false;
    else if (this.noTail?.value) noTail = true;
    else noTail = !ctx.isTerminal('stdout');
    const limit = this.limit?.value ?? 0;
    const query = debugLogQuery({
      includeEntity: (this.include?.value ?? []).map((v) => entityPattern(v, warn)),
      excludeEntity: (this.exclude?.value ?? []).map((v) => entityPattern(v, warn)),
      includeModule: this.includeModule?.value ?? [],
      excludeModule: this.excludeModule?.value ?? [],
      includeLabel: this.includeLabel?.value ?? [],
      excludeLabel: this.excludeLabel?.value ?? [],
      level: this.level,
      backlog: this.lines?.value ?? DEFAULT_LINE_COUNT,
      limit,
      replay: this.replay?.value ?? false,
      noTail,
    });
    const json = this.format?.value === 'json';
    const lineOpts: LineFormatOptions = {
      utc: this.utc?.value ?? false,
      date: this.date?.value ?? false,
      ms: this.ms?.value ?? false,
      location: this.location?.value ?? false,
      color: (this.color?.value ?? false) || autoColor(ctx),
    };
    const { conn, target } = await this.modelApi(ctx);
    const path = `/model/${encodeURIComponent(target.details.uuid)}/log${query === '' ? '' : `?${query}`}`;
    let shown = 0;
    for (;;) {
      const stream = await conn.openStream(path);
      for await (const text of stream) {
        const record = parseLogStreamRecord(text);
        if (record === null) continue;
        ctx.out(json ? formatLogJson(record) : formatLogLine(record, lineOpts));
        shown++;
      }
      // The server closed the stream: done, unless asked to retry (and the limit is not reached).
      if (!(this.retry?.value ?? false) || (limit > 0 && shown >= limit)) return;
      ctx.logf('DEBUG', 'juju.cmd.juju.commands', 'retrying to connect to debug log');
      await this.reconnectDelay();
    }
  }

  private reconnectDelay(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.retryDelay?.value ?? 1000));
  }
}
