/**
 * Access levels and the objects they apply to (Juju's core/permission).
 * Levels are ordered from lowest to highest per object kind.
 */

/** Controller access levels. */
export const ControllerAccess = { Login: 'login', Superuser: 'superuser' } as const;
/** Model access levels. */
export const ModelAccess = { Read: 'read', Write: 'write', Admin: 'admin' } as const;
/** Cloud access levels. */
export const CloudAccess = { AddModel: 'add-model', Admin: 'admin' } as const;
/** Offer access levels. */
export const OfferAccess = { Read: 'read', Consume: 'consume', Admin: 'admin' } as const;

export type ControllerAccessLevel = (typeof ControllerAccess)[keyof typeof ControllerAccess];
export type ModelAccessLevel = (typeof ModelAccess)[keyof typeof ModelAccess];
export type CloudAccessLevel = (typeof CloudAccess)[keyof typeof CloudAccess];
export type OfferAccessLevel = (typeof OfferAccess)[keyof typeof OfferAccess];

/** Kinds of object a user can be granted access to. */
export type AccessTargetKind = 'controller' | 'model' | 'cloud' | 'offer';

/** The object of a grant. */
export type AccessTarget =
  | { readonly kind: 'controller' }
  | { readonly kind: 'model'; readonly uuid: string }
  | { readonly kind: 'cloud'; readonly name: string }
  | { readonly kind: 'offer'; readonly uuid: string };

/** Valid levels per object kind, lowest first. */
export const ACCESS_LEVELS: Readonly<Record<AccessTargetKind, readonly string[]>> = Object.freeze({
  controller: [ControllerAccess.Login, ControllerAccess.Superuser],
  model: [ModelAccess.Read, ModelAccess.Write, ModelAccess.Admin],
  cloud: [CloudAccess.AddModel, CloudAccess.Admin],
  offer: [OfferAccess.Read, OfferAccess.Consume, OfferAccess.Admin],
});

/** The group that stands for every external user. */
export const EVERYONE_EXTERNAL = 'everyone@external';

/** Handy constructors for targets. */
export const controllerTarget = (): AccessTarget => ({ kind: 'controller' });
export const modelTarget = (uuid: string): AccessTarget => ({ kind: 'model', uuid });
export const cloudTarget = (name: string): AccessTarget => ({ kind: 'cloud', name });
export const offerTarget = (uuid: string): AccessTarget => ({ kind: 'offer', uuid });

/** Key of the target in the permission table. */
export function targetKey(target: AccessTarget): string {
  switch (target.kind) {
    case 'controller':
      return 'controller';
    case 'model':
      return target.uuid;
    case 'cloud':
      return target.name;
    case 'offer':
      return target.uuid;
  }
}

/** Rank of `level` for `kind` (0 = lowest), or -1 when it is not valid there. */
export function accessRank(kind: AccessTargetKind, level: string): number {
  return ACCESS_LEVELS[kind].indexOf(level);
}

/** The higher of two levels (null = no access). */
export function maxAccess(kind: AccessTargetKind, a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return accessRank(kind, a) >= accessRank(kind, b) ? a : b;
}

/**
 * Canonical key of a user name as stored in the permission and user tables:
 * lower case, `@local` dropped (`Bob@local` -> `bob`).
 */
export function userKey(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('@local') ? lower.slice(0, -'@local'.length) : lower;
}

/** True for users qualified with a domain other than local (`bob@external`). */
export function isExternalUser(name: string): boolean {
  return userKey(name).includes('@');
}

/** A user's grant on one object, with details for listings. */
export interface UserAccess {
  /** User name as the user was created (`admin`, `bob@external`). */
  readonly user: string;
  readonly displayName: string;
  readonly access: string;
  readonly createdBy: string;
  readonly dateCreated: string;
  /** Last connection to the model (model targets only), or null if never. */
  readonly lastConnection: string | null;
}

/** Parameters of {@link AccessService.grant}. */
export interface GrantParams {
  readonly user: string;
  readonly target: AccessTarget;
  readonly access: string;
  /** Who is granting; recorded for provenance. */
  readonly grantedBy: string;
}

/** Parameters of {@link AccessService.revoke}. */
export interface RevokeParams {
  readonly user: string;
  readonly target: AccessTarget;
  /** The level being revoked; the user drops to the level below it. */
  readonly access: string;
}
