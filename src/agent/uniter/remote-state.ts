/**
 * The resolver's view of the controller (`Uniter.RemoteState`), converted
 * from the wire into plain camel-case data.
 */
import type { RemoteRelation, RemoteState } from '../../rpc/params/uniter.js';
import type { SecretsSnapshot } from './secret-resolver.js';

export type Life = 'alive' | 'dying' | 'dead';

/** One relation of the unit as the controller has it. */
export interface RemoteRelationSnapshot {
  readonly id: number;
  readonly key: string;
  readonly endpoint: string;
  readonly remoteApp: string;
  readonly life: Life;
  readonly suspended: boolean;
  readonly isPeer: boolean;
  readonly implicit: boolean;
  readonly scope: string;
  readonly inScope: boolean;
  /** Remote units in scope -> settings version. */
  readonly members: Readonly<Record<string, number>>;
  /** Remote application -> application settings version. */
  readonly appVersions: Readonly<Record<string, number>>;
}

export type ResolvedMode = '' | 'retry-hooks' | 'no-hooks';

/** One storage attachment of the unit. */
export interface RemoteStorageSnapshot {
  /** `data/0`. */
  readonly id: string;
  readonly kind: 'filesystem' | 'block';
  readonly life: Life;
  /** Where the machine made it ('' until provisioned). */
  readonly location: string;
  /** Where it would be on a real machine (mapped under the machine root). */
  readonly planned: string;
}

/** Everything the resolver decides on. */
export interface RemoteSnapshot {
  readonly life: Life;
  readonly appLife: Life;
  readonly charmUrl: string;
  readonly charmModifiedVersion: number;
  readonly charmSha256: string;
  readonly forceCharm: boolean;
  readonly configHash: string;
  readonly trustHash: string;
  readonly addressesHash: string;
  readonly resolvedMode: ResolvedMode;
  /** Whether this unit is the leader (the leadership tracker's view overrides the controller's). */
  readonly leader: boolean;
  readonly leaderSettingsVersion: number;
  readonly relations: Readonly<Record<number, RemoteRelationSnapshot>>;
  readonly updateStatusIntervalSec: number;
  readonly autoRetryHooks: boolean;
  readonly pendingActions: readonly string[];
  readonly abortingActions: readonly string[];
  readonly machineId: string;
  readonly principal: string;
  /** Storage attachments (absent = none). */
  readonly storage?: readonly RemoteStorageSnapshot[];
  /** Consumed secrets and obsolete revisions (`SecretsManager`; absent = unknown). */
  readonly secrets?: SecretsSnapshot;
}

function life(v: string): Life {
  return v === 'dying' || v === 'dead' ? v : 'alive';
}

function relationFromWire(r: RemoteRelation): RemoteRelationSnapshot {
  return {
    id: r.id,
    key: r.key,
    endpoint: r.endpoint,
    remoteApp: r['remote-application'],
    life: life(r.life),
    suspended: r.suspended,
    isPeer: r['is-peer'],
    implicit: r.implicit,
    scope: r.scope,
    inScope: r['in-scope'],
    members: { ...r.members },
    appVersions: { ...r['application-versions'] },
  };
}

/** Converts the wire form. */
export function remoteFromWire(w: RemoteState): RemoteSnapshot {
  const relations: Record<number, RemoteRelationSnapshot> = {};
  for (const r of w.relations ?? []) relations[r.id] = relationFromWire(r);
  const mode = w['resolved-mode'];
  return {
    life: life(w.life),
    appLife: life(w['application-life']),
    charmUrl: w['charm-url'],
    charmModifiedVersion: w['charm-modified-version'],
    charmSha256: w['charm-sha256'],
    forceCharm: w['force-charm'],
    configHash: w['config-hash'],
    trustHash: w['trust-hash'],
    addressesHash: w['addresses-hash'],
    resolvedMode: mode === 'retry-hooks' || mode === 'no-hooks' ? mode : '',
    leader: w.leader,
    leaderSettingsVersion: w['leader-settings-version'],
    relations,
    updateStatusIntervalSec: w['update-status-interval'],
    autoRetryHooks: w['automatically-retry-hooks'],
    pendingActions: [...(w['pending-actions'] ?? [])],
    abortingActions: [...(w['aborting-actions'] ?? [])],
    machineId: w['machine-id'],
    principal: w.principal,
    storage: (w.storage ?? []).map((st) => ({
      id: st.id,
      kind: st.kind === 'block' ? 'block' : 'filesystem',
      life: life(st.life),
      location: st.location,
      planned: st.planned,
    })),
  };
}
