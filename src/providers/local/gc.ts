/**
 * Garbage collection of local machines that can no longer work: namespace
 * entries left in /run/netns by a previous boot (on hosts where /run/netns is
 * on disk they survive as plain files), machines whose namespace is gone, and
 * machines whose creating process died half-way. Meant for bootstrap and
 * start-up; safe to run at any time.
 */

import { errorMessage } from '../../core/errors.js';
import { AllocationStore, type MachineRecord, withoutMachines } from './allocations.js';
import {
  listNamespaceEntries,
  namespaceEntryExists,
  namespaceUsable,
  removeNamespace,
  removeNamespaceEtc,
} from './host-network.js';
import { checkLocalHost, type HostTools } from './host-tools.js';
import { DEFAULT_STOP_GRACE_MS, teardownMachine } from './machine-teardown.js';
import { currentBootId, processStartTime } from './processes.js';
import { resolveStateRoot } from './settings.js';
import { removeUnusedBridges } from './unused-bridges.js';

/** Namespaces made by the local cloud (of any controller) start with this. */
const NAMESPACE_PREFIX = 'juju-';

export interface LocalGcOptions {
  /** State root; defaults to JUJU_LOCAL_ROOT or /var/lib/juju-ts/local. */
  readonly root?: string;
  /** Already checked host tools; found (and root checked) when omitted. */
  readonly tools?: HostTools;
}

export interface LocalGcResult {
  /** Stale namespace entries removed from /run/netns. */
  readonly staleNamespaces: string[];
  /** Registry machines removed (with their data roots). */
  readonly machines: string[];
  /** Bridges deleted because nothing uses them any more. */
  readonly bridges: string[];
  /** Things that could not be cleaned; the rest was. */
  readonly failures: string[];
}

async function machineIsDead(m: MachineRecord, bootId: string): Promise<boolean> {
  if (m.state === 'pending') {
    const creatorAlive =
      m.creator.bootId === bootId && processStartTime(m.creator.pid) === m.creator.startTime;
    return !creatorAlive;
  }
  return !(await namespaceUsable(m.id));
}

/**
 * Removes unusable `juju-*` namespace entries and every registry machine that
 * cannot be running (then the bridges left unused). Never touches a live
 * namespace or a machine still being created by a live process.
 */
export async function collectLocalGarbage(options: LocalGcOptions = {}): Promise<LocalGcResult> {
  const tools = options.tools ?? checkLocalHost();
  const store = new AllocationStore(options.root ?? resolveStateRoot());
  const failures: string[] = [];

  const staleNamespaces: string[] = [];
  for (const name of await listNamespaceEntries(NAMESPACE_PREFIX)) {
    if (await namespaceUsable(name)) continue;
    try {
      await removeNamespace(tools, name);
      await removeNamespaceEtc(name);
      if (!namespaceEntryExists(name)) staleNamespaces.push(name);
    } catch (err) {
      failures.push(`${name}: ${errorMessage(err)}`);
    }
  }

  const bootId = currentBootId();
  const registry = await store.read();
  const dead: MachineRecord[] = [];
  for (const m of Object.values(registry.machines)) {
    if (await machineIsDead(m, bootId)) dead.push(m);
  }
  const removed: string[] = [];
  for (const m of dead) {
    const problems = await teardownMachine(tools, m, DEFAULT_STOP_GRACE_MS);
    if (problems.length === 0) removed.push(m.id);
    else failures.push(`${m.id}: ${problems.join('; ')}`);
  }
  if (removed.length > 0) {
    await store.update((current) => ({ next: withoutMachines(current, removed), result: undefined }));
  }

  let bridges: string[] = [];
  try {
    bridges = await removeUnusedBridges(tools, store);
  } catch (err) {
    failures.push(`bridges: ${errorMessage(err)}`);
  }
  return { staleNamespaces, machines: removed, bridges, failures };
}
