/**
 * The secrets step of the resolver chain (charm-contract §2.2 step 7, §7), in
 * Juju's order: `secret-expired` for each expired revision of a secret the
 * unit manages (once per due time the controller names: the expiry, then
 * every retry boundary while the revision stays), `secret-rotate` for each
 * managed secret whose rotation is due (once per due time; the controller
 * moves it on after the hook, see `SecretsRotated`), then
 * `secret-changed` for a consumed secret whose latest revision is newer than
 * both the tracked one and the one a committed secret-changed already
 * announced, then `secret-remove` for each obsolete revision of a secret the
 * unit manages that no secret-remove hook was committed for. Secret hooks
 * run only when installed, idle and alive. Pure.
 */
import type { HookInfo } from './hook-info.js';
import type { LocalState } from './local-state.js';

/** A consumed secret (from `SecretsManager.SecretsRemoteState`). */
export interface ConsumedSecret {
  readonly id: string;
  readonly label: string;
  readonly currentRevision: number;
  readonly latestRevision: number;
}

/** Obsolete revisions of a managed secret. */
export interface ObsoleteSecret {
  readonly id: string;
  readonly label: string;
  readonly ownerKind: 'application' | 'unit';
  readonly revisions: readonly number[];
}

/** A managed secret whose rotation is due. */
export interface RotateDueSecret {
  readonly id: string;
  readonly label: string;
  readonly ownerKind: 'application' | 'unit';
  /** The due time naming this rotation event. */
  readonly nextRotateTime: string;
  readonly latestRevision: number;
}

/** An expired revision of a managed secret. */
export interface ExpiredSecretRevision {
  readonly id: string;
  readonly label: string;
  readonly ownerKind: 'application' | 'unit';
  readonly revision: number;
  /** The expiry or the retry boundary after it that names this event. */
  readonly dueTime: string;
}

/** The controller's secrets view for the resolver. */
export interface SecretsSnapshot {
  readonly consumed: readonly ConsumedSecret[];
  readonly obsolete: readonly ObsoleteSecret[];
  readonly rotate?: readonly RotateDueSecret[];
  readonly expired?: readonly ExpiredSecretRevision[];
  /** When (RFC 3339, controller clock) another rotation or expiry becomes due. */
  readonly nextDueTime?: string;
}

/** Local-state key of an expired revision. */
export const expiredKey = (id: string, revision: number): string => `${id}/${revision}`;

/** The next secret hook, if any. */
export function nextSecretHook(
  local: LocalState,
  secrets: SecretsSnapshot | undefined,
  alive: boolean,
  leader: boolean,
): HookInfo | undefined {
  if (secrets === undefined || !local.installed || local.op.kind !== 'continue' || !alive) return undefined;
  // The controller lists only secrets this unit manages; leadership may have moved since.
  const manages = (ownerKind: 'application' | 'unit'): boolean => ownerKind === 'unit' || leader;
  for (const e of secrets.expired ?? []) {
    if (!manages(e.ownerKind) || local.secretsExpired?.[expiredKey(e.id, e.revision)] === e.dueTime) continue;
    return {
      kind: 'secret-expired',
      secretId: e.id,
      secretLabel: e.label,
      secretRevision: e.revision,
      secretDueTime: e.dueTime,
    };
  }
  for (const r of secrets.rotate ?? []) {
    if (!manages(r.ownerKind) || local.secretsRotated?.[r.id] === r.nextRotateTime) continue;
    return {
      kind: 'secret-rotate',
      secretId: r.id,
      secretLabel: r.label,
      secretRevision: r.latestRevision,
      secretDueTime: r.nextRotateTime,
    };
  }
  for (const c of secrets.consumed) {
    const announced = local.secretsChanged?.[c.id] ?? c.currentRevision;
    if (c.latestRevision > c.currentRevision && c.latestRevision > announced) {
      return {
        kind: 'secret-changed',
        secretId: c.id,
        secretLabel: c.label,
        secretRevision: c.latestRevision,
      };
    }
  }
  for (const o of secrets.obsolete) {
    if (o.ownerKind === 'application' && !leader) continue;
    const done = local.secretsRemoved?.[o.id] ?? [];
    const rev = o.revisions.find((r) => !done.includes(r));
    if (rev !== undefined) {
      return { kind: 'secret-remove', secretId: o.id, secretLabel: o.label, secretRevision: rev };
    }
  }
  return undefined;
}

/** The local state after a secret hook committed (what it announced is remembered). */
export function commitSecretHook(local: LocalState, hook: HookInfo): LocalState {
  const id = hook.secretId ?? '';
  const revision = hook.secretRevision ?? 0;
  if (hook.kind === 'secret-changed') {
    return { ...local, secretsChanged: { ...(local.secretsChanged ?? {}), [id]: revision } };
  }
  if (hook.kind === 'secret-rotate') {
    return { ...local, secretsRotated: { ...(local.secretsRotated ?? {}), [id]: hook.secretDueTime ?? '' } };
  }
  if (hook.kind === 'secret-expired') {
    return {
      ...local,
      secretsExpired: {
        ...(local.secretsExpired ?? {}),
        [expiredKey(id, revision)]: hook.secretDueTime ?? '',
      },
    };
  }
  if (hook.kind === 'secret-remove') {
    const done = local.secretsRemoved?.[id] ?? [];
    return {
      ...local,
      secretsRemoved: {
        ...(local.secretsRemoved ?? {}),
        [id]: done.includes(revision) ? done : [...done, revision],
      },
    };
  }
  return local;
}

/** `JUJU_SECRET_*` variables of a secret hook (charm-contract §3, §7). */
export function secretHookEnv(hook: HookInfo): Record<string, string> {
  if (
    hook.kind !== 'secret-changed' &&
    hook.kind !== 'secret-remove' &&
    hook.kind !== 'secret-rotate' &&
    hook.kind !== 'secret-expired'
  )
    return {};
  const env: Record<string, string> = {
    JUJU_SECRET_ID: `secret:${hook.secretId ?? ''}`,
    JUJU_SECRET_LABEL: hook.secretLabel ?? '',
  };
  if (hook.kind === 'secret-remove' || hook.kind === 'secret-expired')
    env.JUJU_SECRET_REVISION = String(hook.secretRevision ?? 0);
  return env;
}
