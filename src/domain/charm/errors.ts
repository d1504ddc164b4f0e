/** Errors of the charm domain, worded as Juju's. */
import { alreadyExists, notFound, notValid, type JujuError } from '../../core/errors.js';

export const charmNotFound = (url: string): JujuError => notFound(`charm ${JSON.stringify(url)} not found`);
export const charmAlreadyExists = (url: string): JujuError =>
  alreadyExists(`charm ${JSON.stringify(url)} already exists`);
export const invalidCharmUrl = (url: string): JujuError =>
  notValid(`charm url ${JSON.stringify(url)} not valid`);
export const invalidCharmName = (name: string): JujuError =>
  notValid(`charm name ${JSON.stringify(name)} not valid`);
export const charmUrlNameMismatch = (url: string, name: string): JujuError =>
  notValid(`charm url ${JSON.stringify(url)} does not match charm name ${JSON.stringify(name)}`);
export const invalidEndpoint = (name: string, why: string): JujuError =>
  notValid(`charm relation ${JSON.stringify(name)}: ${why}`);
