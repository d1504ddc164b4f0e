/**
 * Types of the unit-state domain: what a unit agent keeps on the controller
 * (charm state, uniter blobs), opened ports, and the shape of the one
 * atomic commit at the end of a hook (mirroring Juju's CommitHookChangesArg).
 */
import type { SettingsChanges } from '../relation/types.js';

/** A port range: `80/tcp`, `8000-8080/udp`, `icmp` (ports -1/-1). */
export interface PortRange {
  /** `tcp`, `udp` or `icmp`. */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
}

/** A port range opened for one endpoint ('' = every endpoint). */
export interface OpenedPortRange extends PortRange {
  readonly endpoint: string;
}

/** Everything stored for a unit agent (Juju's UnitState). */
export interface UnitStateData {
  /** `state-set` data. */
  readonly charmState: Readonly<Record<string, string>>;
  /** The uniter's own state (YAML text, opaque here). */
  readonly uniterState: string;
  /** Per relation id, the uniter's relation state (opaque text). */
  readonly relationState: Readonly<Record<string, string>>;
  readonly storageState: string;
  readonly secretState: string;
}

/**
 * A state write (Juju's `set-unit-state`): each given field replaces the
 * stored one; an empty value clears it; absent fields stay.
 */
export interface SetUnitStateParams {
  readonly charmState?: Readonly<Record<string, string>>;
  readonly uniterState?: string;
  readonly relationState?: Readonly<Record<string, string>>;
  readonly storageState?: string;
  readonly secretState?: string;
}

/** Size quotas from controller config. 0 disables a check. */
export interface UnitStateLimits {
  /** `max-charm-state-size`, bytes. */
  readonly maxCharmStateSize: number;
  /** `max-agent-state-size`, bytes. */
  readonly maxAgentStateSize: number;
}

/** `relation-unit-settings` entry: the hook's `relation-set` changes for one relation. */
export interface RelationUnitSettingsChange {
  readonly relationId: number;
  /** Changes to the unit's own bag ('' deletes a key). */
  readonly settings?: SettingsChanges;
  /** Changes to the application bag (leader only). */
  readonly applicationSettings?: SettingsChanges;
}

/**
 * Secret changes of a hook. Not implemented yet; the seam lets a secrets
 * domain plug in (see {@link HookSecretsCommitter}).
 */
export interface HookSecretChanges {
  readonly secretCreates?: readonly unknown[];
  readonly secretUpdates?: readonly unknown[];
  readonly secretDeletes?: readonly unknown[];
  readonly secretGrants?: readonly unknown[];
  readonly secretRevokes?: readonly unknown[];
  readonly secretTrackLatest?: readonly string[];
}

/** Everything a hook buffered, applied in one transaction by `commitHookChanges`. */
export interface CommitHookChangesParams extends HookSecretChanges {
  /** `relation-unit-settings`. */
  readonly relationUnitSettings?: readonly RelationUnitSettingsChange[];
  /** `open-ports`. */
  readonly openPorts?: readonly OpenedPortRange[];
  /** `close-ports`. */
  readonly closePorts?: readonly OpenedPortRange[];
  /** `set-unit-state`. */
  readonly setUnitState?: SetUnitStateParams;
  /** `add-storage`: `{name, count}` entries (refused without a storage domain). */
  readonly addStorage?: readonly unknown[];
}

/** New bag versions after a commit, per relation touched. */
export interface RelationSettingsVersion {
  readonly relationId: number;
  /** Version of the unit's bag, when it was part of the commit. */
  readonly unitVersion?: number;
  /** Version of the application bag, when it was part of the commit. */
  readonly applicationVersion?: number;
}

/** Outcome of `commitHookChanges`. */
export interface CommitHookChangesResult {
  readonly relationSettings: readonly RelationSettingsVersion[];
  /** The unit's opened ports after the commit. */
  readonly openedPorts: readonly OpenedPortRange[];
}

/** What the domain needs to know about a unit (state). */
export interface UnitStateUnitInfo {
  readonly name: string;
  readonly application: string;
  readonly life: string;
  /** '' while unassigned. */
  readonly machineId: string;
  /** Endpoint names of the unit's charm (relations, extra bindings, juju-info). */
  readonly endpoints: readonly string[];
}

/** An opened range with its owner (state). */
export interface UnitPortRange extends OpenedPortRange {
  readonly unit: string;
}
