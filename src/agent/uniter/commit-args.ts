/**
 * Turns what a hook buffered (`HookChanges.buffered`) into the one
 * `Uniter.CommitHookChanges` argument sent after the hook exited 0
 * (charm-contract §5.2).
 */
import { relationTag } from '../../core/names.js';
import type { CommitHookChangesArg, EntityPortRange } from '../../rpc/params/uniter.js';
import type { BufferedChanges, EndpointPortRange } from '../hooktools/context.js';
import { secretCommitArgs } from './secret-commit-args.js';

/** True when the commit would change nothing. */
export function isEmptyCommit(arg: Omit<CommitHookChangesArg, 'tag'>): boolean {
  return Object.values(arg).every(
    (v) => v === undefined || v === false || (Array.isArray(v) && v.length === 0),
  );
}

function ports(unitTag: string, list: readonly EndpointPortRange[]): EntityPortRange[] {
  return list.map((p) => ({
    tag: unitTag,
    endpoint: p.endpoint,
    'port-range': { 'from-port': p.range.from, 'to-port': p.range.to, protocol: p.range.protocol },
  }));
}

/**
 * The commit argument (without the unit tag, which the client adds).
 * `relationKey` maps a relation id to its key; unknown ids are dropped.
 */
export function commitArgs(
  unitTag: string,
  buffered: BufferedChanges,
  relationKey: (id: number) => string | undefined,
): Omit<CommitHookChangesArg, 'tag'> {
  const relationUnitSettings = buffered.relationSettings.flatMap((r) => {
    const key = relationKey(r.relationId);
    if (key === undefined) return [];
    return [
      {
        relation: relationTag(key),
        unit: unitTag,
        settings: { ...r.unit },
        ...(r.app !== undefined ? { 'application-settings': { ...r.app } } : {}),
      },
    ];
  });
  const arg: Omit<CommitHookChangesArg, 'tag'> = {
    ...(buffered.updateNetworkInfo ? { 'update-network-info': true } : {}),
    ...(relationUnitSettings.length > 0 ? { 'relation-unit-settings': relationUnitSettings } : {}),
    ...(buffered.openPorts.length > 0 ? { 'open-ports': ports(unitTag, buffered.openPorts) } : {}),
    ...(buffered.closePorts.length > 0 ? { 'close-ports': ports(unitTag, buffered.closePorts) } : {}),
    ...(buffered.charmState !== undefined
      ? { 'set-unit-state': { tag: unitTag, 'charm-state': { ...buffered.charmState } } }
      : {}),
    ...(buffered.storageAdd.length > 0 ? { 'add-storage': buffered.storageAdd.map((s) => ({ ...s })) } : {}),
    // Juju's wire forms (CreateSecretArg, UpdateSecretArg, ...).
    ...secretCommitArgs(unitTag, buffered),
  };
  return arg;
}
