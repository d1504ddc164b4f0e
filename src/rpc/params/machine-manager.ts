/** Wire shapes of the MachineManager facade (v9, v10), keys as Juju's JSON tags. */
import type { BulkWireError, ErrorResult } from '../errors.js';

/** A placement directive (`{"scope":"lxd","directive":"0"}`). */
export interface MachinePlacement {
  scope: string;
  directive: string;
}

/** One machine of `MachineManager.AddMachines`. */
export interface AddMachineParams {
  /** `{"name":"ubuntu","channel":"22.04"}`. */
  base?: { name: string; channel: string } | null;
  constraints?: Record<string, unknown>;
  jobs?: string[];
  disks?: unknown[];
  placement?: MachinePlacement | null;
  'parent-id'?: string;
  'container-type'?: string;
  'instance-id'?: string;
  nonce?: string;
  'hardware-characteristics'?: Record<string, unknown>;
  addresses?: unknown[];
}

/** `MachineManager.AddMachines` params. */
export interface AddMachines {
  params: AddMachineParams[];
}

/** One entry of `MachineManager.AddMachines`'s reply. */
export interface AddMachinesResult {
  machine: string;
  error?: BulkWireError;
}

/** `MachineManager.AddMachines` reply. */
export interface AddMachinesResults {
  machines: AddMachinesResult[];
}

/** `MachineManager.DestroyMachineWithParams` params. */
export interface DestroyMachinesParams {
  'machine-tags': string[];
  force?: boolean;
  keep?: boolean;
  'dry-run'?: boolean;
  /** Nanoseconds (Go duration). */
  'max-wait'?: number;
}

/** What removing one machine does (or would do). */
export interface DestroyMachineInfo {
  'machine-id': string;
  'detached-storage'?: { tag: string }[];
  'destroyed-storage'?: { tag: string }[];
  'destroyed-units'?: { tag: string }[];
  'destroyed-containers'?: DestroyMachineResult[];
}

/** One entry of `MachineManager.DestroyMachineWithParams`'s reply. */
export interface DestroyMachineResult extends ErrorResult {
  info?: DestroyMachineInfo;
}

/** `MachineManager.DestroyMachineWithParams` reply. */
export interface DestroyMachineResults {
  results: DestroyMachineResult[];
}
