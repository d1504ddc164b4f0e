/**
 * Destroying a model end to end: mark it dying, stop the instances of its
 * machines through the provider, remove the machines and reap the model.
 * Shared by ModelManager.DestroyModels and Controller.DestroyController.
 */
import type { FacadeDeps } from './deps.js';

export async function destroyModel(
  deps: FacadeDeps,
  uuid: string,
  opts: { force?: boolean } = {},
): Promise<void> {
  const { services } = deps;
  const result = services.model.destroy(uuid, { force: opts.force ?? false });
  if (result.removed) return;
  const instanceIds = result.machinesToRelease.flatMap((m) => (m.instanceId ? [m.instanceId] : []));
  await deps.stopInstances(instanceIds);
  for (const m of result.machinesToRelease) services.machine.remove(uuid, m.id);
  services.model.reapIfEmpty(uuid);
}
