/** Wire shapes of the `Admin` facade (version 3): login request and result. */

/** `Admin(3).Login` params. */
export interface LoginRequest {
  'auth-tag': string;
  credentials: string;
  nonce: string;
  macaroons?: unknown[];
  'bakery-version'?: number;
  token?: string;
  'cli-args'?: string;
  'user-data'?: string;
  'client-version'?: string;
}

/** One entry of the login result's `facades` list. */
export interface FacadeVersions {
  name: string;
  versions: number[];
}

/** An API address as reported in `servers`. */
export interface HostPort {
  value: string;
  type: string;
  scope: string;
  port: number;
  'space-id'?: string;
}

/** `user-info` of a user login. */
export interface AuthUserInfo {
  'display-name': string;
  identity: string;
  'last-connection'?: string;
  'controller-access': string;
  'model-access': string;
}

/** `Admin(3).Login` result. `facades` and `server-version` are filled in by the API server. */
export interface LoginResult {
  servers?: HostPort[][];
  'controller-tag'?: string;
  'model-tag'?: string;
  'user-info'?: AuthUserInfo;
  facades: FacadeVersions[];
  'server-version': string;
  'public-dns-name'?: string;
  [key: string]: unknown;
}
