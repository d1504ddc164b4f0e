/**
 * The ModelConfig facade (v3) on model connections: reading and changing the
 * model's config (with each value's source), its constraints and SLA level.
 */
import {
  modelConfigSchema,
  baseForSeries,
  loggingConfigHasTrace,
  seriesForBase,
} from '../../core/config/model-config.js';
import { constraintsFromJson, constraintsToJson } from '../../core/constraints.js';
import { notValid, unauthorized } from '../../core/errors.js';
import { modelTarget } from '../../domain/access/types.js';
import type {
  ConfigValue,
  GetConstraintsResults,
  ModelConfigResults,
  ModelSet,
  ModelUnset,
  SetConstraints,
  StringResult,
} from '../../rpc/params/model-config.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { callerUser, isSuperuser, requireModelAccess } from './auth.js';
import type { FacadeDeps } from './deps.js';
import { storedConstraints } from './model-constraints.js';
import { SLA_UNSUPPORTED } from './model-info.js';

const AUTHORIZED_KEYS = 'authorized-keys';
const DEFAULT_SERIES = 'default-series';
const DEFAULT_BASE = 'default-base';

const isSecretKey = (key: string): boolean => modelConfigSchema.field(key)?.secret === true;

/**
 * Rewrites the deprecated `default-series` into `default-base`, as Juju does
 * before validating: setting both (series non-empty) is refused.
 */
function translateDefaultSeries(attrs: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(attrs, DEFAULT_SERIES)) return attrs;
  const out = { ...attrs };
  const series = out[DEFAULT_SERIES];
  delete out[DEFAULT_SERIES];
  if (Object.hasOwn(attrs, DEFAULT_BASE)) {
    if (series !== '' && series !== undefined && series !== null) {
      throw notValid('cannot set both default-series and default-base');
    }
    return out;
  }
  if (series === '' || series === undefined || series === null) {
    out[DEFAULT_BASE] = '';
    return out;
  }
  const base = typeof series === 'string' ? baseForSeries(series) : undefined;
  if (base === undefined) throw notValid(`series ${JSON.stringify(series)} not valid`);
  out[DEFAULT_BASE] = base;
  return out;
}

export function modelConfigFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;

  const isModelAdmin = (ctx: CallContext, uuid: string): boolean =>
    services.access.hasAccess(callerUser(ctx), modelTarget(uuid), 'admin');

  return {
    name: 'ModelConfig',
    versions: [3],
    kinds: ['model'],
    methods: {
      ModelGet: (ctx: CallContext): ModelConfigResults => {
        const uuid = requireModelAccess(deps, ctx, 'read');
        const admin = isModelAdmin(ctx, uuid);
        const config: Record<string, ConfigValue> = {};
        for (const [key, { value, source }] of Object.entries(services.modelConfig.get(uuid))) {
          // authorized-keys is listed by `juju ssh-keys`; secrets only for admins.
          if (key === AUTHORIZED_KEYS || (isSecretKey(key) && !admin)) continue;
          config[key] = { value, source };
        }
        // Juju always reports default-series, derived from default-base.
        const base = config[DEFAULT_BASE];
        const series =
          typeof base?.value === 'string' && base.value !== '' ? seriesForBase(base.value) : undefined;
        config[DEFAULT_SERIES] =
          series !== undefined && base !== undefined
            ? { value: series, source: base.source }
            : { value: '', source: 'default' };
        return { config };
      },

      ModelSet: (ctx: CallContext, p: ModelSet) => {
        const uuid = requireModelAccess(deps, ctx, 'write');
        const attrs = { ...(p?.config ?? {}) };
        if (Object.keys(attrs).some(isSecretKey) && !isModelAdmin(ctx, uuid)) throw unauthorized();
        const logging = attrs['logging-config'];
        if (typeof logging === 'string' && loggingConfigHasTrace(logging) && !isSuperuser(deps, ctx)) {
          throw notValid("only controller admins can set a model's logging level to TRACE");
        }
        if (Object.hasOwn(attrs, AUTHORIZED_KEYS)) throw notValid('authorized-keys cannot be set');
        services.modelConfig.set(uuid, translateDefaultSeries(attrs));
        return {};
      },

      ModelUnset: (ctx: CallContext, p: ModelUnset) => {
        const uuid = requireModelAccess(deps, ctx, 'write');
        const keys = (p?.keys ?? []).map((k) => (k === DEFAULT_SERIES ? DEFAULT_BASE : k));
        services.modelConfig.unset(uuid, keys);
        return {};
      },

      GetModelConstraints: (ctx: CallContext): GetConstraintsResults => {
        const uuid = requireModelAccess(deps, ctx, 'read');
        return { constraints: constraintsToJson(storedConstraints(services.modelConfig.constraints(uuid))) };
      },

      SetModelConstraints: (ctx: CallContext, p: SetConstraints) => {
        const uuid = requireModelAccess(deps, ctx, 'write');
        const constraints = constraintsFromJson(p?.constraints ?? {});
        services.modelConfig.setConstraints(uuid, constraintsToJson(constraints));
        return {};
      },

      SLALevel: (ctx: CallContext): StringResult => {
        requireModelAccess(deps, ctx, 'read');
        return { result: SLA_UNSUPPORTED };
      },
    },
  };
}
