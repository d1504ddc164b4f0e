/** Errors of the user domain, worded as Juju's. */
import { ErrorCode, JujuError, notValid, unauthorized } from '../../core/errors.js';

/** The name is not a valid local user name. */
export const invalidUserName = (name: string): JujuError =>
  notValid(`invalid user name ${JSON.stringify(name)}`);

/** A user with this name exists or existed (removed names stay taken). */
export const usernameUnavailable = (): JujuError =>
  new JujuError(ErrorCode.AlreadyExists, 'username unavailable');

/** No such local user. */
export const userNotFound = (name: string): JujuError =>
  new JujuError(ErrorCode.UserNotFound, `user ${JSON.stringify(name)} not found`);

/** The user was removed; removal is permanent. */
export const userPermanentlyDeleted = (name: string): JujuError =>
  new JujuError(ErrorCode.UserNotFound, `user ${JSON.stringify(name)} is permanently deleted`);

/** Login failed; deliberately says nothing about which part was wrong. */
export const badCredentials = (): JujuError => unauthorized('invalid entity name or password');

/** The operation needs an enabled user. */
export const userDeactivated = (): JujuError => unauthorized('user deactivated');

/** The controller owner cannot be disabled. */
export const cannotDisableControllerOwner = (): JujuError =>
  unauthorized('cannot disable controller model owner');

/** The controller owner cannot be removed. */
export const cannotRemoveControllerOwner = (name: string): JujuError =>
  unauthorized(`cannot delete controller owner ${JSON.stringify(name)}`);

/** Passwords must not be empty. */
export const emptyPassword = (): JujuError => notValid('cannot use an empty password');
