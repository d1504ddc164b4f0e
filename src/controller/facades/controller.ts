/**
 * The Controller facade (v11, v12) on controller connections: controller
 * config, version, the models of the controller, their status, controller
 * access grants and controller destruction.
 */
import { checkControllerConfigUpdate } from '../../core/config/controller-config.js';
import { ErrorCode, JujuError, errorMessage } from '../../core/errors.js';
import { modelTag, parseTag, userTag } from '../../core/names.js';
import { JUJU_VERSION } from '../../core/version.js';
import { controllerTarget } from '../../domain/access/types.js';
import { errorResult } from '../../rpc/errors.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { callerUser, requireAccess, requireSuperuser } from './auth.js';
import type { FacadeDeps } from './deps.js';
import { destroyModel } from './model-teardown.js';

interface Entities {
  entities?: { tag: string }[];
}

export function controllerFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;
  return {
    name: 'Controller',
    versions: [11, 12],
    kinds: ['controller'],
    methods: {
      ControllerConfig: (ctx: CallContext) => {
        requireAccess(deps, ctx, controllerTarget(), 'login');
        return { config: services.controller.config() };
      },
      ConfigSet: (ctx: CallContext, p: { config?: Record<string, unknown> }) => {
        requireSuperuser(deps, ctx);
        const changes = p.config ?? {};
        checkControllerConfigUpdate(changes);
        services.controller.updateConfig(changes);
        return {};
      },
      ControllerVersion: (ctx: CallContext) => {
        callerUser(ctx);
        return { version: JUJU_VERSION, 'git-commit': '' };
      },
      AllModels: (ctx: CallContext) => {
        requireSuperuser(deps, ctx);
        return {
          'user-models': services.model.list().map((m) => ({
            model: { name: m.name, uuid: m.uuid, type: m.type, 'owner-tag': userTag(m.owner) },
            'last-connection': null,
          })),
        };
      },
      ModelStatus: (ctx: CallContext, p: Entities) => {
        const user = callerUser(ctx);
        return {
          results: (p.entities ?? []).map((e) => {
            try {
              const uuid = parseTag(e.tag).id;
              const model = services.model.get(uuid);
              if (!services.access.hasAccess(user, { kind: 'model', uuid }, 'read'))
                throw new JujuError(ErrorCode.Unauthorized, 'permission denied');
              const machines = services.machine.list(uuid);
              return {
                'model-tag': modelTag(uuid),
                life: model.life,
                type: model.type,
                'hosted-machine-count': machines.length,
                'application-count': 0,
                'unit-count': 0,
                'owner-tag': userTag(model.owner),
                machines: machines.map((m) => ({
                  id: m.id,
                  'instance-id': m.instanceId ?? '',
                  status: m.agentStatus.status,
                })),
              };
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },
      DestroyController: async (ctx: CallContext, p: { 'destroy-models'?: boolean; force?: boolean }) => {
        requireSuperuser(deps, ctx);
        const hosted = services.model.list().filter((m) => !m.isControllerModel);
        const live = hosted.filter((m) => m.life === 'alive');
        if (!p['destroy-models'] && live.length > 0) {
          throw new JujuError(
            ErrorCode.ControllerHasHostedModels,
            `found ${live.length} hosted models: controller has hosted models`,
          );
        }
        for (const m of hosted) {
          try {
            await destroyModel(deps, m.uuid, { force: p.force ?? false });
          } catch (err) {
            deps.log(
              'WARNING',
              'juju.apiserver.controller',
              `destroying model ${m.name}: ${errorMessage(err)}`,
            );
            if (!p.force) throw err;
          }
        }
        services.model.setStatus(services.model.controllerModel().uuid, 'destroying');
        return {};
      },
      ModifyControllerAccess: (
        ctx: CallContext,
        p: { changes?: { 'user-tag': string; action: string; access: string }[] },
      ) => {
        const by = requireSuperuser(deps, ctx);
        return {
          results: (p.changes ?? []).map((c) => {
            try {
              const user = parseTag(c['user-tag']).id;
              if (c.action === 'grant')
                services.access.grant({ user, target: controllerTarget(), access: c.access, grantedBy: by });
              else if (c.action === 'revoke')
                services.access.revoke({ user, target: controllerTarget(), access: c.access });
              else throw new JujuError(ErrorCode.BadRequest, `unknown action "${c.action}"`);
              return {};
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },
      GetControllerAccess: (ctx: CallContext, p: Entities) => {
        const caller = callerUser(ctx);
        return {
          results: (p.entities ?? []).map((e) => {
            try {
              const user = parseTag(e.tag).id;
              if (user !== caller) requireSuperuser(deps, ctx);
              return { result: { access: services.access.effectiveAccess(user, controllerTarget()) ?? '' } };
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },
    },
  };
}
