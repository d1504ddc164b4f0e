/**
 * Running a hook as an operation (charm-contract §2.2, §2.7, §5.2):
 * prepare (statuses, persist `run-hook/pending`), execute under the machine
 * lock, then on exit 0 send the buffered changes in one `CommitHookChanges`,
 * persist `done` and commit the local state (which may queue a follow-up).
 * A failure leaves `pending` and sets the agent status
 * `error "hook failed: \"<hook>\""`; a stop re-queues the hook.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, errorMessage, isJujuError } from '../../core/errors.js';
import { runInHookContext, type CharmProcessResult } from './charm-process.js';
import { commitArgs, isEmptyCommit } from './commit-args.js';
import { commitHook } from './hook-commit.js';
import { describeHook, hookName, isRelationHook, type HookInfo } from './hook-info.js';
import { processStartTime } from './hook-runner.js';
import type { ConfigHashes, OperationState } from './local-state.js';
import { StopRequested, type OperationContext } from './operation-context.js';
import { canReboot, requestMachineReboot } from './machine-reboot.js';
import { provisionStorage, removeStorageAttachment } from './storage-provision.js';

const MODULE = 'juju.worker.uniter.operation';

export type HookResult = 'committed' | 'failed' | 'skipped';

/** Statuses the agent sets before the hook runs. */
async function beforeHook(
  oc: OperationContext,
  hook: HookInfo,
  endpoint: string | undefined,
  statusSet: boolean,
): Promise<void> {
  if (hook.kind === 'install' && !statusSet)
    await oc.api.setUnitStatus({ status: 'maintenance', info: 'installing charm software' });
  if (hook.kind === 'stop')
    await oc.api.setUnitStatus({ status: 'maintenance', info: 'stopping charm software' });
  if (hook.kind === 'remove')
    await oc.api.setUnitStatus({ status: 'maintenance', info: 'cleaning up prior to charm deletion' });
  // update-status is not shown as executing.
  if (hook.kind !== 'update-status')
    await oc.setAgentStatus('executing', `running ${describeHook(hook, endpoint)}`);
}

/** Statuses the agent sets after a hook committed. */
async function afterHook(oc: OperationContext, hook: HookInfo): Promise<void> {
  if (hook.kind === 'start' && !oc.state().statusSet)
    await oc.api.setUnitStatus({ status: 'unknown', info: '' });
  if (hook.kind === 'stop') await oc.api.setUnitStatus({ status: 'maintenance', info: '' });
  if (hook.kind === 'remove') await oc.api.setUnitStatus({ status: 'terminated', info: '' });
}

/**
 * Tells the controller a secret-rotate hook completed so it schedules the
 * next rotation. A secret since removed, or no longer this unit's to manage
 * (leadership moved), needs nothing more; other errors fail the commit, and
 * the `done` hook is committed again on the next attempt.
 */
async function secretRotated(oc: OperationContext, id: string, originalRevision: number): Promise<void> {
  try {
    await oc.api.secretsRotated(id, originalRevision);
  } catch (err) {
    if (
      !isJujuError(err, ErrorCode.NotFound) &&
      !isJujuError(err, ErrorCode.Unauthorized) &&
      !isJujuError(err, ErrorCode.NotLeader)
    )
      throw err;
    oc.log('INFO', MODULE, `secret ${JSON.stringify(id)} rotation not recorded: ${errorMessage(err)}`);
  }
}

/**
 * Commits a hook that completed (or is skipped): relation-broken leaves the
 * relation's scope, the local state advances, statuses follow.
 */
export async function commitCompletedHook(
  oc: OperationContext,
  hook: HookInfo,
  opts: { hashes?: ConfigHashes; statusSet?: boolean } = {},
): Promise<void> {
  const state = oc.state();
  if (hook.kind === 'relation-broken' && hook.relationId !== undefined) {
    const rel = state.relations[String(hook.relationId)];
    if (rel !== undefined) await oc.api.leaveScope(rel.key);
  }
  if (hook.kind === 'storage-detaching' && hook.storageId !== undefined)
    await removeStorageAttachment(oc, hook.storageId);
  if (hook.kind === 'secret-rotate' && hook.secretId !== undefined)
    await secretRotated(oc, hook.secretId, hook.secretRevision ?? 0);
  oc.persist(commitHook(state, hook, opts));
  await afterHook(oc, hook);
}

/** Commits a hook without running it: `resolved --no-retry`, or a hook that ran before a crash. */
export async function skipHook(oc: OperationContext, hook: HookInfo, clearResolved: boolean): Promise<void> {
  if (clearResolved) await oc.api.clearResolved();
  const op = oc.state().op;
  const hashes = op.kind === 'run-hook' && op.hashes !== undefined ? op.hashes : undefined;
  const rel = hook.relationId !== undefined ? oc.state().relations[String(hook.relationId)] : undefined;
  oc.log('INFO', MODULE, `skipped ${JSON.stringify(hookName(hook, rel?.endpoint))} hook`);
  await commitCompletedHook(oc, hook, hashes !== undefined ? { hashes } : {});
}

function failureText(result: CharmProcessResult): string | undefined {
  const o = result.outcome;
  if (o.kind === 'missing') return undefined;
  if (o.kind === 'error') return o.message;
  if (o.code === 0) return undefined;
  return o.code !== null ? `exit status ${o.code}` : `signal: ${o.signal ?? 'killed'}`;
}

/** Runs `hook`; resolves how it ended. @throws StopRequested when the agent stops meanwhile. */
export async function runHook(
  oc: OperationContext,
  hook: HookInfo,
  clearResolved: boolean,
): Promise<HookResult> {
  if (clearResolved) await oc.api.clearResolved();
  const start = oc.state();
  const rel = hook.relationId !== undefined ? start.relations[String(hook.relationId)] : undefined;
  if (isRelationHook(hook.kind) && rel === undefined) {
    oc.log('WARNING', MODULE, `skipping ${hook.kind} hook: relation ${hook.relationId ?? '?'} is not joined`);
    oc.persist({ ...start, op: { kind: 'continue' } });
    return 'skipped';
  }
  // Leadership may have moved on since the hook was chosen.
  if (hook.kind === 'leader-elected' && !(await oc.tracker.checkLeader())) {
    oc.persist({ ...start, op: { kind: 'continue' } });
    return 'skipped';
  }
  if (hook.kind === 'storage-attached' && hook.storageId !== undefined)
    await provisionStorage(oc, hook.storageId);
  const name = hookName(hook, rel?.endpoint);
  const remote = oc.remote();
  const hashes: ConfigHashes | undefined =
    hook.kind === 'config-changed'
      ? { config: remote.configHash, trust: remote.trustHash, addresses: remote.addressesHash }
      : undefined;
  await beforeHook(oc, hook, rel?.endpoint, start.statusSet);
  let op: OperationState = { kind: 'run-hook', step: 'pending', hook, ...(hashes ? { hashes } : {}) };
  const pending = op;
  oc.persist({ ...oc.state(), op });

  const abort = new AbortController();
  const onStop = (): void => abort.abort();
  oc.stopSignal.addEventListener('abort', onStop, { once: true });
  const release = await oc.lock.acquire(`${oc.unitName} uniter (run ${name} hook)`);
  try {
    if (oc.stopSignal.aborted) throw new StopRequested();
    oc.log('INFO', MODULE, `running ${JSON.stringify(name)} hook`);
    let result: CharmProcessResult;
    try {
      result = await runInHookContext(oc, {
        hookName: name,
        hook,
        ...(rel !== undefined ? { relation: { endpoint: rel.endpoint, id: rel.id } } : {}),
        signal: abort.signal,
        ...(canReboot(oc) ? { rebootNow: () => Promise.resolve(abort.abort()) } : {}),
        onSpawn: (pid) => {
          const pidStart = processStartTime(pid);
          op = {
            kind: 'run-hook',
            step: 'pending',
            hook,
            ...(hashes ? { hashes } : {}),
            pid,
            ...(pidStart !== undefined ? { pidStart } : {}),
          };
          oc.persist({ ...oc.state(), op });
        },
      });
    } catch (err) {
      // The hook never ran (no context): it stays queued, not failed.
      oc.persist({ ...oc.state(), op: { kind: 'run-hook', step: 'queued', hook } });
      throw err;
    }
    const outcome = result.outcome;
    if (outcome.kind === 'exited' && outcome.aborted && oc.stopSignal.aborted) {
      oc.log('INFO', MODULE, `${JSON.stringify(name)} hook interrupted; it will run again`);
      oc.persist({ ...oc.state(), op: { kind: 'run-hook', step: 'queued', hook } });
      throw new StopRequested();
    }
    const changes = result.context.changes();
    // `juju-reboot --now` killed the hook: it runs again from the start after the reboot.
    if (changes.buffered.reboot === 'now' && canReboot(oc)) {
      oc.log(
        'INFO',
        MODULE,
        `${JSON.stringify(name)} hook requested a reboot now; it will run again after it`,
      );
      oc.persist({ ...oc.state(), op: { kind: 'run-hook', step: 'queued', hook } });
      await requestMachineReboot(oc);
      throw new StopRequested();
    }
    const statusSet = oc.state().statusSet || changes.immediate.unitStatusSet;
    let failure = failureText(result);
    if (outcome.kind === 'missing') oc.log('INFO', MODULE, `skipped ${JSON.stringify(name)} hook (missing)`);
    if (failure === undefined && outcome.kind === 'exited') {
      const state = oc.state();
      const arg = commitArgs(oc.api.unitTag, changes.buffered, (id) => state.relations[String(id)]?.key);
      if (!isEmptyCommit(arg)) {
        try {
          await oc.api.commitHookChanges(arg);
        } catch (err) {
          failure = `committing requested changes failed: ${errorMessage(err)}`;
        }
      }
    }
    if (failure !== undefined) {
      const via = existsSync(join(oc.paths.charmDir, 'dispatch'))
        ? ' (via hook dispatching script: dispatch)'
        : ' (via explicit, bespoke hook script)';
      oc.log('ERROR', MODULE, `hook ${JSON.stringify(name)}${via} failed: ${failure}`);
      oc.persist({ ...oc.state(), statusSet, op: pending });
      const data: Record<string, unknown> = { hook: name };
      if (hook.relationId !== undefined) data['relation-id'] = hook.relationId;
      if (hook.remoteUnit) data['remote-unit'] = hook.remoteUnit;
      await oc.setAgentStatus('error', `hook failed: ${JSON.stringify(name)}`, data);
      return 'failed';
    }
    oc.persist({
      ...oc.state(),
      statusSet,
      op: { kind: 'run-hook', step: 'done', hook, ...(hashes ? { hashes } : {}) },
    });
    oc.log('INFO', MODULE, `ran ${JSON.stringify(name)} hook`);
    await commitCompletedHook(oc, hook, { ...(hashes ? { hashes } : {}), statusSet });
    if (changes.buffered.reboot === 'after-hook' && canReboot(oc)) {
      await requestMachineReboot(oc);
      throw new StopRequested();
    }
    return 'committed';
  } finally {
    release();
    oc.stopSignal.removeEventListener('abort', onStop);
  }
}
