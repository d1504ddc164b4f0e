/**
 * `juju status --format short|line|oneline`: one line per unit, naturally
 * sorted, subordinates indented under their principal:
 * `- mysql/0: 10.0.0.10 (agent:idle, workload:active) 3306/tcp`.
 */
import type { FormattedStatus, FormattedUnit, StatusError } from './formatted.js';
import { naturalSort } from './natural-sort.js';
import { formatPorts } from './ports.js';

export function formatStatusOneline(fs: FormattedStatus): string {
  let out = '';
  const print = (name: string, u: FormattedUnit | StatusError, level: number): void => {
    const indent = ' '.repeat(level * 2);
    if ('status-error' in u) {
      out += `${indent}- ${name}:  (agent:failed, workload:failed)\n`;
      return;
    }
    out += `${indent}- ${name}: ${u['public-address'] ?? ''} (agent:${u['juju-status'].current ?? ''}, workload:${u['workload-status'].current ?? ''})`;
    const ports = formatPorts(u['open-ports'] ?? []);
    if (ports !== '') out += ` ${ports}`;
    out += '\n';
    for (const sub of naturalSort(Object.keys(u.subordinates ?? {}))) {
      print(sub, (u.subordinates ?? {})[sub] as FormattedUnit | StatusError, level + 1);
    }
  };
  for (const appName of naturalSort(Object.keys(fs.applications))) {
    const app = fs.applications[appName];
    if (app === undefined || 'status-error' in app) continue;
    for (const unit of naturalSort(Object.keys(app.units ?? {}))) {
      print(unit, (app.units ?? {})[unit] as FormattedUnit | StatusError, 0);
    }
  }
  return out;
}
