/**
 * Relation decisions of the resolver (charm-contract §2.3), pure functions of
 * the local relation state and the controller's snapshot: which scopes to
 * enter or leave, relation-created after install, and for each joined
 * relation the next of changed-after-joined, departed, broken, application
 * changed, joined and changed.
 */
import type { HookInfo } from './hook-info.js';
import type { LocalRelation, LocalState } from './local-state.js';
import type { RemoteRelationSnapshot, RemoteSnapshot } from './remote-state.js';

/** What the relation part of the resolver can ask for. */
export type RelationDecision =
  | { readonly kind: 'enter-scope'; readonly relation: RemoteRelationSnapshot }
  | { readonly kind: 'leave-scope'; readonly relationId: number }
  | { readonly kind: 'run-hook'; readonly hook: HookInfo };

const byId = <T extends { readonly id: number }>(list: Iterable<T>): T[] =>
  [...list].sort((a, b) => a.id - b.id);

const unitApp = (unit: string): string => unit.slice(0, unit.lastIndexOf('/'));

function sortedNames(...maps: Readonly<Record<string, number>>[]): string[] {
  return [...new Set(maps.flatMap((m) => Object.keys(m)))].sort();
}

/**
 * Scopes to enter: relations alive and not suspended that the unit has not
 * joined yet (only once installed, alive and idle).
 */
export function nextScopeToEnter(local: LocalState, remote: RemoteSnapshot): RelationDecision | undefined {
  if (!local.installed || remote.life !== 'alive') return undefined;
  for (const r of byId(Object.values(remote.relations))) {
    if (r.life !== 'alive' || r.suspended) continue;
    if (local.relations[String(r.id)] === undefined) return { kind: 'enter-scope', relation: r };
  }
  return undefined;
}

/** relation-created for joined relations that have not had it (installed, alive unit). */
export function nextRelationCreated(local: LocalState, remote: RemoteSnapshot): RelationDecision | undefined {
  if (!local.installed || remote.life !== 'alive') return undefined;
  for (const rel of byId(Object.values(local.relations))) {
    const r = remote.relations[rel.id];
    if (rel.created || rel.implicit || r === undefined || r.life !== 'alive') continue;
    return {
      kind: 'run-hook',
      hook: { kind: 'relation-created', relationId: rel.id, remoteApp: rel.remoteApp },
    };
  }
  return undefined;
}

/** Whether the relation is being torn down for this unit: unit dying, relation dying/gone/suspended. */
function isBroken(remote: RemoteSnapshot, r: RemoteRelationSnapshot | undefined): boolean {
  return remote.life !== 'alive' || r === undefined || r.life !== 'alive' || r.suspended;
}

/** The next hook for one joined relation, or undefined when it is up to date. */
export function nextHookForRelation(
  rel: LocalRelation,
  remoteRel: RemoteRelationSnapshot | undefined,
  broken: boolean,
  departee: string | undefined,
): HookInfo | undefined {
  const members = broken || remoteRel === undefined ? {} : remoteRel.members;
  const appVersions = broken || remoteRel === undefined ? {} : remoteRel.appVersions;
  if (rel.changedPending !== '') {
    const unit = rel.changedPending;
    return {
      kind: 'relation-changed',
      relationId: rel.id,
      remoteUnit: unit,
      remoteApp: unitApp(unit),
      changeVersion: members[unit] ?? rel.members[unit] ?? 0,
    };
  }
  const units = sortedNames(rel.members, members);
  for (const unit of units) {
    if (rel.members[unit] === undefined || members[unit] !== undefined) continue;
    return {
      kind: 'relation-departed',
      relationId: rel.id,
      remoteUnit: unit,
      remoteApp: unitApp(unit),
      changeVersion: rel.members[unit],
      departingUnit: departee ?? unit,
    };
  }
  if (broken) {
    // Peer relations are never broken; the unit leaves them when it is removed.
    if (rel.isPeer) return undefined;
    return { kind: 'relation-broken', relationId: rel.id, remoteApp: rel.remoteApp };
  }
  for (const app of sortedNames(rel.appMembers, appVersions)) {
    const version = appVersions[app];
    if (version === undefined) continue;
    // An application bag never written (version 0) fires nothing.
    if ((rel.appMembers[app] ?? 0) !== version) {
      return {
        kind: 'relation-changed',
        relationId: rel.id,
        remoteUnit: '',
        remoteApp: app,
        changeVersion: version,
      };
    }
  }
  for (const unit of units) {
    const version = members[unit];
    if (version === undefined || rel.members[unit] !== undefined) continue;
    return {
      kind: 'relation-joined',
      relationId: rel.id,
      remoteUnit: unit,
      remoteApp: unitApp(unit),
      changeVersion: version,
    };
  }
  for (const unit of units) {
    const version = members[unit];
    const seen = rel.members[unit];
    if (version === undefined || seen === undefined || version === seen) continue;
    return {
      kind: 'relation-changed',
      relationId: rel.id,
      remoteUnit: unit,
      remoteApp: unitApp(unit),
      changeVersion: version,
    };
  }
  return undefined;
}

/**
 * The next relation hook (or scope change) over every joined relation,
 * lowest relation id first. Implicit relations run no hooks: they only leave
 * scope once broken.
 */
export function nextRelationOp(
  unitName: string,
  local: LocalState,
  remote: RemoteSnapshot,
): RelationDecision | undefined {
  const localDying = remote.life !== 'alive' || remote.appLife !== 'alive';
  for (const rel of byId(Object.values(local.relations))) {
    const r = remote.relations[rel.id];
    const broken = isBroken(remote, r);
    if (rel.implicit) {
      if (broken) return { kind: 'leave-scope', relationId: rel.id };
      continue;
    }
    const hook = nextHookForRelation(rel, r, broken, localDying ? unitName : undefined);
    if (hook !== undefined) return { kind: 'run-hook', hook };
  }
  return undefined;
}
