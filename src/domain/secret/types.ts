/**
 * Types of the secret domain: secrets owned by an application, a unit or the
 * model (user secrets), their revisions (content kept in the controller
 * database: the `internal` backend), consumers and access grants.
 */

/** Who owns a secret. */
export type SecretOwnerKind = 'application' | 'unit' | 'model';

/** Rotation policies ('' = none set). */
export type RotatePolicy = '' | 'never' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

/** Every settable rotate policy. */
export const ROTATE_POLICIES: readonly RotatePolicy[] = [
  'never',
  'hourly',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
];

/** Secret content: key -> base64-encoded value. */
export type SecretData = Record<string, string>;

/** The owner: application or unit name, or the model uuid. */
export interface SecretOwner {
  readonly kind: SecretOwnerKind;
  readonly name: string;
}

/** A secret's metadata. Times are ISO-8601 UTC ('' = unset). */
export interface SecretMetadata {
  readonly id: string;
  readonly owner: SecretOwner;
  readonly label: string;
  readonly description: string;
  readonly rotatePolicy: RotatePolicy;
  readonly nextRotateTime: string;
  readonly latestRevision: number;
  /** Expiry of the latest revision ('' = none). */
  readonly latestExpireTime: string;
  /** sha256 hex of the latest revision's content. */
  readonly latestChecksum: string;
  readonly autoPrune: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One stored revision (without its content). */
export interface SecretRevision {
  readonly revision: number;
  readonly backend: string;
  readonly checksum: string;
  readonly expireTime: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Role of a grant. */
export type SecretRole = 'view' | 'manage';

/** An access grant. */
export interface SecretGrant {
  readonly subjectKind: 'application' | 'unit';
  readonly subjectName: string;
  readonly role: SecretRole;
  /** The relation the grant is tied to (undefined = model scope). */
  readonly scopeRelationId?: number;
  /** Key of that relation ('' for model scope). */
  readonly scopeRelationKey: string;
}

/** A consumer's view of a secret. */
export interface SecretConsumerInfo {
  readonly secretId: string;
  readonly unit: string;
  readonly label: string;
  readonly currentRevision: number;
}

/** Metadata with access, as owners see it (secret-info-get, show-secret). */
export interface SecretDetails extends SecretMetadata {
  readonly access: readonly SecretGrant[];
  readonly revisions: readonly SecretRevision[];
}

/** Content read by `secret-get`. */
export interface SecretContentResult {
  readonly revision: number;
  readonly data: SecretData;
}

/** How a unit names the secret it reads (`secret-get`). */
export interface GetContentParams {
  readonly id?: string;
  readonly label?: string;
  readonly refresh?: boolean;
  readonly peek?: boolean;
}

/** Fields of a create or update; undefined = unchanged. */
export interface UpsertSecretParams {
  readonly label?: string;
  readonly description?: string;
  readonly rotatePolicy?: RotatePolicy;
  /** ISO-8601/RFC 3339; '' clears. */
  readonly expireTime?: string;
  /** New content; undefined or empty = metadata only. */
  readonly data?: SecretData;
}

/** A secret created by a hook. */
export interface CreateSecretParams extends UpsertSecretParams {
  readonly id: string;
  readonly ownerKind: 'application' | 'unit';
}

/** A grant or revoke from a hook. */
export interface GrantChangeParams {
  readonly id: string;
  /** Relation key of the scope (required to grant). */
  readonly relationKey?: string;
  /** `application-x` or `unit-x-0` subjects. */
  readonly subjects: readonly { readonly kind: 'application' | 'unit'; readonly name: string }[];
  readonly role: SecretRole;
}

/** Everything a hook changed in secrets, decoded. */
export interface HookSecretsChange {
  readonly creates: readonly CreateSecretParams[];
  readonly updates: readonly (UpsertSecretParams & { readonly id: string })[];
  readonly deletes: readonly { readonly id: string; readonly revisions?: readonly number[] }[];
  readonly grants: readonly GrantChangeParams[];
  readonly revokes: readonly GrantChangeParams[];
  readonly trackLatest: readonly string[];
}

/** A consumed secret, as the unit agent's resolver sees it. */
export interface ConsumedSecretState {
  readonly id: string;
  readonly label: string;
  readonly currentRevision: number;
  readonly latestRevision: number;
}

/** Revisions of an owned secret nobody tracks any more. */
export interface ObsoleteSecretState {
  readonly id: string;
  readonly label: string;
  readonly ownerKind: 'application' | 'unit';
  readonly revisions: readonly number[];
}

/** The secrets part of a unit's remote state. */
export interface UnitSecretsState {
  readonly consumed: readonly ConsumedSecretState[];
  readonly obsolete: readonly ObsoleteSecretState[];
}

/** A managed secret whose rotation is due (`secret-rotate`). */
export interface RotateDueState {
  readonly id: string;
  readonly label: string;
  readonly ownerKind: 'application' | 'unit';
  /** The due time that triggered it (ISO-8601 UTC); names the due event. */
  readonly nextRotateTime: string;
  /** Latest revision now: the rotation counts only if the hook adds a newer one. */
  readonly latestRevision: number;
}

/** An expired revision of a managed secret (`secret-expired`). */
export interface ExpiredRevisionState {
  readonly id: string;
  readonly label: string;
  readonly ownerKind: 'application' | 'unit';
  readonly revision: number;
  readonly expireTime: string;
  /**
   * The expiry, or the last retry boundary after it (expiry + n × retry
   * delay) the clock has passed; names the due event, so the hook repeats
   * once per boundary until the revision is removed or its expiry changes.
   */
  readonly dueTime: string;
}

/** Time-driven secret hooks of a unit, as of the service clock. */
export interface UnitSecretTriggers {
  readonly rotate: readonly RotateDueState[];
  readonly expired: readonly ExpiredRevisionState[];
  /** Earliest future time one of these becomes due ('' = none). */
  readonly nextDueTime: string;
}

/** Filter for listing secrets. */
export interface ListSecretsFilter {
  /** `application-x`, `unit-x-0` or `model-<uuid>`; or plain app/unit names. */
  readonly ownerTag?: string;
  readonly id?: string;
  readonly label?: string;
  readonly revision?: number;
}

/** A row of `juju secrets` / `show-secret`. */
export interface SecretListing extends SecretDetails {
  /** Content of the shown revision, when revealed. */
  readonly data?: SecretData;
}

// ---- state args -------------------------------------------------------------------------

/** Insert of a secret with its first revision. */
export interface InsertSecretArgs {
  readonly modelUuid: string;
  readonly id: string;
  readonly owner: SecretOwner;
  readonly ownerApplication: string | null;
  readonly ownerUnit: string | null;
  readonly label: string;
  readonly description: string;
  readonly rotatePolicy: RotatePolicy;
  readonly nextRotateTime: string;
  readonly now: string;
}

/** A revision row to insert. */
export interface InsertRevisionArgs {
  readonly modelUuid: string;
  readonly secretId: string;
  readonly revision: number;
  readonly data: SecretData;
  readonly checksum: string;
  readonly expireTime: string;
  readonly now: string;
}

/** Metadata update of a secret. */
export interface UpdateSecretArgs {
  readonly label: string;
  readonly description: string;
  readonly rotatePolicy: RotatePolicy;
  readonly nextRotateTime: string;
  readonly latestRevision: number;
  readonly now: string;
}
