/**
 * What `juju run` and `juju exec` share: the output and waiting options, and
 * what happens after the operation is enqueued — progress lines on stderr,
 * scheduling errors, `--background`, waiting for each task (polling
 * `Action.Actions`, printing `action-log` lines of a single task as they
 * arrive), the results on stdout and the exit status: a task with a return
 * code of 1 or more fails the command after its results are printed.
 */
import { parseDuration } from '../../../core/duration.js';
import type { ActionResultWire, EnqueuedActionsWire } from '../../../rpc/params/action.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { OutputOptions, type Formatter } from '../../output/output-flags.js';
import { tagIdOf, type ActionApi } from './action-api.js';
import { formatGoJson, formatGoYaml } from './go-output.js';
import { formatActionResult, formatLogMessage, readableReceiver, receiverId } from './task-output.js';

/** A Go duration flag holding milliseconds (`0.001s`, `2m`, `-1s`). */
export function durationFlag(
  flags: FlagSet,
  name: string,
  defaultMs: number,
  defaultText: string,
  usage: string,
): FlagRef<number> {
  return flags.custom(name, defaultMs, usage, (text) => parseDuration(text), defaultText);
}

/** `--wait` / `--watch` of show-task and show-operation; `resolve` gives the wait in ms. */
export interface WaitOrWatch {
  /** -1000 (Juju's `-1s`): look once; 0: wait for ever; else wait that long. @throws UsageError for both flags. */
  resolve(): number;
}

/** Don't wait: the `--wait` default of show-task and show-operation. */
export const NO_WAIT_MS = -1000;

/** Registers `--wait <duration>` (default `-1s`, no wait) and `--watch`, which exclude each other. */
export function waitOrWatchFlags(flags: FlagSet, waitUsage: string): WaitOrWatch {
  const wait = durationFlag(flags, 'wait', NO_WAIT_MS, '-1s', waitUsage);
  const watch = flags.bool('watch', false, 'Wait indefinitely for results');
  return {
    resolve: () => {
      if (!watch.value) return wait.value;
      if (wait.value !== NO_WAIT_MS) throw new UsageError('specify either --watch or --wait but not both');
      return 0;
    },
  };
}

const POLL_MIN_MS = 20;
const POLL_MAX_MS = 1000;
const POLL_FACTOR = 1.5;

/** A timed-out wait (Juju's `errors.Timeout`). */
export class WaitTimeout extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaitTimeout';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Still pending or running: keep waiting. */
export const isActive = (status: string | undefined): boolean => status === 'pending' || status === 'running';

/**
 * Polls a task until it is no longer pending or running, with backoff,
 * handing every new `action-log` message to `onLog`.
 * @param deadline epoch ms, or Infinity to wait for ever.
 * @throws WaitTimeout (`message`) when the deadline passes first.
 */
export async function waitForTask(
  api: ActionApi,
  id: string,
  deadline: number,
  onLog?: (message: { timestamp: string; message: string }) => void,
  timeoutMessage = 'maximum wait time reached',
): Promise<ActionResultWire> {
  let seen = 0;
  let retry = POLL_MIN_MS;
  for (;;) {
    const result = await api.task(id);
    const log = result.log ?? [];
    for (; seen < log.length; seen++) onLog?.(log[seen] as { timestamp: string; message: string });
    if (!isActive(result.status)) return result;
    const left = deadline - Date.now();
    if (left <= 0) throw new WaitTimeout(timeoutMessage);
    await sleep(Math.min(retry, left));
    retry = Math.min(retry * POLL_FACTOR, POLL_MAX_MS);
  }
}

interface RunningTask {
  readonly task: string;
  /** The receiver tag (`unit-app-0`, `machine-0`). */
  readonly receiver: string;
}

export abstract class RunCommandBase extends ModelCommandBase {
  protected out!: OutputOptions;
  protected backgroundFlag!: FlagRef<boolean>;
  protected waitFlag!: FlagRef<number>;
  protected utcFlag!: FlagRef<boolean>;
  /** Wait used when `--wait` is unset or zero. */
  protected abstract readonly defaultWaitMs: number;
  /** Progress lines only with `--verbose` (exec). */
  protected readonly hideProgress: boolean = false;
  /** Resolved wait in ms; negative waits for ever. */
  protected waitMs = 0;

  /** The formatters of `--format` (`plain` is the default). */
  protected abstract plainFormatter(): Formatter;

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.out = new OutputOptions('plain', {
      plain: this.plainFormatter(),
      yaml: (v) => formatGoYaml(v),
      json: (v) => formatGoJson(v),
    });
    this.out.setFlags(f);
    this.backgroundFlag = f.bool('background', false, 'Run the task in the background');
    this.waitFlag = durationFlag(f, 'wait', 0, '0s', 'Maximum wait time for a task to complete');
    f.bool('no-color', false, 'Disable ANSI color codes in output');
    f.bool('color', false, 'Use ANSI color codes in output');
    this.utcFlag = f.bool('utc', false, 'Show times in UTC');
  }

  /** Checks `--wait` against `--background` and settles the wait. */
  protected initWait(): void {
    const background = this.backgroundFlag.value;
    const wait = this.waitFlag.value;
    if (background && wait > 0) throw new UsageError('cannot specify both --wait and --background');
    this.waitMs = !background && wait === 0 ? this.defaultWaitMs : wait;
  }

  protected progress(ctx: Context, text: string): void {
    if (this.hideProgress) ctx.verbosef(text);
    else ctx.infof(text);
  }

  /** Everything after enqueueing; returns normally or throws the failure. */
  protected async operationResults(
    ctx: Context,
    api: ActionApi,
    enqueued: EnqueuedActionsWire,
  ): Promise<void> {
    const running: RunningTask[] = [];
    const enqueueErrors: string[] = [];
    for (const a of enqueued.actions ?? []) {
      if (a.error) {
        enqueueErrors.push(a.error.message);
        continue;
      }
      running.push({ task: tagIdOf(a.action?.tag ?? ''), receiver: a.action?.receiver ?? '' });
    }
    const operationId = tagIdOf(enqueued.operation);
    const background = this.backgroundFlag.value;
    const numTasks = running.length;
    if (!background && numTasks > 0) {
      this.progress(ctx, `Running operation ${operationId} with ${numTasks} task${numTasks > 1 ? 's' : ''}`);
    }
    const info: Record<string, unknown> = {};
    let lastTask = '';
    for (const r of running) {
      lastTask = r.task;
      if (!background) this.progress(ctx, `  - task ${r.task} on ${r.receiver}`);
      info[receiverId(r.receiver)] = { id: r.task };
    }
    if (!background) this.progress(ctx, '');
    if (numTasks === 0) {
      ctx.infof(`Operation ${operationId} failed to schedule any tasks:\n${enqueueErrors.join('\n')}`);
      return;
    }
    if (enqueueErrors.length > 0) {
      ctx.infof(`Some actions could not be scheduled:\n${enqueueErrors.join('\n')}\n`);
      ctx.infof('');
    }
    if (background) {
      if (numTasks === 1) {
        ctx.infof(`Scheduled operation ${operationId} with task ${lastTask}`);
        ctx.infof(`Check operation status with 'juju show-operation ${operationId}'`);
        ctx.infof(`Check task status with 'juju show-task ${lastTask}'`);
      } else {
        ctx.infof(`Scheduled operation ${operationId} with ${numTasks} tasks`);
        ctx.out(formatGoYaml(info));
        ctx.infof(`Check operation status with 'juju show-operation ${operationId}'`);
        ctx.infof("Check task status with 'juju show-task <id>'");
      }
      return;
    }
    const failed = await this.waitForTasks(ctx, api, running, info);
    if (failed.size === 0) return;
    const plural = failed.size > 1 ? 's' : '';
    const list = [...failed]
      .map(([id, code]) => ` - id ${JSON.stringify(id)} with return code ${code}`)
      .sort();
    throw new Error(
      `the following task${plural} failed:\n${list.join('\n')}\n\nuse 'juju show-task' to inspect the failure${plural}\n`,
    );
  }

  /** Waits for every task in turn under one deadline, prints the results, returns the failed ones. */
  private async waitForTasks(
    ctx: Context,
    api: ActionApi,
    running: readonly RunningTask[],
    info: Record<string, unknown>,
  ): Promise<Map<string, number>> {
    const deadline = this.waitMs < 0 ? Number.POSITIVE_INFINITY : Date.now() + this.waitMs;
    const utc = this.utcFlag.value;
    const failed = new Map<string, number>();
    const got = new Set<string>();
    for (const [i, r] of running.entries()) {
      this.progress(ctx, `Waiting for task ${r.task}...\n`);
      let haveLogs = false;
      const onLog =
        running.length === 1
          ? (m: { timestamp: string; message: string }): void => {
              haveLogs = true;
              ctx.infof(formatLogMessage(m, true, utc));
            }
          : undefined;
      let result: ActionResultWire;
      try {
        result = await waitForTask(api, r.task, deadline, onLog);
      } catch (err) {
        if (i === 0 && haveLogs) this.progress(ctx, '\n');
        if (err instanceof WaitTimeout) throw this.timeoutError(running, got);
        throw err;
      }
      if (i === 0 && haveLogs) this.progress(ctx, '\n');
      got.add(r.receiver);
      const { map, code } = formatActionResult(r.task, result, utc);
      map['id'] = r.task;
      info[receiverId(r.receiver)] = map;
      if (code >= 1) failed.set(r.task, code);
    }
    this.out.write(ctx, info);
    return failed;
  }

  private timeoutError(running: readonly RunningTask[], got: ReadonlySet<string>): Error {
    const missing = [...new Set(running.map((r) => r.receiver))].filter((r) => !got.has(r)).sort();
    const names = missing.flatMap((r) => {
      const readable = readableReceiver(r);
      return readable === undefined ? [] : [readable];
    });
    return new Error(`timed out waiting for results from: ${names.join(', ')}`);
  }
}
