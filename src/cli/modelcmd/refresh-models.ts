/** Re-reads the models a user can see from the controller into `models.yaml`. */
import type { ApiConnection } from '../../api/connection.js';
import type { ClientStore, ModelDetailsInput, ModelType } from '../../clientstore/index.js';
import { userTag } from '../../core/names.js';
import type { ListModelsResult } from '../../rpc/params/model-manager.js';

export async function refreshModels(
  store: ClientStore,
  controller: string,
  open: (controller: string) => Promise<ApiConnection>,
): Promise<void> {
  const conn = await open(controller);
  const user = store.accountDetails(controller).user;
  const result = await conn.call<ListModelsResult>('ModelManager', 'ListModels', { tag: userTag(user) });
  const models: Record<string, ModelDetailsInput> = {};
  for (const um of result['user-models'] ?? []) {
    const owner = um.model['owner-tag'].replace(/^user-/, '');
    models[`${owner}/${um.model.name}`] = { uuid: um.model.uuid, type: um.model.type as ModelType };
  }
  store.setModels(controller, models);
}
