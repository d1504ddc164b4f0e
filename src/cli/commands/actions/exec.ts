/**
 * `juju exec (--all | --machine ids | -a apps | -u units) -- <command>`: runs a
 * shell command as the predefined `juju-exec` action (`Action.Run` /
 * `RunOnAllMachines`, model admins only): on units in a hook context, on
 * machines as a plain command. Waits 5 minutes by default; progress lines
 * only with `--verbose`.
 */
import { isValidApplicationName, isValidMachineId, isValidUnitName } from '../../../core/names.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import type { Formatter } from '../../output/output-flags.js';
import { ActionApi } from './action-api.js';
import { RunCommandBase } from './run-base.js';
import { printExecOutput } from './task-output.js';

const LEADER = /^([^/]+)\/leader$/;

/**
 * Joins command words into one shell command line as Juju does: `"`, `$`,
 * `` ` `` and `\` are backslash-escaped and words with white space are put in
 * double quotes.
 */
export function commandString(args: readonly string[]): string {
  return args
    .map((arg) => {
      const escaped = arg.replace(/["$`\\]/g, (c) => `\\${c}`);
      return /\s/.test(arg) ? `"${escaped}"` : escaped;
    })
    .join(' ');
}

/** A comma-separated list flag (each use replaces the list, as juju/cmd's StringsValue). */
function listFlag(f: FlagSet, names: string | readonly string[], usage: string): FlagRef<string[]> {
  return f.custom<string[]>(names, [], usage, (text) => text.split(','));
}

export class ExecCommand extends RunCommandBase {
  protected readonly defaultWaitMs = 5 * 60_000;
  protected override readonly hideProgress = true;
  private commands = '';
  private allFlag!: FlagRef<boolean>;
  private operatorFlag!: FlagRef<boolean>;
  private parallelFlag!: FlagRef<boolean>;
  private executionGroupFlag!: FlagRef<string>;
  private machinesFlag!: FlagRef<string[]>;
  private applicationsFlag!: FlagRef<string[]>;
  private unitsFlag!: FlagRef<string[]>;

  info(): CommandInfo {
    return {
      name: 'exec',
      args: '<commands>',
      purpose: 'Run the commands on the remote targets specified.',
      doc: `Runs a shell command on machines, or on units in a hook context, and waits
for the output (default 5m). Only model admins may use it. Units run the
command as root, machines as the ubuntu user.

Targets: --all (every machine), --machine 0,1, --application (-a, --app)
for every unit of an application, --unit (-u) for units, including
<application>/leader. Separate the command from juju's own options with --:

    juju exec --unit mysql/0 -- ls -l /var/lib

Commands on machines run in parallel by default; --parallel=false takes the
machine's execution lock first, and --execution-group runs commands of one
group in order. A command that exits non-zero makes juju exec fail after the
output is printed. Each run is a juju-exec task: see
juju operations --actions juju-exec.`,
      examples: `    juju exec --all -- hostname -f
    juju exec --unit hello/0 env
    juju exec --unit mysql/leader -- cat /etc/os-release
`,
      seeAlso: ['run', 'ssh'],
    };
  }

  protected plainFormatter(): Formatter {
    return (v) => printExecOutput(v as Record<string, unknown>);
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.allFlag = f.bool('all', false, 'Run the commands on all the machines');
    this.operatorFlag = f.bool('operator', false, 'Run the commands on the operator (k8s-only)');
    this.parallelFlag = f.bool(
      'parallel',
      true,
      'Run the commands in parallel without first acquiring a lock',
    );
    this.executionGroupFlag = f.string(
      'execution-group',
      '',
      'Commands in the same execution group are run sequentially',
    );
    this.machinesFlag = listFlag(f, 'machine', 'One or more machine ids');
    this.applicationsFlag = listFlag(f, ['a', 'app', 'application'], 'One or more application names');
    this.unitsFlag = listFlag(f, ['u', 'unit'], 'One or more unit ids');
  }

  override init(args: string[]): void {
    this.initWait();
    if (args.length === 0) throw new UsageError('no commands specified');
    // One argument is sent as is: it may already be a whole command line.
    this.commands = args.length === 1 ? (args[0] as string) : commandString(args);
    const machines = this.machinesFlag.value;
    const applications = this.applicationsFlag.value;
    const units = this.unitsFlag.value;
    if (this.allFlag.value) {
      if (machines.length > 0) throw new UsageError('You cannot specify --all and individual machines');
      if (applications.length > 0)
        throw new UsageError('You cannot specify --all and individual applications');
      if (units.length > 0) throw new UsageError('You cannot specify --all and individual units');
    } else if (machines.length === 0 && applications.length === 0 && units.length === 0) {
      throw new UsageError(
        'You must specify a target, either through --all, --machine, --application or --unit',
      );
    }
    const problems: string[] = [];
    for (const id of machines) {
      if (!isValidMachineId(id)) problems.push(`  ${JSON.stringify(id)} is not a valid machine id`);
    }
    for (const app of applications) {
      if (!isValidApplicationName(app))
        problems.push(`  ${JSON.stringify(app)} is not a valid application name`);
    }
    for (const unit of units) {
      const leader = LEADER.exec(unit);
      if (leader !== null && isValidApplicationName(leader[1] ?? '')) continue;
      if (!isValidUnitName(unit)) problems.push(`  ${JSON.stringify(unit)} is not a valid unit name`);
    }
    if (problems.length > 0) {
      throw new UsageError(`The following exec targets are not valid:\n${problems.join('\n')}`);
    }
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn, target } = await this.modelApi(ctx);
    const api = new ActionApi(conn);
    const caas = target.details.type === 'caas';
    if (caas && this.machinesFlag.value.length > 0) {
      throw new Error('unable to target machines with a k8s controller');
    }
    // Go sends the duration in nanoseconds.
    const timeoutNs = Math.round(this.waitMs * 1_000_000);
    let enqueued;
    if (this.allFlag.value) {
      enqueued = await api.runOnAllMachines(this.commands, timeoutNs);
    } else {
      if (this.operatorFlag.value && !caas) throw new Error('only k8s models support the --operator flag');
      enqueued = await api.run({
        commands: this.commands,
        timeout: timeoutNs,
        ...(this.machinesFlag.value.length > 0 ? { machines: this.machinesFlag.value } : {}),
        ...(this.applicationsFlag.value.length > 0 ? { applications: this.applicationsFlag.value } : {}),
        ...(this.unitsFlag.value.length > 0 ? { units: this.unitsFlag.value } : {}),
        ...(caas ? { 'workload-context': !this.operatorFlag.value } : {}),
        parallel: this.parallelFlag.value,
        'execution-group': this.executionGroupFlag.value,
      });
    }
    await this.operationResults(ctx, api, enqueued);
  }
}
