/**
 * CIDR notation checks (`10.0.0.0/8`, `::/0`) for config keys that hold address
 * ranges. Pure: `node:net` is used only for its address parsers.
 */

import { isIPv4, isIPv6 } from 'node:net';

/** True when `text` is `<IPv4>/<0-32>` or `<IPv6>/<0-128>`. */
export function isValidCidr(text: string): boolean {
  const slash = text.lastIndexOf('/');
  if (slash <= 0) return false;
  const address = text.slice(0, slash);
  const prefix = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  if (isIPv4(address)) return bits <= 32;
  if (isIPv6(address) && !address.includes('%')) return bits <= 128;
  return false;
}
