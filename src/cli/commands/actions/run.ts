/**
 * `juju run <unit> [<unit>...] <action> [key=value ...]`: runs a charm action
 * on units of one application (`Action.EnqueueOperation`), waits for the
 * tasks (60 s unless `--wait` says otherwise, also for `--wait 0`) and prints
 * their results; `--background` only schedules them.
 */
import { isValidApplicationName } from '../../../core/names.js';
import type { ActionWire } from '../../../rpc/params/action.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import type { Formatter } from '../../output/output-flags.js';
import { ActionApi } from './action-api.js';
import { actionParameters, NAME_RULE, parseKeyValueArgs, type KeyValueArg } from './action-params.js';
import { RunCommandBase } from './run-base.js';
import { printPlainOutput } from './task-output.js';

/** `app/3` or `app/leader`; the application is the first group. */
const UNIT_OR_LEADER = /^([^/]+)\/(0|[1-9][0-9]*|leader)$/;

/** The unit tag `juju run` sends (`unit-app-3`), or `app/leader` as written. */
function receiverFor(unit: string): string {
  if (unit.endsWith('leader')) return unit;
  const slash = unit.lastIndexOf('/');
  return `unit-${unit.slice(0, slash)}-${unit.slice(slash + 1)}`;
}

export class RunCommand extends RunCommandBase {
  protected readonly defaultWaitMs = 60_000;
  private units: string[] = [];
  private actionName = '';
  private args: KeyValueArg[] = [];
  private paramsFlag!: FlagRef<string>;
  private stringArgsFlag!: FlagRef<boolean>;

  info(): CommandInfo {
    return {
      name: 'run',
      args: '<unit> [<unit> ...] <action-name> [<key>=<value> [<key>[.<key> ...]=<value>]]',
      purpose: 'Run an action on a specified unit.',
      doc: `Runs a charm action on the given units, which must all belong to one
application, and waits for the results. Each unit runs the action as a task
of one operation; see them later with juju show-operation and juju show-task.

A unit may be given as <application>/leader for the application's leader.
Parameters are checked against the action's schema (juju actions <app>
--schema). They can come from a YAML file (--params) and from key=value
arguments, which win over the file; nested keys are written key.sub=value.
Values are read as YAML unless --string-args is given (so y stays "y").

--background only schedules the tasks; --wait sets how long to wait for
them (default 60s). A task that exits with a non-zero return code makes the
command fail after its results are printed.`,
      examples: `    juju run mysql/3 backup --background
    juju run mysql/3 backup --wait=2m
    juju run mysql/3 backup --format yaml
    juju run mysql/leader backup
    juju run mysql/3 backup --params parameters.yml
    juju run mysql/3 backup out=out.tar.bz2 file.kind=xz file.quality=high
    juju run sleeper/0 pause --string-args time=1000
`,
      seeAlso: ['operations', 'show-operation', 'show-task'],
    };
  }

  protected plainFormatter(): Formatter {
    return (v) => printPlainOutput(v as Record<string, unknown>);
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.paramsFlag = f.string('params', '', 'Path to yaml-formatted params file');
    this.stringArgsFlag = f.bool('string-args', false, 'Use raw string values of CLI args');
  }

  override init(args: string[]): void {
    this.initWait();
    const applications = new Set<string>();
    let consumed = 0;
    for (const arg of args) {
      const unit = UNIT_OR_LEADER.exec(arg);
      if (unit !== null && isValidApplicationName(unit[1] ?? '')) {
        applications.add(unit[1] ?? '');
        this.units.push(arg);
        consumed++;
      } else if (NAME_RULE.test(arg)) {
        this.actionName = arg;
        consumed++;
        break;
      } else {
        throw new UsageError(`invalid unit or action name ${JSON.stringify(arg)}`);
      }
    }
    if (this.units.length === 0) throw new UsageError('no unit specified');
    if (this.actionName === '') throw new UsageError('no action specified');
    if (applications.size > 1) throw new UsageError('all units must be of the same application');
    this.args = parseKeyValueArgs(args.slice(consumed));
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const api = new ActionApi(conn);
    const file = this.paramsFlag.value;
    const parameters = actionParameters(
      file === '' ? undefined : ctx.path(file),
      this.args,
      this.stringArgsFlag.value,
    );
    const actions: ActionWire[] = this.units.map((unit) => ({
      tag: '',
      receiver: receiverFor(unit),
      name: this.actionName,
      parameters,
    }));
    const enqueued = await api.enqueueOperation(actions);
    if ((enqueued.actions ?? []).length !== actions.length)
      throw new Error('illegal number of results returned');
    await this.operationResults(ctx, api, enqueued);
  }
}
