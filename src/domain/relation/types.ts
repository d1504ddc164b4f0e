/** Types of the relation domain: relations, their endpoints, scopes and settings bags. */
import type { CharmEndpoint, RelationRoleValue, RelationScopeValue } from '../charm/types.js';
import type { LifeValue } from '../common/life.js';

/** Relation status values. */
export const RelationStatusValue = {
  Joining: 'joining',
  Joined: 'joined',
  Broken: 'broken',
  Suspending: 'suspending',
  Suspended: 'suspended',
  Error: 'error',
} as const;

/** One side of a relation: an application's charm endpoint. */
export interface RelationEndpoint {
  readonly application: string;
  readonly name: string;
  readonly role: RelationRoleValue;
  readonly interface: string;
  readonly optional: boolean;
  readonly limit: number;
  readonly scope: RelationScopeValue;
}

/** A relation's current status. */
export interface RelationStatus {
  readonly status: string;
  readonly info: string;
  readonly since: string;
}

/** A relation as services and facades see it. */
export interface Relation {
  readonly modelUuid: string;
  /** Model-unique integer (the `relation-id` hooks see, e.g. `db:3`). */
  readonly id: number;
  /** `req:ep prov:ep`, or `app:ep` for a peer relation. */
  readonly key: string;
  readonly life: LifeValue;
  readonly suspended: boolean;
  readonly suspendedReason: string;
  readonly status: RelationStatus;
  /** Ordered as in the key. */
  readonly endpoints: readonly RelationEndpoint[];
  readonly interface: string;
  /** `container` when either endpoint is container-scoped. */
  readonly scope: RelationScopeValue;
  readonly isPeer: boolean;
  /** Units currently in scope. */
  readonly unitCount: number;
  readonly createdAt: string;
}

/** A settings bag (unit or application data) with its change counter. */
export interface SettingsBag {
  readonly settings: Readonly<Record<string, string>>;
  /** Counts committed changes; 0 = never written. */
  readonly version: number;
}

/** Settings versions of one relation, for change detection. */
export interface RelationSettingsVersions {
  /** Unit name to its bag version (units that ever wrote settings). */
  readonly units: Readonly<Record<string, number>>;
  /** Application name to its bag version (0 = never written). */
  readonly applications: Readonly<Record<string, number>>;
}

/**
 * Changes to a bag: key to new value; '' or null deletes the key (as
 * `relation-set key=` does).
 */
export type SettingsChanges = Readonly<Record<string, string | null>>;

/** Outcome of destroying a relation. */
export interface DestroyRelationResult {
  /** True when it was removed at once (nobody was in scope). */
  readonly removed: boolean;
}

/** An application with the endpoints its charm offers (state). */
export interface ApplicationEndpoints {
  readonly name: string;
  readonly life: LifeValue;
  readonly subordinate: boolean;
  /** Declared charm endpoints (without the implicit juju-info). */
  readonly endpoints: readonly CharmEndpoint[];
}

/** Arguments to insert a relation (state); the id comes from the model's sequence. */
export interface InsertRelationArgs {
  readonly modelUuid: string;
  readonly key: string;
  readonly endpoints: readonly RelationEndpoint[];
  readonly status: RelationStatus;
  readonly createdAt: string;
}

/** What the relation domain needs to know about a unit (state). */
export interface RelationUnitInfo {
  readonly name: string;
  readonly application: string;
  readonly life: LifeValue;
  /** '' for principals. */
  readonly principal: string;
  /** '' while unassigned. */
  readonly machineId: string;
}
