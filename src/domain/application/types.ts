/** Types of the application domain: applications, their units, config and exposure. */
import type { Charm } from '../charm/types.js';
import type { LifeValue } from '../common/life.js';
import type { Base, StatusInfo } from '../machine/types.js';

/** Unit agent status values. */
export const UnitAgentStatus = {
  Allocating: 'allocating',
  Executing: 'executing',
  Idle: 'idle',
  Error: 'error',
  Failed: 'failed',
  Lost: 'lost',
  Rebooting: 'rebooting',
} as const;

/** Workload status values (units and applications). */
export const WorkloadStatus = {
  Unknown: 'unknown',
  Maintenance: 'maintenance',
  Waiting: 'waiting',
  Blocked: 'blocked',
  Active: 'active',
  Error: 'error',
  Terminated: 'terminated',
} as const;

/** An application's own status before its leader ever set one. */
export const APPLICATION_STATUS_UNSET = 'unset';

/** Initial workload message of a machine unit. */
export const MESSAGE_WAITING_FOR_MACHINE = 'waiting for machine';

/** `juju resolved` modes ('' = nothing to resolve). */
export const ResolvedMode = {
  None: '',
  RetryHooks: 'retry-hooks',
  NoHooks: 'no-hooks',
} as const;
export type ResolvedModeValue = (typeof ResolvedMode)[keyof typeof ResolvedMode];

/** Status history entity kinds written by this domain. */
export const UnitStatusKind = {
  Agent: 'unit-agent',
  Workload: 'unit-workload',
  Application: 'application',
} as const;

/** Where an exposed endpoint is reachable from. */
export interface ExposedEndpoint {
  readonly spaces: readonly string[];
  readonly cidrs: readonly string[];
}

/** An application as services and facades see it. */
export interface Application {
  readonly modelUuid: string;
  readonly name: string;
  readonly charmUrl: string;
  readonly charmName: string;
  readonly charmRevision: number;
  /** Juju's charm-origin (source, type, revision, base, ...) as given at deploy/refresh. */
  readonly charmOrigin: Readonly<Record<string, unknown>>;
  /** Incremented by every refresh; agents re-run upgrade-charm when it changes. */
  readonly charmModifiedVersion: number;
  readonly forceCharm: boolean;
  readonly subordinate: boolean;
  readonly life: LifeValue;
  readonly exposed: boolean;
  /** Endpoint ('' = all endpoints) to where it is exposed. */
  readonly exposedEndpoints: Readonly<Record<string, ExposedEndpoint>>;
  readonly constraints: Readonly<Record<string, unknown>>;
  readonly base: Base | null;
  /** Endpoint ('' = default) to space name. */
  readonly endpointBindings: Readonly<Record<string, string>>;
  /** Only the values the user set. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly trust: boolean;
  /** The application status set by the leader; `unset` until then. */
  readonly status: StatusInfo;
  readonly createdAt: string;
}

/** A unit as services and facades see it. */
export interface Unit {
  readonly modelUuid: string;
  /** `app/N`. */
  readonly name: string;
  readonly application: string;
  readonly number: number;
  readonly life: LifeValue;
  /** Principal unit of a subordinate, null for principals. */
  readonly principal: string | null;
  /** Subordinate units of a principal, by name. */
  readonly subordinates: readonly string[];
  readonly machineId: string | null;
  /** Charm URL the agent reported running, null until then. */
  readonly charmUrl: string | null;
  readonly resolved: ResolvedModeValue;
  readonly workloadVersion: string;
  readonly agentVersion: string;
  readonly agentStatus: StatusInfo;
  readonly workloadStatus: StatusInfo;
  readonly hasPassword: boolean;
  readonly createdAt: string;
}

/** One config option as `juju config <app>` shows it. */
export interface ConfigEntry {
  /** The effective value (user value, else default); absent when unset. */
  readonly value?: unknown;
  /** The charm's default; absent when the option has none. */
  readonly default?: unknown;
  readonly source: 'default' | 'user' | 'unset';
  readonly type: string;
  readonly description: string;
}

/**
 * Checks and coerces config values against a charm's options (the facade
 * passes the charm library's validator). Returns the values to store.
 * @throws JujuError `not valid` for unknown options or bad values.
 */
export type CharmConfigValidator = (
  charm: Charm,
  values: Readonly<Record<string, unknown>>,
) => Record<string, unknown>;

/** Where one unit goes: an existing machine, or (no machine) a new one. */
export interface UnitPlacement {
  /** Existing machine id, e.g. `3`. */
  readonly machine?: string;
}

/** Parameters of {@link ApplicationService.deploy}. */
export interface DeployParams {
  readonly name: string;
  readonly charmUrl: string;
  readonly charmOrigin?: Readonly<Record<string, unknown>>;
  readonly numUnits?: number;
  /** Placement of unit i; missing entries get new machines. */
  readonly placement?: readonly UnitPlacement[];
  readonly config?: Readonly<Record<string, unknown>>;
  readonly configValidator?: CharmConfigValidator;
  readonly constraints?: Readonly<Record<string, unknown>>;
  readonly base?: Base;
  readonly endpointBindings?: Readonly<Record<string, string>>;
  readonly trust?: boolean;
  readonly forceCharm?: boolean;
  /** Storage directives by store name (`--storage data=rootfs,1G`); sizes in MiB. */
  readonly storage?: Readonly<Record<string, { pool?: string; sizeMiB?: number; count?: number }>>;
}

/** What {@link ApplicationService.deploy} created. */
export interface DeployResult {
  readonly application: Application;
  readonly units: readonly Unit[];
}

/** Parameters of {@link ApplicationService.addUnits}. */
export interface AddUnitsParams {
  readonly count: number;
  readonly placement?: readonly UnitPlacement[];
}

/** Parameters of {@link ApplicationService.setCharm} (refresh). */
export interface SetCharmParams {
  readonly charmUrl: string;
  readonly charmOrigin?: Readonly<Record<string, unknown>>;
  readonly force?: boolean;
  /** Config values to set together with the new charm. */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly configValidator?: CharmConfigValidator;
}

/** Exposure of one endpoint given to {@link ApplicationService.expose}. */
export interface ExposeParams {
  readonly spaces?: readonly string[];
  readonly cidrs?: readonly string[];
}

/** Outcome of {@link ApplicationService.destroy}. */
export interface DestroyApplicationResult {
  /** True when the application was removed at once (no units, no relations left). */
  readonly removed: boolean;
  /** Units that became dying. */
  readonly destroyedUnits: readonly string[];
  /** Units removed at once (their agents never started). */
  readonly removedUnits: readonly string[];
  /** Machines that became dying because their last unit went. */
  readonly destroyedMachines: readonly string[];
}

/** Outcome of {@link ApplicationService.destroyUnit}. */
export interface DestroyUnitResult {
  /** True when the unit was removed at once (its agent never started). */
  readonly removed: boolean;
  /** Units that became dying (the unit and its subordinates). */
  readonly destroyedUnits: readonly string[];
  /** Machines that became dying because their last unit went. */
  readonly destroyedMachines: readonly string[];
}

/** Outcome of {@link ApplicationService.removeUnit}. */
export interface RemoveUnitResult {
  readonly applicationRemoved: boolean;
  readonly destroyedMachines: readonly string[];
}

/** A status change of a unit or application. */
export interface StatusParams {
  readonly status: string;
  readonly info?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Arguments to insert an application (state). */
export interface InsertApplicationArgs {
  readonly modelUuid: string;
  readonly name: string;
  readonly charmUrl: string;
  readonly charmOrigin: Readonly<Record<string, unknown>>;
  readonly forceCharm: boolean;
  readonly subordinate: boolean;
  readonly constraints: Readonly<Record<string, unknown>>;
  readonly base: Base | null;
  readonly endpointBindings: Readonly<Record<string, string>>;
  readonly config: Readonly<Record<string, unknown>>;
  readonly trust: boolean;
  readonly status: StatusInfo;
  readonly createdAt: string;
}

/** Columns of an application that services change (state). */
export interface ApplicationUpdate {
  readonly charmUrl?: string;
  readonly charmOrigin?: Readonly<Record<string, unknown>>;
  readonly charmModifiedVersion?: number;
  readonly forceCharm?: boolean;
  readonly life?: LifeValue;
  readonly exposed?: boolean;
  readonly exposedEndpoints?: Readonly<Record<string, ExposedEndpoint>>;
  readonly constraints?: Readonly<Record<string, unknown>>;
  readonly base?: Base | null;
  readonly endpointBindings?: Readonly<Record<string, string>>;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly trust?: boolean;
}

/** Arguments to insert a unit (state); the number comes from the application's sequence. */
export interface InsertUnitArgs {
  readonly modelUuid: string;
  readonly application: string;
  readonly principal: string;
  readonly machineId: string;
  readonly agentStatus: StatusInfo;
  readonly workloadStatus: StatusInfo;
  readonly createdAt: string;
}

/** Columns of a unit that services change (state). */
export interface UnitUpdate {
  readonly life?: LifeValue;
  readonly machineId?: string;
  readonly charmUrl?: string;
  readonly passwordHash?: string;
  readonly resolved?: ResolvedModeValue;
  readonly workloadVersion?: string;
  readonly agentVersion?: string;
}

/** A status write with its history entry (state). */
export interface EntityStatusArgs {
  readonly modelUuid: string;
  /** `application`, `unit-agent` or `unit-workload`. */
  readonly kind: string;
  /** Application or unit name. */
  readonly id: string;
  readonly status: StatusInfo;
}
