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

/** One unit of an application (filled in once applications exist). */
export interface UnitStatusData {
  readonly name: string;
  readonly machine: string;
  readonly life: LifeValue;
  readonly workloadStatus: StatusInfo;
  readonly agentStatus: StatusInfo;
  readonly publicAddress: string;
  readonly openPorts: readonly string[];
  readonly leader: boolean;
  readonly subordinates: readonly UnitStatusData[];
}

/** One application (filled in once applications exist). */
export interface ApplicationStatusData {
  readonly name: string;
  readonly charm: string;
  readonly charmChannel: string;
  readonly charmRevision: number;
  readonly base: Base | null;
  readonly life: LifeValue;
  readonly exposed: boolean;
  readonly status: StatusInfo;
  readonly units: readonly UnitStatusData[];
}

/** Everything `juju status` shows, from one consistent read. */
export interface FullStatusData {
  readonly model: ModelStatusData;
  readonly machines: readonly MachineStatusData[];
  readonly applications: readonly ApplicationStatusData[];
  readonly remoteApplications: readonly unknown[];
  readonly offers: readonly unknown[];
  readonly relations: readonly unknown[];
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
  /** At most this many of the latest entries (default 20). */
  readonly limit?: number;
  /** Only entries at or after this ISO-8601 time. */
  readonly since?: string;
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
