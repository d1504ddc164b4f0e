/**
 * `show-application` and `show-unit` data: an application's charm, base,
 * constraints, exposure and every endpoint's binding; a unit's machine,
 * address, ports, leadership and the relation data it can see.
 */
import {
  formatPortRange,
  JUJU_INFO,
  preferredAddress,
  type Application,
  type Relation,
  type Unit,
} from '../../domain/index.js';
import { applicationTag, unitTag } from '../../core/names.js';
import type {
  ApplicationResult,
  EndpointRelationData,
  ExposedEndpointWire,
  RelationDataWire,
  UnitResult,
} from '../../rpc/params/application.js';
import { domainBaseToWire, wireConstraints } from './application-deploy.js';
import type { FacadeDeps } from './deps.js';

/** The space endpoints are bound to when nothing else is said. */
const DEFAULT_SPACE = 'alpha';

/** Every endpoint of the application's charm with its space ('' = default). */
export function fullBindings(deps: FacadeDeps, modelUuid: string, app: Application): Record<string, string> {
  const charm = deps.services.application.charm(modelUuid, app.name);
  const defaultSpace = app.endpointBindings[''] ?? DEFAULT_SPACE;
  const names = [...charm.endpoints.map((e) => e.name), ...charm.extraBindings, JUJU_INFO];
  const out: Record<string, string> = { '': defaultSpace };
  for (const name of [...new Set(names)].sort()) out[name] = app.endpointBindings[name] ?? defaultSpace;
  return out;
}

/** Exposed endpoints as the wire carries them, undefined when none. */
export function exposedEndpointsWire(app: Application): Record<string, ExposedEndpointWire> | undefined {
  const entries = Object.entries(app.exposedEndpoints);
  if (entries.length === 0) return undefined;
  const out: Record<string, ExposedEndpointWire> = {};
  for (const [endpoint, e] of entries) {
    out[endpoint] = {
      ...(e.spaces.length > 0 ? { 'expose-to-spaces': [...e.spaces] } : {}),
      ...(e.cidrs.length > 0 ? { 'expose-to-cidrs': [...e.cidrs] } : {}),
    };
  }
  return out;
}

/** The channel an origin names (`latest/stable`), '' for local charms. */
export function originChannelText(origin: Readonly<Record<string, unknown>>): string {
  const risk = typeof origin['risk'] === 'string' ? origin['risk'] : '';
  if (risk === '') return '';
  const track = typeof origin['track'] === 'string' && origin['track'] !== '' ? origin['track'] : 'latest';
  const branch =
    typeof origin['branch'] === 'string' && origin['branch'] !== '' ? `/${origin['branch']}` : '';
  return `${track}/${risk}${branch}`;
}

/** `Application.ApplicationsInfo` for one application. */
export function applicationInfo(deps: FacadeDeps, modelUuid: string, name: string): ApplicationResult {
  const app = deps.services.application.get(modelUuid, name);
  const exposed = exposedEndpointsWire(app);
  const channel = originChannelText(app.charmOrigin);
  return {
    tag: applicationTag(app.name),
    charm: app.charmName,
    base: domainBaseToWire(app.base),
    ...(channel !== '' ? { channel } : {}),
    constraints: wireConstraints(app.constraints),
    principal: !app.subordinate,
    exposed: app.exposed,
    remote: false,
    life: app.life,
    'endpoint-bindings': fullBindings(deps, modelUuid, app),
    ...(exposed !== undefined ? { 'exposed-endpoints': exposed } : {}),
  };
}

/** The relation's endpoint that belongs to `application` and the one across. */
function endpointsOf(r: Relation, application: string): { mine: string; other: string; otherApp: string } {
  const mine = r.endpoints.find((e) => e.application === application) ?? r.endpoints[0];
  const other = r.isPeer ? mine : (r.endpoints.find((e) => e.application !== application) ?? mine);
  return { mine: mine?.name ?? '', other: other?.name ?? '', otherApp: other?.application ?? application };
}

/** A unit's data bag in a relation, undefined when it has none and is not in scope. */
function unitBag(
  deps: FacadeDeps,
  modelUuid: string,
  relationId: number,
  unit: string,
  inScope: ReadonlySet<string>,
): RelationDataWire | undefined {
  let data: Record<string, unknown> = {};
  let hasBag = false;
  try {
    data = { ...deps.services.relation.unitSettings(modelUuid, relationId, unit).settings };
    hasBag = true;
  } catch {
    // the unit never wrote settings in this relation
  }
  if (!hasBag && !inScope.has(unit)) return undefined;
  return { 'in-scope': inScope.has(unit), data };
}

/** The relations a unit takes part in, with the data it can see. */
function relationData(deps: FacadeDeps, modelUuid: string, unit: Unit): EndpointRelationData[] {
  const { services } = deps;
  const out: EndpointRelationData[] = [];
  for (const r of services.relation.forUnit(modelUuid, unit.name)) {
    const { mine, other, otherApp } = endpointsOf(r, unit.application);
    const inScope = new Set(services.relation.unitsInScope(modelUuid, r.id));
    let appData: Record<string, unknown> = {};
    try {
      appData = { ...services.relation.applicationSettings(modelUuid, r.id, otherApp).settings };
    } catch {
      // no application bag yet
    }
    const units: Record<string, RelationDataWire> = {};
    const own = unitBag(deps, modelUuid, r.id, unit.name, inScope);
    if (own !== undefined) units[unit.name] = own;
    let candidates: string[] = [];
    try {
      candidates = services.application.units(modelUuid, otherApp).map((u) => u.name);
    } catch {
      // the related application is gone
    }
    for (const name of candidates) {
      if (name === unit.name) continue;
      const bag = unitBag(deps, modelUuid, r.id, name, inScope);
      if (bag !== undefined) units[name] = bag;
    }
    out.push({
      'relation-id': r.id,
      endpoint: mine,
      'related-endpoint': other,
      'application-data': appData,
      'unit-relation-data': units,
    });
  }
  return out;
}

/** `Application.UnitsInfo` for one unit. */
export function unitInfo(deps: FacadeDeps, modelUuid: string, name: string): UnitResult {
  const { services } = deps;
  const unit = services.application.unit(modelUuid, name);
  const app = services.application.get(modelUuid, unit.application);
  let publicAddress = '';
  if (unit.machineId !== null) {
    try {
      publicAddress = preferredAddress(services.machine.get(modelUuid, unit.machineId).addresses);
    } catch {
      // the machine is being removed
    }
  }
  let ports: string[] = [];
  try {
    ports = [...new Set(services.unitState.openedPorts(modelUuid, name).map(formatPortRange))].sort();
  } catch {
    // a dead unit has no ports to show
  }
  const relations = relationData(deps, modelUuid, unit);
  return {
    tag: unitTag(unit.name),
    ...(unit.workloadVersion !== '' ? { 'workload-version': unit.workloadVersion } : {}),
    ...(unit.machineId !== null ? { machine: unit.machineId } : {}),
    'opened-ports': ports,
    ...(publicAddress !== '' ? { 'public-address': publicAddress } : {}),
    charm: unit.charmUrl ?? app.charmUrl,
    leader: services.leadership.isLeader(modelUuid, unit.application, unit.name),
    life: unit.life,
    ...(relations.length > 0 ? { 'relation-data': relations } : {}),
  };
}
