/**
 * Wire shapes of the Cloud facade (version 7), keys as Juju's JSON tags. Optional
 * keys are the ones Juju omits when empty.
 */
import type { BulkWireError } from '../errors.js';

/** A region of a cloud. */
export interface CloudRegion {
  name: string;
  endpoint?: string;
  'identity-endpoint'?: string;
  'storage-endpoint'?: string;
}

/** A cloud definition as the controller knows it. */
export interface Cloud {
  type: string;
  'host-cloud-region'?: string;
  'auth-types'?: string[];
  endpoint?: string;
  'identity-endpoint'?: string;
  'storage-endpoint'?: string;
  regions?: CloudRegion[];
  'ca-certificates'?: string[];
  'skip-tls-verify'?: boolean;
  config?: Record<string, unknown>;
  'region-config'?: Record<string, Record<string, unknown>>;
  /** Free text kept with the cloud (this implementation also carries it). */
  description?: string;
}

/** `Cloud.Clouds` result: clouds the caller can see, keyed by cloud tag (`cloud-<name>`). */
export interface CloudsResult {
  clouds?: Record<string, Cloud>;
}

export interface CloudResult {
  cloud?: Cloud;
  error?: BulkWireError;
}

/** `Cloud.Cloud` result. */
export interface CloudResults {
  results: CloudResult[];
}

/** The cloud fields shared by `CloudInfo` and `ListCloudInfo`. */
export interface CloudDetails {
  type: string;
  'auth-types'?: string[];
  endpoint?: string;
  'identity-endpoint'?: string;
  'storage-endpoint'?: string;
  regions?: CloudRegion[];
}

/** A user's access to a cloud. */
export interface CloudUserInfo {
  user: string;
  'display-name': string;
  access: string;
}

export interface CloudInfo extends CloudDetails {
  users: CloudUserInfo[];
}

export interface CloudInfoResults {
  results: { result?: CloudInfo; error?: BulkWireError }[];
}

/** `Cloud.ListCloudInfo` params. */
export interface ListCloudsRequest {
  'user-tag': string;
  all?: boolean;
}

export interface ListCloudInfo extends CloudDetails {
  'user-access': string;
}

export interface ListCloudInfoResults {
  results: { result?: ListCloudInfo; error?: BulkWireError }[];
}

/** `Cloud.AddCloud` params. */
export interface AddCloudArgs {
  cloud: Cloud;
  name: string;
  force?: boolean;
}

/** `Cloud.UpdateCloud` params. */
export interface UpdateCloudArgs {
  clouds?: AddCloudArgs[];
}

/** A credential's content; hidden attributes are left out or listed in `redacted`. */
export interface CloudCredential {
  'auth-type': string;
  attrs?: Record<string, string>;
  redacted?: string[];
}

export interface CloudCredentialResults {
  results: { result?: CloudCredential; error?: BulkWireError }[];
}

/** `Cloud.UserCredentials` params. */
export interface UserClouds {
  'user-clouds'?: { 'user-tag': string; 'cloud-tag': string }[];
}

/** `Cloud.UserCredentials` result: credential tags per request. */
export interface StringsResults {
  results: { result?: string[]; error?: BulkWireError }[];
}

/** A credential to store, named by its tag (`cloudcred-<cloud>_<owner>_<name>`). */
export interface TaggedCredential {
  tag: string;
  credential: CloudCredential;
}

/** `Cloud.UpdateCredentialsCheckModels` params. */
export interface UpdateCredentialArgs {
  credentials?: TaggedCredential[];
  force?: boolean;
}

/** A model using an updated credential, with any problems the new content causes it. */
export interface UpdateCredentialModelResult {
  uuid: string;
  name: string;
  errors?: { error?: BulkWireError }[];
}

export interface UpdateCredentialResult {
  tag: string;
  error?: BulkWireError;
  models?: UpdateCredentialModelResult[];
}

export interface UpdateCredentialResults {
  results?: UpdateCredentialResult[];
}

/** `Cloud.RevokeCredentialsCheckModels` params. */
export interface RevokeCredentialArgs {
  credentials?: { tag: string; force?: boolean }[];
}

/** `Cloud.CredentialContents` params; no credentials means all of the caller's. */
export interface CloudCredentialArgs {
  credentials?: { 'cloud-name': string; 'credential-name': string }[];
  'include-secrets'?: boolean;
}

export interface CredentialContent {
  name: string;
  cloud: string;
  'auth-type': string;
  valid?: boolean;
  attrs?: Record<string, string>;
}

export interface ControllerCredentialInfo {
  content: CredentialContent;
  models?: { model?: string; access?: string }[];
}

export interface CredentialContentResults {
  results?: { result?: ControllerCredentialInfo; error?: BulkWireError }[];
}

/** One change of `Cloud.ModifyCloudAccess`; action is `grant` or `revoke`. */
export interface ModifyCloudAccess {
  'user-tag': string;
  'cloud-tag': string;
  action: string;
  access: string;
}

export interface ModifyCloudAccessRequest {
  changes?: ModifyCloudAccess[];
}
