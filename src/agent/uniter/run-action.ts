/**
 * Running an action (charm-contract §2.9): mark it running, run
 * `actions/<name>` (or dispatch) in an action context under the machine lock
 * (unless the action is parallel), then finish it with the `action-set`
 * results plus `return-code`/`stdout`/`stderr`. Failed when `action-fail` was
 * called or the process exited non-zero; buffered changes are committed only
 * on exit 0. An action cancelled while running is killed and `aborted`; one a
 * crash interrupted is failed when the agent starts again.
 */
import { errorMessage } from '../../core/errors.js';
import { runInHookContext } from './charm-process.js';
import { commitArgs, isEmptyCommit } from './commit-args.js';
import { processStartTime } from './hook-runner.js';
import type { OperationState } from './local-state.js';
import { StopRequested, type OperationContext } from './operation-context.js';

const MODULE = 'juju.worker.uniter.operation';

/** The action name `juju exec` tasks carry. */
const JUJU_EXEC = 'juju-exec';

/** The command and timeout of a `juju-exec` task (`timeout` in nanoseconds; 0 = none). */
function execSpec(params: Record<string, unknown>): { command: string; timeoutMs: number } {
  const command = typeof params.command === 'string' ? params.command : '';
  const timeout = typeof params.timeout === 'number' ? params.timeout : 0;
  return { command, timeoutMs: Math.floor(timeout / 1e6) };
}

/** `stdout`/`stderr` result values: text, or base64 with an `-encoding` key when not UTF-8. */
function outputResults(name: 'stdout' | 'stderr', data: Buffer): Record<string, unknown> {
  if (data.length === 0) return {};
  try {
    return { [name]: new TextDecoder('utf-8', { fatal: true }).decode(data) };
  } catch {
    return { [name]: data.toString('base64'), [`${name}-encoding`]: 'base64' };
  }
}

/** The message of an interrupted action, as Juju reports it. */
export const ACTION_TERMINATED = 'action terminated';

/** Fails an action a crash interrupted and restores the operation it interrupted. */
export async function failInterruptedAction(oc: OperationContext, actionId: string): Promise<void> {
  const op = oc.state().op;
  try {
    await oc.api.finishAction(actionId, 'failed', {}, ACTION_TERMINATED);
  } catch (err) {
    oc.log('WARNING', MODULE, `cannot fail interrupted action ${actionId}: ${errorMessage(err)}`);
  }
  const restored: OperationState =
    op.kind === 'run-action' && op.interrupted !== undefined ? op.interrupted : { kind: 'continue' };
  oc.persist({ ...oc.state(), op: restored });
}

/**
 * Runs action `actionId`. Resolves false when the action could not be started
 * (gone, or no longer pending). @throws StopRequested when the agent stops meanwhile.
 */
export async function runAction(
  oc: OperationContext,
  actionId: string,
  cancel: AbortSignal,
): Promise<boolean> {
  let spec;
  try {
    spec = await oc.api.action(actionId);
    await oc.api.beginAction(actionId);
  } catch (err) {
    oc.log('WARNING', MODULE, `cannot start action ${actionId}: ${errorMessage(err)}`);
    return false;
  }
  const name = spec.name;
  // `juju exec` on a unit: a shell command run in a hook context, not a charm action.
  const exec = name === JUJU_EXEC ? execSpec(spec.parameters ?? {}) : undefined;
  const before = oc.state().op;
  const interrupted = before.kind === 'run-hook' ? before : undefined;
  const base: OperationState = { kind: 'run-action', actionId, ...(interrupted ? { interrupted } : {}) };
  oc.persist({ ...oc.state(), op: base });
  await oc.setAgentStatus('executing', `running action ${name}`);

  const abort = new AbortController();
  const onAbort = (): void => abort.abort();
  oc.stopSignal.addEventListener('abort', onAbort, { once: true });
  cancel.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer =
    exec !== undefined && exec.timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          abort.abort();
        }, exec.timeoutMs)
      : undefined;
  const release =
    spec.parallel === true
      ? () => undefined
      : await oc.lock.acquire(`${oc.unitName} uniter (run action ${name})`);
  try {
    if (oc.stopSignal.aborted) throw new StopRequested();
    oc.log('INFO', MODULE, `running action ${JSON.stringify(name)} (${actionId})`);
    const { outcome, context } = await runInHookContext(oc, {
      hookName: '',
      action: { name, id: actionId, params: { ...(spec.parameters ?? {}) } },
      signal: abort.signal,
      captureOutput: true,
      ...(exec !== undefined ? { command: ['/bin/bash', '-c', exec.command] } : {}),
      onSpawn: (pid) => {
        const pidStart = processStartTime(pid);
        oc.persist({ ...oc.state(), op: { ...base, pid, ...(pidStart !== undefined ? { pidStart } : {}) } });
      },
    });
    // Stopping the agent leaves the action to be failed on the next start, as a crash would.
    if (outcome.kind === 'exited' && outcome.aborted && oc.stopSignal.aborted) throw new StopRequested();

    const changes = context.changes();
    const action = changes.action ?? { results: {}, message: '', failed: false };
    let results: Record<string, unknown> = { ...action.results };
    let status = 'completed';
    let message = action.message;
    if (outcome.kind === 'missing') {
      status = 'failed';
      message = `action not implemented on unit ${JSON.stringify(oc.unitName)}`;
    } else if (outcome.kind === 'error') {
      status = 'failed';
      message = outcome.message;
    } else {
      results = {
        ...results,
        'return-code': outcome.code ?? -1,
        ...outputResults('stdout', outcome.stdout),
        ...outputResults('stderr', outcome.stderr),
      };
      if (outcome.aborted && timedOut) {
        status = 'failed';
        message = 'timed out';
      } else if (outcome.aborted) {
        status = 'aborted';
        message = message || 'action aborted';
      } else if (exec !== undefined) {
        // A command's own failure is its return code; the task itself completed.
        status = 'completed';
      } else if (outcome.code !== 0) {
        status = 'failed';
        message =
          message ||
          (outcome.code !== null ? `exit status ${outcome.code}` : `signal: ${outcome.signal ?? 'killed'}`);
      } else {
        if (action.failed) status = 'failed';
        const state = oc.state();
        const arg = commitArgs(oc.api.unitTag, changes.buffered, (id) => state.relations[String(id)]?.key);
        if (!isEmptyCommit(arg)) {
          try {
            await oc.api.commitHookChanges(arg);
          } catch (err) {
            oc.log('ERROR', MODULE, `action ${actionId}: cannot commit changes: ${errorMessage(err)}`);
            status = 'failed';
            message = 'committing requested changes failed';
          }
        }
      }
    }
    await oc.api.finishAction(actionId, status, results, message);
    oc.log(
      'INFO',
      MODULE,
      `action ${JSON.stringify(name)} (${actionId}) ${status}${message ? `: ${message}` : ''}`,
    );
    oc.persist({ ...oc.state(), op: interrupted ?? { kind: 'continue' } });
    return true;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    release();
    oc.stopSignal.removeEventListener('abort', onAbort);
    cancel.removeEventListener('abort', onAbort);
  }
}
