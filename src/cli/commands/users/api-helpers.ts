/**
 * Shared plumbing of the user commands: bulk-result errors, the models a user
 * sees after logging in, registration strings, and finding a known controller
 * by its addresses.
 */
import type { ApiConnection } from '../../../api/connection.js';
import { encodeRegistrationString } from '../../../api/registration.js';
import { qualifyModelName } from '../../../clientstore/index.js';
import type {
  ClientStore,
  ControllerDetails,
  ModelDetailsInput,
  ModelType,
} from '../../../clientstore/index.js';
import { ErrorCode, JujuError, isJujuError } from '../../../core/errors.js';
import { userTag } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type { ListModelsResult } from '../../../rpc/params/model-manager.js';
import type { Context } from '../../framework/context.js';
import { refreshModels } from '../../modelcmd/refresh-models.js';

/**
 * Throws the error(s) carried by bulk results, like Go's `ErrorResults.Combine`:
 * one error as is, several joined by newlines.
 */
export function throwBulkErrors(
  results: readonly { error?: { message?: unknown; code?: unknown } | null }[] | undefined,
): void {
  const errors = (results ?? []).map((r) => errorFromResult(r)).filter((e): e is JujuError => e !== null);
  const first = errors[0];
  if (first === undefined) return;
  if (errors.length === 1) throw first;
  throw new JujuError(first.code, errors.map((e) => e.message).join('\n'));
}

/** The single result of a one-item bulk call, or its error. */
export function onlyResult<T extends { error?: { message?: unknown; code?: unknown } | null }>(
  results: readonly T[] | undefined,
): T {
  const result = results?.[0];
  if (result === undefined) throw new JujuError('', `expected 1 result, got ${results?.length ?? 0}`);
  const err = errorFromResult(result);
  if (err !== null) throw err;
  return result;
}

/** True for errors meaning the controller does not offer a facade or method. */
export function isUnavailable(err: unknown): boolean {
  return isJujuError(err, ErrorCode.NotImplemented) || isJujuError(err, ErrorCode.NotSupported);
}

/** A model as `ModelManager.ListModels` reports it. */
export interface UserModel {
  readonly name: string;
  readonly owner: string;
  readonly uuid: string;
  readonly type: ModelType;
}

/** The models `user` can see, or null when this controller cannot list them. */
export async function listUserModels(conn: ApiConnection, user: string): Promise<UserModel[] | null> {
  let result: ListModelsResult;
  try {
    result = await conn.call<ListModelsResult>('ModelManager', 'ListModels', { tag: userTag(user) });
  } catch (err) {
    if (isUnavailable(err)) return null;
    throw err;
  }
  return (result['user-models'] ?? []).map((um) => ({
    name: um.model.name,
    owner: um.model['owner-tag'].replace(/^user-/, ''),
    uuid: um.model.uuid,
    type: um.model.type === 'caas' ? 'caas' : 'iaas',
  }));
}

/** Replaces the cached models of a controller with `models`. */
export function storeModels(store: ClientStore, controller: string, models: readonly UserModel[]): void {
  const input: Record<string, ModelDetailsInput> = {};
  for (const m of models) input[`${m.owner}/${m.name}`] = { uuid: m.uuid, type: m.type };
  store.setModels(controller, input);
}

const NO_MODELS =
  '\nThere are no models available. You can add models with\n' +
  '"juju add-model", or you can ask an administrator or owner\n' +
  'of a model to grant access to that model with "juju grant".\n';

/**
 * After a login: tells the user which models they can use, and selects the
 * model when there is exactly one (Juju's wording).
 */
export function announceModels(
  ctx: Context,
  store: ClientStore,
  controller: string,
  user: string,
  models: readonly UserModel[],
): void {
  if (models.length === 0) {
    ctx.err(NO_MODELS);
    return;
  }
  if (models.length === 1) {
    const m = models[0] as UserModel;
    const name = `${m.owner}/${m.name}`;
    store.setCurrentModel(controller, name);
    ctx.err(`\nCurrent model set to ${JSON.stringify(name)}.\n`);
    return;
  }
  ctx.err(`\nThere are ${models.length} models available. Use "juju switch" to select\none of them:\n`);
  const own = models
    .filter((m) => m.owner === user)
    .map((m) => m.name)
    .sort();
  const others = models
    .filter((m) => m.owner !== user)
    .map((m) => `${m.owner}/${m.name}`)
    .sort();
  for (const name of [...own, ...others]) ctx.err(`  - juju switch ${name}\n`);
}

/** The `juju register` string for `user` on a controller this client knows. */
export function registrationString(
  store: ClientStore,
  controller: string,
  user: string,
  secretKeyBase64: string | undefined,
): string {
  if (secretKeyBase64 === undefined || secretKeyBase64 === '') {
    throw new JujuError('', 'controller did not return a registration key');
  }
  const details = store.controllerByName(controller);
  return encodeRegistrationString({
    user,
    addrs: details.apiEndpoints,
    secretKey: new Uint8Array(Buffer.from(secretKeyBase64, 'base64')),
    controllerName: controller,
  });
}

/** The first known controller listing any of `addrs` among its endpoints. */
export function controllerByEndpoints(
  store: ClientStore,
  addrs: readonly string[],
): { name: string; details: ControllerDetails } | undefined {
  const wanted = new Set(addrs);
  const all = store.allControllers();
  for (const name of Object.keys(all).sort()) {
    const details = all[name] as ControllerDetails;
    if (details.apiEndpoints.some((a) => wanted.has(a))) return { name, details };
  }
  return undefined;
}

/** The account on a controller, or undefined when this client has none. */
export function accountIfAny(
  store: ClientStore,
  controller: string,
): ReturnType<ClientStore['accountDetails']> | undefined {
  try {
    return store.accountDetails(controller);
  } catch (err) {
    if (isJujuError(err, ErrorCode.NotFound)) return undefined;
    throw err;
  }
}

/**
 * Account `type` recorded when the user typed the password themselves
 * (register, login, change-user-password). Passwords without it were
 * generated by bootstrap and are unknown to the user, which is what
 * `juju logout` guards against.
 */
export const USER_PASSWORD_ACCOUNT_TYPE = 'userpass';

/**
 * UUIDs of models named on the command line (`mymodel`, `bob/theirs`), from
 * the cached model list, refreshing it from the controller for unknown names.
 * @throws `model <ctrl>:<owner>/<name> not found`.
 */
export async function modelUuids(
  store: ClientStore,
  controller: string,
  names: readonly string[],
  open: (controller: string) => Promise<ApiConnection>,
): Promise<string[]> {
  const user = store.accountDetails(controller).user;
  const uuids: string[] = [];
  let refreshed = false;
  for (const name of names) {
    const qualified = qualifyModelName(name, user);
    if (!refreshed && !Object.hasOwn(store.allModels(controller), qualified)) {
      await refreshModels(store, controller, open);
      refreshed = true;
    }
    uuids.push(store.modelByName(controller, qualified).uuid);
  }
  return uuids;
}
