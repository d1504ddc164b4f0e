/**
 * Addresses a unit agent sees: the private and public address of the unit's
 * machine, and the minimal network info of a binding (bind address = the
 * machine's private address, ingress = that address, egress = its /32).
 */
import { ErrorCode, JujuError } from '../../core/errors.js';
import type { ControllerServices, MachineAddress } from '../../domain/index.js';
import type { NetworkInfoResult } from '../../rpc/params/uniter.js';

/** Private scopes first: cloud-local, then unscoped, machine-local; public last. */
const PRIVATE_ORDER = ['local-cloud', '', 'local-machine', 'public', 'link-local'];
const PUBLIC_ORDER = ['public', 'local-cloud', '', 'local-machine', 'link-local'];

function pick(addresses: readonly MachineAddress[], order: readonly string[]): string {
  const usable = addresses.filter((a) => a.type !== 'ipv6' || !a.value.startsWith('fe80'));
  const ranked = [...usable].sort((a, b) => {
    const ra = order.indexOf(a.scope);
    const rb = order.indexOf(b.scope);
    return (ra < 0 ? order.length : ra) - (rb < 0 ? order.length : rb);
  });
  return ranked[0]?.value ?? '';
}

/** The machine addresses of a unit ([] while unassigned or unprovisioned). */
export function unitMachineAddresses(
  services: ControllerServices,
  modelUuid: string,
  unitName: string,
): readonly MachineAddress[] {
  const unit = services.application.unit(modelUuid, unitName);
  if (unit.machineId === null || unit.machineId === '') return [];
  try {
    return services.machine.get(modelUuid, unit.machineId).addresses;
  } catch {
    return [];
  }
}

/** `unit-get private-address`. @throws `not found` `private address not found for unit "a/0"`. */
export function unitPrivateAddress(
  services: ControllerServices,
  modelUuid: string,
  unitName: string,
): string {
  const value = pick(unitMachineAddresses(services, modelUuid, unitName), PRIVATE_ORDER);
  if (value === '')
    throw new JujuError(ErrorCode.NotFound, `private address not found for unit ${JSON.stringify(unitName)}`);
  return value;
}

/** `unit-get public-address`; falls back to the private address, as on clouds without public ones. */
export function unitPublicAddress(services: ControllerServices, modelUuid: string, unitName: string): string {
  const value = pick(unitMachineAddresses(services, modelUuid, unitName), PUBLIC_ORDER);
  if (value === '')
    throw new JujuError(ErrorCode.NotFound, `public address not found for unit ${JSON.stringify(unitName)}`);
  return value;
}

function cidrOf(address: string): string {
  if (address.includes(':')) return `${address}/128`;
  const parts = address.split('.');
  return parts.length === 4 ? `${parts.slice(0, 3).join('.')}.0/24` : '';
}

/**
 * Network info of one binding: every binding of a machine charm resolves to the
 * machine's private address (we model a single space).
 */
export function bindingNetworkInfo(
  services: ControllerServices,
  modelUuid: string,
  unitName: string,
): NetworkInfoResult {
  let address: string;
  try {
    address = unitPrivateAddress(services, modelUuid, unitName);
  } catch {
    return { 'bind-addresses': [], 'egress-subnets': [], 'ingress-addresses': [] };
  }
  const isHostname = !/^[0-9.:a-fA-F]+$/.test(address);
  return {
    'bind-addresses': [
      {
        'mac-address': '',
        'interface-name': '',
        addresses: [
          { hostname: isHostname ? address : '', value: address, cidr: isHostname ? '' : cidrOf(address) },
        ],
      },
    ],
    'egress-subnets': [address.includes(':') ? `${address}/128` : `${address}/32`],
    'ingress-addresses': [address],
  };
}

/**
 * The settings Juju seeds a unit's relation bag with on entering scope and
 * refreshes after each config-changed.
 */
export function relationAddressSettings(
  services: ControllerServices,
  modelUuid: string,
  unitName: string,
): Record<string, string> {
  const info = bindingNetworkInfo(services, modelUuid, unitName);
  const ingress = info['ingress-addresses']?.[0] ?? '';
  if (ingress === '') return {};
  return {
    'private-address': ingress,
    'ingress-address': ingress,
    'egress-subnets': (info['egress-subnets'] ?? []).join(','),
  };
}
