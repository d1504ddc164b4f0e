/**
 * The resolver: a pure function from the unit's local state and the
 * controller's snapshot to the next operation, in the order of Juju 3.6's
 * resolver chain (charm-contract §2.2):
 *
 * 1. resume an interrupted charm deploy; fail an action a crash interrupted;
 * 2. relation scopes and relation-created (installed, idle, alive);
 * 3. leadership: leader-elected, leadership lost, leader-settings-changed;
 *    then secrets: secret-expired, secret-rotate, secret-changed, secret-remove
 *    (installed, idle, alive);
 * 4. actions (also while a hook is in error); storage-attached/-detaching
 *    (idle, or ahead of a queued install);
 * 5. a hook in error waits for `resolved` or the retry timer; a queued hook
 *    runs; a done hook is committed;
 * 6. the base sequence: install, upgrade-charm, config-changed, relation
 *    hooks, update-status; when dying: departed/broken, stop, remove, then
 *    terminate.
 */
import type { HookInfo } from './hook-info.js';
import type { LocalState } from './local-state.js';
import { nextRelationCreated, nextRelationOp, nextScopeToEnter } from './relation-resolver.js';
import { nextStorageDecision } from './storage-resolver.js';
import { nextSecretHook } from './secret-resolver.js';
import type { RemoteRelationSnapshot, RemoteSnapshot } from './remote-state.js';

export interface ResolverInput {
  readonly unitName: string;
  readonly local: LocalState;
  readonly remote: RemoteSnapshot;
  /** Leader settings version last seen; in memory only, so undefined after every agent start. */
  readonly leaderSettingsSeen: number | undefined;
  /** The update-status timer has fired since the last update-status. */
  readonly updateStatusDue: boolean;
  /** The hook-retry timer has fired for the hook in error. */
  readonly retryDue: boolean;
}

/** The operation the uniter should do next. */
export type Decision =
  | {
      readonly kind: 'deploy';
      readonly upgrade: boolean;
      readonly charmUrl: string;
      readonly modifiedVersion: number;
      readonly sha256: string;
    }
  | { readonly kind: 'run-hook'; readonly hook: HookInfo; readonly clearResolved?: boolean }
  /** Commit a hook as if it ran (resolved --no-retry, or a hook that ran before a crash). */
  | { readonly kind: 'skip-hook'; readonly hook: HookInfo; readonly clearResolved?: boolean }
  | { readonly kind: 'enter-scope'; readonly relation: RemoteRelationSnapshot }
  | { readonly kind: 'leave-scope'; readonly relationId: number }
  | { readonly kind: 'run-action'; readonly actionId: string }
  | { readonly kind: 'fail-action'; readonly actionId: string }
  | { readonly kind: 'resign-leadership' }
  | { readonly kind: 'terminate' }
  /** Nothing to do until something changes; `inError` while a failed hook waits. */
  | { readonly kind: 'wait'; readonly inError: boolean };

const hook = (h: HookInfo): Decision => ({ kind: 'run-hook', hook: h });

function charmModified(local: LocalState, remote: RemoteSnapshot): boolean {
  if (remote.charmUrl === '') return false;
  return local.charmUrl !== remote.charmUrl || local.charmModifiedVersion !== remote.charmModifiedVersion;
}

function configChanged(local: LocalState, remote: RemoteSnapshot): boolean {
  return (
    local.hashes.config !== remote.configHash ||
    local.hashes.trust !== remote.trustHash ||
    local.hashes.addresses !== remote.addressesHash
  );
}

const isIdle = (local: LocalState): boolean => local.op.kind === 'continue';

function leadershipDecision(input: ResolverInput): Decision | undefined {
  const { local, remote } = input;
  if (!local.installed || !isIdle(local) || remote.life !== 'alive') return undefined;
  if (remote.leader && !local.leader) return hook({ kind: 'leader-elected' });
  if (!remote.leader && local.leader) return { kind: 'resign-leadership' };
  if (!remote.leader && input.leaderSettingsSeen !== remote.leaderSettingsVersion)
    return hook({ kind: 'leader-settings-changed' });
  return undefined;
}

function actionDecision(input: ResolverInput): Decision | undefined {
  const { local, remote } = input;
  if (!local.installed) return undefined;
  const next = remote.pendingActions[0];
  if (next === undefined) return undefined;
  const op = local.op;
  // Actions run when idle, and also while a hook waits in error.
  if (op.kind === 'continue' || (op.kind === 'run-hook' && op.step === 'pending'))
    return { kind: 'run-action', actionId: next };
  return undefined;
}

function hookErrorDecision(input: ResolverInput, failed: HookInfo): Decision {
  switch (input.remote.resolvedMode) {
    case 'retry-hooks':
      return { kind: 'run-hook', hook: failed, clearResolved: true };
    case 'no-hooks':
      return { kind: 'skip-hook', hook: failed, clearResolved: true };
    case '':
      return input.retryDue ? hook(failed) : { kind: 'wait', inError: true };
  }
}

function dyingDecision(input: ResolverInput): Decision {
  const { local, remote, unitName } = input;
  const rel = nextRelationOp(unitName, local, remote);
  if (rel !== undefined) return rel;
  if (local.started && !local.stopped) return hook({ kind: 'stop' });
  if (local.installed && !local.removed) return hook({ kind: 'remove' });
  return { kind: 'terminate' };
}

function baseDecision(input: ResolverInput): Decision {
  const { local, remote, unitName } = input;
  if (remote.life !== 'alive') return dyingDecision(input);
  if (!local.installed) {
    return {
      kind: 'deploy',
      upgrade: false,
      charmUrl: remote.charmUrl,
      modifiedVersion: remote.charmModifiedVersion,
      sha256: remote.charmSha256,
    };
  }
  if (charmModified(local, remote)) {
    return {
      kind: 'deploy',
      upgrade: true,
      charmUrl: remote.charmUrl,
      modifiedVersion: remote.charmModifiedVersion,
      sha256: remote.charmSha256,
    };
  }
  if (configChanged(local, remote)) return hook({ kind: 'config-changed' });
  const rel = nextRelationOp(unitName, local, remote);
  if (rel !== undefined) return rel;
  if (input.updateStatusDue) return hook({ kind: 'update-status' });
  return { kind: 'wait', inError: false };
}

/** The next operation; see the module comment for the order. */
export function nextDecision(input: ResolverInput): Decision {
  const { local, remote } = input;
  if (remote.life === 'dead' || local.removed) return { kind: 'terminate' };
  const op = local.op;
  if (op.kind === 'deploy') {
    return {
      kind: 'deploy',
      upgrade: op.upgrade,
      charmUrl: op.charmUrl,
      modifiedVersion: op.modifiedVersion,
      sha256: op.sha256,
    };
  }
  if (op.kind === 'run-action') return { kind: 'fail-action', actionId: op.actionId };

  if (isIdle(local)) {
    const scope = nextScopeToEnter(local, remote) ?? nextRelationCreated(local, remote);
    if (scope !== undefined) return scope;
  }
  const leadership = leadershipDecision(input);
  if (leadership !== undefined) return leadership;
  // Secrets come before actions in Juju's chain (charm-contract §2.2, step 7).
  const secretHook = nextSecretHook(local, remote.secrets, remote.life === 'alive', remote.leader);
  if (secretHook !== undefined) return hook(secretHook);
  const action = actionDecision(input);
  if (action !== undefined) return action;
  const storage = nextStorageDecision(local, remote);
  if (storage !== undefined) return storage;

  if (op.kind === 'run-hook') {
    switch (op.step) {
      case 'pending':
        return hookErrorDecision(input, op.hook);
      case 'queued':
        // A queued install waits for the base sequence, so a dying unit never installs.
        if (op.hook.kind === 'install' && remote.life !== 'alive') return baseDecision(input);
        return hook(op.hook);
      case 'done':
        return { kind: 'skip-hook', hook: op.hook };
    }
  }
  return baseDecision(input);
}
