/**
 * Uniter methods about relations and the end-of-hook commit: entering and
 * leaving scope (seeding the unit's bag with its addresses), reading the
 * unit's own, remote units' and applications' bags under Juju's rules, and
 * `CommitHookChanges`, which applies a hook's relation settings, ports and
 * charm state in one transaction.
 */
import { parseTag } from '../../core/names.js';
import type { ControllerServices, OpenedPortRange, RelationUnitSettingsChange } from '../../domain/index.js';
import type {
  CommitHookChangesArg,
  CommitHookChangesArgs,
  EntityPortRange,
  RelationUnit,
  RelationUnitPairs,
  RelationUnits,
  SettingsResult,
} from '../../rpc/params/uniter.js';
import { errorResult } from '../../rpc/errors.js';
import type { CallContext, MethodHandler } from '../apiserver/types.js';
import type { FacadeDeps } from './deps.js';
import { relationAddressSettings } from './uniter-addresses.js';
import {
  bulk,
  bulkErrors,
  ownUnit,
  relationKeyFromTag,
  unitCaller,
  type UnitCaller,
} from './uniter-common.js';
import { unauthorized } from '../../core/errors.js';

function relationId(services: ControllerServices, caller: UnitCaller, tag: unknown): number {
  const key = relationKeyFromTag(tag);
  const r = services.relation.getByKey(caller.modelUuid, key);
  if (!r.endpoints.some((e) => e.application === caller.application)) throw unauthorized();
  return r.id;
}

function portRanges(caller: UnitCaller, list: readonly EntityPortRange[] | undefined): OpenedPortRange[] {
  return (list ?? []).map((p) => {
    ownUnit(caller, p.tag);
    return {
      endpoint: p.endpoint ?? '',
      protocol: p['port-range'].protocol,
      fromPort: p['port-range']['from-port'],
      toPort: p['port-range']['to-port'],
    };
  });
}

function commitOne(services: ControllerServices, caller: UnitCaller, arg: CommitHookChangesArg): void {
  const unit = ownUnit(caller, arg.tag);
  const byRelation = new Map<
    number,
    { settings?: Record<string, string>; applicationSettings?: Record<string, string> }
  >();
  for (const rus of arg['relation-unit-settings'] ?? []) {
    ownUnit(caller, rus.unit);
    const id = relationId(services, caller, rus.relation);
    const entry = byRelation.get(id) ?? {};
    if (rus.settings !== undefined) entry.settings = { ...(entry.settings ?? {}), ...rus.settings };
    if (rus['application-settings'] !== undefined)
      entry.applicationSettings = { ...(entry.applicationSettings ?? {}), ...rus['application-settings'] };
    byRelation.set(id, entry);
  }
  if (arg['update-network-info'] === true) {
    // After config-changed Juju refreshes the address keys in every bag the unit is in.
    const addresses = relationAddressSettings(services, caller.modelUuid, unit);
    if (Object.keys(addresses).length > 0) {
      for (const r of services.relation.forUnit(caller.modelUuid, unit)) {
        if (!services.relation.unitsInScope(caller.modelUuid, r.id).includes(unit)) continue;
        const entry = byRelation.get(r.id) ?? {};
        // The charm's own writes in this hook win over the refresh.
        entry.settings = { ...addresses, ...(entry.settings ?? {}) };
        byRelation.set(r.id, entry);
      }
    }
  }
  const relationUnitSettings: RelationUnitSettingsChange[] = [...byRelation.entries()].map(([id, e]) => ({
    relationId: id,
    ...(e.settings !== undefined ? { settings: e.settings } : {}),
    ...(e.applicationSettings !== undefined ? { applicationSettings: e.applicationSettings } : {}),
  }));
  const state = arg['set-unit-state'];
  if (state !== undefined) ownUnit(caller, state.tag);
  services.unitState.commitHookChanges(caller.modelUuid, unit, {
    relationUnitSettings,
    openPorts: portRanges(caller, arg['open-ports']),
    closePorts: portRanges(caller, arg['close-ports']),
    ...(state?.['charm-state'] !== undefined ? { setUnitState: { charmState: state['charm-state'] } } : {}),
    ...(arg['add-storage'] !== undefined ? { addStorage: arg['add-storage'] } : {}),
    ...(arg['secret-creates'] !== undefined ? { secretCreates: arg['secret-creates'] } : {}),
    ...(arg['secret-updates'] !== undefined ? { secretUpdates: arg['secret-updates'] } : {}),
    ...(arg['secret-deletes'] !== undefined ? { secretDeletes: arg['secret-deletes'] } : {}),
    ...(arg['secret-grants'] !== undefined ? { secretGrants: arg['secret-grants'] } : {}),
    ...(arg['secret-revokes'] !== undefined ? { secretRevokes: arg['secret-revokes'] } : {}),
    ...(arg['secret-track-latest'] !== undefined ? { secretTrackLatest: arg['secret-track-latest'] } : {}),
  });
}

/** The relation methods of the Uniter facade. */
export function uniterRelationMethods(deps: FacadeDeps): Record<string, MethodHandler> {
  const { services } = deps;
  return {
    EnterScope: (ctx: CallContext, p: RelationUnits) => {
      const caller = unitCaller(ctx);
      return bulkErrors(p?.['relation-units'], (ru) => {
        const unit = ownUnit(caller, ru.unit);
        const id = relationId(services, caller, ru.relation);
        services.relation.enterScope(
          caller.modelUuid,
          id,
          unit,
          relationAddressSettings(services, caller.modelUuid, unit),
        );
      });
    },

    LeaveScope: (ctx: CallContext, p: RelationUnits) => {
      const caller = unitCaller(ctx);
      return bulkErrors(p?.['relation-units'], (ru) => {
        const unit = ownUnit(caller, ru.unit);
        let id: number;
        try {
          id = relationId(services, caller, ru.relation);
        } catch {
          return; // already gone: nothing to leave
        }
        services.relation.leaveScope(caller.modelUuid, id, unit);
      });
    },

    /** The caller's own unit bag (or, given its application tag, the application bag). */
    ReadSettings: (ctx: CallContext, p: RelationUnits) => {
      const caller = unitCaller(ctx);
      return bulk(p?.['relation-units'], (ru): SettingsResult => {
        const id = relationId(services, caller, ru.relation);
        const t = parseTagOrDeny(ru.unit);
        if (t.kind === 'application' && t.id === caller.application) {
          return {
            settings: {
              ...services.relation.applicationSettings(caller.modelUuid, id, t.id, caller.unit).settings,
            },
          };
        }
        const unit = ownUnit(caller, ru.unit);
        try {
          return { settings: { ...services.relation.unitSettings(caller.modelUuid, id, unit).settings } };
        } catch {
          return { settings: {} };
        }
      });
    },

    ReadLocalApplicationSettings: (ctx: CallContext, p: RelationUnit): SettingsResult => {
      const caller = unitCaller(ctx);
      try {
        ownUnit(caller, p?.unit);
        const id = relationId(services, caller, p?.relation);
        return {
          settings: {
            ...services.relation.applicationSettings(caller.modelUuid, id, caller.application, caller.unit)
              .settings,
          },
        };
      } catch (err) {
        return errorResult(err);
      }
    },

    ReadRemoteSettings: (ctx: CallContext, p: RelationUnitPairs) => {
      const caller = unitCaller(ctx);
      return bulk(p?.['relation-unit-pairs'], (pair): SettingsResult => {
        ownUnit(caller, pair['local-unit']);
        const id = relationId(services, caller, pair.relation);
        const remote = parseTagOrDeny(pair['remote-unit']);
        if (remote.kind === 'application') {
          return {
            settings: {
              ...services.relation.applicationSettings(caller.modelUuid, id, remote.id, caller.unit).settings,
            },
          };
        }
        if (remote.kind !== 'unit') throw unauthorized();
        return { settings: { ...services.relation.unitSettings(caller.modelUuid, id, remote.id).settings } };
      });
    },

    CommitHookChanges: (ctx: CallContext, p: CommitHookChangesArgs) => {
      const caller = unitCaller(ctx);
      return bulkErrors(p?.args, (arg) => commitOne(services, caller, arg));
    },
  };
}

function parseTagOrDeny(tag: unknown): { kind: string; id: string } {
  if (typeof tag !== 'string') throw unauthorized();
  try {
    return parseTag(tag);
  } catch {
    throw unauthorized();
  }
}
