/**
 * Which controller and model a command acts on, from its `-c`/`-m` flag, the
 * environment (`JUJU_MODEL`, `JUJU_CONTROLLER`) and the store's current
 * selections, with Juju's precedence and Juju's error texts.
 *
 * Messages are returned without a trailing newline; the CLI prints them after
 * `ERROR `.
 */
import { ErrorCode, JujuError, notFound, notValid } from '../core/errors.js';
import type { ClientStore } from './client-store.js';
import { compareGoKeys } from './yaml-v2.js';
import { isQualifiedModelName, qualifyModelName, splitModelArg, splitQualifiedModelName } from './names.js';
import type { ModelDetails } from './types.js';

export const NO_CONTROLLERS_REGISTERED =
  'No controllers registered.\n\n' +
  'Please either create a new controller using "juju bootstrap" or connect to\n' +
  'another controller that you have been given access to using "juju register".';

export const NO_MODEL_IN_FOCUS =
  'No model in focus.\n\n' +
  'Please use "juju models" to see models available to you.\n' +
  'You can set current model by running "juju switch"\n' +
  'or specify any other model on the command line using the "-m" option.';

export const ONLY_CONTROLLER_MODEL_EXISTS =
  'No selected model.\n\n' +
  'Only the controller model exists. Use "juju add-model" to create an initial model.';

/** `No selected controller.` listing the known controllers. */
export function noSelectedControllerMessage(controllers: readonly string[]): string {
  return (
    'No selected controller.\n\n' +
    'Use "juju switch" to select from the following controllers:\n' +
    controllers.map((c) => `  - ${c}`).join('\n')
  );
}

/** `No selected model.` listing `controller:owner/model` choices. */
export function noSelectedModelMessage(models: readonly string[]): string {
  return (
    'No selected model.\n\n' +
    'Use "juju switch" to select one of the following models:\n\n' +
    models.map((m) => `  - ${m}`).join('\n')
  );
}

export interface ResolveControllerOptions {
  /** The `-c`/`--controller` value, if given. */
  flag?: string | undefined;
  env: NodeJS.ProcessEnv;
}

export interface ResolveModelOptions {
  /** The `-m`/`--model` value, if given: `[controller:][owner/]model` or a model UUID. */
  flag?: string | undefined;
  env: NodeJS.ProcessEnv;
  /**
   * When true, a model name that is not in the local cache is still returned
   * (with `details` undefined) so the caller can refresh the cache from the
   * controller and try again; when false (default) it is an error.
   */
  allowUncached?: boolean;
}

export interface ResolvedModel {
  controller: string;
  /** Owner-qualified model name (`admin/default`). */
  model: string;
  /** Cached details; undefined only with `allowUncached`. */
  details?: ModelDetails;
}

/**
 * The controller a controller command acts on: the flag, else the controller
 * part of `JUJU_MODEL`, else `JUJU_CONTROLLER`, else the current controller.
 */
export function resolveController(store: ClientStore, options: ResolveControllerOptions): string {
  if (options.flag) {
    store.controllerByName(options.flag);
    return options.flag;
  }
  const fromModel = splitModelArg(options.env['JUJU_MODEL'] ?? '').controller ?? '';
  const fromEnv = options.env['JUJU_CONTROLLER'] ?? '';
  if (fromModel !== '' && fromEnv !== '' && fromModel !== fromEnv) {
    throw notValid(
      `controller name from JUJU_MODEL (${fromModel}) conflicts with value in JUJU_CONTROLLER (${fromEnv})`,
    );
  }
  const controllers = Object.keys(store.allControllers()).sort(compareGoKeys);
  if (controllers.length === 0) throw new JujuError(ErrorCode.NotFound, NO_CONTROLLERS_REGISTERED);
  const chosen = fromModel || fromEnv;
  if (chosen) {
    if (!controllers.includes(chosen)) throw notFound(`controller ${chosen} not found`);
    return chosen;
  }
  const current = store.currentController();
  if (current === undefined || !controllers.includes(current)) {
    throw new JujuError(ErrorCode.NotFound, noSelectedControllerMessage(controllers));
  }
  return current;
}

/**
 * The model a model command acts on. The identifier is the flag, else
 * `JUJU_MODEL`; its controller part (if any) picks the controller, otherwise
 * {@link resolveController} does. An empty model part means the controller's
 * current model. Unqualified names are qualified with the account's user; an
 * identifier of six or more characters also matches a cached model UUID prefix.
 */
export function resolveModel(store: ClientStore, options: ResolveModelOptions): ResolvedModel {
  const identifier = options.flag || options.env['JUJU_MODEL'] || '';
  const split = splitModelArg(identifier);
  let controller: string;
  if (split.controller) {
    store.controllerByName(split.controller);
    controller = split.controller;
  } else {
    controller = resolveController(store, { env: options.env });
  }
  const models = store.allModels(controller);
  const allowUncached = options.allowUncached ?? false;

  if (split.model === '') {
    const current = store.currentModel(controller);
    if (current === undefined) throw noCurrentModelError(controller, models);
    return found(controller, current, models, allowUncached);
  }

  let qualified = split.model;
  if (!isQualifiedModelName(qualified)) {
    let user: string;
    try {
      user = store.accountDetails(controller).user;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new JujuError(
        ErrorCode.NotFound,
        `getting account details for qualifying model name: ${message}`,
      );
    }
    qualified = qualifyModelName(qualified, user);
  }
  if (Object.hasOwn(models, qualified)) return found(controller, qualified, models, allowUncached);
  if (split.model.length >= 6 && !isQualifiedModelName(split.model)) {
    const byUuid = Object.keys(models)
      .sort(compareGoKeys)
      .find((name) => models[name]?.uuid.startsWith(split.model));
    if (byUuid !== undefined) return found(controller, byUuid, models, allowUncached);
  }
  return found(controller, qualified, models, allowUncached);
}

function found(
  controller: string,
  model: string,
  models: Record<string, ModelDetails>,
  allowUncached: boolean,
): ResolvedModel {
  const details = Object.hasOwn(models, model) ? models[model] : undefined;
  if (details) return { controller, model, details };
  if (!allowUncached) throw notFound(`model ${controller}:${model} not found`);
  return { controller, model };
}

function noCurrentModelError(controller: string, models: Record<string, ModelDetails>): JujuError {
  let hasControllerModel = false;
  const choices: string[] = [];
  for (const name of Object.keys(models).sort(compareGoKeys)) {
    let modelPart: string;
    try {
      modelPart = splitQualifiedModelName(name).model;
    } catch {
      continue;
    }
    if (modelPart === 'controller') hasControllerModel = true;
    else choices.push(`${controller}:${name}`);
  }
  if (choices.length > 0) return new JujuError(ErrorCode.NotFound, noSelectedModelMessage(choices));
  if (hasControllerModel) return new JujuError(ErrorCode.NotFound, ONLY_CONTROLLER_MODEL_EXISTS);
  return new JujuError(ErrorCode.NotFound, NO_MODEL_IN_FOCUS);
}
