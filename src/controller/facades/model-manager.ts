/**
 * The ModelManager facade (v9, v10) on controller connections: creating,
 * listing, describing and destroying models, model access grants, and the
 * per-cloud model defaults.
 */
import {
  ErrorCode,
  JujuError,
  errorMessage,
  isJujuError,
  notValid,
  unauthorized,
} from '../../core/errors.js';
import { TagKind, parseCloudCredentialTag, parseTag, userTag } from '../../core/names.js';
import {
  ModelAccess,
  cloudTarget,
  controllerTarget,
  modelTarget,
  userKey,
} from '../../domain/access/types.js';
import { errorResult } from '../../rpc/errors.js';
import type {
  CreateModelParams,
  DestroyModelParams,
  DestroyModelsParams,
  Entities,
  ErrorResults,
  ListModelsResult,
  ModelDefaults,
  ModelDefaultsResults,
  ModelInfo,
  ModelInfoResults,
  ModelSummariesRequest,
  ModelSummaryResults,
  ModifyModelAccess,
  ModifyModelAccessRequest,
  SetModelDefaults,
  UnsetModelDefaults,
} from '../../rpc/params/model-manager.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { callerUser, isSuperuser, requireAccess, requireSuperuser } from './auth.js';
import type { FacadeDeps } from './deps.js';
import { modelInfoFor, modelSummaryFor } from './model-info.js';
import { destroyModel } from './model-teardown.js';

const MODEL_ACCESS_LEVELS: readonly string[] = Object.values(ModelAccess);

const sameUser = (a: string, b: string): boolean => userKey(a) === userKey(b);

/** A user tag's name; `what` names the argument in the error. */
function userFromTag(tag: string | undefined, what: string): string {
  try {
    return parseTag(tag ?? '', TagKind.User).id;
  } catch (err) {
    throw notValid(`${what}: ${errorMessage(err)}`);
  }
}

function modelUuidFromTag(tag: string | undefined): string {
  return parseTag(tag ?? '', TagKind.Model).id;
}

/** The cloud of a defaults request: the tag's, else the controller model's cloud. */
function defaultsCloud(deps: FacadeDeps, tag: string | undefined): string {
  if (tag === undefined || tag === '') return deps.services.model.controllerModel().cloud;
  return parseTag(tag, TagKind.Cloud).id;
}

export function modelManagerFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;

  /** Juju: any user may create their own models on clouds they may add models to; superusers may create any. */
  function createModel(ctx: CallContext, p: CreateModelParams): ModelInfo {
    const caller = requireAccess(deps, ctx, controllerTarget(), 'login');
    const superuser = isSuperuser(deps, ctx);
    const owner = userFromTag(p['owner-tag'], 'invalid owner tag');
    if (!sameUser(owner, caller) && !superuser) throw unauthorized();
    const controllerModel = services.model.controllerModel();
    const cloud = p['cloud-tag'] ? parseTag(p['cloud-tag'], TagKind.Cloud).id : controllerModel.cloud;
    if (!superuser && !services.access.hasAccess(caller, cloudTarget(cloud), 'add-model'))
      throw unauthorized();
    let credential: { owner: string; name: string } | undefined;
    if (p.credential) {
      const parts = parseCloudCredentialTag(p.credential);
      if (parts.cloud !== cloud) {
        throw notValid(
          `credential ${JSON.stringify(p.credential)} is for cloud ${JSON.stringify(parts.cloud)}, not ${JSON.stringify(cloud)}`,
        );
      }
      credential = { owner: parts.owner, name: parts.name };
    } else if (
      controllerModel.credential !== null &&
      sameUser(owner, controllerModel.owner) &&
      cloud === controllerModel.cloud
    ) {
      // Like Juju: the controller owner's models on the controller's cloud reuse its credential.
      credential = { owner: controllerModel.credential.owner, name: controllerModel.credential.name };
    }
    let model;
    try {
      model = services.model.create({
        name: p.name,
        owner,
        cloud,
        ...(p.region ? { cloudRegion: p.region } : {}),
        ...(credential !== undefined ? { credential } : {}),
        ...(p.config !== undefined ? { config: p.config } : {}),
      });
    } catch (err) {
      if (isJujuError(err, ErrorCode.AlreadyExists)) {
        throw new JujuError(
          ErrorCode.AlreadyExists,
          `failed to create new model: model ${JSON.stringify(p.name)} for ${owner} already exists`,
        );
      }
      throw err;
    }
    deps.log('INFO', 'juju.apiserver.modelmanager', `created model ${owner}/${model.name} (${model.uuid})`);
    return modelInfoFor(deps, model.uuid, caller);
  }

  /** Read access (or superuser) is needed to see a model; anything else is `permission denied`. */
  function modelInfo(caller: string, tag: string): ModelInfo {
    let uuid: string;
    try {
      uuid = modelUuidFromTag(tag);
      services.model.get(uuid);
    } catch (err) {
      if (isJujuError(err, ErrorCode.ModelNotFound)) throw unauthorized();
      throw err;
    }
    if (!services.access.hasAccess(caller, modelTarget(uuid), 'read')) throw unauthorized();
    return modelInfoFor(deps, uuid, caller);
  }

  async function destroyOne(caller: string, p: DestroyModelParams): Promise<void> {
    const uuid = modelUuidFromTag(p['model-tag']);
    const model = services.model.get(uuid);
    if (!services.access.hasAccess(caller, modelTarget(uuid), 'admin')) throw unauthorized();
    if (model.isControllerModel) {
      throw new JujuError(
        ErrorCode.NotSupported,
        `${JSON.stringify(model.name)} is a controller; use 'juju destroy-controller' to destroy it`,
      );
    }
    await destroyModel(deps, uuid, { force: p.force ?? false });
    deps.log('INFO', 'juju.apiserver.modelmanager', `destroyed model ${model.owner}/${model.name} (${uuid})`);
  }

  function modifyAccess(caller: string, superuser: boolean, c: ModifyModelAccess): void {
    const annotate = (err: unknown): JujuError =>
      new JujuError(isJujuError(err) ? err.code : '', `could not modify model access: ${errorMessage(err)}`);
    if (!MODEL_ACCESS_LEVELS.includes(c.access)) {
      throw annotate(notValid(`invalid model access permission ${JSON.stringify(c.access)}`));
    }
    let uuid: string;
    try {
      uuid = modelUuidFromTag(c['model-tag']);
    } catch (err) {
      throw annotate(err);
    }
    const target = modelTarget(uuid);
    if (!superuser && !services.access.hasAccess(caller, target, 'admin')) throw unauthorized();
    let user: string;
    try {
      user = parseTag(c['user-tag'], TagKind.User).id;
    } catch (err) {
      throw annotate(err);
    }
    services.model.get(uuid);
    if (c.action === 'grant') {
      try {
        services.access.grant({ user, target, access: c.access, grantedBy: caller });
      } catch (err) {
        if (isJujuError(err, ErrorCode.AlreadyExists)) throw err;
        throw new JujuError(
          isJujuError(err) ? err.code : '',
          `could not grant model access: ${errorMessage(err)}`,
        );
      }
    } else if (c.action === 'revoke') {
      try {
        services.access.revoke({ user, target, access: c.access });
      } catch (err) {
        throw new JujuError(
          isJujuError(err) ? err.code : '',
          `could not revoke model access: ${errorMessage(err)}`,
        );
      }
    } else {
      throw notValid(`unknown action ${JSON.stringify(c.action)}`);
    }
  }

  return {
    name: 'ModelManager',
    versions: [9, 10],
    kinds: ['controller'],
    methods: {
      CreateModel: (ctx: CallContext, p: CreateModelParams) =>
        createModel(ctx, p ?? ({} as CreateModelParams)),

      ListModels: (ctx: CallContext, p: { tag?: string }): ListModelsResult => {
        const caller = callerUser(ctx);
        const user = userFromTag(p?.tag, 'invalid user tag');
        if (!sameUser(user, caller)) requireSuperuser(deps, ctx);
        return {
          'user-models': services.model.listForUser(user).map((m) => ({
            model: { name: m.name, uuid: m.uuid, type: m.type, 'owner-tag': userTag(m.owner) },
            'last-connection': m.userLastConnection,
          })),
        };
      },

      ListModelSummaries: (ctx: CallContext, p: ModelSummariesRequest): ModelSummaryResults => {
        const caller = callerUser(ctx);
        const user = userFromTag(p?.['user-tag'], 'invalid user tag');
        const all = p?.all ?? false;
        if (!sameUser(user, caller) || all) requireSuperuser(deps, ctx);
        return {
          results: services.model.listForUser(user, { all }).map((m) => {
            try {
              return { result: modelSummaryFor(deps, m, user) };
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      ModelInfo: (ctx: CallContext, p: Entities): ModelInfoResults => {
        const caller = callerUser(ctx);
        return {
          results: (p?.entities ?? []).map((e) => {
            try {
              return { result: modelInfo(caller, e.tag) };
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      DestroyModels: async (ctx: CallContext, p: DestroyModelsParams): Promise<ErrorResults> => {
        const caller = callerUser(ctx);
        const results = [];
        for (const m of p?.models ?? []) {
          try {
            await destroyOne(caller, m);
            results.push(errorResult());
          } catch (err) {
            results.push(errorResult(err));
          }
        }
        return { results };
      },

      ModifyModelAccess: (ctx: CallContext, p: ModifyModelAccessRequest): ErrorResults => {
        const caller = callerUser(ctx);
        const superuser = isSuperuser(deps, ctx);
        return {
          results: (p?.changes ?? []).map((c) => {
            try {
              modifyAccess(caller, superuser, c);
              return errorResult();
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      ModelDefaultsForClouds: (ctx: CallContext, p: Entities): ModelDefaultsResults => {
        requireSuperuser(deps, ctx);
        return {
          results: (p?.entities ?? []).map((e) => {
            try {
              const cloud = parseTag(e.tag, TagKind.Cloud).id;
              const config: Record<string, ModelDefaults> = {};
              for (const [key, v] of Object.entries(services.modelConfig.getDefaults(cloud))) {
                config[key] = {
                  ...(v.default !== undefined ? { default: v.default } : {}),
                  ...(v.controller !== undefined ? { controller: v.controller } : {}),
                  ...(v.regions !== undefined
                    ? { regions: v.regions.map((r) => ({ name: r.name, value: r.value })) }
                    : {}),
                };
              }
              return { config };
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      SetModelDefaults: (ctx: CallContext, p: SetModelDefaults): ErrorResults => {
        const superuser = isSuperuser(deps, ctx);
        return {
          results: (p?.config ?? []).map((d) => {
            try {
              if (!superuser) throw unauthorized();
              const config = d.config ?? {};
              if (Object.hasOwn(config, 'agent-version'))
                throw notValid('agent-version cannot have a default value');
              services.modelConfig.setDefaults(
                defaultsCloud(deps, d['cloud-tag']),
                d['cloud-region'] || null,
                config,
              );
              return errorResult();
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      UnsetModelDefaults: (ctx: CallContext, p: UnsetModelDefaults): ErrorResults => {
        requireSuperuser(deps, ctx);
        return {
          results: (p?.keys ?? []).map((k) => {
            try {
              services.modelConfig.unsetDefaults(
                defaultsCloud(deps, k['cloud-tag']),
                k['cloud-region'] || null,
                k.keys ?? [],
              );
              return errorResult();
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },
    },
  };
}
