/**
 * Turning `Client.FullStatus` into what `juju status` prints: the formatted
 * status (keys and key order of Juju's JSON/YAML output), with times in the
 * user's format. The JSON and YAML shapes differ only in which empty status
 * objects they keep.
 */
import { formatControllerTimestamp, formatStatusSince } from '../../../core/format/human-time.js';
import type {
  ApplicationOfferStatus,
  ApplicationStatus,
  DetailedStatus,
  FullStatus,
  MachineStatus,
  RelationStatus,
  RemoteApplicationStatus,
  UnitStatus,
  WireBase,
} from '../../../rpc/params/status.js';
import { naturalCompare } from './natural-sort.js';

/** A status block (`juju-status`, `workload-status`, ...); empty fields omitted. */
export interface StatusInfo {
  'status-error'?: string;
  current?: string;
  message?: string;
  reason?: string;
  since?: string;
  version?: string;
  life?: string;
}

export interface FormattedBase {
  name: string;
  channel: string;
}

export interface FormattedModel {
  name: string;
  type: string;
  controller: string;
  cloud: string;
  region?: string;
  version: string;
  'upgrade-available'?: string;
  'model-status': StatusInfo;
  'meter-status'?: { color?: string; message?: string };
  sla?: string;
}

export interface FormattedNetworkInterface {
  'ip-addresses': string[];
  'mac-address': string;
  gateway?: string;
  'dns-nameservers'?: string[];
  space?: string;
  'is-up': boolean;
}

export interface FormattedMachine {
  'juju-status': StatusInfo;
  hostname?: string;
  'dns-name'?: string;
  'ip-addresses'?: string[];
  'instance-id'?: string;
  'display-name'?: string;
  'machine-status': StatusInfo;
  'modification-status': StatusInfo;
  base?: FormattedBase;
  'network-interfaces'?: Record<string, FormattedNetworkInterface>;
  containers?: Record<string, FormattedMachine | StatusError>;
  constraints?: string;
  hardware?: string;
  'controller-member-status'?: string;
  'ha-primary'?: boolean;
  'lxd-profiles'?: Record<
    string,
    { config: Record<string, string>; description: string; devices: Record<string, Record<string, string>> }
  >;
}

export interface FormattedUnit {
  'workload-status': StatusInfo;
  'juju-status': StatusInfo;
  'meter-status'?: { color?: string; message?: string };
  leader?: boolean;
  'upgrading-from'?: string;
  machine?: string;
  'open-ports'?: string[];
  'public-address'?: string;
  address?: string;
  'provider-id'?: string;
  subordinates?: Record<string, FormattedUnit | StatusError>;
  branch?: string;
}

export interface FormattedRelationRef {
  'related-application': string;
  interface: string;
  scope: string;
}

export interface FormattedApplication {
  charm: string;
  base?: FormattedBase;
  'charm-origin': string;
  'charm-name': string;
  'charm-rev': number;
  'charm-channel'?: string;
  'charm-version'?: string;
  'charm-profile'?: string;
  'can-upgrade-to'?: string;
  scale?: number;
  'provider-id'?: string;
  address?: string;
  exposed: boolean;
  life?: string;
  'application-status': StatusInfo;
  relations?: Record<string, FormattedRelationRef[]>;
  'subordinate-to'?: string[];
  units?: Record<string, FormattedUnit | StatusError>;
  version?: string;
  'endpoint-bindings'?: Record<string, string>;
}

export interface FormattedRemoteApplication {
  url: string;
  endpoints: Record<string, { interface: string; role: string }>;
  life?: string;
  'application-status': StatusInfo;
  relations?: Record<string, string[]>;
}

export interface FormattedOffer {
  application: string;
  charm?: string;
  'total-connected-count'?: number;
  'active-connected-count'?: number;
  endpoints: Record<string, { interface: string; role: string }>;
}

/** An entity whose status could not be read. */
export interface StatusError {
  'status-error': string;
}

/** A relation as the tabular Integrations section shows it. */
export interface FormattedRelation {
  provider: string;
  requirer: string;
  interface: string;
  type: string;
  status: string;
  message: string;
}

/** Everything `juju status` prints. `relations` is tabular-only (never in JSON/YAML). */
export interface FormattedStatus {
  model: FormattedModel;
  machines: Record<string, FormattedMachine | StatusError>;
  applications: Record<string, FormattedApplication | StatusError>;
  'application-endpoints'?: Record<string, FormattedRemoteApplication | StatusError>;
  offers?: Record<string, FormattedOffer | StatusError>;
  storage?: Record<string, unknown>;
  controller?: { timestamp: string };
  branches?: Record<string, unknown>;
  /** Not serialised: the tabular Integrations section. */
  relations: FormattedRelation[];
}

export interface FormatOptions {
  readonly controllerName: string;
  /** `--utc` / `JUJU_STATUS_ISO_TIME`. */
  readonly isoTime: boolean;
  /** Non-tabular formats and `--relations` want relation details. */
  readonly showRelations: boolean;
  /** Include an (empty) `storage` object: non-tabular formats always ask for storage. */
  readonly includeStorage: boolean;
  /** Minutes east of UTC for local times (tests); the process zone when absent. */
  readonly utcOffsetMinutes?: number;
}

const byNatural = <T>(record: Record<string, T>): [string, T][] =>
  Object.entries(record).sort(([a], [b]) => naturalCompare(a, b));

/** Base channel as Juju displays it: `22.04/stable` is shown as `22.04`. */
function formatBase(base: WireBase | undefined): FormattedBase | undefined {
  if (base === undefined || base.channel === '') return undefined;
  return { name: base.name, channel: base.channel.replace(/\/stable$/, '') };
}

/** A parsed charm URL: `ch:amd64/jammy/mysql-151`, `local:testapp-0`. */
function parseCharmUrl(url: string): { schema: string; name: string; revision: number } | undefined {
  const colon = url.indexOf(':');
  if (colon <= 0) return undefined;
  const schema = url.slice(0, colon);
  const last =
    url
      .slice(colon + 1)
      .split('/')
      .pop() ?? '';
  const m = /^(.*?)(?:-(\d+))?$/.exec(last);
  if (m === null || m[1] === undefined || m[1] === '') return undefined;
  return { schema, name: m[1], revision: m[2] === undefined ? -1 : Number(m[2]) };
}

export class StatusFormatter {
  private readonly relationsById = new Map<number, RelationStatus>();

  constructor(
    private readonly status: FullStatus,
    private readonly opts: FormatOptions,
  ) {
    if (opts.showRelations) for (const r of status.relations ?? []) this.relationsById.set(r.id, r);
  }

  private time(iso: string | null | undefined): string {
    if (iso === null || iso === undefined || iso === '') return '';
    return formatStatusSince(new Date(iso), this.opts.isoTime, this.opts.utcOffsetMinutes);
  }

  statusInfo(s: DetailedStatus | undefined): StatusInfo {
    if (s === undefined) return {};
    const info: StatusInfo = {};
    if (s.err) info['status-error'] = s.err.message;
    if (s.status) info.current = s.status;
    if (s.info) info.message = s.info;
    const reason = s.data?.['reason'];
    if (typeof reason === 'string' && reason !== '') info.reason = reason;
    const since = this.time(s.since);
    if (since !== '') info.since = since;
    if (s.version) info.version = s.version;
    if (s.life) info.life = s.life;
    return info;
  }

  format(): FormattedStatus {
    const fs = this.status;
    const model = fs.model;
    const out: FormattedStatus = {
      model: {
        name: model.name,
        type: model.type,
        controller: this.opts.controllerName,
        cloud: model['cloud-tag'].replace(/^cloud-/, ''),
        ...(model.region ? { region: model.region } : {}),
        version: model.version,
        ...(model['available-version'] ? { 'upgrade-available': model['available-version'] } : {}),
        'model-status': this.statusInfo(model['model-status']),
        ...(model['meter-status']?.color
          ? {
              'meter-status': {
                color: model['meter-status'].color,
                ...(model['meter-status'].message ? { message: model['meter-status'].message } : {}),
              },
            }
          : {}),
        ...(model.sla ? { sla: model.sla } : {}),
      },
      machines: Object.fromEntries(byNatural(fs.machines ?? {}).map(([id, m]) => [id, this.machine(m)])),
      applications: Object.fromEntries(
        byNatural(fs.applications ?? {}).map(([name, a]) => [name, this.application(name, a)]),
      ),
      relations: (fs.relations ?? []).filter(() => this.opts.showRelations).map((r) => this.relation(r)),
    };
    const remote = byNatural(fs['remote-applications'] ?? {});
    if (remote.length > 0)
      out['application-endpoints'] = Object.fromEntries(remote.map(([n, r]) => [n, this.remote(r)]));
    const offers = byNatural(fs.offers ?? {});
    if (offers.length > 0) out.offers = Object.fromEntries(offers.map(([n, o]) => [n, this.offer(o)]));
    if (this.opts.includeStorage) out.storage = {};
    if (fs['controller-timestamp']) {
      out.controller = {
        timestamp: formatControllerTimestamp(
          new Date(fs['controller-timestamp']),
          this.opts.isoTime,
          this.opts.utcOffsetMinutes,
        ),
      };
    }
    return out;
  }

  private machine(m: MachineStatus): FormattedMachine | StatusError {
    if (m['agent-status']?.err && !m['agent-status'].status)
      return { 'status-error': m['agent-status'].err.message };
    const base = formatBase(m.base);
    const interfaces = byNatural(m['network-interfaces'] ?? {});
    const containers = byNatural(m.containers ?? {});
    const controller = (m.jobs ?? []).includes('JobManageModel');
    const profiles = Object.entries(m['lxd-profiles'] ?? {});
    return {
      'juju-status': this.statusInfo(m['agent-status']),
      ...(m.hostname ? { hostname: m.hostname } : {}),
      ...(m['dns-name'] ? { 'dns-name': m['dns-name'] } : {}),
      ...((m['ip-addresses'] ?? []).length > 0 ? { 'ip-addresses': [...m['ip-addresses']] } : {}),
      ...(m['instance-id'] ? { 'instance-id': m['instance-id'] } : {}),
      ...(m['display-name'] ? { 'display-name': m['display-name'] } : {}),
      'machine-status': this.statusInfo(m['instance-status']),
      'modification-status': this.statusInfo(m['modification-status']),
      ...(base !== undefined ? { base } : {}),
      ...(interfaces.length > 0
        ? {
            'network-interfaces': Object.fromEntries(
              interfaces.map(([name, n]) => [
                name,
                {
                  'ip-addresses': [...(n['ip-addresses'] ?? [])],
                  'mac-address': n['mac-address'],
                  ...(n.gateway ? { gateway: n.gateway } : {}),
                  ...((n['dns-nameservers'] ?? []).length > 0
                    ? { 'dns-nameservers': [...(n['dns-nameservers'] ?? [])] }
                    : {}),
                  ...(n.space ? { space: n.space } : {}),
                  'is-up': n['is-up'],
                },
              ]),
            ),
          }
        : {}),
      ...(containers.length > 0
        ? { containers: Object.fromEntries(containers.map(([id, c]) => [id, this.machine(c)])) }
        : {}),
      ...(m.constraints ? { constraints: m.constraints } : {}),
      ...(m.hardware ? { hardware: m.hardware } : {}),
      ...(controller ? { 'controller-member-status': haStatus(m['has-vote'], m['wants-vote']) } : {}),
      ...(controller && m['primary-controller-machine'] ? { 'ha-primary': true } : {}),
      ...(profiles.length > 0 ? { 'lxd-profiles': Object.fromEntries(profiles) } : {}),
    };
  }

  private application(name: string, a: ApplicationStatus): FormattedApplication | StatusError {
    if (a.err) return { 'status-error': a.err.message };
    const curl = parseCharmUrl(a.charm);
    let origin = 'unknown';
    let alias = a.charm;
    if (curl?.schema === 'ch') {
      origin = 'charmhub';
      alias = curl.name;
    } else if (curl?.schema === 'local') {
      origin = 'local';
    }
    const base = formatBase(a.base);
    const relations = this.applicationRelations(name, a.relations ?? {});
    const units = byNatural(a.units ?? {});
    return {
      charm: alias,
      ...(base !== undefined ? { base } : {}),
      'charm-origin': origin,
      'charm-name': curl?.name ?? '',
      'charm-rev': curl?.revision ?? 0,
      ...(a['charm-channel'] ? { 'charm-channel': a['charm-channel'] } : {}),
      ...(a['charm-version'] ? { 'charm-version': a['charm-version'] } : {}),
      ...(a['charm-profile'] ? { 'charm-profile': a['charm-profile'] } : {}),
      ...(a['can-upgrade-to'] ? { 'can-upgrade-to': a['can-upgrade-to'] } : {}),
      ...(a.int ? { scale: a.int } : {}),
      ...(a['provider-id'] ? { 'provider-id': a['provider-id'] } : {}),
      ...(a['public-address'] ? { address: a['public-address'] } : {}),
      exposed: a.exposed,
      ...(a.life ? { life: a.life } : {}),
      'application-status': this.statusInfo(a.status),
      ...(Object.keys(relations).length > 0 ? { relations } : {}),
      ...((a['subordinate-to'] ?? []).length > 0 ? { 'subordinate-to': [...a['subordinate-to']] } : {}),
      ...(units.length > 0
        ? { units: Object.fromEntries(units.map(([n, u]) => [n, this.unit(u, a, n)])) }
        : {}),
      ...(a['workload-version'] ? { version: a['workload-version'] } : {}),
      ...(Object.keys(a['endpoint-bindings'] ?? {}).length > 0
        ? { 'endpoint-bindings': { ...a['endpoint-bindings'] } }
        : {}),
    };
  }

  /** Endpoint -> related applications, with interface and scope from the relation list. */
  private applicationRelations(
    app: string,
    rels: Record<string, string[]>,
  ): Record<string, FormattedRelationRef[]> {
    const out: Record<string, FormattedRelationRef[]> = {};
    for (const [endpoint, others] of Object.entries(rels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const list: FormattedRelationRef[] = [];
      for (const other of others) {
        const rel = [...this.relationsById.values()].find((r) => relationMatches(r, app, endpoint, other));
        if (rel === undefined) continue;
        list.push({ 'related-application': other, interface: rel.interface, scope: rel.scope });
      }
      out[endpoint] = list;
    }
    return out;
  }

  private unit(u: UnitStatus, app: ApplicationStatus, name = ''): FormattedUnit | StatusError {
    if (u['workload-status']?.err) return { 'status-error': u['workload-status'].err.message };
    const subs = byNatural(u.subordinates ?? {});
    const meter = meterOf(app, name);
    return {
      'workload-status': u['workload-status']?.status ? this.statusInfo(u['workload-status']) : {},
      'juju-status': this.statusInfo(u['agent-status']),
      ...(meter !== undefined ? { 'meter-status': meter } : {}),
      ...(u.leader ? { leader: true } : {}),
      ...(u.machine ? { machine: u.machine } : {}),
      ...((u['opened-ports'] ?? []).length > 0 ? { 'open-ports': [...u['opened-ports']] } : {}),
      ...(u['public-address'] ? { 'public-address': u['public-address'] } : {}),
      ...(u.address ? { address: u.address } : {}),
      ...(u['provider-id'] ? { 'provider-id': u['provider-id'] } : {}),
      ...(subs.length > 0
        ? { subordinates: Object.fromEntries(subs.map(([n, s]) => [n, this.unit(s, app, n)])) }
        : {}),
    };
  }

  private remote(r: RemoteApplicationStatus): FormattedRemoteApplication | StatusError {
    if (r.err) return { 'status-error': r.err.message };
    return {
      url: r['offer-url'],
      endpoints: Object.fromEntries(
        (r.endpoints ?? []).map((e) => [e.name, { interface: e.interface, role: e.role }]),
      ),
      ...(r.life ? { life: r.life } : {}),
      'application-status': this.statusInfo(r.status),
      ...(Object.keys(r.relations ?? {}).length > 0 ? { relations: { ...r.relations } } : {}),
    };
  }

  private offer(o: ApplicationOfferStatus): FormattedOffer | StatusError {
    if (o.err) return { 'status-error': o.err.message };
    return {
      application: o['application-name'],
      ...(o.charm ? { charm: o.charm } : {}),
      ...(o['total-connected-count'] ? { 'total-connected-count': o['total-connected-count'] } : {}),
      ...(o['active-connected-count'] ? { 'active-connected-count': o['active-connected-count'] } : {}),
      endpoints: Object.fromEntries(
        Object.entries(o.endpoints ?? {}).map(([alias, e]) => [
          alias,
          { interface: e.interface, role: e.role },
        ]),
      ),
    };
  }

  private relation(r: RelationStatus): FormattedRelation {
    let provider = { application: '', name: '' };
    let requirer = { application: '', name: '' };
    for (const ep of r.endpoints ?? []) {
      if (ep.role === 'peer') {
        provider = ep;
        requirer = ep;
      } else if (ep.role === 'provider') provider = ep;
      else if (ep.role === 'requirer') requirer = ep;
    }
    const type =
      r.scope === 'container'
        ? 'subordinate'
        : provider.application === requirer.application
          ? 'peer'
          : 'regular';
    return {
      provider: `${provider.application}:${provider.name}`,
      requirer: `${requirer.application}:${requirer.name}`,
      interface: r.interface,
      type,
      status: r.status?.status ?? '',
      message: r.status?.info ?? '',
    };
  }
}

function relationMatches(r: RelationStatus, app: string, endpoint: string, other: string): boolean {
  const eps = r.endpoints ?? [];
  if (app === other) {
    return eps.length === 1 && eps[0]?.name === endpoint && eps[0]?.application === app;
  }
  if (eps.length !== 2) return false;
  const i = eps.findIndex((e) => e.application === app && e.name === endpoint);
  if (i < 0) return false;
  return eps[1 - i]?.application === other;
}

function meterOf(app: ApplicationStatus, unit: string): { color?: string; message?: string } | undefined {
  const m = app['meter-statuses']?.[unit];
  if (m === undefined || m.color === '') return undefined;
  return { color: m.color, ...(m.message ? { message: m.message } : {}) };
}

/** `has-vote`, `adding-vote`, `removing-vote` or `no-vote`. */
function haStatus(hasVote: boolean, wantsVote: boolean): string {
  if (hasVote) return wantsVote ? 'has-vote' : 'removing-vote';
  return wantsVote ? 'adding-vote' : 'no-vote';
}

/** True when nothing at all is in the model (the "Model is empty" case). */
export function isEmptyStatus(fs: FullStatus): boolean {
  return (
    Object.keys(fs.machines ?? {}).length === 0 &&
    Object.keys(fs.applications ?? {}).length === 0 &&
    Object.keys(fs['remote-applications'] ?? {}).length === 0 &&
    Object.keys(fs.offers ?? {}).length === 0
  );
}

const isStatusInfo = (key: string): boolean =>
  key === 'model-status' ||
  key === 'juju-status' ||
  key === 'machine-status' ||
  key === 'modification-status' ||
  key === 'workload-status' ||
  key === 'application-status';

/**
 * The object JSON prints: every status block kept (`{}` when blank),
 * the tabular-only relations dropped.
 */
export function jsonShape(fs: FormattedStatus): Record<string, unknown> {
  const { relations: _relations, ...rest } = fs;
  return rest;
}

/**
 * The object YAML prints: as JSON, but blank status blocks vanish (go-yaml
 * omits empty structs), except `application-status`.
 */
export function yamlShape(fs: FormattedStatus): Record<string, unknown> {
  const prune = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(prune);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (isStatusInfo(key) && key !== 'application-status' && isEmptyObject(v)) continue;
      out[key] = prune(v);
    }
    return out;
  };
  return prune(jsonShape(fs)) as Record<string, unknown>;
}

const isEmptyObject = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
