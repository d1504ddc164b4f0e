/**
 * The machine-action runner of a machine agent (Juju's `machineactions`
 * worker): runs the tasks enqueued on the machine itself, which are
 * `juju exec --machine` commands (the predefined `juju-exec` action).
 *
 * Per connection it first fails tasks a previous agent left running (their
 * process died with it), then watches the machine's pending task ids through
 * `MachineActions.WatchActionNotifications`; tasks queued while the agent was
 * down arrive as the watcher's initial ids. Each task runs on its own:
 * non-parallel tasks (and tasks of an execution group) first take the exec
 * lock of their group, then the task is marked running and its command runs
 * as `/bin/bash -c <command>` with the agent's environment, inside the
 * machine (the agent already runs in the machine's network namespace). It is
 * finished `completed` with `return-code`, `stdout` and `stderr` (the
 * outputs only when not empty), or `failed` with a message when the command
 * could not run or exceeded the task's timeout (`command cancelled`).
 * A finish that cannot reach the controller is kept and sent on the next
 * connection. Stopping the agent kills running commands; their tasks are
 * failed when the agent starts again.
 */
import type { ApiConnection } from '../../api/connection.js';
import { ErrorCode, errorMessage, isJujuError } from '../../core/errors.js';
import { actionTag, parseTag } from '../../core/names.js';
import { errorFromResult, type ErrorResults } from '../../rpc/errors.js';
import type {
  ActionsByReceivers,
  StringsWatchResult,
  StringsWatchResults,
} from '../../rpc/params/machine-actions.js';
import type { ActionResult, ActionSpec } from '../../rpc/params/uniter.js';
import type { AgentLogger } from '../common/agent-log.js';
import { sleep } from '../common/backoff.js';
import { runCharmProcess, type RunOutcome } from '../uniter/hook-runner.js';
import type { MachineLock } from '../uniter/api.js';

const MODULE = 'juju.worker.machineactions';
const FACADE = 'MachineActions';
/** `juju-run` is the pre-3.0 name of `juju-exec`, still accepted for tasks queued before an upgrade. */
const EXEC_ACTIONS: ReadonlySet<string> = new Set(['juju-exec', 'juju-run']);
/** Message of a task a previous agent left running. */
export const INTERRUPTED_TASK_MESSAGE = 'action cancelled';
/** Message of a command killed for exceeding the task's timeout. */
export const COMMAND_CANCELLED = 'command cancelled';
const RETRY_MS = 5_000;

/** Calls of the MachineActions facade for one machine. */
export class MachineActionsApi {
  constructor(
    readonly conn: ApiConnection,
    readonly machineTag: string,
  ) {}

  private async errors(method: string, params: unknown): Promise<void> {
    const res = await this.conn.call<ErrorResults>(FACADE, method, params);
    const err = res.results?.[0]
      ? errorFromResult(res.results[0])
      : new Error(`${FACADE}.${method}: no result`);
    if (err) throw err;
  }

  /** The watcher id and the ids of the machine's pending tasks. */
  async watchActionNotifications(): Promise<{ id: string; changes: string[] }> {
    const res = await this.conn.call<StringsWatchResults>(FACADE, 'WatchActionNotifications', {
      entities: [{ tag: this.machineTag }],
    });
    const r: StringsWatchResult | undefined = res.results?.[0];
    if (r === undefined) throw new Error(`${FACADE}.WatchActionNotifications: no result`);
    const err = errorFromResult(r);
    if (err) throw err;
    return { id: r['watcher-id'], changes: r.changes ?? [] };
  }

  /** Blocks until new task ids are pending; resolves with them. */
  async next(watcherId: string): Promise<string[]> {
    const res = await this.conn.call<{ changes?: string[] }>('StringsWatcher', 'Next', undefined, {
      id: watcherId,
    });
    return res.changes ?? [];
  }

  /** Tasks of this machine that are running (or being aborted). */
  async runningActions(): Promise<ActionResult[]> {
    const res = await this.conn.call<ActionsByReceivers>(FACADE, 'RunningActions', {
      entities: [{ tag: this.machineTag }],
    });
    const r = res.actions?.[0];
    if (r === undefined) throw new Error(`${FACADE}.RunningActions: no result`);
    const err = errorFromResult(r);
    if (err) throw err;
    return r.actions ?? [];
  }

  /** A task and its status. */
  async action(id: string): Promise<{ spec: ActionSpec; status: string }> {
    const res = await this.conn.call<{ results?: ActionResult[] }>(FACADE, 'Actions', {
      entities: [{ tag: actionTag(id) }],
    });
    const r = res.results?.[0];
    if (r === undefined) throw new Error(`${FACADE}.Actions: no result`);
    const err = errorFromResult(r);
    if (err) throw err;
    if (r.action === undefined) throw new Error(`action ${id} has no details`);
    return { spec: r.action, status: r.status ?? '' };
  }

  beginAction(id: string): Promise<void> {
    return this.errors('BeginActions', { entities: [{ tag: actionTag(id) }] });
  }

  finishAction(id: string, outcome: TaskOutcome): Promise<void> {
    return this.errors('FinishActions', {
      results: [
        {
          'action-tag': actionTag(id),
          status: outcome.status,
          results: outcome.results,
          message: outcome.message,
        },
      ],
    });
  }
}

/** How a task ended. */
export interface TaskOutcome {
  readonly status: 'completed' | 'failed';
  readonly results: Record<string, unknown>;
  readonly message: string;
}

export interface MachineActionRunnerOptions {
  /** `machine-N`. */
  readonly machineTag: string;
  /**
   * The lock a non-parallel task (or one with an execution group) holds
   * while it runs: `group` is `exec-command` or `exec-command-<execution group>`.
   */
  readonly lockFor: (group: string) => MachineLock;
  readonly log: AgentLogger;
  /** Aborted when the agent stops: running commands are killed. */
  readonly signal: AbortSignal;
  /** Working directory of commands (defaults to the agent's). */
  readonly workDir?: string;
}

/** The command and timeout (ms, 0 = none) of a `juju-exec` task; undefined when the parameters are not valid. */
function execParams(
  params: Record<string, unknown> | undefined,
): { command: string; timeoutMs: number } | undefined {
  const command = params?.command;
  const timeout = params?.timeout;
  if (typeof command !== 'string' || typeof timeout !== 'number' || !Number.isFinite(timeout))
    return undefined;
  // The timeout travels in nanoseconds (a Go duration).
  return { command, timeoutMs: timeout > 0 ? Math.max(1, Math.ceil(timeout / 1e6)) : 0 };
}

/** A `stdout`/`stderr` result: text, or base64 with an `-encoding` key when not UTF-8; nothing when empty. */
function output(name: 'stdout' | 'stderr', data: Buffer): Record<string, unknown> {
  if (data.length === 0) return {};
  try {
    return { [name]: new TextDecoder('utf-8', { fatal: true }).decode(data) };
  } catch {
    return { [name]: data.toString('base64'), [`${name}-encoding`]: 'base64' };
  }
}

/** Runs the tasks enqueued on one machine; one instance per agent, serving each connection in turn. */
export class MachineActionRunner {
  /** Tasks being run by this process, by id. */
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  /** Finished tasks whose result has not reached the controller yet. */
  private readonly unsent = new Map<string, TaskOutcome>();
  private api: MachineActionsApi | undefined;

  constructor(private readonly opts: MachineActionRunnerOptions) {}

  /** Ids of tasks being run now. */
  runningTasks(): string[] {
    return [...this.running.keys()];
  }

  /**
   * Kills every running command and waits for its task to wind up (a machine
   * reboot): the tasks stay running, to be failed on the next connection.
   */
  async killAll(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.abort.abort();
    await Promise.all(all.map((r) => r.done));
  }

  /**
   * Serves one connection until it closes or the agent stops; never rejects
   * (errors other than a lost connection are logged and retried).
   */
  async serve(conn: ApiConnection): Promise<void> {
    const api = new MachineActionsApi(conn, this.opts.machineTag);
    this.api = api;
    const { signal } = this.opts;
    while (!signal.aborted && !conn.isClosed) {
      try {
        await this.flushUnsent(api);
        await this.failInterrupted(api);
        const watcher = await api.watchActionNotifications();
        let ids = watcher.changes;
        for (;;) {
          await this.handle(api, ids);
          if (signal.aborted) return;
          ids = await api.next(watcher.id);
        }
      } catch (err) {
        if (signal.aborted || conn.isClosed) return;
        this.opts.log('ERROR', MODULE, `${errorMessage(err)}; restarting in ${RETRY_MS / 1000}s`);
        await sleep(RETRY_MS, signal);
      }
    }
  }

  /** Sends results kept while the controller was unreachable. */
  private async flushUnsent(api: MachineActionsApi): Promise<void> {
    for (const [id, outcome] of [...this.unsent]) {
      await this.finish(api, id, outcome);
    }
  }

  /** Fails tasks left running by a previous agent (this process runs none of them). */
  private async failInterrupted(api: MachineActionsApi): Promise<void> {
    for (const r of await api.runningActions()) {
      let id: string;
      try {
        id = parseTag(r.action?.tag ?? '', 'action').id;
      } catch {
        this.opts.log(
          'INFO',
          MODULE,
          `cannot fail running action ${r.action?.tag ?? '?'}: not an action tag`,
        );
        continue;
      }
      if (this.running.has(id) || this.unsent.has(id)) continue;
      this.opts.log('INFO', MODULE, `failing action ${id} left running by a previous agent`);
      await this.finish(api, id, { status: 'failed', results: {}, message: INTERRUPTED_TASK_MESSAGE });
    }
  }

  private async handle(api: MachineActionsApi, ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (this.running.has(id) || this.unsent.has(id)) continue;
      let task;
      try {
        task = await api.action(id);
      } catch (err) {
        if (api.conn.isClosed) throw err;
        // Gone or not ours: nothing to run, and nothing to report it to.
        this.opts.log('INFO', MODULE, `unable to retrieve action ${id}: ${errorMessage(err)}`);
        continue;
      }
      if (task.status !== 'pending') continue;
      const abort = new AbortController();
      const done = this.runTask(id, task.spec, abort)
        .catch((err: unknown) => this.opts.log('ERROR', MODULE, `action ${id}: ${errorMessage(err)}`))
        .finally(() => this.running.delete(id));
      this.running.set(id, { abort, done });
    }
  }

  /** Runs one task and reports how it ended. */
  private async runTask(id: string, spec: ActionSpec, abort: AbortController): Promise<void> {
    const { signal } = this.opts;
    const onStop = (): void => abort.abort();
    signal.addEventListener('abort', onStop, { once: true });
    let outcome: TaskOutcome | undefined;
    try {
      outcome = await this.execute(id, spec, abort);
    } finally {
      signal.removeEventListener('abort', onStop);
    }
    // A stopping agent leaves the task running; the next agent fails it.
    if (outcome !== undefined && !signal.aborted) {
      this.opts.log(
        'INFO',
        MODULE,
        `action ${id} ${outcome.status}${outcome.message ? `: ${outcome.message}` : ''}`,
      );
      await this.finish(this.current(), id, outcome);
    }
  }

  /** Locks, begins and runs a task; undefined when there is nothing to report (yet). */
  private async execute(
    id: string,
    spec: ActionSpec,
    abort: AbortController,
  ): Promise<TaskOutcome | undefined> {
    if (!EXEC_ACTIONS.has(spec.name)) {
      return { status: 'failed', results: {}, message: `unexpected action ${spec.name}` };
    }
    const exec = execParams(spec.parameters);
    if (exec === undefined) return { status: 'failed', results: {}, message: 'invalid action parameters' };
    let release: (() => void) | undefined;
    try {
      const group = spec['execution-group'] ?? '';
      if (spec.parallel !== true || group !== '') {
        const lockGroup = group === '' ? 'exec-command' : `exec-command-${group}`;
        const worker =
          group === '' ? 'machine exec command runner' : `machine exec command runner (exec group=${group})`;
        release = await this.opts.lockFor(lockGroup).acquire(`${worker} (action ${id})`);
        if (abort.signal.aborted) return undefined;
      }
      try {
        await this.current().beginAction(id);
      } catch (err) {
        // Still pending: the next connection's watcher reports it again.
        if (this.current().conn.isClosed) return undefined;
        if (isJujuError(err, ErrorCode.NotValid) || isJujuError(err, ErrorCode.NotFound)) {
          // Cancelled or removed meanwhile: not ours to run any more.
          this.opts.log('INFO', MODULE, `action ${id} no longer pending: ${errorMessage(err)}`);
          return undefined;
        }
        return {
          status: 'failed',
          results: {},
          message: `could not begin action ${spec.name}: ${errorMessage(err)}`,
        };
      }
      this.opts.log('INFO', MODULE, `running action ${id}: ${JSON.stringify(exec.command)}`);
      return await this.runCommand(exec.command, exec.timeoutMs, abort);
    } finally {
      release?.();
    }
  }

  private async runCommand(
    command: string,
    timeoutMs: number,
    abort: AbortController,
  ): Promise<TaskOutcome | undefined> {
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            abort.abort();
          }, timeoutMs)
        : undefined;
    let result: RunOutcome;
    try {
      result = await runCharmProcess({
        charmDir: this.opts.workDir ?? process.cwd(),
        dispatchPath: '',
        env: Object.fromEntries(
          Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
        ),
        onLine: (stream, line) => this.opts.log('DEBUG', MODULE, `${stream}: ${line}`),
        signal: abort.signal,
        killGraceMs: 0,
        captureOutput: true,
        command: ['/bin/bash', '-c', command],
      });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    if (result.kind === 'missing') return { status: 'failed', results: {}, message: 'cannot run /bin/bash' };
    if (result.kind === 'error') return { status: 'failed', results: {}, message: result.message };
    if (result.aborted && timedOut) return { status: 'failed', results: {}, message: COMMAND_CANCELLED };
    if (result.aborted) return undefined;
    if (result.code === null) {
      return { status: 'failed', results: {}, message: `signal: ${result.signal ?? 'killed'}` };
    }
    return {
      status: 'completed',
      results: {
        'return-code': result.code,
        ...output('stdout', result.stdout),
        ...output('stderr', result.stderr),
      },
      message: '',
    };
  }

  /** The API of the connection being served (the latest). */
  private current(): MachineActionsApi {
    if (this.api === undefined) throw new Error('not connected');
    return this.api;
  }

  /** Reports a finished task; kept for the next connection when this one is gone. */
  private async finish(api: MachineActionsApi, id: string, outcome: TaskOutcome): Promise<void> {
    const target = api.conn.isClosed && this.api !== undefined ? this.api : api;
    try {
      await target.finishAction(id, outcome);
      this.unsent.delete(id);
    } catch (err) {
      if (target.conn.isClosed) {
        this.unsent.set(id, outcome);
        return;
      }
      this.unsent.delete(id);
      if (
        !isJujuError(err, ErrorCode.AlreadyExists) &&
        !isJujuError(err, ErrorCode.NotFound) &&
        !isJujuError(err, ErrorCode.Unauthorized)
      ) {
        this.opts.log('ERROR', MODULE, `could not finish action ${id}: ${errorMessage(err)}`);
      }
    }
  }
}
