/**
 * Wire shapes of charm storage: the `Storage` client facade
 * (`ListStorageDetails`, `StorageDetails`, `ListFilesystems`, `AddToUnit`,
 * `ListPools`) and the storage methods of the `Uniter` facade, with Juju's
 * keys. Kinds on the wire are Juju's numbers (0 unknown, 1 block, 2 filesystem).
 */
import type { ErrorResult } from '../errors.js';

/** Juju's storage kind numbers. */
export const WireStorageKind = { Unknown: 0, Block: 1, Filesystem: 2 } as const;

/** `{status, info, data, since}`. */
export interface WireEntityStatus {
  status: string;
  info: string;
  data?: Record<string, unknown>;
  since?: string | null;
}

/** One attachment of a storage instance. */
export interface StorageAttachmentDetails {
  'storage-tag': string;
  'unit-tag': string;
  'machine-tag'?: string;
  location?: string;
  life?: string;
}

/** A storage instance (`StorageDetails`). */
export interface StorageDetails {
  'storage-tag': string;
  'owner-tag': string;
  kind: number;
  life?: string;
  status: WireEntityStatus;
  persistent: boolean;
  /** Unit tag -> attachment. */
  attachments?: Record<string, StorageAttachmentDetails>;
}

export interface StorageDetailsResult extends ErrorResult {
  result?: StorageDetails;
}

export interface StorageDetailsResults {
  results: StorageDetailsResult[];
}

export interface StorageDetailsListResult extends ErrorResult {
  result?: StorageDetails[];
}

export interface StorageDetailsListResults {
  results: StorageDetailsListResult[];
}

/** `ListStorageDetails` params (filters are accepted and ignored: one entry, everything). */
export interface StorageFilters {
  filters?: Record<string, unknown>[];
}

/** A filesystem's attachment to a machine. */
export interface FilesystemAttachmentDetails {
  'mount-point'?: string;
  'read-only'?: boolean;
  life?: string;
}

/** `FilesystemDetails`: one filesystem per filesystem storage instance here. */
export interface FilesystemDetails {
  'filesystem-tag': string;
  info: { 'filesystem-id'?: string; pool: string; size: number };
  life?: string;
  status: WireEntityStatus;
  'machine-attachments'?: Record<string, FilesystemAttachmentDetails>;
  'unit-attachments'?: Record<string, FilesystemAttachmentDetails>;
  storage?: StorageDetails;
}

export interface FilesystemDetailsListResult extends ErrorResult {
  result?: FilesystemDetails[];
}

export interface FilesystemDetailsListResults {
  results: FilesystemDetailsListResult[];
}

/** `{pool, size, count}` (size in MiB). */
export interface StorageDirectives {
  pool?: string;
  size?: number;
  count?: number;
}

/** One `AddToUnit` / `AddUnitStorage` request. */
export interface StorageAddParams {
  unit: string;
  name: string;
  storage?: StorageDirectives;
}

export interface StoragesAddParams {
  storages: StorageAddParams[];
}

export interface AddStorageResult extends ErrorResult {
  result?: { 'storage-tags': string[] };
}

export interface AddStorageResults {
  results: AddStorageResult[];
}

/** `ListPools` reply entry. */
export interface StoragePoolWire {
  name: string;
  provider: string;
  attrs: Record<string, unknown>;
}

export interface StoragePoolsResults {
  results: (ErrorResult & { 'storage-pools'?: StoragePoolWire[] })[];
}

// ---- Uniter ---------------------------------------------------------------------------

export interface StorageAttachmentId {
  'storage-tag': string;
  'unit-tag': string;
}

export interface StorageAttachmentIds {
  ids: StorageAttachmentId[];
}

export interface StorageAttachmentIdsResult extends ErrorResult {
  result?: StorageAttachmentIds;
}

/** A unit's view of one attachment (`StorageAttachment`). */
export interface UniterStorageAttachment {
  'storage-tag': string;
  'owner-tag': string;
  'unit-tag': string;
  kind: number;
  location: string;
  life: string;
}

export interface UniterStorageAttachmentResult extends ErrorResult {
  result?: UniterStorageAttachment;
}

/** Ours: the machine made the storage at `location`. */
export interface StorageAttachmentLocation {
  'storage-tag': string;
  'unit-tag': string;
  location: string;
}

export interface StorageAttachmentLocations {
  args: StorageAttachmentLocation[];
}

/** The storage part of `Uniter.RemoteState`. */
export interface RemoteStorage {
  /** `data/0`. */
  id: string;
  kind: 'filesystem' | 'block';
  life: string;
  /** '' until provisioned. */
  location: string;
  /** Where it would be on a real machine; the agent maps it under its machine root. */
  planned: string;
  'read-only': boolean;
}
