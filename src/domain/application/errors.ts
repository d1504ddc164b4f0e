/** Errors of the application domain, worded as Juju's. */
import { ErrorCode, JujuError, alreadyExists, notFound, notValid } from '../../core/errors.js';

export const applicationNotFound = (name: string): JujuError =>
  notFound(`application ${JSON.stringify(name)} not found`);
export const unitNotFound = (name: string): JujuError => notFound(`unit ${JSON.stringify(name)} not found`);
export const invalidApplicationName = (name: string): JujuError =>
  notValid(`application name ${JSON.stringify(name)} not valid`);
export const invalidUnitName = (name: string): JujuError =>
  notValid(`${JSON.stringify(name)} is not a valid unit name`);

/** `cannot add application "x": <why>`. */
export const cannotAddApplication = (
  name: string,
  why: string,
  code: string = ErrorCode.NotValid,
): JujuError => new JujuError(code, `cannot add application ${JSON.stringify(name)}: ${why}`);
export const applicationExists = (name: string): JujuError =>
  alreadyExists(`cannot add application ${JSON.stringify(name)}: application already exists`);
export const subordinateWithUnits = (): JujuError =>
  notValid('subordinate application must be deployed without units');

/** `cannot add unit to application "x": <why>`. */
export const cannotAddUnit = (app: string, why: string): JujuError =>
  notValid(`cannot add unit to application ${JSON.stringify(app)}: ${why}`);
export const mustAddOneUnit = (): JujuError => notValid('must add at least one unit');

/** `cannot assign unit "x/0" to machine 3: <why>`. */
export const cannotAssign = (unit: string, machine: string, why: string): JujuError =>
  notValid(`cannot assign unit ${JSON.stringify(unit)} to machine ${machine}: ${why}`);
export const subordinateCannotBeAssigned = (unit: string): JujuError =>
  notValid(`subordinate unit ${JSON.stringify(unit)} cannot be assigned directly to a machine`);

export const unknownOption = (name: string): JujuError => notValid(`unknown option ${JSON.stringify(name)}`);
export const badOptionValue = (name: string, type: string, value: unknown): JujuError =>
  notValid(`option ${JSON.stringify(name)} expected ${type}, got ${JSON.stringify(value) ?? String(value)}`);

export const endpointNotFound = (endpoint: string): JujuError =>
  notFound(`endpoint ${JSON.stringify(endpoint)} not found`);
export const exposedEndpointNotFound = (endpoint: string): JujuError =>
  notFound(`exposed endpoint ${JSON.stringify(endpoint)} not found`);

/** `cannot upgrade application "x" to charm "local:y-1": <why>`. */
export const cannotUpgrade = (app: string, url: string, why: string): JujuError =>
  notValid(`cannot upgrade application ${JSON.stringify(app)} to charm ${JSON.stringify(url)}: ${why}`);

export const unitHasSubordinates = (): JujuError => notValid('unit has subordinates');
export const unitNotDead = (unit: string): JujuError =>
  notValid(`cannot remove unit ${JSON.stringify(unit)}: unit is not dead`);
export const unitIsDead = (unit: string): JujuError =>
  new JujuError(ErrorCode.Dead, `unit ${JSON.stringify(unit)} is dead`);
export const invalidUnitStatus = (status: string): JujuError =>
  notValid(`cannot set invalid status ${JSON.stringify(status)}`);
export const statusNeedsInfo = (status: string): JujuError =>
  notValid(`cannot set status ${JSON.stringify(status)} without info`);
export const invalidResolvedMode = (mode: string): JujuError =>
  notValid(`invalid error resolution mode: ${JSON.stringify(mode)}`);
export const unitNotInError = (unit: string): JujuError =>
  notValid(`unit ${JSON.stringify(unit)} is not in an error state`);
