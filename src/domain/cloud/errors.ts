/** Errors of the cloud domain, worded as Juju's. */
import { alreadyExists, ErrorCode, JujuError, notFound, notSupported, notValid } from '../../core/errors.js';

export const cloudNotFound = (name: string): JujuError => notFound(`cloud ${JSON.stringify(name)} not found`);
export const cloudAlreadyExists = (name: string): JujuError =>
  alreadyExists(`cloud ${JSON.stringify(name)} already exists`);
export const cloudNameNotValid = (name: string): JujuError =>
  notValid(`cloud name ${JSON.stringify(name)} not valid`);
export const cloudTypeEmpty = (): JujuError => notValid('empty cloud type not valid');
export const duplicateRegion = (cloud: string, region: string): JujuError =>
  notValid(`cloud ${JSON.stringify(cloud)} defines region ${JSON.stringify(region)} more than once`);

/** `region "x" not found (expected one of ["a" "b"])`. */
export function regionNotFound(region: string, known: readonly string[]): JujuError {
  const list = known.map((r) => JSON.stringify(r)).join(' ');
  return notFound(`region ${JSON.stringify(region)} not found (expected one of [${list}])`);
}

export const cloudInUse = (name: string, models: number): JujuError =>
  new JujuError(
    ErrorCode.BadRequest,
    `cloud ${JSON.stringify(name)} is used by ${models} model${models === 1 ? '' : 's'}`,
  );

export const credentialNotFound = (id: string): JujuError =>
  notFound(`cloud credential ${JSON.stringify(id)} not found`);
export const credentialNameNotValid = (name: string): JujuError =>
  notValid(`cloud credential name ${JSON.stringify(name)} not valid`);

/** `supported auth-types ["certificate"], "userpass" not supported`. */
export function authTypeNotSupported(supported: readonly string[], authType: string): JujuError {
  return notSupported(
    `supported auth-types [${supported.map((t) => JSON.stringify(t)).join(' ')}], ${JSON.stringify(authType)} not supported`,
  );
}

export const credentialInUse = (id: string, models: number): JujuError =>
  new JujuError(
    ErrorCode.BadRequest,
    `cannot remove credential ${JSON.stringify(id)}: it is still used by ${models} model${models === 1 ? '' : 's'}`,
  );
