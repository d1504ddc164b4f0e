/**
 * Wire shapes of the secret facades: `SecretsManager` (unit agents) and
 * `Secrets` (clients, `juju secrets` / `show-secret`). Keys are Juju's JSON
 * tags. `SecretsRemoteState` / `WatchSecretsRemoteState` are our own (the
 * unit agent's secret-hook inputs in one snapshot, like `Uniter.RemoteState`).
 */
import type { ErrorResult } from '../errors.js';

/** `CreateSecretURIs` argument. */
export interface CreateSecretURIsArg {
  count: number;
}

/** `{"data": {key: base64}}`, Juju's SecretContentParams (internal backend only). */
export interface SecretContentParams {
  data?: Record<string, string>;
}

/** One `secret-get` request (Juju's GetSecretContentArg). */
export interface GetSecretContentArg {
  uri?: string;
  label?: string;
  refresh?: boolean;
  peek?: boolean;
}

export interface GetSecretContentArgs {
  args?: GetSecretContentArg[];
}

/** Juju's SecretContentResult. */
export interface SecretContentResult extends ErrorResult {
  content?: SecretContentParams;
  'latest-revision'?: number;
}

/** Juju's SecretRevision. */
export interface SecretRevisionWire {
  revision: number;
  'backend-name'?: string;
  'create-time'?: string;
  'update-time'?: string;
  'expire-time'?: string;
}

/** Juju's AccessInfo. */
export interface AccessInfoWire {
  'target-tag': string;
  'scope-tag': string;
  role: string;
}

/** Juju's SecretValueResult. */
export interface SecretValueResultWire extends ErrorResult {
  data?: Record<string, string>;
}

/** Juju's ListSecretResult. */
export interface ListSecretResult {
  uri: string;
  version: number;
  'owner-tag': string;
  'rotate-policy'?: string;
  'next-rotate-time'?: string;
  description?: string;
  label?: string;
  'latest-revision': number;
  'latest-revision-checksum'?: string;
  'latest-expire-time'?: string;
  'create-time': string;
  'update-time': string;
  revisions: SecretRevisionWire[];
  access?: AccessInfoWire[];
  value?: SecretValueResultWire;
}

export interface ListSecretResults {
  results: ListSecretResult[];
}

/** Juju's SecretsFilter. */
export interface SecretsFilterWire {
  uri?: string;
  label?: string;
  revision?: number;
  'owner-tag'?: string;
}

/** `Secrets.ListSecrets` argument. */
export interface ListSecretsArgs {
  'show-secrets'?: boolean;
  filter?: SecretsFilterWire;
}

/** `GetConsumerSecretsRevisionInfo` argument. */
export interface GetSecretConsumerInfoArgs {
  'consumer-tag': string;
  uris?: string[];
}

/** Juju's SecretConsumerInfoResult. */
export interface SecretConsumerInfoResult extends ErrorResult {
  revision?: number;
  label?: string;
}

/** A consumed secret in {@link SecretsRemoteState}. */
export interface ConsumedSecretWire {
  uri: string;
  label: string;
  'current-revision': number;
  'latest-revision': number;
}

/** Obsolete revisions of a managed secret in {@link SecretsRemoteState}. */
export interface ObsoleteSecretWire {
  uri: string;
  label: string;
  'owner-kind': string;
  revisions: number[];
}

/** A managed secret whose rotation is due, in {@link SecretsRemoteState}. */
export interface RotateDueSecretWire {
  uri: string;
  label: string;
  'owner-kind': string;
  /** The due time (RFC 3339) that names this rotation event. */
  'next-rotate-time': string;
  'latest-revision': number;
}

/** An expired revision of a managed secret, in {@link SecretsRemoteState}. */
export interface ExpiredSecretRevisionWire {
  uri: string;
  label: string;
  'owner-kind': string;
  revision: number;
  'expire-time': string;
  /** The expiry or the retry boundary after it that names this event. */
  'due-time': string;
}

/** Ours: the secrets part of a unit's remote state. */
export interface SecretsRemoteState {
  consumed: ConsumedSecretWire[];
  obsolete: ObsoleteSecretWire[];
  /** Due rotations (omitted when none). */
  rotate?: RotateDueSecretWire[];
  /** Expired revisions (omitted when none). */
  expired?: ExpiredSecretRevisionWire[];
  /** When the controller's clock makes the next one due: read again then (omitted when none). */
  'next-due-time'?: string;
}

/** Juju's SecretRotatedArg. */
export interface SecretRotatedArg {
  uri: string;
  'original-revision': number;
  skip?: boolean;
}

/** Juju's SecretRotatedArgs. */
export interface SecretRotatedArgs {
  args?: SecretRotatedArg[];
}

export interface SecretsRemoteStateResult extends ErrorResult {
  result?: SecretsRemoteState;
}

/** Juju's StringsWatchResult (the id is served by the NotifyWatcher facade here). */
export interface StringsWatchResult extends ErrorResult {
  'watcher-id'?: string;
  changes?: string[];
}
