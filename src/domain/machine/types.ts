/** Types of the machine domain: machines of a model. */
import type { LifeValue } from '../common/life.js';

/** Machine jobs. Controller machines run JobManageModel. */
export const MachineJob = {
  HostUnits: 'JobHostUnits',
  ManageModel: 'JobManageModel',
} as const;
export type MachineJobValue = (typeof MachineJob)[keyof typeof MachineJob];

/** Machine agent status values. */
export const MachineAgentStatus = {
  Pending: 'pending',
  Started: 'started',
  Stopped: 'stopped',
  Error: 'error',
  Down: 'down',
} as const;

/** Machine instance (provider) status values. */
export const InstanceStatus = {
  Pending: 'pending',
  Allocating: 'allocating',
  Running: 'running',
  ProvisioningError: 'provisioning error',
  Unknown: 'unknown',
} as const;

/** Operating system base, e.g. `{os: 'ubuntu', channel: '22.04'}`. */
export interface Base {
  readonly os: string;
  readonly channel: string;
}

/** A network address of a machine. */
export interface MachineAddress {
  readonly value: string;
  /** `ipv4`, `ipv6` or `hostname`. */
  readonly type: string;
  /** `public`, `local-cloud`, `local-machine`, `link-local` or ''. */
  readonly scope: string;
  readonly spaceName?: string;
}

/** Provider hardware of an instance (all optional, as Juju's). */
export interface HardwareCharacteristics {
  readonly arch?: string;
  /** MiB. */
  readonly mem?: number;
  /** MiB. */
  readonly rootDisk?: number;
  readonly cpuCores?: number;
  readonly cpuPower?: number;
  readonly availabilityZone?: string;
  readonly virtType?: string;
}

/** A current status with its message, data and when it was set. */
export interface StatusInfo {
  readonly status: string;
  readonly info: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** ISO-8601 UTC. */
  readonly since: string;
}

/** A machine as services and facades see it. */
export interface Machine {
  readonly modelUuid: string;
  readonly id: string;
  readonly life: LifeValue;
  readonly base: Base | null;
  readonly jobs: readonly string[];
  readonly nonce: string;
  /** Provider instance id, or null while not provisioned. */
  readonly instanceId: string | null;
  readonly hardware: HardwareCharacteristics;
  readonly hostname: string;
  readonly addresses: readonly MachineAddress[];
  /** Constraints as given (JSON object). */
  readonly constraints: Readonly<Record<string, unknown>>;
  readonly placement: string;
  readonly agentStatus: StatusInfo;
  readonly instanceStatus: StatusInfo;
  /** Version of the running agent, '' until it reports. */
  readonly agentVersion: string;
  readonly createdAt: string;
  /** True once an agent password was set. */
  readonly hasPassword: boolean;
}

/** Parameters of {@link MachineService.add}. */
export interface AddMachineParams {
  readonly base?: Base;
  readonly jobs?: readonly string[];
  readonly constraints?: Readonly<Record<string, unknown>>;
  readonly placement?: string;
  readonly nonce?: string;
  /** For machines that already exist (bootstrap, manual): the instance id. */
  readonly instanceId?: string;
  readonly hardware?: HardwareCharacteristics;
  readonly hostname?: string;
  readonly addresses?: readonly MachineAddress[];
}

/** Parameters of {@link MachineService.setProvisioned}. */
export interface ProvisionedParams {
  readonly instanceId: string;
  readonly nonce: string;
  readonly hardware?: HardwareCharacteristics;
}

/** Parameters for a status change. */
export interface SetStatusParams {
  readonly status: string;
  readonly info?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Arguments to insert a machine (state); the id is allocated by state. */
export interface InsertMachineArgs {
  readonly modelUuid: string;
  readonly life: LifeValue;
  readonly base: Base | null;
  readonly jobs: readonly string[];
  readonly nonce: string;
  readonly instanceId: string | null;
  readonly hardware: HardwareCharacteristics;
  readonly hostname: string;
  readonly addresses: readonly MachineAddress[];
  readonly constraints: Readonly<Record<string, unknown>>;
  readonly placement: string;
  readonly agentStatus: StatusInfo;
  readonly instanceStatus: StatusInfo;
  readonly createdAt: string;
}

/** What a status change writes (state). */
export interface MachineStatusArgs {
  readonly modelUuid: string;
  readonly id: string;
  readonly which: 'agent' | 'instance';
  readonly status: StatusInfo;
}
