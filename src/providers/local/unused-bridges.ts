/**
 * Deleting bridges nobody uses any more. Runs under the registry lock, so a
 * machine being created (recorded before its veth is attached) always keeps
 * its bridge alive.
 */

import type { AllocationStore, BridgeRecord } from './allocations.js';
import { deleteBridge } from './host-network.js';
import type { HostTools } from './host-tools.js';

/**
 * Removes every recorded bridge that no machine of any controller uses: the
 * interface itself only if the local cloud created it, the record always.
 * Resolves with the names of the interfaces deleted.
 */
export async function removeUnusedBridges(tools: HostTools, store: AllocationStore): Promise<string[]> {
  return store.update(async (registry) => {
    const inUse = new Set(Object.values(registry.machines).map((m) => m.bridge));
    const kept: Record<string, BridgeRecord> = {};
    const deleted: string[] = [];
    let changed = false;
    for (const [name, record] of Object.entries(registry.bridges)) {
      if (inUse.has(name)) {
        kept[name] = record;
        continue;
      }
      changed = true;
      if (record.created) {
        await deleteBridge(tools, name);
        deleted.push(name);
      }
    }
    return changed ? { next: { ...registry, bridges: kept }, result: deleted } : { result: deleted };
  });
}
