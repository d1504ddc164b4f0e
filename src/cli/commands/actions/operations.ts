/**
 * `juju operations` (alias `list-operations`): operations of the model
 * (`Action.ListOperations`), filtered by application, unit, machine, action
 * name and status, paged with `--offset`/`--limit`. Plain output is a table;
 * YAML/JSON map operation ids to the same shape `show-operation` prints.
 */
import { isValidApplicationName, isValidMachineId, isValidUnitName } from '../../../core/names.js';
import type { OperationQueryArgs, OperationResultWire } from '../../../rpc/params/action.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { OutputOptions } from '../../output/output-flags.js';
import { TabWriter } from '../../output/tabwriter.js';
import { tagIdOf } from './action-api.js';
import { formatGoJson, formatGoYaml, goPlainTime, isZeroTime } from './go-output.js';
import { formatOperationResult } from './operation-output.js';

const TASK_STATUSES = [
  'pending',
  'running',
  'completed',
  'failed',
  'cancelled',
  'aborting',
  'aborted',
  'error',
];
const DEFAULT_MAX_OPERATIONS = 50;
const MAX_TASK_IDS = 5;

/** Operations by numeric id (non-numeric legacy ids first, by text). */
export function compareOperationIds(a: string, b: string): number {
  const x = /^\d+$/.test(a);
  const y = /^\d+$/.test(b);
  if (x && y) return Number(a) - Number(b);
  if (x !== y) return x ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The plain table: `ID Status Started Finished Task IDs Summary`, ids right-aligned. */
export function operationsTable(operations: readonly OperationResultWire[], utc: boolean): string {
  const tw = new TabWriter({ alignRight: new Set([0]) });
  tw.row('ID', 'Status', 'Started', 'Finished', 'Task IDs', 'Summary');
  const time = (t: string | undefined): string =>
    t === undefined || isZeroTime(t) ? '' : goPlainTime(t, utc);
  for (const op of operations) {
    let status = op.status ?? '';
    const tasks: string[] = [];
    for (const a of op.actions ?? []) {
      if (a.action === undefined) {
        status = 'error';
        continue;
      }
      tasks.push(tagIdOf(a.action.tag));
    }
    let taskText = tasks.slice(0, MAX_TASK_IDS).join(',');
    if (tasks.length > MAX_TASK_IDS) taskText += '...';
    tw.row(tagIdOf(op.operation), status, time(op.started), time(op.completed), taskText, op.summary);
  }
  return tw.toString();
}

const listFlag = (f: FlagSet, names: string | readonly string[], usage: string): FlagRef<string[]> =>
  f.custom<string[]>(names, [], usage, (text) => text.split(','));

const uintFlag = (f: FlagSet, name: string, usage: string): FlagRef<number> =>
  f.custom(
    name,
    0,
    usage,
    (text) => {
      if (!/^\+?\d+$/.test(text))
        throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
      return Number.parseInt(text, 10);
    },
    '0',
  );

export class ListOperationsCommand extends ModelCommandBase {
  private readonly out = new OutputOptions('plain', {
    plain: (v) => operationsTable(v as OperationResultWire[], this.utcFlag.value),
    yaml: (v) => formatGoYaml(v),
    json: (v) => formatGoJson(v),
  });
  private utcFlag!: FlagRef<boolean>;
  private applicationsFlag!: FlagRef<string[]>;
  private unitsFlag!: FlagRef<string[]>;
  private machinesFlag!: FlagRef<string[]>;
  private actionsFlag!: FlagRef<string[]>;
  private statusFlag!: FlagRef<string[]>;
  private limitFlag!: FlagRef<number>;
  private offsetFlag!: FlagRef<number>;

  info(): CommandInfo {
    return {
      name: 'operations',
      purpose:
        'Lists pending, running, or completed operations for specified application, units, machines, or all.',
      doc: `Lists operations matching every filter given. An application stands for all
of its units. Without filters it lists the operations run on units; to see
juju exec on machines, filter on --actions juju-exec or --machines.`,
      examples: `    juju operations
    juju operations --format yaml
    juju operations --actions juju-exec
    juju operations --actions backup,restore
    juju operations --apps mysql,mediawiki
    juju operations --units mysql/0,mediawiki/1
    juju operations --machines 0,1
    juju operations --status pending,completed
    juju operations --apps mysql --units mediawiki/0 --status running --actions backup
`,
      aliases: ['list-operations'],
      seeAlso: ['run', 'show-operation', 'show-task'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
    this.utcFlag = f.bool('utc', false, 'Show times in UTC');
    this.applicationsFlag = listFlag(
      f,
      ['applications', 'apps'],
      'Comma separated list of applications to filter on',
    );
    this.unitsFlag = listFlag(f, 'units', 'Comma separated list of units to filter on');
    this.machinesFlag = listFlag(f, 'machines', 'Comma separated list of machines to filter on');
    this.actionsFlag = listFlag(f, 'actions', 'Comma separated list of actions names to filter on');
    this.statusFlag = listFlag(f, 'status', 'Comma separated list of operation status values to filter on');
    this.limitFlag = uintFlag(f, 'limit', 'The maximum number of operations to return');
    this.offsetFlag = uintFlag(f, 'offset', 'Return operations from offset onwards');
  }

  override init(args: string[]): void {
    const problems: string[] = [];
    for (const app of this.applicationsFlag.value) {
      if (!isValidApplicationName(app)) problems.push(`invalid application name ${JSON.stringify(app)}`);
    }
    for (const unit of this.unitsFlag.value) {
      if (!isValidUnitName(unit)) problems.push(`invalid unit name ${JSON.stringify(unit)}`);
    }
    for (const machine of this.machinesFlag.value) {
      if (!isValidMachineId(machine)) problems.push(`invalid machine id ${JSON.stringify(machine)}`);
    }
    for (const status of this.statusFlag.value) {
      if (!TASK_STATUSES.includes(status)) {
        problems.push(
          `${JSON.stringify(status)} is not a valid task status, want one of [${TASK_STATUSES.join(' ')}]`,
        );
      }
    }
    if (problems.length > 0) throw new UsageError(problems.join('\n'));
    checkNoMoreArgs(args);
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const query: OperationQueryArgs = {};
    if (this.applicationsFlag.value.length > 0) query.applications = this.applicationsFlag.value;
    if (this.unitsFlag.value.length > 0) query.units = this.unitsFlag.value;
    if (this.machinesFlag.value.length > 0) query.machines = this.machinesFlag.value;
    if (this.actionsFlag.value.length > 0) query.actions = this.actionsFlag.value;
    if (this.statusFlag.value.length > 0) query.status = this.statusFlag.value;
    const offset = this.offsetFlag.value;
    const limit = this.limitFlag.value;
    if (offset !== 0) query.offset = offset;
    if (limit !== 0) query.limit = limit;
    const reply = await conn.call<{ results?: OperationResultWire[]; truncated?: boolean }>(
      'Action',
      'ListOperations',
      query,
    );
    const operations = [...(reply.results ?? [])].sort((a, b) =>
      compareOperationIds(tagIdOf(a.operation), tagIdOf(b.operation)),
    );
    if (operations.length === 0) {
      ctx.infof('no matching operations');
      return;
    }
    if (this.out.format === 'plain') {
      const truncated = reply.truncated === true;
      if (offset > 0 || truncated) {
        ctx.out(`Displaying operation results ${offset + 1} to ${offset + operations.length}.\n`);
        if (truncated) {
          const shown = limit === 0 ? DEFAULT_MAX_OPERATIONS : limit;
          ctx.out(
            `Run the command again with --offset=${offset + shown} --limit=${shown} to see the next batch.\n\n`,
          );
        }
      }
      this.out.write(ctx, operations);
      return;
    }
    const yaml = this.out.format === 'yaml';
    const out: Record<string, unknown> = {};
    for (const op of operations)
      out[tagIdOf(op.operation)] = formatOperationResult(op, this.utcFlag.value, yaml);
    this.out.write(ctx, out);
  }
}
