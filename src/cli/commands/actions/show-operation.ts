/**
 * `juju show-operation <id>`: an operation and its tasks (`Action.Operations`),
 * YAML by default. `--wait <duration>` or `--watch` wait for it to finish.
 */
import type { OperationResultWire } from '../../../rpc/params/action.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { OutputOptions } from '../../output/output-flags.js';
import { ActionApi } from './action-api.js';
import { formatGoJson, formatGoYaml } from './go-output.js';
import { formatOperationResult } from './operation-output.js';
import { NO_WAIT_MS, isActive, waitOrWatchFlags, type WaitOrWatch } from './run-base.js';

const POLL_MS = 500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class ShowOperationCommand extends ModelCommandBase {
  private readonly out = new OutputOptions('yaml', {
    yaml: (v) => formatGoYaml(v),
    json: (v) => formatGoJson(v),
  });
  private waitFlags!: WaitOrWatch;
  private utcFlag!: FlagRef<boolean>;
  private id = '';
  private waitMs = NO_WAIT_MS;

  info(): CommandInfo {
    return {
      name: 'show-operation',
      args: '<operation-id>',
      purpose: 'Show results of an operation.',
      doc: `Shows an operation: its summary, status, timing and each of its tasks.
By default it checks once and returns; --wait <duration> waits up to that
long for the operation to finish and --watch waits for as long as it takes.`,
      examples: `    juju show-operation 1
    juju show-operation 1 --wait=2m
    juju show-operation 1 --watch
`,
      seeAlso: ['run', 'operations', 'show-task'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out.setFlags(f);
    this.waitFlags = waitOrWatchFlags(f, 'Wait for results');
    this.utcFlag = f.bool('utc', false, 'Show times in UTC');
  }

  override init(args: string[]): void {
    this.waitMs = this.waitFlags.resolve();
    if (args.length === 0) throw new UsageError('no operation ID specified');
    this.id = args[0] as string;
    checkNoMoreArgs(args.slice(1));
  }

  protected async execute(ctx: Context): Promise<void> {
    const { conn } = await this.modelApi(ctx);
    const api = new ActionApi(conn);
    let result: OperationResultWire = await api.operation(this.id);
    if (this.waitMs >= 0) {
      const deadline = this.waitMs === 0 ? Number.POSITIVE_INFINITY : Date.now() + this.waitMs;
      while (isActive(result.status)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('timeout reached');
        await sleep(Math.min(POLL_MS, left));
        result = await api.operation(this.id);
      }
    }
    this.out.write(ctx, formatOperationResult(result, this.utcFlag.value, this.out.format === 'yaml'));
  }
}
