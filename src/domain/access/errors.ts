/** Errors of the access domain, worded as Juju's. */
import { ErrorCode, JujuError, notFound, notValid } from '../../core/errors.js';
import type { AccessTargetKind } from './types.js';

/** `"x" model access not valid`. */
export const accessNotValid = (kind: AccessTargetKind, access: string): JujuError =>
  notValid(`${JSON.stringify(access)} ${kind} access not valid`);

/** Granting a level the user already has (or exceeds). */
export const alreadyHasAccess = (access: string): JujuError =>
  new JujuError(ErrorCode.AlreadyExists, `user already has ${JSON.stringify(access)} access or greater`);

/** Revoking from a user with no grant on the object. */
export const noSuchGrant = (kind: AccessTargetKind, user: string): JujuError =>
  notFound(`${kind} user ${JSON.stringify(user)} does not exist`);

/** Granting to a local user that does not exist (or was removed). */
export const userNotLocal = (user: string): JujuError =>
  new JujuError(
    ErrorCode.UserNotFound,
    `user ${JSON.stringify(user)} does not exist locally: user ${JSON.stringify(user)} not found`,
  );

/** The object of the grant does not exist. */
export function targetNotFound(kind: AccessTargetKind, key: string): JujuError {
  if (kind === 'model')
    return new JujuError(ErrorCode.ModelNotFound, `model ${JSON.stringify(key)} not found`);
  return notFound(`${kind} ${JSON.stringify(key)} not found`);
}
