/**
 * Minimal IPv4 arithmetic for the local cloud's address range: parse a CIDR,
 * turn addresses into integers and back, and test overlap. Only what the
 * provider needs; no IPv6.
 */

/** A parsed IPv4 network such as 10.232.0.0/24. */
export interface Ipv4Network {
  /** Canonical text, e.g. "10.232.0.0/24". */
  readonly cidr: string;
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  readonly prefixLength: number;
  /** Broadcast address as an unsigned 32-bit integer. */
  readonly broadcast: number;
}

/** Parses dotted-quad text; returns undefined when it is not a valid IPv4 address. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** Formats an unsigned 32-bit integer as dotted-quad text. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/**
 * Parses "a.b.c.d/p". Returns undefined when the text is malformed or has host
 * bits set (10.232.0.5/24 is an address, not a range).
 */
export function parseIpv4Network(text: string): Ipv4Network | undefined {
  const match = /^([0-9.]+)\/([0-9]{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const network = parseIpv4(match[1] ?? '');
  const prefixLength = Number(match[2]);
  if (network === undefined || prefixLength > 32) return undefined;
  const size = 2 ** (32 - prefixLength);
  if (network % size !== 0) return undefined;
  return {
    cidr: `${formatIpv4(network)}/${prefixLength}`,
    network,
    prefixLength,
    broadcast: network + size - 1,
  };
}

/** The network an interface address belongs to (host bits cleared). */
export function networkOf(address: number, prefixLength: number): Ipv4Network {
  const size = 2 ** (32 - prefixLength);
  const network = address - (address % size);
  return {
    cidr: `${formatIpv4(network)}/${prefixLength}`,
    network,
    prefixLength,
    broadcast: network + size - 1,
  };
}

/** True when the two ranges share at least one address. */
export function networksOverlap(a: Ipv4Network, b: Ipv4Network): boolean {
  return a.network <= b.broadcast && b.network <= a.broadcast;
}

/** True when the address lies inside the network (network and broadcast included). */
export function networkContains(net: Ipv4Network, address: number): boolean {
  return address >= net.network && address <= net.broadcast;
}
