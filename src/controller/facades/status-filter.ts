/**
 * `juju status <selector>...` on the controller side, following Juju's
 * FullStatus filtering: selectors name machines (`0` also brings
 * `0/lxd/0`), units (`mysql/0`, `mysql` meaning `mysql/*`, `nova-*`,
 * `mysql/leader`), agent or workload statuses (`error`, `active`),
 * `exposed` / `not exposed`, open ports (`80/tcp`) and machine addresses
 * (`10.0.0.1`, `10.0.0.0/24`). A matching machine brings the units on it, a
 * matching unit its machine and application, a principal matches when one
 * of its subordinates does. Applications integrated with a match are listed
 * too (without units).
 */
import type {
  ApplicationStatusData,
  FullStatusData,
  MachineStatusData,
  UnitStatusData,
} from '../../domain/status/types.js';
import { isValidMachineId } from '../../core/names.js';

/** Juju's `KnownAgentStatus`. */
const AGENT_STATUSES = new Set(['allocating', 'error', 'failed', 'rebooting', 'executing', 'idle', 'lost']);
/** Juju's `KnownWorkloadStatus`. */
const WORKLOAD_STATUSES = new Set([
  'blocked',
  'maintenance',
  'waiting',
  'active',
  'unknown',
  'error',
  'terminated',
]);
/** A unit name pattern: lower-case letters, digits, `-` and `*`, at most one `/`. */
const UNIT_PATTERN = /^[a-z0-9*-]+$/;

/** `path.Match` for unit patterns: `*` is any run of characters other than `/`. */
function unitNameMatchers(patterns: readonly string[]): ((name: string) => boolean) | undefined {
  const res: RegExp[] = [];
  for (const p of patterns) {
    const fields = p.split('/');
    // Juju ignores unit-name matching altogether when any selector is not a unit pattern.
    if (fields.length > 2 || !fields.every((f) => UNIT_PATTERN.test(f))) return undefined;
    const full = fields.length === 1 ? `${p}/*` : p;
    res.push(
      new RegExp(
        `^${full
          .split('*')
          .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^/]*')}$`,
      ),
    );
  }
  return (name) => res.some((re) => re.test(name));
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** Whether an address equals a selector or lies in a selector's IPv4 CIDR. */
function addressMatches(pattern: string, address: string): boolean {
  if (pattern === address) return true;
  const [net, bits] = pattern.split('/');
  const base = ipv4(net ?? '');
  const ip = ipv4(address);
  if (
    base === undefined ||
    ip === undefined ||
    bits === undefined ||
    !/^\d+$/.test(bits) ||
    Number(bits) > 32
  )
    return false;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ip / size) === Math.floor(base / size);
}

/** `80/tcp`, `8000-8100/udp` against a unit's open ports (overlapping ranges match). */
function portMatches(pattern: string, openPorts: readonly string[]): boolean {
  const parse = (text: string): { from: number; to: number; proto: string } | undefined => {
    const m = /^(\d+)(?:-(\d+))?\/(\w+)$/.exec(text);
    if (m === null) return undefined;
    return { from: Number(m[1]), to: Number(m[2] ?? m[1]), proto: m[3] as string };
  };
  const want = parse(pattern);
  if (want === undefined) return false;
  return openPorts.some((p) => {
    const have = parse(p);
    return have !== undefined && have.proto === want.proto && want.from <= have.to && want.to >= have.from;
  });
}

interface Matcher {
  machine(m: MachineStatusData): boolean;
  /** One unit on its own (its name, statuses, exposure, ports). */
  unit(u: UnitStatusData, app: ApplicationStatusData, principal: UnitStatusData | undefined): boolean;
  application(a: ApplicationStatusData): boolean;
}

function matcher(
  patterns: readonly string[],
  appsByName: ReadonlyMap<string, ApplicationStatusData>,
): Matcher {
  const names = unitNameMatchers(patterns);
  const exposure =
    patterns[0] === 'exposed' ? true : patterns[0] === 'not' && patterns[1] === 'exposed' ? false : undefined;
  const unit = (
    u: UnitStatusData,
    app: ApplicationStatusData,
    principal: UnitStatusData | undefined,
  ): boolean => {
    if (names !== undefined) {
      if (names(u.name)) return true;
      if (principal === undefined ? u.subordinates.some((s) => names(s.name)) : names(principal.name))
        return true;
    }
    const agent = u.agentStatus.status;
    const workload = u.workloadStatus.status;
    for (const p of patterns) {
      if (AGENT_STATUSES.has(p) && agent === p) return true;
      if (WORKLOAD_STATUSES.has(p) && agent !== 'error' && workload === p) return true;
      if (portMatches(p, u.openPorts)) return true;
    }
    return exposure !== undefined && app.exposed === exposure;
  };
  return {
    machine: (m) =>
      patterns.some(
        (p) =>
          (isValidMachineId(p) && (m.id === p || m.id.startsWith(`${p}/`))) ||
          (AGENT_STATUSES.has(p) && m.agentStatus.status === p) ||
          m.addresses.some((a) => addressMatches(p, a.value)),
      ),
    unit,
    application: (a) => {
      if (patterns.some((p) => p.toLowerCase() === a.name.toLowerCase())) return true;
      if (exposure !== undefined && a.exposed === exposure) return true;
      return unitsOf(a, appsByName).some(({ u, principal }) => unit(u, a, principal));
    },
  };
}

/** An application's units with their principal (subordinate units live under principals). */
function unitsOf(
  a: ApplicationStatusData,
  appsByName: ReadonlyMap<string, ApplicationStatusData>,
): { u: UnitStatusData; principal: UnitStatusData | undefined }[] {
  if (!a.subordinate) return a.units.map((u) => ({ u, principal: undefined }));
  const found: { u: UnitStatusData; principal: UnitStatusData }[] = [];
  for (const other of appsByName.values()) {
    for (const p of other.units) {
      for (const s of p.subordinates) if (s.name.startsWith(`${a.name}/`)) found.push({ u: s, principal: p });
    }
  }
  return found;
}

/** Narrows a status read to what the selectors match (see the module comment). */
export function filterStatus(data: FullStatusData, patterns: readonly string[]): FullStatusData {
  if (patterns.length === 0) return data;
  // `app/leader` stands for the application's leader unit.
  const leaders = new Map<string, string>();
  for (const a of data.applications) for (const u of a.units) if (u.leader) leaders.set(a.name, u.name);
  const resolved = patterns.map((p) =>
    p.includes('leader') ? (leaders.get(p.split('/')[0] ?? '') ?? p) : p,
  );
  const appsByName = new Map(data.applications.map((a) => [a.name, a]));
  const match = matcher(resolved, appsByName);

  const flatten = (list: readonly MachineStatusData[]): MachineStatusData[] =>
    list.flatMap((m) => [m, ...flatten(m.containers)]);
  const machineIds = new Set(
    flatten(data.machines)
      .filter((m) => match.machine(m))
      .map((m) => m.id),
  );
  const selectedMachines = new Set(machineIds);

  const matchedApps = new Set<string>();
  const keptUnits = new Map<string, UnitStatusData[]>();
  for (const a of data.applications) {
    const units = a.units.filter((u) => {
      if (selectedMachines.has(u.machine)) return true;
      // A principal matches on its own or through any of its subordinates.
      return (
        match.unit(u, a, undefined) ||
        u.subordinates.some((s) => {
          const subApp = appsByName.get(s.name.slice(0, s.name.lastIndexOf('/')));
          return subApp !== undefined && match.unit(s, subApp, u);
        })
      );
    });
    if (units.length > 0) matchedApps.add(a.name);
    for (const u of units) if (u.machine !== '') machineIds.add(u.machine);
    keptUnits.set(a.name, units);
  }
  const apps: ApplicationStatusData[] = [];
  for (const a of data.applications) {
    if (!matchedApps.has(a.name) && !match.application(a)) continue;
    apps.push({ ...a, units: keptUnits.get(a.name) ?? [] });
  }
  // Applications integrated with a match are shown too (without their units).
  const kept = new Set(apps.map((a) => a.name));
  for (const a of [...apps]) {
    for (const related of Object.values(a.relations).flat()) {
      if (kept.has(related)) continue;
      const app = appsByName.get(related);
      if (app === undefined) continue;
      kept.add(related);
      apps.push({ ...app, units: [] });
    }
  }
  const relations = data.relations.filter((r) => r.endpoints.every((e) => kept.has(e.application)));
  const keep = (list: readonly MachineStatusData[]): MachineStatusData[] =>
    list.flatMap((m) => {
      const containers = keep(m.containers);
      if (!machineIds.has(m.id) && containers.length === 0) return [];
      return [{ ...m, containers }];
    });
  return { ...data, machines: keep(data.machines), applications: apps, relations };
}
