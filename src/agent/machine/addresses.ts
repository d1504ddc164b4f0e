/** The machine's own addresses, as the machine agent reports them (`Machiner.SetMachineAddresses`). */
import { networkInterfaces } from 'node:os';
import type { WireAddress } from '../../rpc/params/agent.js';

/** Juju's scope of an IPv4 address: private ranges are `local-cloud`, the rest `public`. */
export function ipv4Scope(address: string): string {
  const [a = 0, b = 0] = address.split('.').map(Number);
  if (a === 127) return 'local-machine';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'local-cloud';
  return 'public';
}

/** Non-loopback IPv4 addresses of this host's interfaces (those of its namespace on `local`). */
export function machineAddresses(): WireAddress[] {
  const result: WireAddress[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const e of entries ?? []) {
      if (e.family !== 'IPv4' || e.internal) continue;
      result.push({
        value: e.address,
        type: 'ipv4',
        scope: ipv4Scope(e.address),
        ...(e.cidr ? { cidr: e.cidr } : {}),
      });
    }
  }
  return result;
}
