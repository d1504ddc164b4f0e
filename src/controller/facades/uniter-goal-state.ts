/**
 * `goal-state` for a unit: the units of its application and, per endpoint,
 * the related applications and their units, each with a status word and
 * `since` (`YYYY-MM-DD HH:MM:SSZ`, which ops parses for every entry).
 */
import type { ControllerServices, StatusInfo, Unit } from '../../domain/index.js';
import type { GoalState, GoalStateStatus } from '../../rpc/params/uniter.js';

/** ISO-8601 -> `YYYY-MM-DD HH:MM:SSZ`; now when unknown. */
export function goalStateSince(iso: string | null | undefined): string {
  const d = iso ? new Date(iso) : new Date();
  const text = Number.isNaN(d.getTime()) ? new Date().toISOString() : d.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 19)}Z`;
}

function unitGoal(u: Unit): GoalStateStatus {
  const status: StatusInfo = u.workloadStatus;
  return {
    status: u.life === 'alive' ? status.status : u.life,
    since: goalStateSince(status.since),
  };
}

/** The goal state seen by `unitName`. */
export function computeGoalState(
  services: ControllerServices,
  modelUuid: string,
  unitName: string,
): GoalState {
  const unit = services.application.unit(modelUuid, unitName);
  const appName = unit.application;
  const units: Record<string, GoalStateStatus> = {};
  for (const u of services.application.units(modelUuid, appName)) units[u.name] = unitGoal(u);
  const relations: Record<string, Record<string, GoalStateStatus>> = {};
  for (const r of services.relation.forUnit(modelUuid, unitName)) {
    const local = r.endpoints.find((e) => e.application === appName);
    if (local === undefined) continue;
    const entry = (relations[local.name] ??= {});
    const remoteApps = r.isPeer
      ? [appName]
      : r.endpoints.filter((e) => e.application !== appName).map((e) => e.application);
    for (const remoteApp of remoteApps) {
      entry[remoteApp] = {
        status: r.life === 'alive' ? r.status.status : r.life,
        since: goalStateSince(r.status.since),
      };
      let remoteUnits: Unit[] = [];
      try {
        remoteUnits = services.application.units(modelUuid, remoteApp);
      } catch {
        remoteUnits = [];
      }
      for (const u of remoteUnits) {
        if (u.name === unitName) continue;
        entry[u.name] = unitGoal(u);
      }
    }
  }
  return { units, relations };
}
