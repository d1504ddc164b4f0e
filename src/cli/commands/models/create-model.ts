/**
 * Creating a model through `ModelManager.CreateModel` and caching it in the
 * client store (used by `add-model` and `bootstrap --add-model`).
 */
import type { ApiConnection } from '../../../api/connection.js';
import type { ClientStore, ModelType } from '../../../clientstore/index.js';
import { userTag } from '../../../core/names.js';
import type { CreateModelParams, ModelInfo } from '../../../rpc/params/model-manager.js';
import { openApi } from '../../modelcmd/connection.js';

export interface CreateModelOptions {
  readonly store: ClientStore;
  readonly controller: string;
  readonly name: string;
  readonly owner?: string;
  readonly cloud?: string;
  readonly region?: string;
  /** A credential name (owned by the model owner) or a full `cloudcred-...` tag. */
  readonly credential?: string;
  readonly config?: Record<string, unknown>;
  /** Make the new model the current one. */
  readonly switchTo: boolean;
  /** A logged-in controller connection to use; otherwise one is opened and closed. */
  readonly conn?: ApiConnection;
}

/**
 * Creates the model and, when the logged-in user owns it, records it in
 * `models.yaml` (and selects it when `switchTo`).
 */
export async function createModel(opts: CreateModelOptions): Promise<ModelInfo> {
  const account = opts.store.accountDetails(opts.controller);
  const owner = opts.owner ?? account.user;
  const params: CreateModelParams = {
    name: opts.name,
    'owner-tag': userTag(owner),
    config: opts.config ?? {},
    ...(opts.cloud ? { 'cloud-tag': `cloud-${opts.cloud}` } : {}),
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.credential ? { credential: opts.credential } : {}),
  };
  const conn =
    opts.conn ??
    (await openApi({ store: opts.store, controller: opts.controller, cliArgs: 'juju add-model' }));
  try {
    const info = await conn.call<ModelInfo>('ModelManager', 'CreateModel', params);
    const infoOwner = info['owner-tag'].replace(/^user-/, '');
    if (infoOwner === account.user) {
      const qualified = `${infoOwner}/${info.name}`;
      opts.store.transaction((s) => {
        s.updateModel(opts.controller, qualified, { uuid: info.uuid, type: info.type as ModelType });
        if (opts.switchTo) {
          s.setCurrentController(opts.controller);
          s.setCurrentModel(opts.controller, qualified);
        }
      });
    }
    return info;
  } finally {
    if (opts.conn === undefined) await conn.close();
  }
}
