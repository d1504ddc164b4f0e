/**
 * Who may do what: grants on the controller, models, clouds and offers, and
 * the effective-access checks facades use (controller superuser counts as
 * admin of every model and cloud; a model's owner is its admin).
 */
import { notAtomic, type Atomically } from '../common/atomic.js';
import { timestamp, type Clock } from '../common/clock.js';
import { accessNotValid, alreadyHasAccess, noSuchGrant, targetNotFound, userNotLocal } from './errors.js';
import {
  ACCESS_LEVELS,
  ControllerAccess,
  EVERYONE_EXTERNAL,
  accessRank,
  controllerTarget,
  isExternalUser,
  maxAccess,
  targetKey,
  userKey,
  type AccessTarget,
  type AccessTargetKind,
  type GrantParams,
  type RevokeParams,
  type UserAccess,
} from './types.js';

/** Arguments to write one grant (state). */
export interface SetAccessArgs {
  readonly kind: AccessTargetKind;
  readonly key: string;
  readonly subjectKey: string;
  readonly access: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** Whether a local user may hold access right now. */
export type UserStanding = 'active' | 'disabled' | 'removed' | 'missing';

/** Persistence the access service needs. */
export interface AccessState {
  getAccess(kind: AccessTargetKind, key: string, subjectKey: string): string | undefined;
  setAccess(args: SetAccessArgs): void;
  removeAccess(kind: AccessTargetKind, key: string, subjectKey: string): boolean;
  targetExists(kind: AccessTargetKind, key: string): boolean;
  userStanding(subjectKey: string): UserStanding;
  modelOwnerKey(modelUuid: string): string | undefined;
  /** Grants on one object with user details, ordered by user. */
  grantsOn(kind: AccessTargetKind, key: string): UserAccess[];
  /** Object keys of `kind` the subject has a direct grant on, with the level. */
  grantsOf(subjectKey: string, kind: AccessTargetKind): { key: string; access: string }[];
}

/** Business rules for permissions. */
export class AccessService {
  constructor(
    private readonly state: AccessState,
    private readonly clock: Clock,
    private readonly atomically: Atomically = notAtomic,
  ) {}

  /**
   * Gives `user` the level on the target, or raises it.
   * @throws `not valid` bad level; `not found`/`model not found` unknown target;
   *   `user not found` unknown local user; `already exists`
   *   `user already has "x" access or greater`.
   */
  grant(params: GrantParams): void {
    this.atomically(() => this.grantNow(params));
  }

  private grantNow(params: GrantParams): void {
    const { kind } = params.target;
    const key = targetKey(params.target);
    this.checkLevel(kind, params.access);
    if (!this.state.targetExists(kind, key)) throw targetNotFound(kind, key);
    const subject = userKey(params.user);
    if (!isExternalUser(subject)) {
      const standing = this.state.userStanding(subject);
      if (standing === 'missing' || standing === 'removed') throw userNotLocal(params.user);
    }
    const current = this.state.getAccess(kind, key, subject);
    if (current !== undefined && accessRank(kind, current) >= accessRank(kind, params.access)) {
      throw alreadyHasAccess(params.access);
    }
    this.state.setAccess({
      kind,
      key,
      subjectKey: subject,
      access: params.access,
      createdBy: params.grantedBy,
      createdAt: timestamp(this.clock),
    });
  }

  /**
   * Lowers `user` to the level below the revoked one (never raises); revoking
   * the lowest level removes the grant.
   * @throws `not found` `model user "bob" does not exist` when there is no grant.
   */
  revoke(params: RevokeParams): void {
    this.atomically(() => this.revokeNow(params));
  }

  private revokeNow(params: RevokeParams): void {
    const { kind } = params.target;
    const key = targetKey(params.target);
    this.checkLevel(kind, params.access);
    const subject = userKey(params.user);
    const current = this.state.getAccess(kind, key, subject);
    if (current === undefined) throw noSuchGrant(kind, params.user);
    const revokedRank = accessRank(kind, params.access);
    if (revokedRank === 0) {
      this.state.removeAccess(kind, key, subject);
      return;
    }
    const below = ACCESS_LEVELS[kind][revokedRank - 1] as string;
    if (accessRank(kind, current) <= accessRank(kind, below)) return;
    this.state.setAccess({
      kind,
      key,
      subjectKey: subject,
      access: below,
      createdBy: params.user,
      createdAt: timestamp(this.clock),
    });
  }

  /**
   * The level granted directly on the target (for external users the better
   * of their own grant and everyone@external's), or null.
   */
  directAccess(user: string, target: AccessTarget): string | null {
    const subject = userKey(user);
    const key = targetKey(target);
    let level = this.state.getAccess(target.kind, key, subject) ?? null;
    if (isExternalUser(subject) && subject !== EVERYONE_EXTERNAL) {
      level = maxAccess(
        target.kind,
        level,
        this.state.getAccess(target.kind, key, EVERYONE_EXTERNAL) ?? null,
      );
    }
    return level;
  }

  /**
   * The level the user effectively has: direct grants, plus admin on every
   * model, cloud and offer for controller superusers, plus admin on models
   * they own. Disabled and removed users have none.
   */
  effectiveAccess(user: string, target: AccessTarget): string | null {
    const subject = userKey(user);
    if (!isExternalUser(subject)) {
      const standing = this.state.userStanding(subject);
      if (standing !== 'active') return null;
    }
    let level = this.directAccess(subject, target);
    if (target.kind === 'controller') return level;
    if (this.directAccess(subject, controllerTarget()) === ControllerAccess.Superuser) {
      level = maxAccess(target.kind, level, 'admin');
    }
    if (target.kind === 'model' && this.state.modelOwnerKey(target.uuid) === subject) {
      level = maxAccess(target.kind, level, 'admin');
    }
    return level;
  }

  /** True when the user's effective level on the target is at least `level`. */
  hasAccess(user: string, target: AccessTarget, level: string): boolean {
    this.checkLevel(target.kind, level);
    const have = this.effectiveAccess(user, target);
    return have !== null && accessRank(target.kind, have) >= accessRank(target.kind, level);
  }

  /** True for an active controller superuser. */
  isSuperuser(user: string): boolean {
    return this.effectiveAccess(user, controllerTarget()) === ControllerAccess.Superuser;
  }

  /** Users with a grant on the target (model grants include last connection). */
  usersWithAccess(target: AccessTarget): UserAccess[] {
    return this.state.grantsOn(target.kind, targetKey(target));
  }

  /** Keys (model uuids, cloud names, ...) of `kind` the user has a direct grant on. */
  grantsOf(user: string, kind: AccessTargetKind): { key: string; access: string }[] {
    return this.state.grantsOf(userKey(user), kind);
  }

  private checkLevel(kind: AccessTargetKind, access: string): void {
    if (accessRank(kind, access) < 0) throw accessNotValid(kind, access);
  }
}
