/**
 * The seam between the machine agent's deployer and the unit agent (uniter):
 * the deployer starts one unit agent per unit on its machine and stops it when
 * the unit is removed or the machine agent shuts down.
 */

export interface UnitAgentOptions {
  /** Unit name, e.g. `pinger/0`. */
  readonly unitName: string;
  /** The machine's data dir (`<data root>/var/lib/juju`); the unit's files live under `agents/unit-<app>-<n>/`. */
  readonly dataDir: string;
  /** Path of the unit's agent.conf (written by the deployer, with its initial password). */
  readonly agentConfPath: string;
  /** Serialises hooks of every unit on this machine (the machine lock). */
  readonly machineLock: MachineLock;
  /**
   * Asks the machine agent to reboot the machine (`juju-reboot`); the unit
   * agent stops right after asking. Without it reboot requests are ignored.
   */
  readonly requestReboot?: () => void;
  /** Log sink for the unit agent's own log lines (also shipped to the controller). */
  readonly log: (level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', module: string, message: string) => void;
  /**
   * Timings in milliseconds (lease in seconds); defaults are Juju's (hook retry
   * from 5 s doubling to 5 min, 60 s lease renewed every 30 s). Tests shorten them.
   */
  readonly tuning?: Partial<{
    retryMinMs: number;
    retryMaxMs: number;
    leaseSeconds: number;
    leaseRenewMs: number;
    reconnectMinMs: number;
    reconnectMaxMs: number;
    killGraceMs: number;
    /** Overrides the model's update-status-hook-interval. */
    updateStatusMs: number;
  }>;
}

export interface UnitAgentHandle {
  /** Stop the unit agent (a hook in flight is killed and re-run on the next start). */
  stop(): Promise<void>;
  /** Settles when the agent has ended: after `stop()`, or once the unit is dead and removed. */
  readonly done: Promise<void>;
}

export type StartUnitAgent = (opts: UnitAgentOptions) => UnitAgentHandle;

/** One hook at a time per machine: `acquire` resolves with a release function. */
export interface MachineLock {
  acquire(holder: string): Promise<() => void>;
}
