/** Errors of the operation domain, worded as Juju's. */
import { alreadyExists, notFound, notValid, type JujuError } from '../../core/errors.js';

export const operationNotFound = (id: string): JujuError =>
  notFound(`operation ${JSON.stringify(id)} not found`);
export const taskNotFound = (id: string): JujuError => notFound(`action ${JSON.stringify(id)} not found`);
export const invalidReceiver = (receiver: string): JujuError =>
  notValid(`invalid action receiver ${JSON.stringify(receiver)}`);
export const unitNotFound = (name: string): JujuError => notFound(`unit ${JSON.stringify(name)} not found`);
export const machineNotFound = (id: string): JujuError => notFound(`machine ${id} not found`);
export const noTasks = (): JujuError => notValid('no actions specified');
export const taskNotPending = (id: string, status: string): JujuError =>
  notValid(`cannot begin action ${id}: action has status ${JSON.stringify(status)}`);
export const cannotLog = (id: string, status: string): JujuError =>
  notValid(`cannot log message to task ${JSON.stringify(id)} with status ${status}`);
export const alreadyHasStatus = (id: string, status: string): JujuError =>
  alreadyExists(`action ${id} already has status ${JSON.stringify(status)}`);
export const alreadyFinished = (id: string, status: string): JujuError =>
  alreadyExists(`action ${id} is already finished with status ${JSON.stringify(status)}`);
export const invalidFinalStatus = (status: string): JujuError =>
  notValid(`invalid action status ${JSON.stringify(status)}`);
export const invalidStatusFilter = (status: string): JujuError =>
  notValid(`invalid operation status ${JSON.stringify(status)}`);
