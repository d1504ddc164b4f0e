/** Errors of the machine domain, worded as Juju's. */
import { ErrorCode, JujuError, notFound, notValid } from '../../core/errors.js';

export const machineNotFound = (id: string): JujuError => notFound(`machine ${id} not found`);
export const modelNotAlive = (): JujuError => new JujuError(ErrorCode.NotValid, 'model is no longer alive');
export const machineNotAlive = (id: string): JujuError => notValid(`machine ${id} is not alive`);
export const instanceAlreadySet = (id: string): JujuError =>
  new JujuError(
    ErrorCode.AlreadyExists,
    `cannot set instance data for machine ${JSON.stringify(id)}: already set`,
  );
export const machineRequiredByModel = (id: string): JujuError =>
  notValid(`machine ${id} is required by the model`);
export const machineStillAlive = (id: string): JujuError =>
  notValid(`cannot remove machine ${id}: machine is still alive`);
export const invalidStatus = (which: string, status: string): JujuError =>
  notValid(`cannot set invalid status ${JSON.stringify(status)} for machine ${which}`);
export const agentPasswordTooShort = (length: number): JujuError =>
  notValid(`password is only ${length} bytes long, and is not a valid Agent password`);
export const unknownJob = (job: string): JujuError => notValid(`invalid machine job ${JSON.stringify(job)}`);
