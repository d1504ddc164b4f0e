/**
 * The host-side network plumbing of a local machine: the project bridge, one
 * network namespace per machine with a veth into the bridge, and the
 * /etc/netns files that keep name lookups inside the namespace local.
 * Every function is safe to call again after a partial failure.
 */

import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { notValid } from '../../core/errors.js';
import { runCommand } from './command.js';
import type { HostTools } from './host-tools.js';
import { networkOf, networksOverlap, parseIpv4 } from './ipv4.js';
import type { LocalNetworkSettings } from './settings.js';

/** Fixed by iproute2: where named namespaces are mounted and where their /etc overlays live. */
export const NETNS_RUN_DIR = '/run/netns';
export const NETNS_ETC_DIR = '/etc/netns';

/** statfs magic of nsfs: a live namespace mount. */
const NSFS_MAGIC = 0x6e736673;
/** IFF_UP in /sys/class/net/<if>/flags. */
const IFF_UP = 0x1;

/**
 * A MAC address derived from an IPv4 address: 02:6a (locally administered,
 * unicast) followed by the four address bytes. With it a reused address keeps
 * its MAC, so neighbour (ARP) entries cached by the host or other machines stay
 * right, and the bridge keeps one MAC whatever ports join it. Ranges never
 * overlap, so the MACs are unique on the host.
 */
export function macForAddress(address: string): string {
  const value = parseIpv4(address);
  if (value === undefined) throw new Error(`not an IPv4 address: ${address}`);
  const bytes = [0x02, 0x6a, ...[24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256)];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export function interfaceExists(name: string): boolean {
  return existsSync(join('/sys/class/net', name));
}

export function namespaceEntryExists(name: string): boolean {
  return existsSync(join(NETNS_RUN_DIR, name));
}

/**
 * True when /run/netns/<name> is a mounted, live namespace. After a reboot
 * /run/netns may keep plain files (it is on disk on some hosts): those are unusable.
 */
export async function namespaceUsable(name: string): Promise<boolean> {
  try {
    const st = await fs.statfs(join(NETNS_RUN_DIR, name));
    return st.type === NSFS_MAGIC;
  } catch {
    return false;
  }
}

/** Names of the entries under /run/netns starting with `prefix`. */
export async function listNamespaceEntries(prefix: string): Promise<string[]> {
  try {
    return (await fs.readdir(NETNS_RUN_DIR)).filter((name) => name.startsWith(prefix));
  } catch {
    return [];
  }
}

/** PIDs of every process whose network namespace is `name` (empty when it is gone). */
export async function namespacePids(tools: HostTools, name: string): Promise<number[]> {
  if (!(await namespaceUsable(name))) return [];
  const out = await runCommand(tools.ip, ['netns', 'pids', name]);
  return out
    .split(/\s+/)
    .filter((s) => /^[0-9]+$/.test(s))
    .map(Number);
}

interface HostAddress {
  readonly ifname: string;
  readonly address: number;
  readonly prefixLength: number;
  readonly text: string;
}

async function hostIpv4Addresses(tools: HostTools): Promise<HostAddress[]> {
  const out = await runCommand(tools.ip, ['-j', '-4', 'addr', 'show']);
  const links = JSON.parse(out || '[]') as Array<{
    ifname?: string;
    addr_info?: Array<{ family?: string; local?: string; prefixlen?: number }>;
  }>;
  const result: HostAddress[] = [];
  for (const link of links) {
    for (const info of link.addr_info ?? []) {
      const address = info.local !== undefined ? parseIpv4(info.local) : undefined;
      if (info.family !== 'inet' || address === undefined || info.prefixlen === undefined) continue;
      result.push({
        ifname: link.ifname ?? '?',
        address,
        prefixLength: info.prefixlen,
        text: `${info.local}/${info.prefixlen}`,
      });
    }
  }
  return result;
}

function interfaceIsUp(name: string): boolean {
  try {
    const flags = Number.parseInt(readFileSync(join('/sys/class/net', name, 'flags'), 'utf8').trim(), 16);
    return (flags & IFF_UP) !== 0;
  } catch {
    return false;
  }
}

/**
 * Makes sure the bridge exists, carries the gateway address and is up, and
 * that no other interface on the host already uses the range. Resolves
 * `created: true` when this call created the bridge.
 */
export async function ensureBridge(
  tools: HostTools,
  settings: LocalNetworkSettings,
): Promise<{ created: boolean }> {
  const { bridge, range, gateway } = settings;
  const exists = interfaceExists(bridge);
  if (exists && !existsSync(join('/sys/class/net', bridge, 'bridge'))) {
    throw notValid(
      `cannot use "${bridge}" for the local cloud: an interface of that name exists and is not a bridge`,
    );
  }
  const addresses = await hostIpv4Addresses(tools);
  for (const a of addresses) {
    if (a.ifname === bridge) continue;
    if (networksOverlap(networkOf(a.address, a.prefixLength), range)) {
      throw notValid(
        `local cloud address range ${range.cidr} overlaps ${a.text} on "${a.ifname}": choose another "cidr"`,
      );
    }
  }
  let created = false;
  if (!exists) {
    try {
      await runCommand(tools.ip, [
        'link',
        'add',
        'name',
        bridge,
        'address',
        macForAddress(gateway),
        'type',
        'bridge',
      ]);
      created = true;
    } catch (err) {
      if (!interfaceExists(bridge)) throw err; // lost a race with another creator: fine
    }
  }
  const gatewayAddress = parseIpv4(gateway);
  const hasGateway = addresses.some(
    (a) => a.ifname === bridge && a.address === gatewayAddress && a.prefixLength === range.prefixLength,
  );
  if (!hasGateway) {
    await runCommand(tools.ip, ['addr', 'replace', `${gateway}/${range.prefixLength}`, 'dev', bridge]);
  }
  await keepBridgeTrafficLocal(bridge);
  if (!interfaceIsUp(bridge)) await runCommand(tools.ip, ['link', 'set', 'dev', bridge, 'up']);
  return { created };
}

/**
 * Turns IPv4 forwarding off for packets arriving on the bridge, so machines
 * reach the host and each other but nothing they send is routed off the
 * host, even where global forwarding is on (LXD or Docker turn it on).
 * Re-applied on every machine start because changing the global
 * net.ipv4.ip_forward resets the per-interface value.
 */
async function keepBridgeTrafficLocal(bridge: string): Promise<void> {
  const path = join('/proc/sys/net/ipv4/conf', bridge, 'forwarding');
  if ((await fs.readFile(path, 'utf8')).trim() !== '0') await fs.writeFile(path, '0');
}

/** Deletes the bridge if it exists. */
export async function deleteBridge(tools: HostTools, bridge: string): Promise<void> {
  if (!interfaceExists(bridge)) return;
  try {
    await runCommand(tools.ip, ['link', 'del', 'dev', bridge]);
  } catch (err) {
    if (interfaceExists(bridge)) throw err;
  }
}

/** Everything needed to wire one machine into the bridge. */
export interface MachineLink {
  readonly namespace: string;
  readonly hostVeth: string;
  readonly bridge: string;
  readonly address: string;
  readonly prefixLength: number;
  readonly gateway: string;
}

/**
 * Creates the namespace, a veth pair (host end on the bridge, `eth0` inside,
 * with the MAC derived from its address),
 * brings `lo` and `eth0` up, sets the address and a default route via the
 * bridge. Fails if the namespace or the veth already exists.
 */
export async function createMachineLink(tools: HostTools, link: MachineLink): Promise<void> {
  const { namespace: ns, hostVeth, bridge, address, prefixLength, gateway } = link;
  const ip = tools.ip;
  await runCommand(ip, ['netns', 'add', ns]);
  const mac = macForAddress(address);
  await runCommand(ip, [
    'link',
    'add',
    'name',
    hostVeth,
    'type',
    'veth',
    'peer',
    'name',
    'eth0',
    'address',
    mac,
    'netns',
    ns,
  ]);
  await runCommand(ip, ['link', 'set', 'dev', hostVeth, 'master', bridge, 'up']);
  await runCommand(ip, ['-n', ns, 'link', 'set', 'dev', 'lo', 'up']);
  await runCommand(ip, ['-n', ns, 'addr', 'add', `${address}/${prefixLength}`, 'dev', 'eth0']);
  await runCommand(ip, ['-n', ns, 'link', 'set', 'dev', 'eth0', 'up']);
  await runCommand(ip, ['-n', ns, 'route', 'add', 'default', 'via', gateway, 'dev', 'eth0']);
}

/**
 * Deletes the host veth (its peer goes with it) and the namespace. A stale
 * namespace entry left by a reboot is unlinked. Missing pieces are fine.
 */
export async function removeMachineLink(
  tools: HostTools,
  namespace: string,
  hostVeth: string,
): Promise<void> {
  if (interfaceExists(hostVeth)) {
    try {
      await runCommand(tools.ip, ['link', 'del', 'dev', hostVeth]);
    } catch (err) {
      if (interfaceExists(hostVeth)) throw err;
    }
  }
  await removeNamespace(tools, namespace);
}

/** Deletes a named namespace, or unlinks its entry when it is a dead leftover. */
export async function removeNamespace(tools: HostTools, namespace: string): Promise<void> {
  if (!namespaceEntryExists(namespace)) return;
  try {
    await runCommand(tools.ip, ['netns', 'del', namespace]);
  } catch (err) {
    if (!namespaceEntryExists(namespace)) return;
    if (await namespaceUsable(namespace)) throw err;
    await fs.rm(join(NETNS_RUN_DIR, namespace), { force: true });
  }
}

/**
 * Writes /etc/netns/<ns>/{resolv.conf,hosts}. `ip netns exec` bind-mounts them
 * over /etc, so programs in the machine resolve names locally and never query
 * the host's resolver through the bridge.
 */
export async function writeNamespaceEtc(namespace: string, address: string, hostname: string): Promise<void> {
  const dir = join(NETNS_ETC_DIR, namespace);
  await fs.mkdir(dir, { recursive: true, mode: 0o755 });
  await fs.writeFile(join(dir, 'resolv.conf'), 'nameserver 127.0.0.1\n', { mode: 0o644 });
  await fs.writeFile(
    join(dir, 'hosts'),
    `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${address}\t${hostname}\n`,
    { mode: 0o644 },
  );
}

export async function removeNamespaceEtc(namespace: string): Promise<void> {
  await fs.rm(join(NETNS_ETC_DIR, namespace), { recursive: true, force: true });
}
