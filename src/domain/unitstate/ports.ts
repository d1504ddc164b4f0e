/**
 * Port range rules, as Juju applies them per machine: validation, the
 * `80/tcp` / `8000-8080/tcp` / `icmp` form, conflicts (overlapping ranges of
 * one protocol on one machine) and the merge of a unit's open/close requests.
 */
import {
  icmpWithPorts,
  invalidPortRange,
  invalidProtocol,
  portBounds,
  portConflict,
  unknownPortEndpoint,
} from './errors.js';
import type { OpenedPortRange, PortRange, UnitPortRange } from './types.js';

/** `80/tcp`, `8000-8080/udp`, `icmp`. */
export function formatPortRange(p: PortRange): string {
  const protocol = p.protocol.toLowerCase();
  if (protocol === 'icmp') return protocol;
  return p.fromPort === p.toPort ? `${p.fromPort}/${protocol}` : `${p.fromPort}-${p.toPort}/${protocol}`;
}

/**
 * Checks a range. @throws `not valid` `invalid protocol "x", expected "tcp", "udp", or "icmp"`,
 *   `invalid port range 90-80/tcp`, `port range bounds must be between 0 and 65535, got ...`.
 */
export function validatePortRange(p: PortRange): void {
  const protocol = p.protocol.toLowerCase();
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'icmp') throw invalidProtocol(protocol);
  if (protocol === 'icmp') {
    if (p.fromPort === -1 && p.toPort === -1) return;
    throw icmpWithPorts(p.fromPort);
  }
  if (p.fromPort > p.toPort) throw invalidPortRange(formatPortRange(p));
  if (p.fromPort < 0 || p.fromPort > 65535 || p.toPort < 0 || p.toPort > 65535)
    throw portBounds(p.fromPort, p.toPort);
}

/** True when two ranges of the same protocol overlap. */
export function portRangesConflict(a: PortRange, b: PortRange): boolean {
  return a.protocol === b.protocol && a.toPort >= b.fromPort && b.toPort >= a.fromPort;
}

function sameRange(a: PortRange, b: PortRange): boolean {
  return a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort;
}

/** Orders by protocol, then ports. */
export function comparePortRanges(a: PortRange, b: PortRange): number {
  if (a.protocol !== b.protocol) return a.protocol < b.protocol ? -1 : 1;
  if (a.fromPort !== b.fromPort) return a.fromPort - b.fromPort;
  return a.toPort - b.toPort;
}

function normalise<T extends PortRange>(p: T): T {
  return { ...p, protocol: p.protocol.toLowerCase() };
}

/** Inputs of {@link mergePortChanges}. */
export interface PortMergeInput {
  readonly unit: string;
  /** Endpoints the unit's charm has ('' is always allowed). */
  readonly endpoints: readonly string[];
  /** Every range opened on the unit's machine (or just the unit's when unassigned). */
  readonly machineRanges: readonly UnitPortRange[];
  readonly open: readonly OpenedPortRange[];
  readonly close: readonly OpenedPortRange[];
}

/**
 * The unit's opened ranges after applying opens then closes: opening a range
 * the unit has already is a no-op; endpoint entries covered by an all-endpoint
 * one are dropped; closing one endpoint of an all-endpoint range keeps it open
 * on the other endpoints; closing what is not open does nothing.
 * @throws `not found` unknown endpoint; `not valid` bad range or a conflict
 *   `cannot open ports 85/tcp: port ranges 80-90/tcp ("b/0") and 85/tcp ("a/0") conflict`.
 */
export function mergePortChanges(input: PortMergeInput): OpenedPortRange[] {
  const known = new Set(input.endpoints);
  const open = input.open.map(normalise);
  const close = input.close.map(normalise);
  for (const p of open) {
    validatePortRange(p);
    if (p.endpoint !== '' && !known.has(p.endpoint))
      throw unknownPortEndpoint('open', p.endpoint, input.unit);
  }
  for (const p of close) {
    validatePortRange(p);
    if (p.endpoint !== '' && !known.has(p.endpoint))
      throw unknownPortEndpoint('close', p.endpoint, input.unit);
  }
  const others = input.machineRanges.filter((r) => r.unit !== input.unit);
  let mine: OpenedPortRange[] = input.machineRanges
    .filter((r) => r.unit === input.unit)
    .map((r) => ({ endpoint: r.endpoint, protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort }));
  const has = (endpoint: string, p: PortRange): boolean =>
    mine.some((m) => m.endpoint === endpoint && sameRange(m, p));
  const conflict = (verb: 'open' | 'close', p: PortRange, includeMine: boolean): void => {
    const candidates: UnitPortRange[] = [
      ...others,
      ...(includeMine ? mine.map((m) => ({ ...m, unit: input.unit })) : []),
    ];
    for (const existing of candidates) {
      if (sameRange(existing, p) && existing.unit === input.unit) continue;
      if (portRangesConflict(existing, p))
        throw portConflict(verb, formatPortRange(p), formatPortRange(existing), existing.unit, input.unit);
    }
  };

  for (const p of open) {
    const ownsRange = mine.some((m) => sameRange(m, p));
    if (ownsRange) {
      if (has('', p) || has(p.endpoint, p)) continue;
    } else {
      conflict('open', p, true);
    }
    mine.push({ ...p });
  }
  // Endpoint-specific entries covered by an all-endpoint entry are redundant.
  mine = mine.filter((m) => m.endpoint === '' || !has('', m));

  for (const p of close) {
    if (!mine.some((m) => sameRange(m, p))) {
      conflict('close', p, true);
      continue;
    }
    if (p.endpoint === '') {
      mine = mine.filter((m) => !sameRange(m, p));
      continue;
    }
    const wildcard = has('', p);
    mine = mine.filter((m) => !(sameRange(m, p) && (m.endpoint === p.endpoint || m.endpoint === '')));
    if (wildcard) {
      for (const endpoint of input.endpoints) {
        if (endpoint === p.endpoint || has(endpoint, p)) continue;
        mine.push({ endpoint, protocol: p.protocol, fromPort: p.fromPort, toPort: p.toPort });
      }
    }
  }
  return mine.sort((a, b) =>
    a.endpoint !== b.endpoint ? (a.endpoint < b.endpoint ? -1 : 1) : comparePortRanges(a, b),
  );
}
