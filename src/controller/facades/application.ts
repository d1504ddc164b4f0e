/**
 * The Application facade (v19, v20) on model connections: deploying
 * applications from uploaded charms, units, config, relations, exposure,
 * constraints, refresh, `juju resolved`, and the read views behind
 * `show-application`, `show-unit` and `juju config`. Changes need model
 * write access, reads need read access.
 */
import { ErrorCode, JujuError, notSupported, notValid } from '../../core/errors.js';
import { parseTag } from '../../core/names.js';
import { Life, UnitAgentStatus, ResolvedMode, type Relation } from '../../domain/index.js';
import { errorResult, type ErrorResults } from '../../rpc/errors.js';
import type {
  AddApplicationUnits,
  AddApplicationUnitsResults,
  AddRelation,
  AddRelationResults,
  AppEntities,
  ApplicationConfigUnsetArgs,
  ApplicationExpose,
  ApplicationGet,
  ApplicationGetArgs,
  ApplicationGetConfigResults,
  ApplicationGetConstraintsResults,
  ApplicationGetResults,
  ApplicationInfoResults,
  ApplicationSetCharm,
  ApplicationUnexpose,
  ApplicationsDeploy,
  CharmRelationWire,
  CharmURLOriginResult,
  CharmOriginWire,
  ConfigSetArgs,
  DestroyApplicationResults,
  DestroyApplicationsParams,
  DestroyRelation,
  DestroyUnitResults,
  DestroyUnitsParams,
  ScaleApplicationsParams,
  SetApplicationConstraints,
  UnitInfoResults,
  UnitsResolved,
} from '../../rpc/params/application.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import {
  applicationConfigWire,
  applicationSettings,
  checkUnsetKeys,
  configEntriesWire,
  settingsFromYaml,
} from './application-config.js';
import {
  checkRefreshBase,
  deployApplication,
  domainBaseToWire,
  wireConstraints,
} from './application-deploy.js';
import { applicationInfo, fullBindings, originChannelText, unitInfo } from './application-info.js';
import { modelCloud, unitPlacements } from './application-placement.js';
import { destroyApplication, destroyUnit } from './application-removal.js';
import { requireModelAccess } from './auth.js';
import type { FacadeDeps } from './deps.js';

/** The application name of an `application-x` tag. */
function applicationFromTag(tag: string): string {
  try {
    return parseTag(tag, 'application').id;
  } catch {
    throw notValid(`${JSON.stringify(tag)} is not a valid application tag`);
  }
}

/** The unit name of a `unit-x-0` tag. */
function unitFromTag(tag: string): string {
  return parseTag(tag, 'unit').id;
}

/** The facade. */
export function applicationFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;
  const write = (ctx: CallContext): string => requireModelAccess(deps, ctx, 'write');
  const read = (ctx: CallContext): string => requireModelAccess(deps, ctx, 'read');

  const charmConfigOf = (uuid: string, name: string): ApplicationGetResults => {
    const app = services.application.get(uuid, name);
    const bindings = fullBindings(deps, uuid, app);
    return {
      application: app.name,
      charm: app.charmName,
      config: configEntriesWire(services.application.config(uuid, name)),
      'application-config': applicationConfigWire(app.trust),
      constraints: wireConstraints(app.constraints),
      base: domainBaseToWire(app.base),
      channel: originChannelText(app.charmOrigin),
      'endpoint-bindings': bindings,
    };
  };

  /** Sets charm config and trust of one application in one transaction. */
  const setConfig = (
    uuid: string,
    name: string,
    strings: Record<string, string> | undefined,
    yaml: string | undefined,
  ): void => {
    const charm = services.application.charm(uuid, name);
    const settings = applicationSettings(charm, strings, settingsFromYaml(yaml, name));
    services.atomically(() => {
      if (Object.keys(settings.charm).length > 0) services.application.setConfig(uuid, name, settings.charm);
      if (settings.trust !== undefined) services.application.setTrust(uuid, name, settings.trust);
    });
  };

  return {
    name: 'Application',
    versions: [19, 20],
    kinds: ['model'],
    methods: {
      Deploy: async (ctx: CallContext, p: ApplicationsDeploy): Promise<ErrorResults> => {
        const uuid = write(ctx);
        const results = [];
        for (const arg of p?.applications ?? []) {
          try {
            await deployApplication(deps, uuid, arg);
            results.push(errorResult());
          } catch (err) {
            results.push(errorResult(err));
          }
        }
        return { results };
      },

      AddUnits: (ctx: CallContext, p: AddApplicationUnits): AddApplicationUnitsResults => {
        const uuid = write(ctx);
        const name = p?.application ?? '';
        services.application.get(uuid, name);
        const placement = unitPlacements(p?.placement ?? [], modelCloud(deps, uuid), uuid);
        const units = services.application.addUnits(uuid, name, { count: p?.['num-units'] ?? 0, placement });
        return { units: units.map((u) => u.name) };
      },

      DestroyUnit: (ctx: CallContext, p: DestroyUnitsParams): DestroyUnitResults => {
        const uuid = write(ctx);
        return { results: (p?.units ?? []).map((u) => destroyUnit(deps, uuid, u)) };
      },

      DestroyApplication: (ctx: CallContext, p: DestroyApplicationsParams): DestroyApplicationResults => {
        const uuid = write(ctx);
        return { results: (p?.applications ?? []).map((a) => destroyApplication(deps, uuid, a)) };
      },

      SetConfigs: (ctx: CallContext, p: ConfigSetArgs): ErrorResults => {
        const uuid = write(ctx);
        return {
          results: (p?.Args ?? []).map((arg) => {
            try {
              setConfig(uuid, arg.application ?? '', arg.config, arg['config-yaml']);
              return errorResult();
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      UnsetApplicationsConfig: (ctx: CallContext, p: ApplicationConfigUnsetArgs): ErrorResults => {
        const uuid = write(ctx);
        return {
          results: (p?.Args ?? []).map((arg) => {
            try {
              const name = arg.application ?? '';
              const keys = checkUnsetKeys(services.application.charm(uuid, name), arg.options ?? []);
              services.atomically(() => {
                if (keys.charm.length > 0) services.application.unsetConfig(uuid, name, keys.charm);
                if (keys.trust) services.application.setTrust(uuid, name, false);
              });
              return errorResult();
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      CharmConfig: (ctx: CallContext, p: ApplicationGetArgs): ApplicationGetConfigResults => {
        const uuid = read(ctx);
        return {
          results: (p?.args ?? []).map((arg) => {
            try {
              return { config: configEntriesWire(services.application.config(uuid, arg.application ?? '')) };
            } catch (err) {
              return { config: {}, ...errorResult(err) };
            }
          }),
        };
      },

      Get: (ctx: CallContext, p: ApplicationGet): ApplicationGetResults => {
        const uuid = read(ctx);
        return charmConfigOf(uuid, p?.application ?? '');
      },

      AddRelation: (ctx: CallContext, p: AddRelation): AddRelationResults => {
        const uuid = write(ctx);
        if ((p?.['via-cidrs'] ?? []).length > 0)
          throw notSupported('integration via subnets for non cross model relations not supported');
        const relation = services.relation.add(uuid, p?.endpoints ?? []);
        return { endpoints: relationEndpointsWire(relation) };
      },

      DestroyRelation: (ctx: CallContext, p: DestroyRelation) => {
        const uuid = write(ctx);
        const id = p?.['relation-id'];
        if (typeof id === 'number' && (p?.endpoints ?? []).length === 0)
          services.relation.destroyById(uuid, id);
        else services.relation.destroy(uuid, p?.endpoints ?? []);
        return {};
      },

      Expose: (ctx: CallContext, p: ApplicationExpose) => {
        const uuid = write(ctx);
        const endpoints: Record<string, { spaces: string[]; cidrs: string[] }> = {};
        for (const [endpoint, e] of Object.entries(p?.['exposed-endpoints'] ?? {})) {
          endpoints[endpoint] = {
            spaces: [...(e?.['expose-to-spaces'] ?? [])],
            cidrs: [...(e?.['expose-to-cidrs'] ?? [])],
          };
        }
        services.application.expose(uuid, p?.application ?? '', endpoints);
        return {};
      },

      Unexpose: (ctx: CallContext, p: ApplicationUnexpose) => {
        const uuid = write(ctx);
        services.application.unexpose(uuid, p?.application ?? '', p?.['exposed-endpoints'] ?? []);
        return {};
      },

      ApplicationsInfo: (ctx: CallContext, p: AppEntities): ApplicationInfoResults => {
        const uuid = read(ctx);
        return {
          results: (p?.entities ?? []).map((e) => {
            try {
              return { result: applicationInfo(deps, uuid, applicationFromTag(e.tag ?? '')) };
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      UnitsInfo: (ctx: CallContext, p: AppEntities): UnitInfoResults => {
        const uuid = read(ctx);
        return {
          results: (p?.entities ?? []).map((e) => {
            try {
              return { result: unitInfo(deps, uuid, unitFromTag(e.tag ?? '')) };
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      ResolveUnitErrors: (ctx: CallContext, p: UnitsResolved): ErrorResults => {
        const uuid = write(ctx);
        const mode = p?.retry === true ? ResolvedMode.RetryHooks : ResolvedMode.NoHooks;
        if (p?.all === true) {
          if ((p.entities ?? []).length > 0)
            throw notValid('specifying unit names(s) with --all not supported');
          for (const app of services.application.list(uuid)) {
            for (const unit of services.application.units(uuid, app.name)) {
              if (unit.agentStatus.status === UnitAgentStatus.Error && unit.resolved === ResolvedMode.None)
                services.application.setResolved(uuid, unit.name, mode);
            }
          }
          return { results: [] };
        }
        return {
          results: (p?.entities ?? []).map((e) => {
            try {
              services.application.setResolved(uuid, unitFromTag(e.tag ?? ''), mode);
              return errorResult();
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      GetCharmURLOrigin: (ctx: CallContext, p: ApplicationGet): CharmURLOriginResult => {
        const uuid = read(ctx);
        const app = services.application.get(uuid, p?.application ?? '');
        return { url: app.charmUrl, 'charm-origin': app.charmOrigin as unknown as CharmOriginWire };
      },

      SetCharm: async (ctx: CallContext, p: ApplicationSetCharm) => {
        const uuid = write(ctx);
        const name = p?.application ?? '';
        const app = services.application.get(uuid, name);
        if (app.life !== Life.Alive) throw notValid(`application ${JSON.stringify(name)} is not alive`);
        const charm = services.charm.get(uuid, p?.['charm-url'] ?? '');
        await checkRefreshBase(deps, uuid, charm, app.base, p?.['force-base'] === true || p?.force === true);
        const settings = applicationSettings(
          charm,
          p?.['config-settings'],
          settingsFromYaml(p?.['config-settings-yaml'], name),
        );
        const origin = { ...app.charmOrigin, ...(p?.['charm-origin'] ?? {}), revision: charm.revision };
        if (app.base !== null) origin['base'] = { name: app.base.os, channel: app.base.channel };
        services.atomically(() => {
          services.application.setCharm(uuid, name, {
            charmUrl: charm.url,
            charmOrigin: origin,
            force: p?.force === true || p?.['force-units'] === true,
            ...(Object.keys(settings.charm).length > 0 ? { config: settings.charm } : {}),
          });
          if (settings.trust !== undefined) services.application.setTrust(uuid, name, settings.trust);
          const bindings = p?.['endpoint-bindings'] ?? {};
          if (Object.keys(bindings).length > 0) services.application.mergeBindings(uuid, name, bindings);
        });
        return {};
      },

      GetConstraints: (ctx: CallContext, p: AppEntities): ApplicationGetConstraintsResults => {
        const uuid = read(ctx);
        return {
          results: (p?.entities ?? []).map((e) => {
            try {
              const name = applicationFromTag(e.tag ?? '');
              return { constraints: wireConstraints(services.application.constraints(uuid, name)) };
            } catch (err) {
              return { constraints: {}, ...errorResult(err) };
            }
          }),
        };
      },

      SetConstraints: (ctx: CallContext, p: SetApplicationConstraints) => {
        const uuid = write(ctx);
        services.application.setConstraints(uuid, p?.application ?? '', wireConstraints(p?.constraints));
        return {};
      },

      ScaleApplications: (ctx: CallContext, p: ScaleApplicationsParams) => {
        const uuid = write(ctx);
        void p;
        if (modelCloud(deps, uuid).modelType !== 'caas')
          throw new JujuError(
            ErrorCode.NotSupported,
            'scaling applications on a non-container model not supported',
          );
        throw notSupported('scaling applications is not supported');
      },
    },
  };
}

/** `{app: CharmRelation}` for the endpoints of a new relation. */
function relationEndpointsWire(relation: Relation): Record<string, CharmRelationWire> {
  const out: Record<string, CharmRelationWire> = {};
  for (const e of relation.endpoints) {
    out[e.application] = {
      name: e.name,
      role: e.role,
      interface: e.interface,
      optional: e.optional,
      limit: e.limit,
      scope: e.scope,
    };
  }
  return out;
}
