/** Errors of the secret domain, worded as Juju's. */
import { ErrorCode, JujuError, notFound, notValid, unauthorized } from '../../core/errors.js';

export const secretNotFound = (idOrLabel: string): JujuError =>
  notFound(`secret ${JSON.stringify(idOrLabel)} not found`);
export const secretRevisionNotFound = (id: string, revision: number): JujuError =>
  notFound(`secret revision ${JSON.stringify(`${id}/${revision}`)} not found`);
export const consumerLabelNotFound = (label: string): JujuError =>
  notFound(`consumer label ${JSON.stringify(label)} not found`);
export const secretPermissionDenied = (): JujuError => unauthorized('permission denied');
export const secretNotLeader = (): JujuError =>
  new JujuError(ErrorCode.NotLeader, 'this unit is not the leader');
export const secretLabelExists = (label: string): JujuError =>
  new JujuError(ErrorCode.AlreadyExists, `secret with label ${JSON.stringify(label)} already exists`);
export const secretAlreadyExists = (id: string): JujuError =>
  new JujuError(ErrorCode.AlreadyExists, `secret ${JSON.stringify(id)} already exists`);
export const rotatePolicyNotValid = (policy: string): JujuError =>
  notValid(`rotate policy ${JSON.stringify(policy)} not valid`);
export const secretContentNotValid = (why: string): JujuError => notValid(why);
export const relationNotFound = (key: string): JujuError =>
  notFound(`relation ${JSON.stringify(key)} not found`);
export const grantSubjectNotValid = (subject: string, key: string): JujuError =>
  notValid(
    `cannot grant secret access to ${JSON.stringify(subject)}: not part of relation ${JSON.stringify(key)}`,
  );
export const secretArgNotValid = (why: string): JujuError => notValid(why);
