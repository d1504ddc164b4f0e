/** Errors of the leadership domain, worded as Juju's. */
import { ErrorCode, JujuError, notFound } from '../../core/errors.js';
import { LEADERSHIP_CLAIM_DENIED } from './types.js';

export const claimDenied = (): JujuError => new JujuError(LEADERSHIP_CLAIM_DENIED, 'leadership claim denied');
export const notTheLeader = (): JujuError =>
  new JujuError(ErrorCode.NotLeader, 'cannot write settings: not the leader');
export const applicationNotFound = (name: string): JujuError =>
  notFound(`application ${JSON.stringify(name)} not found`);
export const unitNotFound = (name: string): JujuError => notFound(`unit ${JSON.stringify(name)} not found`);
export const notUnitOfApplication = (unit: string, app: string): JujuError =>
  new JujuError(
    ErrorCode.Unauthorized,
    `permission denied: unit ${JSON.stringify(unit)} is not a unit of application ${JSON.stringify(app)}`,
  );
export const invalidDuration = (ms: number): JujuError =>
  new JujuError(ErrorCode.NotValid, `invalid lease duration ${ms}ms`);
