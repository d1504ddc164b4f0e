/**
 * The host-wide record of what the local cloud has made: one JSON file under
 * the state root listing every machine (of every controller) and the bridges
 * the project created. Several juju/jujud processes may change it at once, so
 * every change happens under a file lock and is written atomically (temp file,
 * fsync, rename).
 */

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

import { withFileLock } from './file-lock.js';

/** One machine as recorded on the host. */
export interface MachineRecord {
  /** Instance id = network namespace name, e.g. "juju-3f2a1c-0". */
  readonly id: string;
  /** Per-root index: names the namespace suffix and (with the controller's digits) the host veth. */
  readonly index: number;
  readonly controllerUuid: string;
  readonly modelUuid: string;
  readonly machineId: string;
  readonly bridge: string;
  /** The range the address was taken from, e.g. "10.232.0.0/24". */
  readonly cidr: string;
  readonly address: string;
  readonly hostVeth: string;
  readonly dataRoot: string;
  /** 'pending' while being created, 'running' once its agent was started. */
  readonly state: 'pending' | 'running';
  /** Process that is creating a pending machine (to recognise abandoned ones). */
  readonly creator: { readonly pid: number; readonly startTime: string; readonly bootId: string };
  /** The agent's PID once started. */
  readonly agentPid?: number;
  readonly createdAt: string;
}

/** A bridge the local cloud uses, and whether it created it (only then does it delete it). */
export interface BridgeRecord {
  readonly cidr: string;
  readonly created: boolean;
}

export interface AllocationRegistry {
  readonly version: 1;
  readonly bridges: Readonly<Record<string, BridgeRecord>>;
  readonly machines: Readonly<Record<string, MachineRecord>>;
}

const EMPTY: AllocationRegistry = { version: 1, bridges: {}, machines: {} };

/** The registry file and its lock under one state root. */
export class AllocationStore {
  readonly root: string;
  private readonly file: string;
  private readonly lockFile: string;

  constructor(root: string) {
    this.root = root;
    this.file = join(root, 'registry.json');
    this.lockFile = join(root, 'registry.lock');
  }

  /** Directory holding the machines' data roots. */
  get machinesDir(): string {
    return join(this.root, 'machines');
  }

  /** Reads the registry without locking (a consistent snapshot thanks to rename). */
  async read(): Promise<AllocationRegistry> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
      throw err;
    }
    let parsed: Partial<AllocationRegistry>;
    try {
      parsed = JSON.parse(text) as Partial<AllocationRegistry>;
    } catch (err) {
      throw new Error(`local cloud registry ${this.file} is corrupt: ${(err as Error).message}`);
    }
    return { version: 1, bridges: parsed.bridges ?? {}, machines: parsed.machines ?? {} };
  }

  /**
   * Reads, lets `change` compute the next registry and a result, and writes the
   * registry back, all under the lock. `change` returns `next: undefined` to
   * leave the file untouched. Keep `change` short: other processes wait.
   */
  async update<T>(
    change: (
      current: AllocationRegistry,
    ) => Promise<{ next?: AllocationRegistry; result: T }> | { next?: AllocationRegistry; result: T },
  ): Promise<T> {
    await fs.mkdir(this.root, { recursive: true, mode: 0o755 });
    return withFileLock(this.lockFile, async () => {
      const current = await this.read();
      const { next, result } = await change(current);
      if (next !== undefined) await this.write(next);
      return result;
    });
  }

  private async write(registry: AllocationRegistry): Promise<void> {
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await fs.open(temp, 'w', 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(registry, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temp, this.file);
    } catch (err) {
      await fs.unlink(temp).catch(() => undefined);
      throw err;
    }
  }
}

/** Registry with one machine added or replaced. */
export function withMachine(registry: AllocationRegistry, machine: MachineRecord): AllocationRegistry {
  return { ...registry, machines: { ...registry.machines, [machine.id]: machine } };
}

/** Registry without the given machines. */
export function withoutMachines(registry: AllocationRegistry, ids: readonly string[]): AllocationRegistry {
  const machines = { ...registry.machines };
  for (const id of ids) delete machines[id];
  return { ...registry, machines };
}
