/**
 * `juju status --format summary`: the subnets and ports in use, then counts
 * of machines, units and applications per status (right-aligned), the
 * applications with how many units are exposed, and the SAAS applications.
 */
import type { FormattedStatus, FormattedUnit, StatusError } from './formatted.js';
import { naturalSort } from './natural-sort.js';
import { formatPorts } from './ports.js';

const PADDING = 2;

/**
 * Go text/tabwriter layout of tab-separated lines: a column's width is set
 * per run of consecutive lines that have a terminated cell in it; with
 * `right` every terminated cell is right-aligned (padding on its left).
 */
export function goTabwriter(lines: readonly string[], right: boolean): string {
  const rows = lines.map((l) => l.split('\t'));
  const widths: number[][] = rows.map(() => []);
  const layout = (from: number, to: number, column: number): void => {
    let i = from;
    while (i < to) {
      if ((rows[i] as string[]).length - 1 <= column) {
        i++;
        continue;
      }
      const start = i;
      let width = 0;
      while (i < to && (rows[i] as string[]).length - 1 > column) {
        width = Math.max(width, [...((rows[i] as string[])[column] as string)].length + PADDING);
        i++;
      }
      for (let k = start; k < i; k++) (widths[k] as number[])[column] = width;
      layout(start, i, column + 1);
    }
  };
  layout(0, rows.length, 0);
  return rows
    .map((cells, i) =>
      cells
        .map((cell, j) => {
          const w = (widths[i] as number[])[j];
          if (j === cells.length - 1 || w === undefined) return cell;
          const pad = ' '.repeat(Math.max(0, w - [...cell].length));
          return right ? pad + cell : cell + pad;
        })
        .join(''),
    )
    .map((l) => `${l}\n`)
    .join('');
}

/** `10.1.2.3/8`: the address with its classful default mask, as Juju reports subnets. */
function defaultNet(ip: string): { text: string; contains: (other: string) => boolean } | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  const first = parts[0] as number;
  const bits = first < 128 ? 8 : first < 192 ? 16 : 24;
  const prefix = (addr: number[]): string => addr.slice(0, bits / 8).join('.');
  return {
    text: `${ip}/${bits}`,
    contains: (other) => {
      const o = other.split('.').map(Number);
      return o.length === 4 && prefix(o) === prefix(parts);
    },
  };
}

export function formatStatusSummary(fs: FormattedStatus): string {
  const nets: { text: string; contains: (ip: string) => boolean }[] = [];
  const track = (addr: string | undefined): void => {
    if (!addr) return;
    if (nets.some((n) => n.contains(addr))) return;
    const net = defaultNet(addr);
    if (net !== undefined) nets.push(net);
  };
  const machineStates = new Map<string, number>();
  for (const id of naturalSort(Object.keys(fs.machines))) {
    const m = fs.machines[id];
    if (m === undefined || 'status-error' in m) continue;
    track(m['dns-name']);
    let state = m['juju-status'].current ?? '';
    if (m['modification-status'].current === 'error') state = 'error';
    if (state === '') state = 'pending';
    machineStates.set(state, (machineStates.get(state) ?? 0) + 1);
  }
  const unitStates = new Map<string, number>();
  const ports = new Set<string>();
  let units = 0;
  const exposure = new Map<string, { exposed: number; total: number }>();
  const trackUnit = (u: FormattedUnit | StatusError): void => {
    if ('status-error' in u) return;
    track(u['public-address']);
    for (const p of u['open-ports'] ?? []) if (p !== '') ports.add(p);
    units++;
    const w = u['workload-status'].current ?? '';
    unitStates.set(w, (unitStates.get(w) ?? 0) + 1);
    for (const s of Object.values(u.subordinates ?? {})) trackUnit(s);
  };
  for (const name of naturalSort(Object.keys(fs.applications))) {
    const app = fs.applications[name];
    if (app === undefined || 'status-error' in app) continue;
    for (const un of naturalSort(Object.keys(app.units ?? {})))
      trackUnit((app.units ?? {})[un] as FormattedUnit);
    const e = exposure.get(name) ?? { exposed: 0, total: 0 };
    e.total++;
    if (app.exposed) e.exposed++;
    exposure.set(name, e);
  }

  const head = goTabwriter(
    [
      'Running on subnets:\t' + nets.map((n) => n.text).join(', ') + '\t',
      ' Utilizing ports:\t' + formatPorts([...ports]),
    ],
    false,
  );
  const lines: string[] = [];
  const counts = (m: Map<string, number>): void => {
    for (const state of naturalSort(m.keys())) lines.push(`${state}:\t ${m.get(state) ?? 0} \t`);
  };
  lines.push(`# Machines:\t(${Object.keys(fs.machines).length})\t`);
  counts(machineStates);
  lines.push(' \t');
  lines.push(`# Units:\t(${units})\t`);
  counts(unitStates);
  lines.push(' \t');
  lines.push(`# Applications:\t(${Object.keys(fs.applications).length})\t`);
  for (const name of naturalSort(exposure.keys())) {
    const e = exposure.get(name) as { exposed: number; total: number };
    lines.push(`${name}\t${e.exposed}/${e.total}\texposed\t`);
  }
  lines.push(' \t');
  const remote = fs['application-endpoints'] ?? {};
  lines.push(`# Remote:\t(${Object.keys(remote).length})\t`);
  for (const name of naturalSort(Object.keys(remote))) {
    const r = remote[name];
    lines.push(`${name}\t\t${r !== undefined && 'url' in r ? r.url : ''}\t`);
  }
  return head + goTabwriter(lines, true);
}
