/**
 * Removing one local machine from the host: its processes, veth, namespace,
 * /etc/netns overlay and data root. Shared by Environ.stopInstances/destroy
 * and the garbage collector. Idempotent; every step is bounded in time.
 */

import { promises as fs } from 'node:fs';

import { errorMessage } from '../../core/errors.js';
import type { HostTools } from './host-tools.js';
import { namespacePids, removeMachineLink, removeNamespaceEtc } from './host-network.js';
import { terminateProcesses } from './processes.js';

/** What teardown needs to know about a machine. */
export interface TeardownTarget {
  readonly id: string;
  readonly hostVeth: string;
  /** Omit for a namespace that has no data root of ours (an orphan). */
  readonly dataRoot?: string;
}

/** Grace between SIGTERM and SIGKILL for a machine's processes. */
export const DEFAULT_STOP_GRACE_MS = 2000;

/**
 * Kills every process in the machine's namespace (SIGTERM, then SIGKILL after
 * `graceMs`), deletes the veth and namespace, then the overlay and data root.
 * Keeps going after a failed step; resolves with the failures (empty = gone).
 */
export async function teardownMachine(
  tools: HostTools,
  target: TeardownTarget,
  graceMs: number = DEFAULT_STOP_GRACE_MS,
): Promise<string[]> {
  const failures: string[] = [];
  const step = async (what: string, action: () => Promise<void>): Promise<void> => {
    try {
      await action();
    } catch (err) {
      failures.push(`${what}: ${errorMessage(err)}`);
    }
  };
  await step('stopping processes', async () => {
    const pids = await namespacePids(tools, target.id);
    const survivors = await terminateProcesses(pids, graceMs);
    if (survivors.length > 0) throw new Error(`still running: ${survivors.join(', ')}`);
  });
  await step('removing network', () => removeMachineLink(tools, target.id, target.hostVeth));
  await step('removing /etc/netns overlay', () => removeNamespaceEtc(target.id));
  const dataRoot = target.dataRoot;
  if (dataRoot !== undefined) {
    await step('removing data root', () => fs.rm(dataRoot, { recursive: true, force: true, maxRetries: 2 }));
  }
  return failures;
}
