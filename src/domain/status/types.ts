/**
 * The `Client.FullStatus` read model: plain data read in one transaction.
 * The facade turns it into Juju's wire shape.
 */
import type { LifeValue } from '../common/life.js';
import type { Base, HardwareCharacteristics, MachineAddress, StatusInfo } from '../machine/types.js';

/** The model part of a status read. */
export interface ModelStatusData {
  readonly uuid: string;
  readonly name: string;
  readonly owner: string;
  readonly type: string;
  readonly cloud: string;
  readonly cloudRegion: string;
  /** Agent version from the model's config. */
  readonly version: string;
  readonly life: LifeValue;
  readonly status: { readonly current: string; readonly message: string; readonly since: string };
  readonly isControllerModel: boolean;
}

/** One machine (containers nested under their host). */
export interface MachineStatusData {
  readonly id: string;
  readonly life: LifeValue;
  readonly instanceId: string | null;
  readonly hostname: string;
  readonly base: Base | null;
  readonly jobs: readonly string[];
  readonly addresses: readonly MachineAddress[];
  /** Preferred address to show (public first, then cloud-local, then any), '' if none. */
  readonly dnsName: string;
  readonly hardware: HardwareCharacteristics;
  readonly constraints: Readonly<Record<string, unknown>>;
  readonly agentStatus: StatusInfo;
  readonly instanceStatus: StatusInfo;
  readonly agentVersion: string;
  readonly containers: readonly MachineStatusData[];
}

/** One unit of an application; subordinate units are nested under their principal. */
export interface UnitStatusData {
  readonly name: string;
  /** Machine id, '' while unassigned. */
  readonly machine: string;
  readonly life: LifeValue;
  /**
   * Workload status as `juju status` shows it: when the agent is in error the
   * workload shows that error (and the agent `idle`), as Juju does.
   */
  readonly workloadStatus: StatusInfo;
  readonly agentStatus: StatusInfo;
  /** Preferred address of the unit's machine, '' when none. */
  readonly publicAddress: string;
  /** Opened port ranges: `80/tcp`, `8000-8080/udp`, `icmp`. */
  readonly openPorts: readonly string[];
  readonly leader: boolean;
  readonly workloadVersion: string;
  readonly agentVersion: string;
  /** Charm the agent runs, null until it reports one. */
  readonly charmUrl: string | null;
  readonly subordinates: readonly UnitStatusData[];
}

/** One application. */
export interface ApplicationStatusData {
  readonly name: string;
  /** Charm name. */
  readonly charm: string;
  readonly charmUrl: string;
  /** `local` or `charm-hub`. */
  readonly charmOrigin: string;
  readonly charmChannel: string;
  readonly charmRevision: number;
  /** Contents of the charm's version file. */
  readonly charmVersion: string;
  readonly base: Base | null;
  readonly life: LifeValue;
  readonly subordinate: boolean;
  readonly exposed: boolean;
  readonly exposedEndpoints: Readonly<
    Record<string, { readonly spaces: readonly string[]; readonly cidrs: readonly string[] }>
  >;
  /** The leader-set status, or (when never set) the most severe unit workload status. */
  readonly status: StatusInfo;
  /** Workload version of the first unit that reported one. */
  readonly workloadVersion: string;
  /** Endpoint to the applications related over it. */
  readonly relations: Readonly<Record<string, readonly string[]>>;
  /** For subordinates: the principal applications they are related to. */
  readonly subordinateTo: readonly string[];
  readonly endpointBindings: Readonly<Record<string, string>>;
  /** Principal units (empty for subordinate applications: theirs are nested). */
  readonly units: readonly UnitStatusData[];
}

/** One endpoint of a relation in status. */
export interface RelationEndpointStatusData {
  readonly application: string;
  readonly name: string;
  readonly role: string;
  readonly subordinate: boolean;
}

/** One relation. */
export interface RelationStatusData {
  readonly id: number;
  readonly key: string;
  readonly interface: string;
  readonly scope: string;
  readonly endpoints: readonly RelationEndpointStatusData[];
  readonly status: { readonly status: string; readonly info: string; readonly since: string };
  readonly life: LifeValue;
  readonly suspended: boolean;
}

/** Everything `juju status` shows, from one consistent read. */
export interface FullStatusData {
  readonly model: ModelStatusData;
  readonly machines: readonly MachineStatusData[];
  readonly applications: readonly ApplicationStatusData[];
  readonly remoteApplications: readonly unknown[];
  readonly offers: readonly unknown[];
  readonly relations: readonly RelationStatusData[];
  /** When the read was taken (ISO-8601 UTC). */
  readonly controllerTimestamp: string;
}

/** One status history entry. */
export interface StatusHistoryEntry {
  readonly entityKind: string;
  readonly entityId: string;
  readonly status: string;
  readonly info: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly since: string;
}

/** Parameters of {@link StatusService.history}. */
export interface StatusHistoryParams {
  readonly entityKind: string;
  readonly entityId: string;
  /** At most this many of the latest entries (default 20; 0 means no limit). */
  readonly limit?: number;
  /** Only entries at or after this ISO-8601 time. */
  readonly since?: string;
  /** Only entries strictly after this ISO-8601 time (Juju's date and delta filters). */
  readonly after?: string;
  /** Leave out entries whose message is one of these. */
  readonly exclude?: readonly string[];
}

/** Parameters of {@link StatusService.recordHistory}. */
export interface RecordStatusParams {
  readonly modelUuid: string;
  readonly entityKind: string;
  readonly entityId: string;
  readonly status: string;
  readonly info?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Bounds for {@link StatusService.pruneHistory}. */
export interface PruneHistoryParams {
  /** Remove entries older than this many milliseconds. */
  readonly maxAgeMs?: number;
  /** Keep at most this many entries per model (newest kept). */
  readonly maxEntriesPerModel?: number;
}

/** Result of one {@link StatusService.pruneModelHistory} pass. */
export interface ModelHistoryPruneResult {
  /** Entries older than the age limit that were removed. */
  readonly expired: number;
  /** Entries of units, applications and machines that no longer exist. */
  readonly orphaned: number;
}

/** Estimated size of the whole status history. */
export interface StatusHistorySize {
  readonly rows: number;
  /** Estimated bytes: rows times the average size of recent rows, indexes included. */
  readonly bytes: number;
}
