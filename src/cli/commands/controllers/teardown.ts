/**
 * The last step of destroy-controller and kill-controller: remove the
 * controller's instances through its cloud's provider, then forget it in the
 * client store.
 */
import type { ClientStore } from '../../../clientstore/index.js';
import { getProvider } from '../../../providers/registry.js';
import type { Context } from '../../framework/context.js';

export async function removeControllerResources(
  ctx: Context,
  store: ClientStore,
  name: string,
): Promise<void> {
  const details = store.controllerByName(name);
  const provider = getProvider(details.type ?? details.cloud, ctx.env);
  await provider.open({ controllerUuid: details.uuid }).destroy();
  store.removeController(name);
}
