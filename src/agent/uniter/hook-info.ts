/**
 * What a hook to run is (Juju's hook.Info): its kind plus, for relation
 * hooks, the relation, the remote unit or application, the settings version
 * that triggered it and the departing unit. Persisted in the operation state
 * so a hook interrupted by a crash runs again with the same information.
 */

/** Hook kinds the uniter runs on machines (relation kinds without the endpoint prefix). */
export type HookKind =
  | 'install'
  | 'start'
  | 'config-changed'
  | 'upgrade-charm'
  | 'update-status'
  | 'leader-elected'
  | 'leader-settings-changed'
  | 'stop'
  | 'remove'
  | 'relation-created'
  | 'relation-joined'
  | 'relation-changed'
  | 'relation-departed'
  | 'relation-broken'
  | 'storage-attached'
  | 'storage-detaching'
  | 'secret-changed'
  | 'secret-remove'
  | 'secret-rotate'
  | 'secret-expired';

export interface HookInfo {
  readonly kind: HookKind;
  readonly relationId?: number;
  /** `JUJU_REMOTE_UNIT` ('' or absent for created, broken and application changes). */
  readonly remoteUnit?: string;
  readonly remoteApp?: string;
  /** Settings version of the remote unit or application the hook is about. */
  readonly changeVersion?: number;
  /** `JUJU_DEPARTING_UNIT` of relation-departed. */
  readonly departingUnit?: string;
  /** `JUJU_STORAGE_ID` (`data/0`) of storage hooks. */
  readonly storageId?: string;
  /** `JUJU_SECRET_ID` (bare id) of secret hooks. */
  readonly secretId?: string;
  /** `JUJU_SECRET_LABEL` of secret hooks. */
  readonly secretLabel?: string;
  /**
   * `JUJU_SECRET_REVISION` of secret-remove and secret-expired; for
   * secret-changed the latest revision it announces; for secret-rotate the
   * latest revision when it started (a newer one after it means rotated).
   */
  readonly secretRevision?: number;
  /** secret-rotate / secret-expired: the due time that names the event (so it runs once). */
  readonly secretDueTime?: string;
}

/** True for `storage-attached` and `storage-detaching`. */
export function isStorageHook(kind: HookKind): boolean {
  return kind.startsWith('storage-');
}

/** True for the five relation hook kinds. */
export function isRelationHook(kind: HookKind): boolean {
  return kind.startsWith('relation-');
}

/** The hook's name as charms see it: `install`, `db-relation-joined`. */
export function hookName(info: HookInfo, endpoint: string | undefined): string {
  if (isStorageHook(info.kind)) {
    const id = info.storageId ?? '';
    return `${id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : id}-${info.kind}`;
  }
  return isRelationHook(info.kind) ? `${endpoint ?? ''}-${info.kind}` : info.kind;
}

/** Human description for logs and agent status: `db-relation-joined hook for wordpress/0`. */
export function describeHook(info: HookInfo, endpoint: string | undefined): string {
  const name = hookName(info, endpoint);
  return info.remoteUnit ? `${name} hook for ${info.remoteUnit}` : `${name} hook`;
}
