/**
 * The local cloud opened for one controller: machines are network namespaces
 * on the project bridge, each with its own address, data root and agent
 * process. Allocation (index, address) is host-wide and happens under the
 * registry lock; the slow work (namespace, veth, agent) happens outside it.
 */

import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';

import { errorMessage, isJujuError, notValid } from '../../core/errors.js';
import type { EnvironConfig, Environ, Instance, StartInstanceParams } from '../types.js';
import { startAgentProcess } from './agent-process.js';
import {
  type AllocationRegistry,
  type AllocationStore,
  type MachineRecord,
  withMachine,
  withoutMachines,
} from './allocations.js';
import {
  createMachineLink,
  ensureBridge,
  interfaceExists,
  listNamespaceEntries,
  namespaceEntryExists,
  namespaceUsable,
  writeNamespaceEtc,
} from './host-network.js';
import type { MachineBase } from './host-os.js';
import type { HostTools } from './host-tools.js';
import { formatIpv4, networksOverlap, parseIpv4Network } from './ipv4.js';
import { teardownMachine } from './machine-teardown.js';
import { currentBootId, isProcessAlive, processStartTime } from './processes.js';
import type { LocalNetworkSettings } from './settings.js';
import { removeUnusedBridges } from './unused-bridges.js';

/** What an environ needs from its provider. */
export interface LocalEnvironDeps {
  readonly store: AllocationStore;
  readonly settings: LocalNetworkSettings;
  readonly base: MachineBase;
  /** Checks the host (root, tools) and returns the tools; called before any host change. */
  readonly hostTools: () => HostTools;
  readonly stopGraceMs: number;
}

/** Namespace-name prefix of a controller's machines: "juju-" + first 6 hex digits of its uuid. */
export function controllerPrefix(controllerUuid: string): string {
  const hex = controllerUuid.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{6}/.test(hex)) throw notValid(`controller uuid "${controllerUuid}" not valid`);
  return `juju-${hex.slice(0, 6)}-`;
}

/**
 * Host end of a machine's veth: `vj` + the controller's 6 hex digits + the
 * machine index (at most 15 characters, the kernel's limit). Names are
 * host-wide while indexes are per state root, so the controller's digits keep
 * controllers with different roots from ever choosing the same name.
 */
export function hostVethName(prefix: string, index: number): string {
  return `vj${prefix.slice('juju-'.length, 'juju-'.length + 6)}${index}`;
}

export class LocalEnviron implements Environ {
  private readonly controllerUuid: string;
  private readonly prefix: string;

  constructor(
    config: EnvironConfig,
    private readonly deps: LocalEnvironDeps,
  ) {
    this.controllerUuid = config.controllerUuid;
    this.prefix = controllerPrefix(config.controllerUuid);
  }

  async startInstance(params: StartInstanceParams): Promise<Instance> {
    if (!params.machineId) throw notValid('machine id must not be empty');
    if (!params.modelUuid) throw notValid('model uuid must not be empty');
    const tools = this.deps.hostTools();
    const record = await this.allocate(tools, params);
    try {
      await fs.mkdir(join(record.dataRoot, 'var', 'lib', 'juju'), { recursive: true, mode: 0o755 });
      await fs.mkdir(join(record.dataRoot, 'var', 'log', 'juju'), { recursive: true, mode: 0o755 });
      await writeNamespaceEtc(record.id, record.address, record.id);
      await createMachineLink(tools, {
        namespace: record.id,
        hostVeth: record.hostVeth,
        bridge: record.bridge,
        address: record.address,
        prefixLength: this.deps.settings.range.prefixLength,
        gateway: this.deps.settings.gateway,
      });
      const instance = this.toInstance(record, 'running');
      const agent = params.agent(instance);
      if (agent.argv.length === 0 || !agent.argv[0]) throw notValid('agent command must not be empty');
      const agentPid = await startAgentProcess(tools, {
        namespace: record.id,
        hostname: record.id,
        dataRoot: record.dataRoot,
        argv: agent.argv,
        env: agent.env,
        restartOnFailure: agent.restartOnFailure ?? false,
      });
      const stillRecorded = await this.deps.store.update((registry) => {
        const current = registry.machines[record.id];
        if (!current) return { result: false };
        return { next: withMachine(registry, { ...current, state: 'running', agentPid }), result: true };
      });
      if (!stillRecorded) throw new Error('instance was removed while it was being started');
      return instance;
    } catch (err) {
      await this.removeMachines(tools, [record]).catch(() => undefined);
      if (isJujuError(err)) throw err;
      throw new Error(`cannot start instance for machine "${params.machineId}": ${errorMessage(err)}`, {
        cause: err,
      });
    }
  }

  async stopInstances(ids: readonly string[]): Promise<void> {
    const registry = await this.deps.store.read();
    const wanted = new Set(ids);
    const targets = this.ownMachines(registry).filter((m) => wanted.has(m.id));
    if (targets.length === 0) return;
    await this.removeMachines(this.deps.hostTools(), targets);
  }

  async allInstances(modelUuid?: string): Promise<Instance[]> {
    const registry = await this.deps.store.read();
    const machines = this.ownMachines(registry)
      .filter((m) => modelUuid === undefined || m.modelUuid === modelUuid)
      .sort((a, b) => a.index - b.index);
    return Promise.all(machines.map(async (m) => this.toInstance(m, await this.statusOf(m))));
  }

  async destroy(): Promise<void> {
    const tools = this.deps.hostTools();
    const registry = await this.deps.store.read();
    const failures: string[] = [];
    try {
      await this.removeMachines(tools, this.ownMachines(registry));
    } catch (err) {
      failures.push(errorMessage(err));
    }
    // Namespaces of this controller that never made it into the registry (a crash mid-create).
    const recorded = new Set(Object.keys((await this.deps.store.read()).machines));
    for (const name of await listNamespaceEntries(this.prefix)) {
      const index = name.slice(this.prefix.length);
      if (recorded.has(name) || !/^[0-9]+$/.test(index)) continue;
      failures.push(
        ...(await teardownMachine(
          tools,
          { id: name, hostVeth: hostVethName(this.prefix, Number(index)) },
          this.deps.stopGraceMs,
        )),
      );
    }
    try {
      await removeUnusedBridges(tools, this.deps.store);
    } catch (err) {
      failures.push(`removing bridge: ${errorMessage(err)}`);
    }
    if (failures.length > 0) throw new Error(`cannot destroy local cloud resources: ${failures.join('; ')}`);
  }

  private ownMachines(registry: AllocationRegistry): MachineRecord[] {
    return Object.values(registry.machines).filter((m) => m.controllerUuid === this.controllerUuid);
  }

  /** Tears machines down in parallel and forgets the ones fully removed; throws if any resisted. */
  private async removeMachines(tools: HostTools, machines: readonly MachineRecord[]): Promise<void> {
    const outcomes = await Promise.all(
      machines.map(async (m) => ({
        id: m.id,
        failures: await teardownMachine(tools, m, this.deps.stopGraceMs),
      })),
    );
    const gone = outcomes.filter((o) => o.failures.length === 0).map((o) => o.id);
    if (gone.length > 0) {
      await this.deps.store.update((registry) => ({
        next: withoutMachines(registry, gone),
        result: undefined,
      }));
    }
    const failed = outcomes.filter((o) => o.failures.length > 0);
    if (failed.length > 0) {
      throw new Error(
        failed.map((o) => `cannot remove instance "${o.id}": ${o.failures.join('; ')}`).join('; '),
      );
    }
  }

  /**
   * Picks the lowest free index and address and records a pending machine,
   * making sure the bridge exists. All under the registry lock.
   */
  private async allocate(tools: HostTools, params: StartInstanceParams): Promise<MachineRecord> {
    const { settings, store } = this.deps;
    return store.update(async (registry) => {
      const known = registry.bridges[settings.bridge];
      if (known && known.cidr !== settings.range.cidr) {
        throw notValid(
          `bridge "${settings.bridge}" already serves ${known.cidr}; the local cloud cannot also use ${settings.range.cidr} on it`,
        );
      }
      for (const [name, other] of Object.entries(registry.bridges)) {
        const otherRange = parseIpv4Network(other.cidr);
        if (name !== settings.bridge && otherRange && networksOverlap(otherRange, settings.range)) {
          throw notValid(
            `local cloud address range ${settings.range.cidr} overlaps ${other.cidr} on bridge "${name}"`,
          );
        }
      }
      const { created } = await ensureBridge(tools, settings);

      const machines = Object.values(registry.machines);
      const usedAddresses = new Set(machines.map((m) => m.address));
      let address: string | undefined;
      for (let a = settings.firstMachineAddress; a <= settings.lastMachineAddress; a++) {
        const text = formatIpv4(a);
        if (!usedAddresses.has(text)) {
          address = text;
          break;
        }
      }
      if (address === undefined)
        throw new Error(`no free address left in ${settings.range.cidr} for a new machine`);

      const usedIndexes = new Set(machines.map((m) => m.index));
      let index = 0;
      // Skip indexes whose names are taken on the host (another state root, a leftover).
      while (
        usedIndexes.has(index) ||
        interfaceExists(hostVethName(this.prefix, index)) ||
        namespaceEntryExists(`${this.prefix}${index}`) ||
        existsSync(join(store.machinesDir, `${this.prefix}${index}`))
      ) {
        index++;
      }
      const id = `${this.prefix}${index}`;
      const record: MachineRecord = {
        id,
        index,
        controllerUuid: this.controllerUuid,
        modelUuid: params.modelUuid,
        machineId: params.machineId,
        bridge: settings.bridge,
        cidr: settings.range.cidr,
        address,
        hostVeth: hostVethName(this.prefix, index),
        dataRoot: join(store.machinesDir, id),
        state: 'pending',
        creator: {
          pid: process.pid,
          startTime: processStartTime(process.pid) ?? '',
          bootId: currentBootId(),
        },
        createdAt: new Date().toISOString(),
      };
      const bridges = {
        ...registry.bridges,
        [settings.bridge]: { cidr: settings.range.cidr, created: (known?.created ?? false) || created },
      };
      return { next: { ...withMachine(registry, record), bridges }, result: record };
    });
  }

  private async statusOf(m: MachineRecord): Promise<string> {
    if (m.state === 'pending') return 'pending';
    if (!(await namespaceUsable(m.id))) return 'unknown';
    return m.agentPid !== undefined && isProcessAlive(m.agentPid) ? 'running' : 'stopped';
  }

  private toInstance(m: MachineRecord, status: string): Instance {
    return {
      id: m.id,
      addresses: [m.address],
      hostname: m.id,
      dataRoot: m.dataRoot,
      status,
      base: this.deps.base,
    };
  }
}
