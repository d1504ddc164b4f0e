/** Errors of the unit-state domain, worded as Juju's. */
import { ErrorCode, JujuError, notFound, notSupported, notValid } from '../../core/errors.js';

/** Juju's wire code for exceeded quotas. */
export const QUOTA_LIMIT_EXCEEDED = 'quota limit exceeded';

export const unitNotFound = (name: string): JujuError => notFound(`unit ${JSON.stringify(name)} not found`);
export const unitIsDead = (name: string): JujuError =>
  new JujuError(ErrorCode.Dead, `unit ${JSON.stringify(name)} is dead`);
export const quotaExceeded = (what: string, why: string): JujuError =>
  new JujuError(QUOTA_LIMIT_EXCEEDED, `${what}: ${why}`);
export const invalidProtocol = (protocol: string): JujuError =>
  notValid(`invalid protocol ${JSON.stringify(protocol)}, expected "tcp", "udp", or "icmp"`);
export const icmpWithPorts = (from: number): JujuError =>
  notValid(`protocol "icmp" doesn't support any ports; got "${from}"`);
export const invalidPortRange = (range: string): JujuError => notValid(`invalid port range ${range}`);
export const portBounds = (from: number, to: number): JujuError =>
  notValid(`port range bounds must be between 0 and 65535, got ${from}-${to}`);
export const unknownPortEndpoint = (verb: 'open' | 'close', endpoint: string, unit: string): JujuError =>
  notFound(
    `cannot open/close ports: ${verb} port range: endpoint ${JSON.stringify(endpoint)} for unit ${JSON.stringify(unit)} not found`,
  );
export const portConflict = (
  verb: 'open' | 'close',
  pending: string,
  existing: string,
  existingUnit: string,
  pendingUnit: string,
): JujuError =>
  notValid(
    `cannot ${verb} ports ${pending}: port ranges ${existing} (${JSON.stringify(existingUnit)}) and ${pending} (${JSON.stringify(pendingUnit)}) conflict`,
  );
export const storageNotSupported = (): JujuError =>
  notSupported('adding storage from a hook is not supported');
export const secretsNotSupported = (): JujuError => notSupported('secrets are not supported');
