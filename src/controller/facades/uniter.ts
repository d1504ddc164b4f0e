/**
 * The `Uniter` facade (v18, v19) on model connections, for unit agents only,
 * each acting on its own unit, its application (where Juju allows) and the
 * relations it takes part in. Juju's method names and wire shapes where they
 * fit; `RemoteState` / `WatchRemoteState` (one snapshot of everything the
 * resolver needs, and a notify watcher on its hash) and
 * `ReadLeaderSettings` / `MergeLeaderSettings` are ours.
 */
import { ErrorCode, JujuError, unauthorized } from '../../core/errors.js';
import { parseTag } from '../../core/names.js';
import type { StatusInfo } from '../../domain/index.js';
import type {
  ApplicationStatusResult,
  CharmURLs,
  ConfigSettingsResult,
  Entities,
  EntitiesCharmURL,
  EntityWorkloadVersions,
  GoalStateResult,
  LeaderSettingsResult,
  LifeResult,
  MergeLeaderSettingsParams,
  ModelConfigResult,
  ModelResult,
  NetworkInfoParams,
  NetworkInfoResult,
  NetworkInfoResults,
  NotifyWatchResult,
  OpenPortRangesByEndpointResult,
  PortRange,
  RemoteStateResult,
  ResolvedModeResult,
  SetStatus,
  SetUnitStateArgs,
  StatusResult,
  StringBoolResult,
  StringResult,
  UnitStateResult,
} from '../../rpc/params/uniter.js';
import { errorResult } from '../../rpc/errors.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import type { FacadeDeps } from './deps.js';
import { uniterActionMethods } from './uniter-actions.js';
import { bindingNetworkInfo, unitPrivateAddress, unitPublicAddress } from './uniter-addresses.js';
import {
  bulk,
  bulkErrors,
  entityTags,
  notLeaderError,
  ownUnit,
  ownUnitOrApplication,
  unitCaller,
  type UnitCaller,
} from './uniter-common.js';
import { computeGoalState } from './uniter-goal-state.js';
import { uniterRelationMethods } from './uniter-relations.js';
import { uniterStorageMethods } from './uniter-storage.js';
import { computeRemoteState, remoteStateFingerprint } from './uniter-remote-state.js';

function statusResult(id: string, life: string, s: StatusInfo): StatusResult {
  return { id, life, status: s.status, info: s.info, data: { ...s.data }, since: s.since || null };
}

export function uniterFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;

  const requireLeader = (caller: UnitCaller): void => {
    if (!services.leadership.isLeader(caller.modelUuid, caller.application, caller.unit))
      throw notLeaderError();
  };

  const networkInfoFor = (caller: UnitCaller, unit: string, binding: string): NetworkInfoResult => {
    const charm = services.application.charm(caller.modelUuid, caller.application);
    const known = new Set(['', 'juju-info', ...charm.endpoints.map((e) => e.name), ...charm.extraBindings]);
    if (!known.has(binding)) {
      return errorResult(
        new JujuError(
          ErrorCode.NotValid,
          `undefined for unit charm: endpoint ${JSON.stringify(binding)} not valid`,
        ),
      );
    }
    return bindingNetworkInfo(services, caller.modelUuid, unit);
  };

  return {
    name: 'Uniter',
    versions: [18, 19],
    kinds: ['model'],
    methods: {
      ...uniterRelationMethods(deps),
      ...uniterActionMethods(deps),
      ...uniterStorageMethods(deps),

      Life: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): LifeResult => {
          const e = ownUnitOrApplication(caller, tag);
          if (e.kind === 'unit') return { life: services.application.unit(caller.modelUuid, e.id).life };
          return { life: services.application.get(caller.modelUuid, e.id).life };
        });
      },

      SetAgentStatus: (ctx: CallContext, p: SetStatus) => {
        const caller = unitCaller(ctx);
        return bulkErrors(p?.entities, (e) => {
          const unit = ownUnit(caller, e.tag);
          services.application.setUnitAgentStatus(caller.modelUuid, unit, {
            status: e.status,
            info: e.info ?? '',
            data: e.data ?? {},
          });
        });
      },

      SetUnitStatus: (ctx: CallContext, p: SetStatus) => {
        const caller = unitCaller(ctx);
        return bulkErrors(p?.entities, (e) => {
          const unit = ownUnit(caller, e.tag);
          services.application.setUnitWorkloadStatus(caller.modelUuid, unit, {
            status: e.status,
            info: e.info ?? '',
            data: e.data ?? {},
          });
        });
      },

      /** Takes the leader's unit tag (or its application tag); leader only. */
      SetApplicationStatus: (ctx: CallContext, p: SetStatus) => {
        const caller = unitCaller(ctx);
        return bulkErrors(p?.entities, (e) => {
          ownUnitOrApplication(caller, e.tag);
          requireLeader(caller);
          services.application.setStatus(caller.modelUuid, caller.application, {
            status: e.status,
            info: e.info ?? '',
            data: e.data ?? {},
          });
        });
      },

      UnitStatus: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): StatusResult => {
          const u = services.application.unit(caller.modelUuid, ownUnit(caller, tag));
          return statusResult(u.name, u.life, u.workloadStatus);
        });
      },

      ApplicationStatus: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): ApplicationStatusResult => {
          ownUnit(caller, tag);
          requireLeader(caller);
          const app = services.application.get(caller.modelUuid, caller.application);
          const units: Record<string, StatusResult> = {};
          for (const u of services.application.units(caller.modelUuid, app.name))
            units[u.name] = statusResult(u.name, u.life, u.workloadStatus);
          return { application: statusResult(app.name, app.life, app.status), units };
        });
      },

      SetWorkloadVersion: (ctx: CallContext, p: EntityWorkloadVersions) => {
        const caller = unitCaller(ctx);
        return bulkErrors(p?.entities, (e) => {
          services.application.setWorkloadVersion(
            caller.modelUuid,
            ownUnit(caller, e.tag),
            e['workload-version'] ?? '',
          );
        });
      },

      CharmURL: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): StringBoolResult => {
          const e = ownUnitOrApplication(caller, tag);
          if (e.kind === 'application') {
            const app = services.application.get(caller.modelUuid, e.id);
            return { result: app.charmUrl, ok: app.forceCharm };
          }
          const url = services.application.unit(caller.modelUuid, e.id).charmUrl;
          if (url === null) throw new JujuError(ErrorCode.NotFound, 'charm url not found');
          return { result: url, ok: false };
        });
      },

      SetCharmURL: (ctx: CallContext, p: EntitiesCharmURL) => {
        const caller = unitCaller(ctx);
        return bulkErrors(p?.entities, (e) => {
          services.application.setUnitCharmUrl(caller.modelUuid, ownUnit(caller, e.tag), e['charm-url']);
        });
      },

      CharmArchiveSha256: (ctx: CallContext, p: CharmURLs) => {
        const caller = unitCaller(ctx);
        return bulk(p?.urls, (u): StringResult => ({
          result: services.charm.get(caller.modelUuid, u.url).sha256,
        }));
      },

      ConfigSettings: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): ConfigSettingsResult => {
          ownUnit(caller, tag);
          return { settings: services.application.configValues(caller.modelUuid, caller.application) };
        });
      },

      PrivateAddress: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): StringResult => ({
          result: unitPrivateAddress(services, caller.modelUuid, ownUnit(caller, tag)),
        }));
      },

      PublicAddress: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): StringResult => ({
          result: unitPublicAddress(services, caller.modelUuid, ownUnit(caller, tag)),
        }));
      },

      NetworkInfo: (ctx: CallContext, p: NetworkInfoParams): NetworkInfoResults => {
        const caller = unitCaller(ctx);
        const unit = ownUnit(caller, p?.unit);
        const results: Record<string, NetworkInfoResult> = {};
        for (const binding of p?.endpoints ?? []) results[binding] = networkInfoFor(caller, unit, binding);
        return { results };
      },

      OpenedMachinePortRangesByEndpoint: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): OpenPortRangesByEndpointResult => {
          const unit = services.application.unit(caller.modelUuid, caller.unit);
          let machine: string;
          try {
            machine = parseTag(String(tag), 'machine').id;
          } catch {
            throw unauthorized();
          }
          if (unit.machineId !== machine) throw unauthorized();
          const byUnit = services.unitState.machineOpenedPorts(caller.modelUuid, machine);
          const out: Record<string, { endpoint: string; 'port-ranges': PortRange[] }[]> = {};
          for (const [name, ranges] of Object.entries(byUnit)) {
            const grouped = new Map<string, PortRange[]>();
            for (const r of ranges) {
              const list = grouped.get(r.endpoint) ?? [];
              list.push({ 'from-port': r.fromPort, 'to-port': r.toPort, protocol: r.protocol });
              grouped.set(r.endpoint, list);
            }
            out[`unit-${name.replace('/', '-')}`] = [...grouped.entries()].map(([endpoint, pr]) => ({
              endpoint,
              'port-ranges': pr,
            }));
          }
          return { 'unit-port-ranges': out };
        });
      },

      State: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): UnitStateResult => {
          const s = services.unitState.get(caller.modelUuid, ownUnit(caller, tag));
          return {
            'charm-state': { ...s.charmState },
            'uniter-state': s.uniterState,
            'relation-state': { ...s.relationState },
            'storage-state': s.storageState,
            'secret-state': s.secretState,
          };
        });
      },

      SetState: (ctx: CallContext, p: SetUnitStateArgs) => {
        const caller = unitCaller(ctx);
        return bulkErrors(p?.args, (a) => {
          services.unitState.set(caller.modelUuid, ownUnit(caller, a.tag), {
            ...(a['charm-state'] !== undefined ? { charmState: a['charm-state'] } : {}),
            ...(a['uniter-state'] !== undefined ? { uniterState: a['uniter-state'] } : {}),
            ...(a['relation-state'] !== undefined ? { relationState: a['relation-state'] } : {}),
            ...(a['storage-state'] !== undefined ? { storageState: a['storage-state'] } : {}),
            ...(a['secret-state'] !== undefined ? { secretState: a['secret-state'] } : {}),
          });
        });
      },

      Resolved: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): ResolvedModeResult => ({
          mode: services.application.resolved(caller.modelUuid, ownUnit(caller, tag)),
        }));
      },

      ClearResolved: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulkErrors(entityTags(p), (tag) =>
          services.application.clearResolved(caller.modelUuid, ownUnit(caller, tag)),
        );
      },

      EnsureDead: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulkErrors(entityTags(p), (tag) =>
          services.application.ensureUnitDead(caller.modelUuid, ownUnit(caller, tag)),
        );
      },

      GoalStates: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): GoalStateResult => ({
          result: computeGoalState(services, caller.modelUuid, ownUnit(caller, tag)),
        }));
      },

      ModelConfig: (ctx: CallContext): ModelConfigResult => {
        const caller = unitCaller(ctx);
        return { config: services.modelConfig.values(caller.modelUuid) };
      },

      CurrentModel: (ctx: CallContext): ModelResult => {
        const caller = unitCaller(ctx);
        const m = services.model.get(caller.modelUuid);
        return { name: m.name, uuid: caller.modelUuid, type: m.type };
      },

      /** Leader settings of the caller's application (unit or application tag). */
      ReadLeaderSettings: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): LeaderSettingsResult => {
          ownUnitOrApplication(caller, tag);
          const s = services.leadership.leaderSettings(caller.modelUuid, caller.application);
          return { settings: { ...s.settings }, version: s.version };
        });
      },

      /** `leader-set`: merges settings (`''` deletes); the caller must be the leader. */
      MergeLeaderSettings: (ctx: CallContext, p: MergeLeaderSettingsParams) => {
        const caller = unitCaller(ctx);
        return bulkErrors(p?.params, (m) => {
          ownUnit(caller, m['unit-tag']);
          ownUnitOrApplication(caller, m['application-tag']);
          services.leadership.mergeLeaderSettings(
            caller.modelUuid,
            caller.application,
            caller.unit,
            m.settings ?? {},
          );
        });
      },

      RemoteState: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): RemoteStateResult => ({
          result: computeRemoteState(services, caller.modelUuid, ownUnit(caller, tag)),
        }));
      },

      /** A NotifyWatcher that fires whenever the unit's RemoteState changes. */
      WatchRemoteState: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): NotifyWatchResult => {
          const unit = ownUnit(caller, tag);
          services.application.unit(caller.modelUuid, unit);
          const id = deps.watchers.watch(ctx.conn, () =>
            remoteStateFingerprint(services, caller.modelUuid, unit),
          );
          return { 'notify-watcher-id': id };
        });
      },
    },
  };
}
