/**
 * What a completed (or skipped) hook changes in the local state, and which
 * hook it queues next (charm-contract §2.2, §2.3): install marks installed,
 * the first config-changed queues start, upgrade-charm queues config-changed,
 * relation hooks advance membership (joined queues its changed), broken
 * forgets the relation. Pure.
 */
import type { HookInfo } from './hook-info.js';
import { commitSecretHook } from './secret-resolver.js';
import type { ConfigHashes, LocalRelation, LocalState, OperationState } from './local-state.js';

export interface CommitOptions {
  /** config-changed: the hashes it ran for. */
  readonly hashes?: ConfigHashes;
  /** The hook (or an earlier one) called status-set. */
  readonly statusSet?: boolean;
}

function withRelation(
  local: LocalState,
  id: number,
  update: (r: LocalRelation) => LocalRelation | undefined,
): LocalState {
  const key = String(id);
  const current = local.relations[key];
  if (current === undefined) return local;
  const next = update(current);
  const relations = { ...local.relations };
  if (next === undefined) delete relations[key];
  else relations[key] = next;
  return { ...local, relations };
}

function without(map: Readonly<Record<string, number>>, name: string): Record<string, number> {
  const copy = { ...map };
  delete copy[name];
  return copy;
}

/** The local state after `hook` completed; `op` becomes continue or the queued follow-up. */
export function commitHook(local: LocalState, hook: HookInfo, opts: CommitOptions = {}): LocalState {
  let next: LocalState = {
    ...local,
    op: { kind: 'continue' },
    statusSet: local.statusSet || opts.statusSet === true,
  };
  let queued: HookInfo | undefined;
  const id = hook.relationId ?? -1;
  const unit = hook.remoteUnit ?? '';
  const version = hook.changeVersion ?? 0;
  switch (hook.kind) {
    case 'install':
      next = { ...next, installed: true };
      break;
    case 'start':
      next = { ...next, started: true };
      break;
    case 'config-changed':
      if (opts.hashes !== undefined) next = { ...next, hashes: opts.hashes };
      if (!next.started) queued = { kind: 'start' };
      break;
    case 'upgrade-charm':
      queued = { kind: 'config-changed' };
      break;
    case 'leader-elected':
      next = { ...next, leader: true };
      break;
    case 'stop':
      next = { ...next, stopped: true };
      break;
    case 'remove':
      next = { ...next, removed: true };
      break;
    case 'update-status':
    case 'leader-settings-changed':
      break;
    case 'relation-created':
      next = withRelation(next, id, (r) => ({ ...r, created: true }));
      break;
    case 'relation-joined':
      next = withRelation(next, id, (r) => ({
        ...r,
        members: { ...r.members, [unit]: version },
        changedPending: unit,
      }));
      break;
    case 'relation-changed':
      next = withRelation(next, id, (r) =>
        unit === ''
          ? { ...r, appMembers: { ...r.appMembers, [hook.remoteApp ?? '']: version } }
          : {
              ...r,
              members:
                r.members[unit] === undefined && r.changedPending !== unit
                  ? r.members
                  : { ...r.members, [unit]: version },
              changedPending: r.changedPending === unit ? '' : r.changedPending,
            },
      );
      break;
    case 'relation-departed':
      next = withRelation(next, id, (r) => ({
        ...r,
        members: without(r.members, unit),
        changedPending: r.changedPending === unit ? '' : r.changedPending,
      }));
      break;
    case 'relation-broken':
      next = withRelation(next, id, () => undefined);
      break;
    case 'storage-attached':
    case 'storage-detaching': {
      const storageId = hook.storageId ?? '';
      const others = (local.storageAttached ?? []).filter((s) => s !== storageId);
      next = { ...next, storageAttached: hook.kind === 'storage-attached' ? [...others, storageId] : others };
      // Storage hooks run ahead of a queued install (charm-contract §2.4); it stays queued.
      if (!local.installed && local.charmUrl !== '') queued = { kind: 'install' };
      break;
    }
    case 'secret-changed':
    case 'secret-remove':
    case 'secret-rotate':
    case 'secret-expired':
      next = commitSecretHook(next, hook);
      break;
  }
  const op: OperationState =
    queued === undefined ? { kind: 'continue' } : { kind: 'run-hook', step: 'queued', hook: queued };
  return { ...next, op };
}
