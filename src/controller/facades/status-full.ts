/**
 * Encoding one status read (`FullStatusData`) as Juju's `params.FullStatus`,
 * optionally narrowed by `juju status` selectors.
 */
import { formatConstraints } from '../../core/constraints.js';
import type {
  ApplicationStatusData,
  FullStatusData,
  MachineStatusData,
  UnitStatusData,
} from '../../domain/status/types.js';
import type { HardwareCharacteristics, StatusInfo } from '../../domain/machine/types.js';
import { MachineJob } from '../../domain/machine/types.js';
import type {
  ApplicationStatus,
  DetailedStatus,
  FullStatus,
  MachineStatus,
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

function unitStatus(u: UnitStatusData, charm: string): UnitStatus {
  return {
    'agent-status': detailed(u.agentStatus, 'unit-agent', { life: reportedLife(u.life) }),
    'workload-status': detailed(u.workloadStatus, 'workload'),
    'workload-version': '',
    machine: u.machine,
    'opened-ports': [...u.openPorts],
    'public-address': u.publicAddress,
    charm,
    subordinates: Object.fromEntries(u.subordinates.map((s) => [s.name, unitStatus(s, '')])),
    ...(u.leader ? { leader: true } : {}),
  };
}

/** A charm URL: kept as given when it has a schema, else a Charmhub URL. */
const charmUrl = (a: ApplicationStatusData): string =>
  a.charm.includes(':') ? a.charm : `ch:${a.charm}-${a.charmRevision}`;

function applicationStatus(a: ApplicationStatusData): ApplicationStatus {
  const url = charmUrl(a);
  return {
    charm: url,
    'charm-version': '',
    'charm-profile': '',
    ...(a.charmChannel !== '' ? { 'charm-channel': a.charmChannel } : {}),
    base: wireBase(a.base),
    exposed: a.exposed,
    life: reportedLife(a.life),
    relations: {},
    'can-upgrade-to': '',
    'subordinate-to': [],
    units: Object.fromEntries(a.units.map((u) => [u.name, unitStatus(u, url)])),
    'meter-statuses': {},
    status: detailed(a.status, 'application'),
    'workload-version': '',
    'endpoint-bindings': {},
    'public-address': '',
  };
}

/** `*` and `?` wildcards, anchored, as selectors use them. */
function globMatcher(pattern: string): (s: string) => boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  const re = new RegExp(`^${escaped}$`);
  return (s) => re.test(s);
}

/** Whether any selector names this entity (id or name glob) or its status value. */
function selects(
  matchers: readonly ((s: string) => boolean)[],
  id: string,
  statuses: readonly string[],
): boolean {
  return matchers.some((m) => m(id) || statuses.some((s) => m(s)));
}

function machineMatches(matchers: readonly ((s: string) => boolean)[], m: MachineStatusData): boolean {
  return selects(matchers, m.id, [m.agentStatus.status, m.instanceStatus.status]);
}

/**
 * Narrows a status read to what the selectors match: machines by id or
 * status, applications by name or status, units by name or status (their
 * application and machine come along), machines bring the units they host.
 */
export function filterStatus(data: FullStatusData, patterns: readonly string[]): FullStatusData {
  if (patterns.length === 0) return data;
  const matchers = patterns.map(globMatcher);
  const machineIds = new Set<string>();
  const apps: ApplicationStatusData[] = [];
  const allMachines = (list: readonly MachineStatusData[]): MachineStatusData[] =>
    list.flatMap((m) => [m, ...allMachines(m.containers)]);
  const flatMachines = allMachines(data.machines);
  for (const m of flatMachines) if (machineMatches(matchers, m)) machineIds.add(m.id);
  for (const a of data.applications) {
    const appMatched = selects(matchers, a.name, [a.status.status]);
    const units = a.units.filter(
      (u) =>
        appMatched ||
        machineIds.has(u.machine) ||
        selects(matchers, u.name, [u.workloadStatus.status, u.agentStatus.status]),
    );
    if (!appMatched && units.length === 0) continue;
    for (const u of units) if (u.machine !== '') machineIds.add(u.machine);
    apps.push({ ...a, units });
  }
  const keep = (list: readonly MachineStatusData[]): MachineStatusData[] =>
    list.flatMap((m) => {
      const containers = keep(m.containers);
      if (!machineIds.has(m.id) && containers.length === 0) return [];
      return [{ ...m, containers }];
    });
  return { ...data, machines: keep(data.machines), applications: apps };
}

/** `params.FullStatus` of a status read. */
export function fullStatusWire(data: FullStatusData): FullStatus {
  const m = data.model;
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
    applications: Object.fromEntries(data.applications.map((a) => [a.name, applicationStatus(a)])),
    'remote-applications': {},
    offers: {},
    relations: [],
    'controller-timestamp': data.controllerTimestamp,
    branches: {},
  };
}
