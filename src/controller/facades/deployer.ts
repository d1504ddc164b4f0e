/**
 * The `Deployer` facade (v1) on model connections, for the deployer worker of
 * a machine agent: which units are assigned to its machine, a watcher over
 * them, their initial passwords, and removing a unit once it is dead. Units
 * on other machines are `permission denied`.
 *
 * `WatchUnits` returns a NotifyWatcher (Juju's returns a StringsWatcher); the
 * agent then reads the list with `Units`, which Juju does not have.
 */
import { unauthorized } from '../../core/errors.js';
import { unitTag } from '../../core/names.js';
import type {
  AgentEntities,
  AgentErrorResults,
  DeployerUnitsResult,
  EntityPasswords,
  LifeResults,
  NotifyWatchResults,
  StringsResult,
} from '../../rpc/params/agent.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { callerMachine, eachEntry, entityOf, unitOnMachine } from './agent.js';
import type { FacadeDeps } from './deps.js';

export function deployerFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;
  return {
    name: 'Deployer',
    versions: [1],
    kinds: ['model'],
    methods: {
      WatchUnits: (ctx: CallContext, p: AgentEntities): NotifyWatchResults => {
        const caller = callerMachine(ctx);
        return {
          results: eachEntry(p?.entities, (e) => {
            if (e.tag !== caller.tag) throw unauthorized();
            const fingerprint = (): string =>
              services.application
                .unitsOnMachine(caller.modelUuid, caller.id)
                .map((u) => `${u.name}:${u.life}`)
                .sort()
                .join(',');
            return { NotifyWatcherId: deps.watchers.watch(ctx.conn, fingerprint) };
          }) as NotifyWatchResults['results'],
        };
      },
      Units: (ctx: CallContext): DeployerUnitsResult => {
        const caller = callerMachine(ctx);
        return {
          units: services.application.unitsOnMachine(caller.modelUuid, caller.id).map((u) => ({
            name: u.name,
            tag: unitTag(u.name),
            life: u.life,
            'password-set': u.hasPassword,
          })),
        };
      },
      Life: (ctx: CallContext, p: AgentEntities): LifeResults => {
        const caller = callerMachine(ctx);
        return {
          results: eachEntry(p?.entities, (e) => {
            const name = unitOnMachine(deps, caller, entityOf(e.tag, 'unit'));
            return { life: services.application.unit(caller.modelUuid, name).life };
          }) as LifeResults['results'],
        };
      },
      SetPasswords: (ctx: CallContext, p: EntityPasswords): AgentErrorResults => {
        const caller = callerMachine(ctx);
        return {
          results: eachEntry(p?.changes, (change) => {
            const name = unitOnMachine(deps, caller, entityOf(String(change.tag ?? ''), 'unit'));
            services.application.setUnitPassword(caller.modelUuid, name, String(change.password ?? ''));
            return {};
          }),
        };
      },
      Remove: (ctx: CallContext, p: AgentEntities): AgentErrorResults => {
        const caller = callerMachine(ctx);
        return {
          results: eachEntry(p?.entities, (e) => {
            const name = unitOnMachine(deps, caller, entityOf(e.tag, 'unit'));
            services.application.removeUnit(caller.modelUuid, name);
            return {};
          }),
        };
      },
      APIAddresses: (ctx: CallContext): StringsResult => {
        callerMachine(ctx);
        return { result: deps.apiAddresses() };
      },
    },
  };
}
