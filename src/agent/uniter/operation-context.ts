/**
 * What the operations of one connected uniter session share: the unit's
 * identity and paths, the API client, leadership tracker, machine lock,
 * hook-tool server and log, plus access to the local state (persisted on
 * every change) and the latest remote snapshot.
 */
import type { HookToolServer } from '../hooktools/transport.js';
import type { MachineLock } from './api.js';
import type { LeadershipTracker } from './leadership-tracker.js';
import type { LocalState } from './local-state.js';
import type { UnitPaths } from './paths.js';
import type { RemoteSnapshot } from './remote-state.js';
import type { UniterApi } from './uniter-api.js';
import type { UnitLogger } from './unit-log.js';

export interface OperationContext {
  readonly unitName: string;
  readonly paths: UnitPaths;
  readonly api: UniterApi;
  readonly modelUuid: string;
  readonly modelName: string;
  readonly apiAddresses: readonly string[];
  readonly tracker: LeadershipTracker;
  readonly lock: MachineLock;
  readonly server: HookToolServer;
  readonly log: UnitLogger;
  /** Aborted when the agent is asked to stop. */
  readonly stopSignal: AbortSignal;
  readonly killGraceMs: number;
  /** Asks the machine agent to reboot the machine (`juju-reboot`); absent when not supported. */
  readonly requestReboot?: (() => void) | undefined;
  /** The current local state. */
  state(): LocalState;
  /** Replaces and persists the local state (atomic file write). */
  persist(state: LocalState): void;
  /** The latest remote snapshot (leadership from the tracker). */
  remote(): RemoteSnapshot;
  /** Sets the agent status, skipping a repeat of the status last set. */
  setAgentStatus(status: string, info?: string, data?: Record<string, unknown>): Promise<void>;
}

/** Thrown by an operation cut short because the agent is stopping. */
export class StopRequested extends Error {
  constructor() {
    super('unit agent stopping');
    this.name = 'StopRequested';
  }
}
