/**
 * Typed calls the machine agent makes over its API connection (Machiner,
 * Deployer, Upgrader, NotifyWatcher). Bulk results are unpacked: a per-entry
 * error is thrown as the JujuError it carries.
 */
import type { ApiConnection } from '../../api/connection.js';
import { errorFromResult, type ErrorResult } from '../../rpc/errors.js';
import type {
  APIHostPortsResult,
  AgentErrorResults,
  DeployerUnit,
  DeployerUnitsResult,
  LifeResults,
  NotifyWatchResults,
  WireAddress,
} from '../../rpc/params/agent.js';

function first<T extends ErrorResult>(results: readonly T[] | undefined, what: string): T {
  const r = results?.[0];
  if (r === undefined) throw new Error(`${what}: expected one result, got none`);
  const err = errorFromResult(r);
  if (err) throw err;
  return r;
}

function check(res: AgentErrorResults, what: string): void {
  first(res.results, what);
}

/** The calls of one machine agent `tag` on `conn`. */
export class MachineAgentApi {
  constructor(
    readonly conn: ApiConnection,
    readonly tag: string,
  ) {}

  private entities(): { entities: { tag: string }[] } {
    return { entities: [{ tag: this.tag }] };
  }

  async life(): Promise<string> {
    const res = await this.conn.call<LifeResults>('Machiner', 'Life', this.entities());
    return first(res.results, 'Machiner.Life').life;
  }

  async setStatus(status: string, info = '', data: Record<string, unknown> = {}): Promise<void> {
    check(
      await this.conn.call<AgentErrorResults>('Machiner', 'SetStatus', {
        entities: [{ tag: this.tag, status, info, data }],
      }),
      'Machiner.SetStatus',
    );
  }

  async setAddresses(addresses: WireAddress[]): Promise<void> {
    check(
      await this.conn.call<AgentErrorResults>('Machiner', 'SetMachineAddresses', {
        'machine-addresses': [{ tag: this.tag, addresses }],
      }),
      'Machiner.SetMachineAddresses',
    );
  }

  async recordStart(hostname: string): Promise<void> {
    check(
      await this.conn.call<AgentErrorResults>('Machiner', 'RecordAgentStartInformation', {
        args: [{ tag: this.tag, hostname }],
      }),
      'Machiner.RecordAgentStartInformation',
    );
  }

  async ensureDead(): Promise<void> {
    check(
      await this.conn.call<AgentErrorResults>('Machiner', 'EnsureDead', this.entities()),
      'Machiner.EnsureDead',
    );
  }

  /** `host:port` addresses of the controller. */
  async apiAddresses(): Promise<string[]> {
    const res = await this.conn.call<APIHostPortsResult>('Machiner', 'APIHostPorts');
    return (res.servers ?? []).flat().map((hp) => `${hp.value}:${hp.port}`);
  }

  async watchMachine(): Promise<string> {
    const res = await this.conn.call<NotifyWatchResults>('Machiner', 'Watch', this.entities());
    return first(res.results, 'Machiner.Watch').NotifyWatcherId;
  }

  async watchUnits(): Promise<string> {
    const res = await this.conn.call<NotifyWatchResults>('Deployer', 'WatchUnits', this.entities());
    return first(res.results, 'Deployer.WatchUnits').NotifyWatcherId;
  }

  async units(): Promise<DeployerUnit[]> {
    return (await this.conn.call<DeployerUnitsResult>('Deployer', 'Units')).units ?? [];
  }

  async setUnitPassword(unitTag: string, password: string): Promise<void> {
    check(
      await this.conn.call<AgentErrorResults>('Deployer', 'SetPasswords', {
        changes: [{ tag: unitTag, password }],
      }),
      'Deployer.SetPasswords',
    );
  }

  async removeUnit(unitTag: string): Promise<void> {
    check(
      await this.conn.call<AgentErrorResults>('Deployer', 'Remove', { entities: [{ tag: unitTag }] }),
      'Deployer.Remove',
    );
  }

  /** Reports the running agent version (`3.6.4-<os>-<arch>`). */
  async setVersion(binaryVersion: string): Promise<void> {
    check(
      await this.conn.call<AgentErrorResults>('Upgrader', 'SetTools', {
        'agent-tools': [{ tag: this.tag, tools: { version: binaryVersion } }],
      }),
      'Upgrader.SetTools',
    );
  }

  /** Blocks until the watcher reports a change. */
  async next(watcherId: string): Promise<void> {
    await this.conn.call('NotifyWatcher', 'Next', undefined, { id: watcherId });
  }
}
