/**
 * Encoding one status read (`FullStatusData`) as Juju's `params.FullStatus`
 * (selectors are applied by ./status-filter.ts, re-exported here).
 */
import { formatConstraints } from '../../core/constraints.js';
import type {
  ApplicationStatusData,
  FullStatusData,
  MachineStatusData,
  RelationStatusData,
  UnitStatusData,
} from '../../domain/status/types.js';
import type { HardwareCharacteristics, StatusInfo } from '../../domain/machine/types.js';
import { MachineJob } from '../../domain/machine/types.js';
import type {
  ApplicationStatus,
  DetailedStatus,
  FullStatus,
  MachineStatus,
  RelationStatus,
  UnitStatus,
  WireBase,
} from '../../rpc/params/status.js';
import { cloudTag } from '../../core/names.js';
import { storedConstraints } from './model-constraints.js';
import { SLA_UNSUPPORTED } from './model-info.js';

/** Life as status reports it: '' while alive. */
const reportedLife = (life: string): string => (life === 'alive' ? '' : life);

function detailed(
  s: StatusInfo,
  kind: string,
  extra: { version?: string; life?: string } = {},
): DetailedStatus {
  return {
    status: s.status,
    info: s.info,
    data: { ...s.data },
    since: s.since || null,
    kind,
    version: extra.version ?? '',
    life: extra.life ?? '',
  };
}

/** Juju's hardware text: `arch=amd64 cores=2 mem=4096M virt-type=container`. */
export function hardwareText(hw: HardwareCharacteristics): string {
  const parts: string[] = [];
  if (hw.arch !== undefined) parts.push(`arch=${hw.arch}`);
  if (hw.cpuCores !== undefined) parts.push(`cores=${hw.cpuCores}`);
  if (hw.cpuPower !== undefined) parts.push(`cpu-power=${hw.cpuPower}`);
  if (hw.mem !== undefined) parts.push(`mem=${hw.mem}M`);
  if (hw.rootDisk !== undefined) parts.push(`root-disk=${hw.rootDisk}M`);
  if (hw.availabilityZone !== undefined && hw.availabilityZone !== '')
    parts.push(`availability-zone=${hw.availabilityZone}`);
  if (hw.virtType !== undefined && hw.virtType !== '') parts.push(`virt-type=${hw.virtType}`);
  return parts.join(' ');
}

const wireBase = (base: { os: string; channel: string } | null): WireBase =>
  base === null ? { name: '', channel: '' } : { name: base.os, channel: base.channel };

function machineStatus(m: MachineStatusData): MachineStatus {
  const controller = m.jobs.includes(MachineJob.ManageModel);
  const addresses = m.addresses.filter((a) => a.scope !== 'local-machine').map((a) => a.value);
  return {
    'agent-status': detailed(m.agentStatus, 'machine', {
      version: m.agentVersion,
      life: reportedLife(m.life),
    }),
    'instance-status': detailed(m.instanceStatus, 'machine'),
    // No LXD profiles are applied here, so modifications are always idle.
    'modification-status': detailed(
      { status: 'idle', info: '', data: {}, since: m.instanceStatus.since },
      'machine',
    ),
    ...(m.hostname !== '' ? { hostname: m.hostname } : {}),
    'dns-name': m.dnsName,
    'ip-addresses': addresses,
    // Juju reports machines not yet provisioned as instance "pending".
    'instance-id': m.instanceId ?? 'pending',
    'display-name': '',
    base: wireBase(m.base),
    id: m.id,
    containers: Object.fromEntries(m.containers.map((c) => [c.id, machineStatus(c)])),
    constraints: formatConstraints(storedConstraints(m.constraints)),
    hardware: hardwareText(m.hardware),
    jobs: [...m.jobs],
    'has-vote': controller,
    'wants-vote': controller,
  };
}

/** Charm URL of each application, to tell which units run another charm. */
type AppCharms = ReadonlyMap<string, string>;

/**
 * A unit; a unit running its application's charm reports no charm of its
 * own, as Juju does (only units mid-upgrade show one).
 */
function unitStatus(u: UnitStatusData, appCharms: AppCharms): UnitStatus {
  const appCharm = appCharms.get(u.name.slice(0, u.name.lastIndexOf('/'))) ?? '';
  const charm = u.charmUrl !== null && u.charmUrl !== appCharm ? u.charmUrl : '';
  return {
    'agent-status': detailed(u.agentStatus, 'unit-agent', {
      version: u.agentVersion,
      life: reportedLife(u.life),
    }),
    'workload-status': detailed(u.workloadStatus, 'workload'),
    'workload-version': u.workloadVersion,
    machine: u.machine,
    'opened-ports': [...u.openPorts],
    'public-address': u.publicAddress,
    charm,
    subordinates: Object.fromEntries(u.subordinates.map((s) => [s.name, unitStatus(s, appCharms)])),
    ...(u.leader ? { leader: true } : {}),
  };
}

/** The application's charm URL; a bare name becomes a Charmhub URL. */
const charmUrl = (a: ApplicationStatusData): string => {
  if (a.charmUrl !== '') return a.charmUrl;
  return a.charm.includes(':') ? a.charm : `ch:${a.charm}-${a.charmRevision}`;
};

function exposedEndpoints(a: ApplicationStatusData): ApplicationStatus['exposed-endpoints'] {
  const entries = Object.entries(a.exposedEndpoints);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map(([endpoint, e]) => [
      endpoint,
      {
        ...(e.spaces.length > 0 ? { 'expose-to-spaces': [...e.spaces] } : {}),
        ...(e.cidrs.length > 0 ? { 'expose-to-cidrs': [...e.cidrs] } : {}),
      },
    ]),
  );
}

function applicationStatus(a: ApplicationStatusData, appCharms: AppCharms): ApplicationStatus {
  const url = charmUrl(a);
  const exposed = exposedEndpoints(a);
  return {
    charm: url,
    'charm-version': a.charmVersion,
    'charm-profile': '',
    ...(a.charmChannel !== '' ? { 'charm-channel': a.charmChannel } : {}),
    base: wireBase(a.base),
    exposed: a.exposed,
    ...(exposed !== undefined ? { 'exposed-endpoints': exposed } : {}),
    life: reportedLife(a.life),
    relations: Object.fromEntries(Object.entries(a.relations).map(([ep, apps]) => [ep, [...apps]])),
    'can-upgrade-to': '',
    'subordinate-to': [...a.subordinateTo],
    units: Object.fromEntries(a.units.map((u) => [u.name, unitStatus(u, appCharms)])),
    'meter-statuses': {},
    status: detailed(a.status, 'application'),
    'workload-version': a.workloadVersion,
    'endpoint-bindings': { ...a.endpointBindings },
    'public-address': '',
  };
}

function relationStatus(r: RelationStatusData): RelationStatus {
  return {
    id: r.id,
    key: r.key,
    interface: r.interface,
    scope: r.scope,
    endpoints: r.endpoints.map((e) => ({
      application: e.application,
      name: e.name,
      role: e.role,
      subordinate: e.subordinate,
    })),
    status: {
      status: r.status.status,
      info: r.status.info,
      data: {},
      since: r.status.since || null,
      kind: 'relation',
      version: '',
      life: reportedLife(r.life),
    },
  };
}

export { filterStatus } from './status-filter.js';

/** `params.FullStatus` of a status read. */
export function fullStatusWire(data: FullStatusData): FullStatus {
  const m = data.model;
  const appCharms: AppCharms = new Map(data.applications.map((a) => [a.name, charmUrl(a)]));
  return {
    model: {
      name: m.name,
      type: m.type,
      'cloud-tag': cloudTag(m.cloud),
      ...(m.cloudRegion !== '' ? { region: m.cloudRegion } : {}),
      version: m.version,
      'available-version': '',
      'model-status': {
        status: m.status.current,
        info: m.status.message,
        data: {},
        since: m.status.since || null,
        kind: '',
        version: '',
        life: reportedLife(m.life),
      },
      'meter-status': { color: '', message: '' },
      sla: SLA_UNSUPPORTED,
    },
    machines: Object.fromEntries(data.machines.map((machine) => [machine.id, machineStatus(machine)])),
    applications: Object.fromEntries(data.applications.map((a) => [a.name, applicationStatus(a, appCharms)])),
    'remote-applications': {},
    offers: {},
    relations: data.relations.map(relationStatus),
    'controller-timestamp': data.controllerTimestamp,
    branches: {},
  };
}
