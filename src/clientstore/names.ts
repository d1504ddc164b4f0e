/**
 * Names the store accepts, and the `[controller:][owner/]model` syntax of `-m`
 * and `JUJU_MODEL`.
 */
import { notValid } from '../core/errors.js';

const controllerNamePattern = /^[a-z0-9]+[a-z0-9-]*$/;
const modelNamePattern = /^[a-z0-9]+[a-z0-9-]*$/;
const userNamePattern =
  /^(?:[a-zA-Z0-9][a-zA-Z0-9.+-]*[a-zA-Z0-9]|[a-zA-Z0-9])(?:@[a-zA-Z0-9][a-zA-Z0-9.-]*)?$/;
const cloudNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9.-]*$/;
const credentialNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9.@_-]*$/;

/** Lowercase letters, digits and non-leading hyphens, as Juju requires of controller names. */
export function isValidControllerName(name: string): boolean {
  return controllerNamePattern.test(name);
}

export function isValidModelName(name: string): boolean {
  return modelNamePattern.test(name);
}

export function isValidUserName(name: string): boolean {
  return userNamePattern.test(name);
}

export function validateControllerName(name: string): void {
  if (!isValidControllerName(name)) throw notValid(`controller name ${JSON.stringify(name)} not valid`);
}

export function validateUserName(name: string): void {
  if (!isValidUserName(name)) throw notValid(`user name ${JSON.stringify(name)} not valid`);
}

export function validateCloudName(name: string): void {
  if (!cloudNamePattern.test(name)) throw notValid(`cloud name ${JSON.stringify(name)} not valid`);
}

export function validateCredentialName(name: string): void {
  if (!credentialNamePattern.test(name)) throw notValid(`credential name ${JSON.stringify(name)} not valid`);
}

/** Whether a model name carries its owner (`admin/default`). */
export function isQualifiedModelName(name: string): boolean {
  return name.includes('/');
}

/** The name as stored for a user: `default` → `admin/default`; qualified names are returned as they are. */
export function qualifyModelName(name: string, user: string): string {
  if (isQualifiedModelName(name)) return name;
  // Local users are written without the implicit "@local" domain.
  const owner = user.endsWith('@local') ? user.slice(0, -'@local'.length) : user;
  return `${owner}/${name}`;
}

/** `owner/name` → its parts; throws for unqualified or malformed names. */
export function splitQualifiedModelName(name: string): { owner: string; model: string } {
  const i = name.indexOf('/');
  if (i < 0)
    throw notValid(
      `validating model name ${JSON.stringify(name)}: unqualified model name ${JSON.stringify(name)} not valid`,
    );
  const owner = name.slice(0, i);
  const model = name.slice(i + 1);
  if (!isValidUserName(owner)) {
    throw notValid(
      `validating model name ${JSON.stringify(name)}: validating model owner name: user name ${JSON.stringify(owner)} not valid`,
    );
  }
  if (!isValidModelName(model)) throw notValid(`model name ${JSON.stringify(name)} not valid`);
  return { owner, model };
}

/** Throws unless `name` is a valid owner-qualified model name. */
export function validateQualifiedModelName(name: string): void {
  splitQualifiedModelName(name);
}

/**
 * Split a `-m`/`JUJU_MODEL` value at the first colon: `ctrl:model` → both,
 * `ctrl:` → controller only (model ''), `model` → model only.
 */
export function splitModelArg(arg: string): { controller?: string; model: string } {
  const i = arg.indexOf(':');
  if (i < 0) return { model: arg };
  return { controller: arg.slice(0, i), model: arg.slice(i + 1) };
}
