/**
 * `juju show-status-log <entity>`: the past statuses of a unit (workload
 * and agent), application, machine or the model, from
 * `Client.StatusHistory`, oldest first.
 */
import { errorMessage, JujuError } from '../../../core/errors.js';
import { formatStatusSince } from '../../../core/format/human-time.js';
import {
  applicationTag,
  isValidApplicationName,
  isValidMachineId,
  isValidUnitName,
  machineTag,
  modelTag,
  unitTag,
} from '../../../core/names.js';
import type { DetailedStatus } from '../../../rpc/params/status.js';
import type { StatusHistoryFilter, StatusHistoryResults } from '../../../rpc/params/status-history.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError, parseBool } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { TabWriter } from '../../output/tabwriter.js';
import { colorEnabled, colorStatus } from './colors.js';

const ISO_TIME_ENV = 'JUJU_STATUS_ISO_TIME';
const DEFAULT_BACKLOG = 20;
const NANOS_PER_DAY = 24 * 3600 * 1e9;

/** The `--type` values (Juju's history kinds, sorted) and what each shows. */
export const HISTORY_KINDS: Readonly<Record<string, string>> = {
  application: 'an application',
  container: 'a container as its host provisions it',
  'juju-container': "a container's machine agent",
  'juju-machine': "a machine's agent",
  'juju-unit': "a unit's agent",
  machine: 'a machine as the cloud provisions it',
  model: 'the model itself (no entity argument)',
  saas: 'a SAAS (offered) application',
  unit: "a unit's workload and agent together",
  workload: "a unit's workload",
};

/** One printed entry; keys and omission as Juju's `DetailedStatus` YAML/JSON tags. */
export interface HistoryEntryView {
  status?: string;
  message?: string;
  data?: Record<string, unknown>;
  since?: string;
  type?: string;
}

/** Go's RFC3339Nano text of a wire time (fraction without trailing zeros). */
export function goTimeText(wire: string): string {
  const d = new Date(wire);
  if (Number.isNaN(d.getTime())) return wire;
  const iso = d.toISOString();
  const fraction = (/\.(\d+)Z$/.exec(iso)?.[1] ?? '').replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction === '' ? '' : `.${fraction}`}Z`;
}

/** The printed form of a history entry, empty fields left out. */
export function historyEntryView(s: DetailedStatus): HistoryEntryView {
  const view: HistoryEntryView = {};
  if (s.status) view.status = s.status;
  if (s.info) view.message = s.info;
  if (s.data && Object.keys(s.data).length > 0) view.data = s.data;
  if (s.since) view.since = goTimeText(s.since);
  if (s.kind) view.type = s.kind;
  return view;
}

/**
 * go-yaml writes times as plain scalars; our YAML writer quotes
 * timestamp-looking strings, so `since` values are unquoted afterwards.
 */
function unquoteSince(yaml: string): string {
  return yaml.replace(/^(\s*(?:- )?since: )"([0-9T:.Z+-]+)"$/gm, '$1$2');
}

/** The `Time  Type  Status  Message` table. */
export function formatHistoryTabular(
  entries: readonly HistoryEntryView[],
  utc: boolean,
  color: boolean,
): string {
  const tw = new TabWriter();
  tw.row('Time', 'Type', 'Status', 'Message');
  for (const e of entries) {
    const time = e.since !== undefined ? formatStatusSince(new Date(e.since), utc) : '';
    tw.row(time, e.type ?? '', colorStatus(e.status ?? '', color), e.message ?? '');
  }
  return tw.toString();
}

const pad4 = /^\d{4}/;
const pad2 = /^\d{2}/;

/**
 * Go's `time.Parse("2006-01-02", text)` as midnight UTC, with Go's error
 * wording for text that does not fit.
 */
export function parseBacklogDate(text: string): Date {
  const quoted = JSON.stringify(text);
  const cannot = (rest: string, elem: string): never => {
    throw new Error(
      `parsing time ${quoted} as "2006-01-02": cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`,
    );
  };
  let rest = text;
  const number = (re: RegExp, width: number, elem: string): number => {
    if (!re.test(rest)) cannot(rest, elem);
    const n = Number(rest.slice(0, width));
    rest = rest.slice(width);
    return n;
  };
  const dash = (): void => {
    if (!rest.startsWith('-')) cannot(rest, '-');
    rest = rest.slice(1);
  };
  const year = number(pad4, 4, '2006');
  dash();
  const month = number(pad2, 2, '01');
  if (month < 1 || month > 12) throw new Error(`parsing time ${quoted}: month out of range`);
  dash();
  const day = number(pad2, 2, '02');
  if (rest !== '') throw new Error(`parsing time ${quoted}: extra text: ${JSON.stringify(rest)}`);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (day < 1 || date.getUTCMonth() !== month - 1)
    throw new Error(`parsing time ${quoted}: day out of range`);
  return date;
}

export class ShowStatusLogCommand extends ModelCommandBase {
  private entityName = '';
  private filter: StatusHistoryFilter = { size: DEFAULT_BACKLOG, date: null, delta: null, exclude: null };
  private isoTime = false;
  private useColor = false;
  private kind: FlagRef<string> | undefined;
  private backlogSize: FlagRef<number> | undefined;
  private backlogDays: FlagRef<number> | undefined;
  private backlogDate: FlagRef<string> | undefined;
  private utc: FlagRef<boolean> | undefined;
  private readonly out = new OutputOptions('tabular', {
    json: (v) => formatJson(v),
    tabular: (v) => formatHistoryTabular(v as HistoryEntryView[], this.isoTime, this.useColor),
    yaml: (v) => unquoteSince(formatYaml(v)),
  });

  info(): CommandInfo {
    const kinds = Object.entries(HISTORY_KINDS)
      .map(([k, d]) => `    ${k}:  ${d}`)
      .join('\n');
    return {
      name: 'show-status-log',
      args: '<entity name>',
      purpose: 'Output past statuses for the specified entity.',
      doc: `Shows how the status of an entity changed over time, oldest first: by
default its last 20 changes, or (one of these) the last N with -n, those of
the past few days with --days, or those after a date with --from-date.

--type chooses which statuses to show (unit by default):
${kinds}

Times are local unless --utc is given (or JUJU_STATUS_ISO_TIME=true).`,
      examples: `    juju show-status-log mysql/0
    juju show-status-log --type juju-unit -n 5 mysql/0
    juju show-status-log --type machine --days 2 0
    juju show-status-log --type model
`,
      seeAlso: ['status', 'debug-log'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.kind = f.string('type', 'unit', `Which statuses to show [${Object.keys(HISTORY_KINDS).join('|')}]`);
    this.backlogSize = f.int('n', 0, 'Show the last N changes (not with --days or --from-date)');
    this.backlogDays = f.int('days', 0, 'Show the changes of the past N days (not with -n or --from-date)');
    this.backlogDate = f.string(
      'from-date',
      '',
      'Show the changes after this date, as YYYY-MM-DD (not with -n or --days)',
    );
    this.utc = f.bool('utc', false, 'Show times in UTC');
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    const kind = this.kind?.value ?? 'unit';
    if (args.length > 1) throw new UsageError('unexpected arguments after entity name.');
    if (args.length === 0 && kind !== 'model') throw new UsageError('entity name is missing.');
    this.entityName = args[0] ?? '';
    let size = this.backlogSize?.value ?? 0;
    const days = this.backlogDays?.value ?? 0;
    const dateText = this.backlogDate?.value ?? '';
    const setCount = [size !== 0, days !== 0, dateText !== ''].filter(Boolean).length;
    if (setCount === 0) size = DEFAULT_BACKLOG;
    if (setCount > 1)
      throw new UsageError('backlog size, backlog date and backlog days back cannot be specified together');
    let date: Date | undefined;
    if (dateText !== '') {
      try {
        date = parseBacklogDate(dateText);
      } catch (err) {
        throw new UsageError(`parsing backlog date: ${errorMessage(err)}`);
      }
    }
    if (!Object.hasOwn(HISTORY_KINDS, kind))
      throw new UsageError(`unexpected status type ${JSON.stringify(kind)}`);
    this.filter = {
      size,
      date: date !== undefined ? date.toISOString().replace('.000Z', 'Z') : null,
      delta: days !== 0 ? days * NANOS_PER_DAY : null,
      exclude: null,
    };
  }

  /** `--utc`, else `JUJU_STATUS_ISO_TIME` (Juju reads it in Init; the environment is only known here). */
  private readIsoTime(ctx: Context): boolean {
    if (this.utc?.value) return true;
    const envIso = ctx.env[ISO_TIME_ENV];
    if (envIso === undefined || envIso === '') return false;
    try {
      return parseBool(envIso);
    } catch (err) {
      throw new UsageError(`invalid ${ISO_TIME_ENV} env var, expected true|false: ${errorMessage(err)}`);
    }
  }

  /** The entity's tag for the kind, checking its name first. */
  private tag(kind: string, modelUuid: string): string {
    const name = this.entityName;
    switch (kind) {
      case 'model':
        return modelTag(modelUuid);
      case 'unit':
      case 'workload':
      case 'juju-unit':
        if (!isValidUnitName(name))
          throw new JujuError('', `${JSON.stringify(name)} is not a valid name for a ${kind}`);
        return unitTag(name);
      case 'application':
      case 'saas':
        if (!isValidApplicationName(name))
          throw new JujuError('', `${JSON.stringify(name)} is not a valid name for an application`);
        return applicationTag(name);
      default:
        if (!isValidMachineId(name))
          throw new JujuError('', `${JSON.stringify(name)} is not a valid name for a ${kind}`);
        return machineTag(name);
    }
  }

  protected async execute(ctx: Context): Promise<void> {
    this.isoTime = this.readIsoTime(ctx);
    const filter = this.filter;
    const kind = this.kind?.value ?? 'unit';
    this.useColor = colorEnabled({
      color: false,
      noColor: false,
      tty: ctx.isTerminal('stdout'),
      env: ctx.env,
    });
    const target = await this.resolvedModel(ctx);
    const tag = this.tag(kind, target.details.uuid);
    const conn = await this.open(ctx, target.controller, target.details.uuid);
    const reply = await conn.call<StatusHistoryResults>('Client', 'StatusHistory', {
      requests: [{ historyKind: kind, size: 0, filter, tag }],
    });
    const results = reply?.results ?? [];
    if (results.length !== 1) throw new JujuError('', `expected 1 result got ${results.length}`);
    const result = results[0] as StatusHistoryResults['results'][number];
    if (result.error) {
      throw new JujuError(result.error.code ?? '', `while processing the request: ${result.error.message}`);
    }
    if (result.history?.error)
      throw new JujuError(result.history.error.code ?? '', result.history.error.message);
    const statuses = result.history?.statuses ?? [];
    if (statuses.length === 0) throw new JujuError('', 'no status history available');
    this.out.write(ctx, statuses.map(historyEntryView));
  }
}
