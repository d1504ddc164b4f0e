/**
 * Types of the storage domain: charm storage instances (`data/0`), their
 * attachments to units, the directives an application's units get their
 * storage from, and the pools a cloud offers.
 */
import type { LifeValue } from '../common/life.js';

/** `filesystem` or `block`. */
export type StorageKind = 'filesystem' | 'block';

/** Statuses of a storage instance as `juju storage` shows them. */
export const StorageStatus = {
  Pending: 'pending',
  Attached: 'attached',
  Detaching: 'detaching',
  Detached: 'detached',
} as const;
export type StorageStatusValue = (typeof StorageStatus)[keyof typeof StorageStatus];

/** What a charm declares for one store (from its metadata). */
export interface CharmStorageSpec {
  readonly name: string;
  readonly type: StorageKind;
  /** Minimum count (1 for a singular store). */
  readonly countMin: number;
  /** Maximum count, -1 = no maximum. */
  readonly countMax: number;
  /** MiB, 0 when not given. */
  readonly minimumSize: number;
  /** Mount point the charm asked for, if any. */
  readonly location?: string;
  readonly readOnly: boolean;
  readonly shared: boolean;
}

/** A storage directive (`<pool>,<count>,<size>`, any part optional). */
export interface StorageDirective {
  readonly pool?: string;
  /** MiB. */
  readonly sizeMiB?: number;
  readonly count?: number;
}

/** A directive with every part decided, as stored for an application. */
export interface ResolvedDirective {
  readonly name: string;
  readonly pool: string;
  readonly sizeMiB: number;
  readonly count: number;
}

/** A storage attachment of an instance to a unit. */
export interface StorageAttachment {
  readonly storageId: string;
  readonly unit: string;
  readonly life: LifeValue;
  /** Where the machine made the storage ('' until provisioned). */
  readonly location: string;
}

/** A storage instance with its attachments. */
export interface StorageInstance {
  readonly modelUuid: string;
  /** `data/0`. */
  readonly id: string;
  /** The charm's store name (`data`). */
  readonly name: string;
  readonly kind: StorageKind;
  readonly pool: string;
  /** MiB (0 = pool decides). */
  readonly sizeMiB: number;
  readonly life: LifeValue;
  /** Unit it was created for ('' once that unit is gone). */
  readonly owner: string;
  readonly status: { readonly status: StorageStatusValue; readonly info: string; readonly since: string };
  /** Storage that survives its unit (`juju storage` "persistent"): never, on the local cloud. */
  readonly persistent: boolean;
  readonly attachments: readonly StorageAttachment[];
}

/**
 * The attachment as the unit agent needs it: kind, life, where it is (once
 * provisioned) and where it would be on a real machine (`planned`), which
 * the agent maps into its machine's data root.
 */
export interface UnitStorageAttachment extends StorageAttachment {
  readonly name: string;
  readonly kind: StorageKind;
  readonly planned: string;
  readonly readOnly: boolean;
}

/** A storage pool offered by a cloud. */
export interface StoragePool {
  readonly name: string;
  readonly kind: StorageKind;
  /** Why the pool cannot be used here, when it cannot. */
  readonly unsupported?: string;
}

/** Row written for a new instance (state). */
export interface InsertStorageArgs {
  readonly modelUuid: string;
  readonly id: string;
  readonly name: string;
  readonly kind: StorageKind;
  readonly pool: string;
  readonly sizeMiB: number;
  readonly owner: string;
  readonly status: StorageStatusValue;
  readonly now: string;
}

/** Row written for a new attachment (state). */
export interface InsertAttachmentArgs {
  readonly modelUuid: string;
  readonly storageId: string;
  readonly unit: string;
  readonly now: string;
}

/** One `storage-add` request of a hook (Juju's StorageAddParams, lenient). */
export interface HookStorageAdd {
  readonly name: string;
  readonly count: number;
}
