/**
 * `juju show-task <id>`: a task's status and results (`Action.Actions`).
 * Returns at once by default; `--wait <duration>` or `--watch` (for ever)
 * wait for a pending or running task, printing its log lines on stderr.
 */
import type { ActionResultWire } from '../../../rpc/params/action.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { OutputOptions } from '../../output/output-flags.js';
import { ActionApi } from './action-api.js';
import { formatGoJson, formatGoYaml } from './go-output.js';
import { NO_WAIT_MS, isActive, waitForTask, waitOrWatchFlags, type WaitOrWatch } from './run-base.js';
import { formatActionResult, formatLogMessage, printPlainOutput } from './task-output.js';

/** `--wait` unset: check once and return. */

/** Task ids are numbers (or legacy UUIDs). */
export const TASK_ID = /^(?:0|[1-9][0-9]*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export class ShowTaskCommand extends ModelCommandBase {
  private readonly out = new OutputOptions('plain', {
    plain: (v) => printPlainOutput(v as Record<string, unknown>),
    yaml: (v) => formatGoYaml(v),
    json: (v) => formatGoJson(v),
  });
  private waitFlags!: WaitOrWatch;
  private utcFlag!: FlagRef<boolean>;
  private id = '';
  private waitMs = NO_WAIT_MS;

  info(): CommandInfo {
    return {
      name: 'show-task',
      args: '<task ID>',
      purpose: 'Show results of a task by ID.',
      doc: `Shows the status and results of a task. By default it checks once and
returns, showing whatever is known for a pending task. --wait <duration>
(e.g. --wait 5s) waits up to that long for the task to finish and --watch
waits for as long as it takes; both print the task's log lines as they come.`,
      examples: `    juju show-task 1
    juju show-task 1 --wait=2m
    juju show-task 1 --watch
`,
      seeAlso: ['cancel-task', 'run', 'operations', 'show-operation'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
    this.waitFlags = waitOrWatchFlags(f, 'Maximum wait time for a task to complete');
    this.utcFlag = f.bool('utc', false, 'Show times in UTC');
  }

  override init(args: string[]): void {
    this.waitMs = this.waitFlags.resolve();
    if (args.length === 0) throw new UsageError('no task ID specified');
    const id = args[0] as string;
    if (!TASK_ID.test(id)) throw new UsageError(`task ID ${JSON.stringify(id)} not valid`);
    this.id = id;
    checkNoMoreArgs(args.slice(1));
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const api = new ActionApi(conn);
    const utc = this.utcFlag.value;
    let result: ActionResultWire = await api.task(this.id);
    if (this.waitMs >= 0 && isActive(result.status)) {
      // Zero waits for ever.
      const deadline = this.waitMs === 0 ? Number.POSITIVE_INFINITY : Date.now() + this.waitMs;
      let haveLogs = false;
      try {
        result = await waitForTask(api, this.id, deadline, (m) => {
          haveLogs = true;
          ctx.err(`${formatLogMessage(m, true, utc)}\n`);
        });
      } finally {
        if (haveLogs) ctx.err('\n');
      }
    }
    const { map } = formatActionResult(this.id, result, utc);
    this.out.write(ctx, this.out.format === 'plain' ? { [this.id]: map } : map);
  }
}
