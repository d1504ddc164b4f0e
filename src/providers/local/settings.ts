/**
 * Where the local cloud puts things: the bridge, the address range and the
 * host-wide state directory. Each comes from the cloud config first, then the
 * environment, then the default, so a controller keeps using the range it was
 * bootstrapped with whatever the environment of a later process says.
 */

import { resolve } from 'node:path';

import { notValid } from '../../core/errors.js';
import { formatIpv4, parseIpv4Network, type Ipv4Network } from './ipv4.js';

export const DEFAULT_BRIDGE = 'jujubr0';
export const DEFAULT_CIDR = '10.232.0.0/24';
export const DEFAULT_ROOT = '/var/lib/juju-ts/local';

/** Environment variables the local cloud reads. */
export const LocalEnv = {
  Bridge: 'JUJU_LOCAL_BRIDGE',
  Cidr: 'JUJU_LOCAL_CIDR',
  Root: 'JUJU_LOCAL_ROOT',
} as const;

/** First host offset handed to machines (.1 is the bridge, .2-.9 stay free). */
const FIRST_MACHINE_OFFSET = 10;

/** Resolved network settings of one environ. */
export interface LocalNetworkSettings {
  readonly bridge: string;
  readonly range: Ipv4Network;
  /** The bridge's own address: first host of the range. */
  readonly gateway: string;
  /** Lowest and highest address (as integers) a machine may get. */
  readonly firstMachineAddress: number;
  readonly lastMachineAddress: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function pickString(
  cloudConfig: Readonly<Record<string, unknown>> | undefined,
  key: string,
  env: Env,
  envKey: string,
  fallback: string,
): string {
  const fromConfig = cloudConfig?.[key];
  if (fromConfig !== undefined && fromConfig !== null && fromConfig !== '') {
    if (typeof fromConfig !== 'string') throw notValid(`local cloud config "${key}" must be a string`);
    return fromConfig;
  }
  const fromEnv = env[envKey];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : fallback;
}

/** Linux interface names: at most 15 bytes, no slash or whitespace; we allow a safe subset. */
function validBridgeName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/.test(name);
}

/**
 * Resolves bridge and range from cloud config (`bridge`, `cidr`), then
 * `JUJU_LOCAL_BRIDGE` / `JUJU_LOCAL_CIDR`, then the defaults.
 * Throws a `not valid` JujuError for a bad name or range.
 */
export function resolveNetworkSettings(
  cloudConfig: Readonly<Record<string, unknown>> | undefined,
  env: Env = process.env,
): LocalNetworkSettings {
  const bridge = pickString(cloudConfig, 'bridge', env, LocalEnv.Bridge, DEFAULT_BRIDGE);
  if (!validBridgeName(bridge)) {
    throw notValid(
      `local cloud bridge name "${bridge}" not valid: use 1-15 letters, digits, "_", "." or "-"`,
    );
  }
  const cidrText = pickString(cloudConfig, 'cidr', env, LocalEnv.Cidr, DEFAULT_CIDR);
  const range = parseIpv4Network(cidrText);
  if (!range) {
    throw notValid(`local cloud cidr "${cidrText}" not valid: want an IPv4 network such as ${DEFAULT_CIDR}`);
  }
  // Room for the bridge (.1), the reserved .2-.9 and at least a few machines.
  if (range.prefixLength < 8 || range.prefixLength > 28) {
    throw notValid(`local cloud cidr "${cidrText}" not valid: prefix length must be between 8 and 28`);
  }
  return {
    bridge,
    range,
    gateway: formatIpv4(range.network + 1),
    firstMachineAddress: range.network + FIRST_MACHINE_OFFSET,
    lastMachineAddress: range.broadcast - 1,
  };
}

/** Host-wide state directory: `JUJU_LOCAL_ROOT` or /var/lib/juju-ts/local. */
export function resolveStateRoot(env: Env = process.env): string {
  const fromEnv = env[LocalEnv.Root];
  return fromEnv !== undefined && fromEnv !== '' ? resolve(fromEnv) : DEFAULT_ROOT;
}
