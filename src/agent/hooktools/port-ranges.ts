/**
 * Port ranges as open-port/close-port/opened-ports speak them: `80`, `80/udp`,
 * `8000-8100/tcp`, `icmp`; Juju's validation messages; sorting and conflicts.
 */
import type { GroupedPortRanges, PortRange } from './context.js';

const quote = (s: string): string => JSON.stringify(s);

/** Go strconv.Atoi with its error text. */
function atoi(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new Error(`strconv.Atoi: parsing ${quote(text)}: invalid syntax`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`strconv.Atoi: parsing ${quote(text)}: value out of range`);
  return n;
}

function parsePort(text: string, shown: string): number {
  try {
    return atoi(text);
  } catch (err) {
    throw new Error(`invalid port ${quote(shown)}: ${(err as Error).message}`);
  }
}

/**
 * Parse `<port>[/<proto>]`, `<from>-<to>[/<proto>]` or `icmp` (protocol defaults to
 * tcp; callers lower-case the text first) and validate it.
 * @throws Error with Juju's message, e.g. `invalid port range "1-2-3"`.
 */
export function parsePortRange(text: string): PortRange {
  let protocol = 'tcp';
  let ports = text;
  const slash = text.indexOf('/');
  if (slash >= 0) {
    ports = text.slice(0, slash);
    protocol = text.slice(slash + 1);
  }
  const parts = ports.split('-');
  let from: number;
  let to: number;
  if (parts.length > 2) throw new Error(`invalid port range ${quote(ports)}`);
  if (parts.length === 1) {
    if (parts[0] === 'icmp') {
      from = -1;
      to = -1;
    } else {
      from = to = parsePort(parts[0] as string, ports);
    }
  } else {
    from = parsePort(parts[0] as string, parts[0] as string);
    to = parsePort(parts[1] as string, parts[1] as string);
  }
  if (from === -1) protocol = 'icmp';
  validatePortRange(from, to, protocol);
  return { from, to, protocol: protocol as PortRange['protocol'] };
}

function validatePortRange(from: number, to: number, protocolText: string): void {
  const proto = protocolText.toLowerCase();
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'icmp') {
    throw new Error(`invalid protocol ${quote(proto)}, expected "tcp", "udp", or "icmp"`);
  }
  if (proto === 'icmp') {
    if (from === to && from === -1) return;
    throw new Error(`protocol "icmp" doesn't support any ports; got "${from}"`);
  }
  if (from > to) throw new Error(`invalid port range ${formatPortRange({ from, to, protocol: proto })}`);
  if (from < 0 || from > 65535 || to < 0 || to > 65535) {
    throw new Error(`port range bounds must be between 0 and 65535, got ${from}-${to}`);
  }
}

/** `80/tcp`, `8000-8100/udp`, `icmp`. */
export function formatPortRange(r: PortRange): string {
  if (r.protocol === 'icmp') return 'icmp';
  return r.from === r.to ? `${r.from}/${r.protocol}` : `${r.from}-${r.to}/${r.protocol}`;
}

export function samePortRange(a: PortRange, b: PortRange): boolean {
  return a.from === b.from && a.to === b.to && a.protocol === b.protocol;
}

/** Overlap on the same protocol. */
export function portRangesConflict(a: PortRange, b: PortRange): boolean {
  return a.protocol === b.protocol && a.to >= b.from && b.to >= a.from;
}

/** Juju's order: protocol, then from, then to. */
export function comparePortRanges(a: PortRange, b: PortRange): number {
  if (a.protocol !== b.protocol) return a.protocol < b.protocol ? -1 : 1;
  if (a.from !== b.from) return a.from - b.from;
  return a.to - b.to;
}

/** The distinct ranges of a grouping, sorted. */
export function uniquePortRanges(grouped: GroupedPortRanges): PortRange[] {
  const out: PortRange[] = [];
  for (const ranges of Object.values(grouped)) {
    for (const r of ranges) if (!out.some((o) => samePortRange(o, r))) out.push(r);
  }
  return out.sort(comparePortRanges);
}
