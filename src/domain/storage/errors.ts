/** Errors of the storage domain, worded as Juju's. */
import { JujuError, ErrorCode, notFound, notSupported, notValid } from '../../core/errors.js';

export const storageNotFound = (id: string): JujuError => notFound(`storage ${id} not found`);
export const invalidStorageId = (id: string): JujuError =>
  notValid(`invalid storage ID ${JSON.stringify(id)}`);
export const charmStorageNotFound = (name: string, charm: string): JujuError =>
  notFound(`charm storage ${JSON.stringify(name)} not found for charm ${JSON.stringify(charm)}`);
export const poolNotFound = (pool: string): JujuError => notFound(`pool ${JSON.stringify(pool)} not found`);
export const poolNotSupported = (pool: string, cloud: string): JujuError =>
  notSupported(`storage pool ${JSON.stringify(pool)} not supported on the ${cloud} cloud`);
export const poolKindMismatch = (name: string, kind: string, pool: string): JujuError =>
  notValid(
    `storage ${JSON.stringify(name)} is of kind ${kind}, pool ${JSON.stringify(pool)} provides another kind`,
  );
export const countOutOfRange = (name: string, count: number, min: number, max: number): JujuError =>
  notValid(
    max < 0
      ? `charm ${JSON.stringify(name)} store: ${count} instances requested, minimum ${min}`
      : `storage ${JSON.stringify(name)}: at most ${max} instances allowed, ${count} requested (minimum ${min})`,
  );
export const sizeTooSmall = (name: string, size: number, min: number): JujuError =>
  notValid(`charm ${JSON.stringify(name)} store: minimum storage size is ${min}M, ${size}M specified`);
export const invalidDirective = (text: string, why: string): JujuError =>
  notValid(`cannot parse disk storage directive ${JSON.stringify(text)}: ${why}`);
export const unitNotAlive = (unit: string): JujuError =>
  new JujuError(ErrorCode.NotValid, `adding storage to unit ${unit}: unit is not alive`);
export const storageAttached = (id: string): JujuError =>
  new JujuError(ErrorCode.NotValid, `storage ${id} is attached`);
