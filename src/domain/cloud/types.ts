/** Types of the cloud domain: clouds the controller knows and cloud credentials. */

/** A region of a cloud. */
export interface CloudRegion {
  readonly name: string;
  readonly endpoint: string;
  readonly identityEndpoint: string;
  readonly storageEndpoint: string;
}

/** A cloud definition, as `clouds.yaml` describes it. */
export interface Cloud {
  readonly name: string;
  /** Provider type: `lxd`, `manual`, `local`, ... */
  readonly type: string;
  readonly description: string;
  /** Credential auth types the cloud accepts (`certificate`, `userpass`, `empty`...). */
  readonly authTypes: readonly string[];
  readonly endpoint: string;
  readonly identityEndpoint: string;
  readonly storageEndpoint: string;
  /** Regions in their defined order; the first is the default. */
  readonly regions: readonly CloudRegion[];
  readonly caCertificates: readonly string[];
  readonly config: Readonly<Record<string, unknown>>;
}

/** A region as given when adding or updating a cloud. */
export interface CloudRegionParams {
  readonly name: string;
  readonly endpoint?: string;
  readonly identityEndpoint?: string;
  readonly storageEndpoint?: string;
}

/** Parameters of {@link CloudService.addCloud} and {@link CloudService.updateCloud}. */
export interface CloudParams {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly authTypes?: readonly string[];
  readonly endpoint?: string;
  readonly identityEndpoint?: string;
  readonly storageEndpoint?: string;
  readonly regions?: readonly CloudRegionParams[];
  readonly caCertificates?: readonly string[];
  readonly config?: Readonly<Record<string, unknown>>;
}

/** Identifies a credential: `<cloud>/<owner>/<name>`. */
export interface CredentialKey {
  readonly cloud: string;
  readonly owner: string;
  readonly name: string;
}

/** A cloud credential. */
export interface CloudCredential extends CredentialKey {
  readonly authType: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly revoked: boolean;
  readonly invalid: boolean;
  readonly invalidReason: string;
}

/** Parameters of {@link CloudService.updateCredential}. */
export interface CredentialParams extends CredentialKey {
  readonly authType: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** Arguments to write a cloud (state). */
export interface CloudArgs {
  readonly cloud: Cloud;
  readonly at: string;
  /** Lower-cased user name given cloud admin access, or null. */
  readonly adminKey: string | null;
}

/** Arguments to write a credential (state). */
export interface CredentialArgs {
  readonly credential: CloudCredential;
  readonly ownerKey: string;
  readonly at: string;
}

/** `aws/bob/main`. */
export function credentialId(key: CredentialKey): string {
  return `${key.cloud}/${key.owner}/${key.name}`;
}
