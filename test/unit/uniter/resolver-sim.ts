/**
 * A small simulator around the pure resolver for tests: builds remote
 * snapshots, applies each decision to the local state the way the uniter
 * does (deploy queues install/upgrade-charm, hooks commit, scopes join), and
 * records the hook names run, until the resolver has nothing left to do.
 */
import { commitHook } from '../../../src/agent/uniter/hook-commit.js';
import { hookName } from '../../../src/agent/uniter/hook-info.js';
import { initialLocalState, type LocalState } from '../../../src/agent/uniter/local-state.js';
import type { RemoteRelationSnapshot, RemoteSnapshot } from '../../../src/agent/uniter/remote-state.js';
import { nextDecision, type Decision, type ResolverInput } from '../../../src/agent/uniter/resolver.js';

export const UNIT = 'app/0';

export function remote(overrides: Partial<RemoteSnapshot> = {}): RemoteSnapshot {
  return {
    life: 'alive',
    appLife: 'alive',
    charmUrl: 'local:app-1',
    charmModifiedVersion: 0,
    charmSha256: 'abc',
    forceCharm: false,
    configHash: 'c1',
    trustHash: 't1',
    addressesHash: 'a1',
    resolvedMode: '',
    leader: true,
    leaderSettingsVersion: 0,
    relations: {},
    updateStatusIntervalSec: 300,
    autoRetryHooks: true,
    pendingActions: [],
    abortingActions: [],
    machineId: '0',
    principal: '',
    ...overrides,
  };
}

export function relation(
  id: number,
  endpoint: string,
  remoteApp: string,
  overrides: Partial<RemoteRelationSnapshot> = {},
): RemoteRelationSnapshot {
  return {
    id,
    key: remoteApp === 'app' ? `app:${endpoint}` : `app:${endpoint} ${remoteApp}:x`,
    endpoint,
    remoteApp,
    life: 'alive',
    suspended: false,
    isPeer: remoteApp === 'app',
    implicit: false,
    scope: 'global',
    inScope: true,
    members: {},
    appVersions: { [remoteApp]: 0 },
    ...overrides,
  };
}

export function relations(...list: RemoteRelationSnapshot[]): Record<number, RemoteRelationSnapshot> {
  return Object.fromEntries(list.map((r) => [r.id, r]));
}

/** A unit that is installed, started, leader, with its config seen, and these relations joined. */
export function settledLocal(r: RemoteSnapshot, overrides: Partial<LocalState> = {}): LocalState {
  const local: LocalState = {
    ...initialLocalState(),
    installed: true,
    started: true,
    leader: r.leader,
    charmUrl: r.charmUrl,
    charmModifiedVersion: r.charmModifiedVersion,
    hashes: { config: r.configHash, trust: r.trustHash, addresses: r.addressesHash },
    relations: Object.fromEntries(
      Object.values(r.relations).map((rel) => [
        String(rel.id),
        {
          id: rel.id,
          key: rel.key,
          endpoint: rel.endpoint,
          remoteApp: rel.remoteApp,
          isPeer: rel.isPeer,
          implicit: rel.implicit,
          created: true,
          members: { ...rel.members },
          appMembers: { ...rel.appVersions },
          changedPending: '',
        },
      ]),
    ),
  };
  return { ...local, ...overrides };
}

export interface SimState {
  local: LocalState;
  remote: RemoteSnapshot;
  leaderSettingsSeen: number | undefined;
  updateStatusDue: boolean;
  retryDue: boolean;
}

export function sim(local: LocalState, r: RemoteSnapshot, extra: Partial<SimState> = {}): SimState {
  return {
    local,
    remote: r,
    leaderSettingsSeen: undefined,
    updateStatusDue: false,
    retryDue: false,
    ...extra,
  };
}

export function decide(s: SimState): Decision {
  const input: ResolverInput = {
    unitName: UNIT,
    local: s.local,
    remote: s.remote,
    leaderSettingsSeen: s.leaderSettingsSeen,
    updateStatusDue: s.updateStatusDue,
    retryDue: s.retryDue,
  };
  return nextDecision(input);
}

/** A readable form of a hook decision: `db-relation-joined other/0 (departing x)`. */
export function describe(local: LocalState, d: Decision): string {
  if (d.kind !== 'run-hook' && d.kind !== 'skip-hook') return d.kind;
  const rel = d.hook.relationId !== undefined ? local.relations[String(d.hook.relationId)] : undefined;
  let text = hookName(d.hook, rel?.endpoint);
  if (d.hook.remoteUnit) text += ` ${d.hook.remoteUnit}`;
  else if (d.hook.kind === 'relation-changed') text += ` app:${d.hook.remoteApp ?? ''}`;
  if (d.hook.departingUnit) text += ` departing=${d.hook.departingUnit}`;
  return text;
}

/** Applies one decision as the uniter would, successfully. */
export function apply(s: SimState, d: Decision): void {
  switch (d.kind) {
    case 'deploy':
      s.local = {
        ...s.local,
        charmUrl: d.charmUrl,
        charmModifiedVersion: d.modifiedVersion,
        op: { kind: 'run-hook', step: 'queued', hook: { kind: d.upgrade ? 'upgrade-charm' : 'install' } },
      };
      return;
    case 'run-hook':
    case 'skip-hook': {
      const h = d.hook;
      if (h.kind === 'update-status') s.updateStatusDue = false;
      if (h.kind === 'leader-elected' || h.kind === 'leader-settings-changed')
        s.leaderSettingsSeen = s.remote.leaderSettingsVersion;
      s.retryDue = false;
      const hashes =
        h.kind === 'config-changed'
          ? { config: s.remote.configHash, trust: s.remote.trustHash, addresses: s.remote.addressesHash }
          : undefined;
      s.local = commitHook(s.local, h, hashes ? { hashes } : {});
      if (d.clearResolved) s.remote = { ...s.remote, resolvedMode: '' };
      return;
    }
    case 'enter-scope': {
      const r = d.relation;
      s.local = {
        ...s.local,
        relations: {
          ...s.local.relations,
          [String(r.id)]: {
            id: r.id,
            key: r.key,
            endpoint: r.endpoint,
            remoteApp: r.remoteApp,
            isPeer: r.isPeer,
            implicit: r.implicit,
            created: false,
            members: {},
            appMembers: {},
            changedPending: '',
          },
        },
      };
      return;
    }
    case 'leave-scope': {
      const rels = { ...s.local.relations };
      delete rels[String(d.relationId)];
      s.local = { ...s.local, relations: rels };
      return;
    }
    case 'run-action':
    case 'fail-action':
      s.remote = { ...s.remote, pendingActions: s.remote.pendingActions.filter((a) => a !== d.actionId) };
      if (s.local.op.kind === 'run-action')
        s.local = { ...s.local, op: s.local.op.interrupted ?? { kind: 'continue' } };
      return;
    case 'resign-leadership':
      s.local = { ...s.local, leader: false };
      return;
    case 'terminate':
    case 'wait':
      return;
  }
}

/**
 * Runs decisions until wait/terminate (at most `limit`), returning what ran:
 * hooks by name, other operations by kind (`deploy` and `enter-scope` steps
 * are left out unless `withSteps`).
 */
export function runUntilIdle(s: SimState, opts: { limit?: number; withSteps?: boolean } = {}): string[] {
  const out: string[] = [];
  for (let i = 0; i < (opts.limit ?? 100); i++) {
    const d = decide(s);
    if (d.kind === 'wait') return out;
    if (d.kind === 'terminate') {
      out.push('terminate');
      return out;
    }
    if (d.kind === 'run-hook' || d.kind === 'skip-hook') out.push(describe(s.local, d));
    else if ((d.kind !== 'enter-scope' && d.kind !== 'deploy') || opts.withSteps) out.push(d.kind);
    apply(s, d);
  }
  throw new Error(`no rest after ${opts.limit ?? 100} steps: ${out.join(', ')}`);
}
