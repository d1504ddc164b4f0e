/**
 * `juju status` tabular output: the model line, then (each only when it has
 * rows, separated by blank lines) SAAS, applications, units, machines,
 * offers, integrations and storage.
 */
import { TabWriter } from '../../output/tabwriter.js';
import { colorStatus } from './colors.js';
import type {
  FormattedApplication,
  FormattedMachine,
  FormattedOffer,
  FormattedRemoteApplication,
  FormattedStatus,
  FormattedUnit,
  StatusError,
} from './formatted.js';
import { naturalCompare, naturalSort } from './natural-sort.js';
import { formatPorts } from './ports.js';
import { storageTable, type StorageRow } from '../storage/view.js';

const CAAS = 'caas';
const ELLIPSIS = '...';
const IAAS_MAX_VERSION = 15;
const CAAS_MAX_VERSION = 30;
const MAX_MESSAGE = 120;

const isError = (v: object): v is StatusError => 'status-error' in v;

const truncate = (s: string, max: number): string =>
  s.length > max ? `${s.slice(0, max - ELLIPSIS.length)}${ELLIPSIS}` : s;

/** The hook or action an executing agent reports, shown before the unit message. */
function agentDoing(unit: FormattedUnit): string {
  const agent = unit['juju-status'];
  if (agent.current !== 'executing') return '';
  const message = agent.message ?? '';
  const hook = /running (\S+?) hook/.exec(message);
  if (hook !== null) return hook[1] as string;
  const action = /running action (.*)/.exec(message);
  return action !== null ? (action[1] as string) : '';
}

function modelSection(fs: FormattedStatus): string {
  const m = fs.model;
  const header = ['Model', 'Controller', 'Cloud/Region', 'Version'];
  const values = [m.name, m.controller, m.region ? `${m.cloud}/${m.region}` : m.cloud, m.version];
  if (m.sla) {
    header.push('SLA');
    values.push(m.sla);
  }
  if (fs.controller?.timestamp) {
    header.push('Timestamp');
    values.push(fs.controller.timestamp);
  }
  const notes =
    m['model-status'].message ||
    (m['upgrade-available'] ? `upgrade available: ${m['upgrade-available']}` : '');
  if (notes) {
    header.push('Notes');
    values.push(notes);
  }
  return new TabWriter()
    .row(...header)
    .row(...values)
    .toString();
}

function remoteSection(
  apps: Record<string, FormattedRemoteApplication | StatusError>,
  color: boolean,
): string {
  const tw = new TabWriter();
  tw.row('SAAS', 'Status', 'Store', 'URL');
  for (const name of naturalSort(Object.keys(apps))) {
    const a = apps[name] as FormattedRemoteApplication | StatusError;
    if (isError(a)) {
      tw.row(name, colorStatus('failed', color), 'unknown', '');
      continue;
    }
    // Offer URLs are [<source>:]<owner>/<model>.<offer>; no source means this controller.
    const colon = a.url.indexOf(':');
    const store = colon > 0 && !a.url.slice(0, colon).includes('/') ? a.url.slice(0, colon) : 'local';
    const path = colon > 0 && !a.url.slice(0, colon).includes('/') ? a.url.slice(colon + 1) : a.url;
    tw.row(name, colorStatus(a['application-status'].current ?? '', color), store, path);
  }
  return tw.toString();
}

/** `N` when every unit is up, else `current/desired` (units whose agent is idle or executing are up). */
export function applicationScale(fs: FormattedStatus, name: string): { text: string; warn: boolean } {
  const app = fs.applications[name];
  if (app === undefined || isError(app)) return { text: '', warn: false };
  let units: FormattedUnit[] = Object.values(app.units ?? {}).filter((u): u is FormattedUnit => !isError(u));
  if ((app['subordinate-to'] ?? []).length > 0) {
    units = [];
    for (const principal of Object.values(fs.applications)) {
      if (isError(principal)) continue;
      for (const u of Object.values(principal.units ?? {})) {
        if (isError(u)) continue;
        for (const [subName, sub] of Object.entries(u.subordinates ?? {})) {
          if (!isError(sub) && subName.startsWith(`${name}/`)) units.push(sub);
        }
      }
    }
  }
  const desired = fs.model.type === CAAS && app.scale !== undefined ? app.scale : units.length;
  const current = units.filter((u) =>
    ['idle', 'executing', 'running'].includes(u['juju-status'].current ?? ''),
  ).length;
  return current === desired
    ? { text: `${current}`, warn: false }
    : { text: `${current}/${desired}`, warn: true };
}

function applicationsSection(fs: FormattedStatus, color: boolean): string {
  const caas = fs.model.type === CAAS;
  const maxVersion = caas ? CAAS_MAX_VERSION : IAAS_MAX_VERSION;
  const tw = new TabWriter({ alignRight: new Set([3, 6]) });
  tw.row(
    ...(caas
      ? ['App', 'Version', 'Status', 'Scale', 'Charm', 'Channel', 'Rev', 'Address', 'Exposed', 'Message']
      : ['App', 'Version', 'Status', 'Scale', 'Charm', 'Channel', 'Rev', 'Exposed', 'Message']),
  );
  for (const name of naturalSort(Object.keys(fs.applications))) {
    const app = fs.applications[name] as FormattedApplication | StatusError;
    if (isError(app)) {
      tw.row(
        name,
        '',
        colorStatus('failed', color),
        '',
        '<failed>',
        '',
        '-1',
        ...(caas ? [''] : []),
        'no',
        app['status-error'],
      );
      continue;
    }
    const version = truncate((app.version ?? '').split('\n')[0] ?? '', maxVersion);
    const scale = applicationScale(fs, name);
    tw.row(
      name,
      version,
      colorStatus(app['application-status'].current ?? '', color),
      scale.text,
      app['charm-name'],
      app['charm-channel'] ?? '',
      app['charm-rev'],
      ...(caas ? [app.address ?? ''] : []),
      app.exposed ? 'yes' : 'no',
      truncate(app['application-status'].message ?? '', MAX_MESSAGE),
    );
  }
  return tw.toString();
}

function unitsSection(fs: FormattedStatus, color: boolean): string | undefined {
  const caas = fs.model.type === CAAS;
  const units = new Map<string, FormattedUnit | StatusError>();
  for (const app of Object.values(fs.applications)) {
    if (isError(app)) continue;
    for (const [name, u] of Object.entries(app.units ?? {})) units.set(name, u);
  }
  if (units.size === 0) return undefined;
  const tw = new TabWriter();
  tw.row(
    ...(caas
      ? ['Unit', 'Workload', 'Agent', 'Address', 'Ports', 'Message']
      : ['Unit', 'Workload', 'Agent', 'Machine', 'Public address', 'Ports', 'Message']),
  );
  const print = (name: string, u: FormattedUnit | StatusError, level: number): void => {
    const indent = ' '.repeat(level * 2);
    if (isError(u)) {
      tw.row(
        `${indent}${name}`,
        colorStatus('failed', color),
        colorStatus('failed', color),
        ...(caas ? [''] : ['', '']),
        '',
        u['status-error'],
      );
      return;
    }
    let message = u['workload-status'].message ?? '';
    if (u['juju-status'].current === 'allocating' && message === '') message = u['juju-status'].message ?? '';
    const doing = agentDoing(u);
    if (doing !== '') message = `(${doing}) ${message}`;
    const shown = `${indent}${name}${u.leader ? '*' : ''}${u.branch ? ` ${u.branch}` : ''}`;
    const ports = formatPorts(u['open-ports'] ?? []);
    if (caas) {
      tw.row(
        shown,
        colorStatus(u['workload-status'].current ?? '', color),
        colorStatus(u['juju-status'].current ?? '', color),
        u.address ?? '',
        ports,
        message,
      );
    } else {
      tw.row(
        shown,
        colorStatus(u['workload-status'].current ?? '', color),
        colorStatus(u['juju-status'].current ?? '', color),
        u.machine ?? '',
        u['public-address'] ?? '',
        ports,
        message,
      );
    }
    for (const sub of naturalSort(Object.keys(u.subordinates ?? {}))) {
      print(sub, (u.subordinates ?? {})[sub] as FormattedUnit | StatusError, level + 1);
    }
  };
  for (const name of naturalSort(units.keys()))
    print(name, units.get(name) as FormattedUnit | StatusError, 0);
  return tw.toString();
}

function meterSection(fs: FormattedStatus): string | undefined {
  const rows: [string, string, string][] = [];
  if (fs.model['meter-status'])
    rows.push(['model', fs.model['meter-status'].color ?? '', fs.model['meter-status'].message ?? '']);
  const units: [string, FormattedUnit][] = [];
  for (const app of Object.values(fs.applications)) {
    if (isError(app)) continue;
    for (const [name, u] of Object.entries(app.units ?? {})) if (!isError(u)) units.push([name, u]);
  }
  units.sort(([a], [b]) => naturalCompare(a, b));
  for (const [name, u] of units) {
    if (u['meter-status']) rows.push([name, u['meter-status'].color ?? '', u['meter-status'].message ?? '']);
  }
  if (rows.length === 0) return undefined;
  const tw = new TabWriter();
  tw.row('Entity', 'Meter status', 'Message');
  for (const r of rows) tw.row(...r);
  return tw.toString();
}

/** The instance column: instance id, with the display name in brackets when there is one. */
function machineName(m: FormattedMachine): string {
  const id = m['instance-id'] ?? '';
  return m['display-name'] ? `${id} (${m['display-name']})` : id;
}

/** The Machine table (also `juju machines` and `juju show-machine --format tabular`). */
export function machinesSection(
  machines: Record<string, FormattedMachine | StatusError>,
  color: boolean,
): string {
  const tw = new TabWriter();
  tw.row('Machine', 'State', 'Address', 'Inst id', 'Base', 'AZ', 'Message');
  const print = (id: string, m: FormattedMachine | StatusError): void => {
    if (isError(m)) {
      tw.row(id, colorStatus('failed', color), '', '', '', '', m['status-error']);
      return;
    }
    const az = /(?:^| )availability-zone=(\S+)/.exec(m.hardware ?? '')?.[1] ?? '';
    let state = m['juju-status'].current ?? '';
    let message = m['machine-status'].message ?? '';
    if (m['modification-status'].current === 'error') {
      state = 'error';
      message = m['modification-status'].message ?? '';
    }
    const base = m.base ? `${m.base.name}@${m.base.channel}` : '';
    tw.row(id, colorStatus(state, color), m['dns-name'] ?? '', machineName(m), base, az, message);
    for (const cid of naturalSort(Object.keys(m.containers ?? {}))) {
      print(cid, (m.containers ?? {})[cid] as FormattedMachine | StatusError);
    }
  };
  for (const id of naturalSort(Object.keys(machines)))
    print(id, machines[id] as FormattedMachine | StatusError);
  return tw.toString();
}

function offersSection(offers: Record<string, FormattedOffer | StatusError>): string {
  const tw = new TabWriter();
  tw.row('Offer', 'Application', 'Charm', 'Rev', 'Connected', 'Endpoint', 'Interface', 'Role');
  for (const name of naturalSort(Object.keys(offers))) {
    const o = offers[name] as FormattedOffer | StatusError;
    if (isError(o)) {
      tw.row(name, `<failed> (${o['status-error']})`, '', '', '', '', '', '');
      continue;
    }
    const curl = /^(?:[a-z]+:)?(?:.*\/)?(.+?)(?:-(\d+))?$/.exec(o.charm ?? '');
    const endpoints = Object.keys(o.endpoints).sort();
    endpoints.forEach((ep, i) => {
      const e = o.endpoints[ep] as { interface: string; role: string };
      if (i === 0) {
        tw.row(
          name,
          o.application,
          curl?.[1] ?? '',
          curl?.[2] ?? '-1',
          `${o['active-connected-count'] ?? 0}/${o['total-connected-count'] ?? 0}`,
          ep,
          e.interface,
          e.role,
        );
      } else {
        tw.row('', '', '', '', '', ep, e.interface, e.role);
      }
    });
  }
  return tw.toString();
}

function relationsSection(fs: FormattedStatus): string {
  const rels = [...fs.relations].sort((a, b) =>
    a.provider === b.provider ? (a.requirer < b.requirer ? -1 : 1) : a.provider < b.provider ? -1 : 1,
  );
  const tw = new TabWriter();
  tw.row('Integration provider', 'Requirer', 'Interface', 'Type', 'Message');
  for (const r of rels) {
    const message =
      r.status !== 'joined' && r.status !== '' ? `${r.status}${r.message ? ` - ${r.message}` : ''}` : '';
    tw.row(r.provider, r.requirer, r.interface, r.type, message);
  }
  return tw.toString();
}

/** The whole tabular report. */
export function formatStatusTabular(fs: FormattedStatus, color: boolean): string {
  const sections: string[] = [modelSection(fs)];
  if (fs['application-endpoints'] && Object.keys(fs['application-endpoints']).length > 0) {
    sections.push(remoteSection(fs['application-endpoints'], color));
  }
  if (Object.keys(fs.applications).length > 0) {
    sections.push(applicationsSection(fs, color));
    const units = unitsSection(fs, color);
    if (units !== undefined) sections.push(units);
    const meters = meterSection(fs);
    if (meters !== undefined) sections.push(meters);
  }
  if (fs.model.type !== CAAS && Object.keys(fs.machines).length > 0)
    sections.push(machinesSection(fs.machines, color));
  if (fs.offers && Object.keys(fs.offers).length > 0) sections.push(offersSection(fs.offers));
  if (fs.relations.length > 0) sections.push(relationsSection(fs));
  const storageRows = (fs.storage as { rows?: StorageRow[] } | undefined)?.rows;
  if (storageRows !== undefined && storageRows.length > 0)
    sections.push(storageTable(storageRows, 'Storage Unit'));
  return sections.join('\n');
}
