/** Types of the user domain: local users of the controller. */

/** A local user as services and facades see it (no secrets). */
export interface User {
  readonly uuid: string;
  /** Name as created (`admin`, `bob`). */
  readonly name: string;
  readonly displayName: string;
  /** Name of the user who created this one. */
  readonly createdBy: string;
  /** ISO-8601 UTC. */
  readonly dateCreated: string;
  /** Last API login, ISO-8601 UTC, or null if the user never logged in. */
  readonly lastLogin: string | null;
  readonly disabled: boolean;
  /** True once a password is set (false while only a registration key exists). */
  readonly hasPassword: boolean;
}

/** Parameters of {@link UserService.addUser}. */
export interface AddUserParams {
  readonly name: string;
  readonly displayName?: string;
  /** When omitted a registration secret key is generated and returned instead. */
  readonly password?: string;
  readonly createdBy: string;
  /** Controller access given with the user; `login` unless told otherwise. */
  readonly controllerAccess?: 'login' | 'superuser';
}

/** Result of {@link UserService.addUser}. */
export interface AddUserResult {
  readonly user: User;
  /** 32 random bytes for `juju register`, or null when a password was given. */
  readonly secretKey: Buffer | null;
}

/** Options of {@link UserService.list}. */
export interface ListUsersParams {
  /** Include disabled users (removed users are never listed). */
  readonly includeDisabled?: boolean;
}

/** A user row including credentials: passed between service and state only. */
export interface UserRecord {
  readonly uuid: string;
  readonly name: string;
  readonly displayName: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly lastLogin: string | null;
  readonly disabled: boolean;
  readonly removed: boolean;
  readonly passwordHash: string | null;
  readonly passwordSalt: string | null;
  /** Base64 of the registration key, or null. */
  readonly secretKey: string | null;
}

/** Arguments to insert a user (state). */
export interface InsertUserArgs {
  readonly uuid: string;
  readonly name: string;
  readonly nameKey: string;
  readonly displayName: string;
  readonly passwordHash: string | null;
  readonly passwordSalt: string | null;
  readonly secretKey: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly controllerAccess: string;
}
