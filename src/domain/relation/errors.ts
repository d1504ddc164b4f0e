/** Errors of the relation domain, worded as Juju's. */
import { ErrorCode, JujuError, notFound, notValid } from '../../core/errors.js';

/** Juju's wire code for exceeded quotas (relation limits). */
export const QUOTA_LIMIT_EXCEEDED = 'quota limit exceeded';

export const invalidEndpointSpec = (spec: string): JujuError =>
  notValid(`invalid endpoint ${JSON.stringify(spec)}`);
export const cannotRelateCount = (n: number): JujuError => notValid(`cannot relate ${n} endpoints`);
export const noRelationsFound = (): JujuError => notValid('no relations found');
export const ambiguousRelation = (specs: readonly string[], keys: readonly string[]): JujuError =>
  notValid(`ambiguous relation: ${JSON.stringify(specs.join(' '))} could refer to ${keys.join('; ')}`);
export const applicationNotFound = (name: string): JujuError =>
  notFound(`application ${JSON.stringify(name)} not found`);
export const noSuchEndpoint = (app: string, endpoint: string): JujuError =>
  notFound(`application ${JSON.stringify(app)} has no ${JSON.stringify(endpoint)} relation`);

/** `cannot add relation "key": <why>`. */
export const cannotAddRelation = (key: string, why: string, code: string = ErrorCode.NotValid): JujuError =>
  new JujuError(code, `cannot add relation ${JSON.stringify(key)}: ${why}`);
export const relationExists = (key: string): JujuError =>
  cannotAddRelation(key, `relation ${key} already exists`, ErrorCode.AlreadyExists);
export const relationDyingExists = (key: string): JujuError =>
  cannotAddRelation(key, `relation ${key} is dying, but not yet removed`, ErrorCode.AlreadyExists);
export const limitExceeded = (key: string, app: string, endpoint: string, limit: number): JujuError =>
  cannotAddRelation(
    key,
    `establishing a new relation for ${app}:${endpoint} would exceed its maximum relation limit of ${limit}`,
    QUOTA_LIMIT_EXCEEDED,
  );

export const relationNotFound = (id: number): JujuError => notFound(`relation ${id} not found`);
export const relationKeyNotFound = (key: string): JujuError =>
  notFound(`relation ${JSON.stringify(key)} not found`);
export const cannotDestroyPeer = (key: string): JujuError =>
  notValid(`cannot destroy relation ${JSON.stringify(key)}: is a peer relation`);
export const cannotEnterScope = (): JujuError =>
  notValid('cannot enter scope: unit or relation is not alive');
export const unitNotFound = (name: string): JujuError => notFound(`unit ${JSON.stringify(name)} not found`);
export const permissionDenied = (): JujuError => new JujuError(ErrorCode.Unauthorized, 'permission denied');
export const unitSettingsNotFound = (unit: string, key: string): JujuError =>
  notFound(
    `cannot read settings for unit ${JSON.stringify(unit)} in relation ${JSON.stringify(key)}: settings not found`,
  );
export const invalidRelationStatus = (status: string): JujuError =>
  notValid(`cannot set invalid status ${JSON.stringify(status)} for relation`);
