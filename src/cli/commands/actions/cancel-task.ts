/**
 * `juju cancel-task <id> ...`: cancels pending tasks (they never run) and
 * asks agents to abort running ones (`Action.Cancel`), printing what was
 * cancelled.
 */
import type { ActionResultWire } from '../../../rpc/params/action.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { OutputOptions } from '../../output/output-flags.js';
import { ActionApi, tagIdOf } from './action-api.js';
import { formatGoJson, formatGoYaml, isZeroTime } from './go-output.js';
import { receiverOf } from './task-output.js';
import { TASK_ID } from './show-task.js';

/** One cancelled task as printed: action, id, unit, status, `completed at`. */
function resultToMap(result: ActionResultWire): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  if (result.error) item['error'] = result.error.message;
  if (result.action) {
    item['action'] = result.action.name;
    item['id'] = tagIdOf(result.action.tag);
    const r = receiverOf(result.action.receiver);
    item['unit'] = r?.kind === 'unit' ? r.id : result.action.receiver;
  }
  item['status'] = result.status ?? '';
  const completed = result.completed;
  item['completed at'] =
    completed === undefined || isZeroTime(completed)
      ? 'n/a'
      : new Date(completed).toISOString().slice(0, 19).replace('T', ' ');
  return item;
}

export class CancelTaskCommand extends ModelCommandBase {
  private readonly out = new OutputOptions('yaml', {
    yaml: (v) => formatGoYaml(v),
    json: (v) => formatGoJson(v),
  });
  private ids: string[] = [];

  info(): CommandInfo {
    return {
      name: 'cancel-task',
      args: '(<task-id>|<task-id-prefix>) [...]',
      purpose: 'Cancel pending or running tasks.',
      doc: `Cancels the tasks with the given IDs: pending ones will not run, running
ones are aborted by their agent.`,
      examples: `    juju cancel-task 2
    juju cancel-task 2 3 4
`,
      seeAlso: ['show-task', 'operations'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
  }

  override init(args: string[]): void {
    for (const arg of args) {
      if (!TASK_ID.test(arg)) throw new UsageError(`task ID ${JSON.stringify(arg)} not valid`);
    }
    this.ids = args;
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    if (this.ids.length === 0) throw new Error('no task IDs specified');
    const results = await new ActionApi(conn).cancel(this.ids);
    if (results.length === 0) throw new Error('no tasks found, no tasks have been canceled');
    const cancelled: ActionResultWire[] = [];
    const failed: { id: string; result: ActionResultWire }[] = [];
    results.forEach((result, i) => {
      if (result.action !== undefined) cancelled.push(result);
      else failed.push({ id: this.ids[i] ?? '', result });
    });
    if (cancelled.length > 0) this.out.write(ctx, { actions: cancelled.map(resultToMap) });
    if (failed.length > 0) {
      let message = 'The following tasks could not be canceled:\n';
      for (const f of failed) message += `task: ${f.id}, error: ${f.result.message ?? ''}\n`;
      ctx.warningf(message);
    }
  }
}
