/**
 * Local users: creation (with a password or a registration key), password
 * login, password changes and resets, disabling, permanent removal, and
 * last-login bookkeeping.
 */
import { isValidUserName, newUUID } from '../../core/names.js';
import { userKey } from '../access/types.js';
import { notAtomic, type Atomically } from '../common/atomic.js';
import { timestamp, type Clock } from '../common/clock.js';
import {
  badCredentials,
  cannotDisableControllerOwner,
  cannotRemoveControllerOwner,
  emptyPassword,
  invalidUserName,
  userDeactivated,
  userNotFound,
  userPermanentlyDeleted,
  usernameUnavailable,
} from './errors.js';
import { newSecretKey, passwordMatches, randomSalt, userPasswordHash } from './password.js';
import type {
  AddUserParams,
  AddUserResult,
  InsertUserArgs,
  ListUsersParams,
  User,
  UserRecord,
} from './types.js';

/** Persistence the user service needs. */
export interface UserState {
  /** Inserts the user and its controller permission; false if the name is taken. */
  insertUser(args: InsertUserArgs): boolean;
  /** The user row by lower-cased name, including removed users. */
  userByKey(nameKey: string): UserRecord | undefined;
  /** Users that are not removed, by name. */
  listUsers(includeDisabled: boolean): UserRecord[];
  /** Sets the password and clears any registration key. */
  setPassword(nameKey: string, hash: string, salt: string): void;
  /** Sets a registration key and clears the password. */
  setSecretKey(nameKey: string, secretKey: string): void;
  setDisabled(nameKey: string, disabled: boolean): void;
  /** Marks the user removed and drops every permission it holds. */
  markRemoved(nameKey: string): void;
  /** Records a login at `at`, and the model connection if `modelUuid` is given. */
  recordLogin(nameKey: string, at: string, modelUuid: string | null): void;
  /** Lower-cased name of the controller model's owner, if bootstrapped. */
  controllerOwnerKey(): string | undefined;
}

function toUser(r: UserRecord): User {
  return {
    uuid: r.uuid,
    name: r.name,
    displayName: r.displayName,
    createdBy: r.createdBy,
    dateCreated: r.createdAt,
    lastLogin: r.lastLogin,
    disabled: r.disabled,
    hasPassword: r.passwordHash !== null,
  };
}

/** Business rules for local users. */
export class UserService {
  constructor(
    private readonly state: UserState,
    private readonly clock: Clock,
    private readonly atomically: Atomically = notAtomic,
  ) {}

  /**
   * Adds a local user. Without a password a random 32-byte secret key is
   * stored and returned for `juju register`.
   * @throws `not valid` invalid user name; `already exists` username unavailable.
   */
  addUser(params: AddUserParams): AddUserResult {
    if (!isValidUserName(params.name)) throw invalidUserName(params.name);
    if (params.password === '') throw emptyPassword();
    let passwordHash: string | null = null;
    let passwordSalt: string | null = null;
    let secretKey: Buffer | null = null;
    if (params.password !== undefined) {
      passwordSalt = randomSalt();
      passwordHash = userPasswordHash(params.password, passwordSalt);
    } else {
      secretKey = newSecretKey();
    }
    const args: InsertUserArgs = {
      uuid: newUUID(),
      name: params.name,
      nameKey: userKey(params.name),
      displayName: params.displayName ?? '',
      passwordHash,
      passwordSalt,
      secretKey: secretKey === null ? null : secretKey.toString('base64'),
      createdBy: params.createdBy,
      createdAt: timestamp(this.clock),
      controllerAccess: params.controllerAccess ?? 'login',
    };
    if (!this.state.insertUser(args)) throw usernameUnavailable();
    return { user: this.get(params.name), secretKey };
  }

  /**
   * The user called `name`.
   * @throws `user not found` when unknown or removed.
   */
  get(name: string): User {
    return toUser(this.live(name));
  }

  /** True when a local, not removed user called `name` exists. */
  exists(name: string): boolean {
    const r = this.state.userByKey(userKey(name));
    return r !== undefined && !r.removed;
  }

  /** Users sorted by name; disabled ones only when asked, removed ones never. */
  list(params: ListUsersParams = {}): User[] {
    return this.state.listUsers(params.includeDisabled ?? false).map(toUser);
  }

  /**
   * Checks a password login. Unknown, removed and disabled users, users
   * without a password, and wrong passwords all fail the same way.
   * @throws `unauthorized access` invalid entity name or password.
   */
  authenticate(name: string, password: string): User {
    const r = this.state.userByKey(userKey(name));
    if (r === undefined || r.removed || r.disabled || r.passwordHash === null || r.passwordSalt === null) {
      throw badCredentials();
    }
    if (!passwordMatches(password, r.passwordHash, r.passwordSalt)) throw badCredentials();
    return toUser(r);
  }

  /** Sets a new password (and clears any registration key). */
  setPassword(name: string, password: string): void {
    if (password === '') throw emptyPassword();
    const r = this.live(name);
    const salt = randomSalt();
    this.state.setPassword(userKey(r.name), userPasswordHash(password, salt), salt);
  }

  /**
   * Clears the password and issues a new registration key, returned for the
   * new `juju register` string.
   * @throws `user deactivated` for a disabled user.
   */
  resetPassword(name: string): Buffer {
    const r = this.live(name);
    if (r.disabled) throw userDeactivated();
    const key = newSecretKey();
    this.state.setSecretKey(userKey(r.name), key.toString('base64'));
    return key;
  }

  /** The pending registration key, or null once a password is set. */
  secretKey(name: string): Buffer | null {
    const r = this.live(name);
    return r.secretKey === null ? null : Buffer.from(r.secretKey, 'base64');
  }

  /** Disables a user (idempotent). The controller owner cannot be disabled. */
  disable(name: string): void {
    this.atomically(() => {
      const r = this.live(name);
      if (this.state.controllerOwnerKey() === userKey(r.name)) throw cannotDisableControllerOwner();
      this.state.setDisabled(userKey(r.name), true);
    });
  }

  /** Enables a user (idempotent). */
  enable(name: string): void {
    const r = this.live(name);
    this.state.setDisabled(userKey(r.name), false);
  }

  /**
   * Removes a user for good: it can no longer log in, its grants go, and its
   * name stays taken. The controller owner cannot be removed.
   */
  remove(name: string): void {
    this.atomically(() => {
      const r = this.live(name);
      if (this.state.controllerOwnerKey() === userKey(r.name)) throw cannotRemoveControllerOwner(r.name);
      this.state.markRemoved(userKey(r.name));
    });
  }

  /** Records a successful login now (and the model connected to, if any). */
  recordLogin(name: string, modelUuid?: string): void {
    const r = this.live(name);
    this.state.recordLogin(userKey(r.name), timestamp(this.clock), modelUuid ?? null);
  }

  private live(name: string): UserRecord {
    const r = this.state.userByKey(userKey(name));
    if (r === undefined) throw userNotFound(name);
    if (r.removed) throw userPermanentlyDeleted(r.name);
    return r;
  }
}
