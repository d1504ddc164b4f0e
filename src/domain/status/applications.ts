/**
 * The application, unit and relation part of the status read model, built
 * in memory from the rows of one snapshot (no per-entity queries).
 */
import type { Application, Unit } from '../application/types.js';
import type { Charm } from '../charm/types.js';
import type { StatusInfo } from '../machine/types.js';
import type { Relation } from '../relation/types.js';
import type { ApplicationStatusData, RelationStatusData, UnitStatusData } from './types.js';

/** Workload severities Juju uses to derive an application's status from its units. */
const SEVERITY: Record<string, number> = {
  error: 100,
  blocked: 90,
  maintenance: 80,
  waiting: 70,
  active: 60,
  terminated: 50,
  unknown: 40,
};

/** Inputs of {@link applicationsStatus}. */
export interface ApplicationsStatusInput {
  readonly applications: readonly Application[];
  readonly units: readonly Unit[];
  readonly charms: ReadonlyMap<string, Charm>;
  readonly relations: readonly Relation[];
  /** Application to its live leader unit. */
  readonly leaders: ReadonlyMap<string, string>;
  /** Unit to its formatted opened ports. */
  readonly ports: ReadonlyMap<string, readonly string[]>;
  /** Machine id to its preferred address. */
  readonly addresses: ReadonlyMap<string, string>;
}

/** Juju's display rule: an agent in error shows as a workload error with an idle agent. */
function displayStatuses(u: Unit): { workload: StatusInfo; agent: StatusInfo } {
  if (u.agentStatus.status !== 'error') return { workload: u.workloadStatus, agent: u.agentStatus };
  return {
    workload: { ...u.agentStatus },
    agent: { status: 'idle', info: '', data: {}, since: u.agentStatus.since },
  };
}

function deriveStatus(app: Application, units: readonly UnitStatusData[]): StatusInfo {
  if (app.status.status !== 'unset') return app.status;
  let worst: StatusInfo | undefined;
  for (const u of units) {
    const s = u.workloadStatus;
    if (worst === undefined || (SEVERITY[s.status] ?? 0) > (SEVERITY[worst.status] ?? 0)) worst = s;
  }
  return worst ?? { status: 'unknown', info: '', data: {}, since: app.status.since };
}

/** Applications with their units (subordinates nested), sorted by name. */
export function applicationsStatus(input: ApplicationsStatusInput): ApplicationStatusData[] {
  const unitData = new Map<string, UnitStatusData>();
  const build = (u: Unit): UnitStatusData => {
    const cached = unitData.get(u.name);
    if (cached !== undefined) return cached;
    const { workload, agent } = displayStatuses(u);
    const data: UnitStatusData = {
      name: u.name,
      machine: u.machineId ?? '',
      life: u.life,
      workloadStatus: workload,
      agentStatus: agent,
      publicAddress: u.machineId === null ? '' : (input.addresses.get(u.machineId) ?? ''),
      openPorts: input.ports.get(u.name) ?? [],
      leader: input.leaders.get(u.application) === u.name,
      workloadVersion: u.workloadVersion,
      agentVersion: u.agentVersion,
      charmUrl: u.charmUrl,
      subordinates: u.subordinates.flatMap((s) => {
        const sub = byName.get(s);
        return sub === undefined ? [] : [build(sub)];
      }),
    };
    unitData.set(u.name, data);
    return data;
  };
  const byName = new Map(input.units.map((u) => [u.name, u]));
  const unitsByApp = new Map<string, Unit[]>();
  for (const u of input.units) {
    const list = unitsByApp.get(u.application) ?? [];
    list.push(u);
    unitsByApp.set(u.application, list);
  }
  const appRelations = new Map<string, Map<string, Set<string>>>();
  const subordinateTo = new Map<string, Set<string>>();
  const subordinateApps = new Set(input.applications.filter((a) => a.subordinate).map((a) => a.name));
  for (const r of input.relations) {
    for (const ep of r.endpoints) {
      const byEndpoint = appRelations.get(ep.application) ?? new Map<string, Set<string>>();
      const remotes = byEndpoint.get(ep.name) ?? new Set<string>();
      if (r.isPeer) remotes.add(ep.application);
      for (const other of r.endpoints)
        if (other.application !== ep.application) remotes.add(other.application);
      byEndpoint.set(ep.name, remotes);
      appRelations.set(ep.application, byEndpoint);
      if (subordinateApps.has(ep.application) && r.scope === 'container') {
        const principals = subordinateTo.get(ep.application) ?? new Set<string>();
        for (const other of r.endpoints)
          if (other.application !== ep.application && !subordinateApps.has(other.application))
            principals.add(other.application);
        subordinateTo.set(ep.application, principals);
      }
    }
  }
  return input.applications.map((app) => {
    const own = unitsByApp.get(app.name) ?? [];
    const ownData = own.map(build);
    const charm = input.charms.get(app.charmUrl);
    const relations: Record<string, string[]> = {};
    for (const [endpoint, remotes] of [
      ...(appRelations.get(app.name) ?? new Map<string, Set<string>>()),
    ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      relations[endpoint] = [...remotes].sort();
    const channel = app.charmOrigin['channel'];
    return {
      name: app.name,
      charm: app.charmName,
      charmUrl: app.charmUrl,
      charmOrigin: charm?.source ?? '',
      charmChannel: typeof channel === 'string' ? channel : '',
      charmRevision: app.charmRevision,
      charmVersion: charm?.version ?? '',
      base: app.base,
      life: app.life,
      subordinate: app.subordinate,
      exposed: app.exposed,
      exposedEndpoints: app.exposedEndpoints,
      status: deriveStatus(app, ownData),
      workloadVersion: own.find((u) => u.workloadVersion !== '')?.workloadVersion ?? '',
      relations,
      subordinateTo: [...(subordinateTo.get(app.name) ?? [])].sort(),
      endpointBindings: app.endpointBindings,
      units: app.subordinate ? [] : ownData.filter((u, i) => own[i]?.principal === null),
    };
  });
}

/** Relations by id, with the subordinate flag of each endpoint's application. */
export function relationsStatus(
  relations: readonly Relation[],
  applications: readonly Application[],
): RelationStatusData[] {
  const subordinate = new Set(applications.filter((a) => a.subordinate).map((a) => a.name));
  return relations.map((r) => ({
    id: r.id,
    key: r.key,
    interface: r.interface,
    scope: r.scope,
    endpoints: r.endpoints.map((e) => ({
      application: e.application,
      name: e.name,
      role: e.role,
      subordinate: subordinate.has(e.application),
    })),
    status: r.status,
    life: r.life,
    suspended: r.suspended,
  }));
}
