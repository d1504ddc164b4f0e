/**
 * Wire shapes of the UserManager facade (version 3), keys as Juju's JSON tags.
 * Byte slices (`secret-key`) travel as standard base64 strings, as Go encodes them;
 * times are RFC 3339 strings.
 */
import type { BulkWireError } from '../errors.js';

/** One user to add. Without `password` the controller issues a registration key. */
export interface AddUserArg {
  username: string;
  'display-name': string;
  password?: string;
}

/** `UserManager.AddUser` params. */
export interface AddUsers {
  users: AddUserArg[];
}

/** One entry of `AddUser` / `ResetPassword` results. */
export interface AddUserResult {
  tag?: string;
  /** Base64 of the 32-byte registration key. */
  'secret-key'?: string;
  error?: BulkWireError;
}

export interface AddUserResults {
  results: AddUserResult[];
}

/** `{"entities":[{"tag"}]}`, the params of RemoveUser, EnableUser, DisableUser, ResetPassword, ModelUserInfo. */
export interface Entities {
  entities?: { tag: string }[];
}

/** `UserManager.UserInfo` params: no entities means every user the caller may see. */
export interface UserInfoRequest {
  entities?: { tag: string }[];
  'include-disabled'?: boolean;
}

/** A controller user as `UserInfo` reports it. */
export interface UserInfo {
  username: string;
  'display-name': string;
  /** Controller access (`login`, `superuser`), "" for disabled users. */
  access: string;
  'created-by': string;
  'date-created': string;
  /** Absent when the user never logged in. */
  'last-connection'?: string;
  disabled: boolean;
}

export interface UserInfoResult {
  result?: UserInfo;
  error?: BulkWireError;
}

export interface UserInfoResults {
  results: UserInfoResult[];
}

/** `UserManager.SetPassword` params. */
export interface EntityPasswords {
  changes?: { tag: string; password: string }[];
}

/** A user's access to a model, as `ModelUserInfo` reports it. */
export interface ModelUserInfo {
  'model-tag': string;
  /** User name (`admin`, `bob`). */
  user: string;
  'display-name': string;
  /** Null when the user never connected to the model. */
  'last-connection': string | null;
  access: string;
}

export interface ModelUserInfoResult {
  result?: ModelUserInfo;
  error?: BulkWireError;
}

export interface ModelUserInfoResults {
  results: ModelUserInfoResult[];
}
