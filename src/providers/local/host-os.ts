/**
 * The OS a local machine runs: the host's own, since a machine is a set of
 * processes on this kernel and filesystem.
 */

import { readFileSync } from 'node:fs';

/** Base as Juju spells it, e.g. {os: 'debian', channel: '12'}. */
export interface MachineBase {
  readonly os: string;
  readonly channel: string;
}

/** Parses os-release text (KEY=value lines, values optionally quoted). */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match || match[1] === undefined) continue;
    let value = match[2] ?? '';
    if (/^(".*"|'.*')$/.test(value)) value = value.slice(1, -1).replace(/\\(["'\\$`])/g, '$1');
    fields[match[1]] = value;
  }
  return fields;
}

let cached: MachineBase | undefined;

/** The host's base from /etc/os-release (falling back to /usr/lib/os-release). */
export function hostBase(): MachineBase {
  if (cached) return cached;
  let text = '';
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      text = readFileSync(path, 'utf8');
      break;
    } catch {
      // try the next location
    }
  }
  const fields = parseOsRelease(text);
  cached = { os: (fields['ID'] ?? 'linux').toLowerCase(), channel: fields['VERSION_ID'] ?? '' };
  return cached;
}
