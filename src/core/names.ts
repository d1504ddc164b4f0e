/**
 * Entity names and tags, following the rules of Juju's names package.
 *
 * A tag is `<kind>-<id>` with the id rewritten so the whole tag is one token:
 * `machine-0-lxd-1`, `unit-mysql-0`, `user-admin`, `cloudcred-aws_bob_main`.
 * `parseTag` reverses every builder here.
 */

import { randomUUID } from 'node:crypto';

import { notValid } from './errors.js';

/** Tag kinds as they appear before the first `-`. */
export const TagKind = {
  Unit: 'unit',
  Machine: 'machine',
  Application: 'application',
  ApplicationOffer: 'applicationoffer',
  User: 'user',
  Model: 'model',
  Controller: 'controller',
  Relation: 'relation',
  Action: 'action',
  Operation: 'operation',
  Storage: 'storage',
  Volume: 'volume',
  Filesystem: 'filesystem',
  Space: 'space',
  Subnet: 'subnet',
  Cloud: 'cloud',
  CloudCredential: 'cloudcred',
} as const;
export type TagKindValue = (typeof TagKind)[keyof typeof TagKind];

const KNOWN_KINDS: ReadonlySet<string> = new Set(Object.values(TagKind));

/** Non-negative integer without leading zeros. */
const NUMBER = '(?:0|[1-9][0-9]*)';
const UUID_RE = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const MODEL_NAME_RE = /^[a-z0-9]+[a-z0-9-]*$/;
const USER_NAME = '[a-zA-Z0-9][a-zA-Z0-9.+-]*[a-zA-Z0-9]';
const USER_NAME_RE = new RegExp(`^${USER_NAME}$`);
const USER_RE = new RegExp(`^(${USER_NAME})(?:@(${USER_NAME}))?$`);
const MACHINE_RE = new RegExp(`^${NUMBER}(?:/[a-z]+/${NUMBER})*$`);
const NUMBER_RE = new RegExp(`^${NUMBER}$`);
const SPACE_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CLOUD_RE = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
const CREDENTIAL_NAME_RE = /^[a-zA-Z][a-zA-Z0-9.@_+-]*$/;
const ENDPOINT_RE = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/;

/** Domain that local users may carry explicitly (`bob@local` is `bob`). */
export const LOCAL_USER_DOMAIN = 'local';

/** Model names: lowercase letters, digits and hyphens, not starting with a hyphen. */
export function isValidModelName(name: string): boolean {
  return MODEL_NAME_RE.test(name);
}

/** Controller names follow the same rule as model names. */
export function isValidControllerName(name: string): boolean {
  return MODEL_NAME_RE.test(name);
}

/**
 * Local user names: at least two characters, letters, digits, `.`, `+` and `-`,
 * starting and ending with a letter or digit.
 */
export function isValidUserName(name: string): boolean {
  return USER_NAME_RE.test(name);
}

/** A user id: a local name, optionally qualified with `@domain` (`bob@external`). */
export function isValidUser(id: string): boolean {
  return USER_RE.test(id);
}

/**
 * Application names: lowercase letters, digits and hyphens, starting with a letter;
 * every hyphen-separated part must contain a letter (so `app-2` is not a name, which
 * keeps unit names like `app/2` and tags like `unit-app-2` unambiguous).
 */
export function isValidApplicationName(name: string): boolean {
  const parts = name.split('-');
  const [first, ...others] = parts;
  if (first === undefined || !/^[a-z][a-z0-9]*$/.test(first)) return false;
  return others.every((part) => /^[a-z0-9]+$/.test(part) && /[a-z]/.test(part));
}

/**
 * Why `name` is not an application name, in Juju's words; undefined when it is valid.
 * e.g. `invalid application name "App", unexpected uppercase character`.
 */
export function applicationNameError(name: string): string | undefined {
  if (isValidApplicationName(name)) return undefined;
  const quoted = JSON.stringify(name);
  if (/[A-Z]/.test(name)) return `invalid application name ${quoted}, unexpected uppercase character`;
  if (/-[0-9]+$/.test(name)) {
    return `invalid application name ${quoted}, unexpected number(s) found after last hyphen`;
  }
  const bad = [...name].find((ch) => !/[a-z0-9-]/.test(ch) && !/\p{N}/u.test(ch));
  if (bad === undefined) return `invalid application name ${quoted}`;
  return `invalid application name ${quoted}, unexpected character ${bad}`;
}

/** Unit names: `<application>/<number>`. */
export function isValidUnitName(name: string): boolean {
  const slash = name.lastIndexOf('/');
  if (slash <= 0) return false;
  return isValidApplicationName(name.slice(0, slash)) && NUMBER_RE.test(name.slice(slash + 1));
}

/** The application part of a unit name. @throws JujuError `not valid` */
export function unitApplication(unitName: string): string {
  if (!isValidUnitName(unitName)) throw notValid(`${JSON.stringify(unitName)} is not a valid unit name`);
  return unitName.slice(0, unitName.lastIndexOf('/'));
}

/** The number part of a unit name. @throws JujuError `not valid` */
export function unitNumber(unitName: string): number {
  if (!isValidUnitName(unitName)) throw notValid(`${JSON.stringify(unitName)} is not a valid unit name`);
  return Number(unitName.slice(unitName.lastIndexOf('/') + 1));
}

/** Machine ids: `0`, `12`, containers `0/lxd/1`, nested `0/lxd/1/kvm/0`. */
export function isValidMachineId(id: string): boolean {
  return MACHINE_RE.test(id);
}

/** True for container ids such as `0/lxd/1`. */
export function isContainerMachineId(id: string): boolean {
  return MACHINE_RE.test(id) && id.includes('/');
}

/** Space names: lowercase letters and digits in hyphen-separated words. */
export function isValidSpaceName(name: string): boolean {
  return SPACE_RE.test(name);
}

/** Cloud names. */
export function isValidCloudName(name: string): boolean {
  return CLOUD_RE.test(name);
}

/** Cloud credential names (the last part of `cloud/owner/name`). */
export function isValidCloudCredentialName(name: string): boolean {
  return CREDENTIAL_NAME_RE.test(name);
}

/** Lowercase hex UUID, as Juju generates for models and controllers. */
export function isValidUUID(id: string): boolean {
  return UUID_RE.test(id);
}

/** Storage instance ids: `<storage name>/<number>`, e.g. `data/0`. */
export function isValidStorageId(id: string): boolean {
  const slash = id.lastIndexOf('/');
  if (slash <= 0) return false;
  return isValidApplicationName(id.slice(0, slash)) && NUMBER_RE.test(id.slice(slash + 1));
}

/** Volume and filesystem ids: `N`, or scoped to a machine or unit: `0/1`, `0/lxd/1/2`, `app/0/3`. */
export function isValidVolumeId(id: string): boolean {
  const slash = id.lastIndexOf('/');
  if (slash < 0) return NUMBER_RE.test(id);
  const scope = id.slice(0, slash);
  return NUMBER_RE.test(id.slice(slash + 1)) && (isValidMachineId(scope) || isValidUnitName(scope));
}

/** Relation keys: `app:endpoint app:endpoint`, or `app:endpoint` for a peer relation. */
export function isValidRelationKey(key: string): boolean {
  const endpoints = key.split(' ');
  if (endpoints.length < 1 || endpoints.length > 2) return false;
  return endpoints.every((ep) => {
    const colon = ep.indexOf(':');
    if (colon <= 0) return false;
    return isValidApplicationName(ep.slice(0, colon)) && ENDPOINT_RE.test(ep.slice(colon + 1));
  });
}

/** Cloud credential ids: `<cloud>/<owner>/<name>`. */
export function isValidCloudCredentialId(id: string): boolean {
  const parts = id.split('/');
  if (parts.length !== 3) return false;
  const [cloud, owner, name] = parts as [string, string, string];
  return isValidCloudName(cloud) && isValidUser(owner) && isValidCloudCredentialName(name);
}

/** A fresh random UUID (v4). */
export function newUUID(): string {
  return randomUUID();
}

// ---- tag builders -------------------------------------------------------------------

/** `admin` -> `user-admin`, `bob@external` -> `user-bob@external`; `@local` is dropped. */
export function userTag(name: string): string {
  const match = USER_RE.exec(name);
  if (match?.[2] === LOCAL_USER_DOMAIN) return `${TagKind.User}-${match[1]}`;
  return `${TagKind.User}-${name}`;
}

export function modelTag(uuid: string): string {
  return `${TagKind.Model}-${uuid}`;
}

export function controllerTag(uuid: string): string {
  return `${TagKind.Controller}-${uuid}`;
}

/** Controller agent tags use the controller node number: `controller-0`. */
export function controllerAgentTag(id: string): string {
  return `${TagKind.Controller}-${id}`;
}

/** `0/lxd/1` -> `machine-0-lxd-1`. */
export function machineTag(id: string): string {
  return `${TagKind.Machine}-${id.replaceAll('/', '-')}`;
}

/** `app/0` -> `unit-app-0` (only the last `/` is rewritten). */
export function unitTag(name: string): string {
  const slash = name.lastIndexOf('/');
  const id = slash < 0 ? name : `${name.slice(0, slash)}-${name.slice(slash + 1)}`;
  return `${TagKind.Unit}-${id}`;
}

export function applicationTag(name: string): string {
  return `${TagKind.Application}-${name}`;
}

export function applicationOfferTag(name: string): string {
  return `${TagKind.ApplicationOffer}-${name}`;
}

export function cloudTag(name: string): string {
  return `${TagKind.Cloud}-${name}`;
}

/** `('aws', 'bob', 'main')` -> `cloudcred-aws_bob_main`; `_` inside a part is escaped as `%5f`. */
export function cloudCredentialTag(cloud: string, owner: string, name: string): string {
  const quotePart = (s: string): string => s.replaceAll('_', '%5f');
  let ownerId = owner;
  const match = USER_RE.exec(owner);
  if (match?.[2] === LOCAL_USER_DOMAIN) ownerId = match[1] ?? owner;
  return `${TagKind.CloudCredential}-${quotePart(cloud)}_${quotePart(ownerId)}_${quotePart(name)}`;
}

/** `wordpress:db mysql:server` -> `relation-wordpress.db#mysql.server`. */
export function relationTag(key: string): string {
  const id = key.replace(':', '.').replace(':', '.').replace(' ', '#');
  return `${TagKind.Relation}-${id}`;
}

export function actionTag(id: string | number): string {
  return `${TagKind.Action}-${id}`;
}

export function operationTag(id: string | number): string {
  return `${TagKind.Operation}-${id}`;
}

/** `data/0` -> `storage-data-0`. */
export function storageTag(id: string): string {
  const slash = id.lastIndexOf('/');
  const suffix = slash < 0 ? id : `${id.slice(0, slash)}-${id.slice(slash + 1)}`;
  return `${TagKind.Storage}-${suffix}`;
}

/** `0/1` -> `volume-0-1`. */
export function volumeTag(id: string): string {
  return `${TagKind.Volume}-${id.replaceAll('/', '-')}`;
}

/** `0/1` -> `filesystem-0-1`. */
export function filesystemTag(id: string): string {
  return `${TagKind.Filesystem}-${id.replaceAll('/', '-')}`;
}

export function spaceTag(name: string): string {
  return `${TagKind.Space}-${name}`;
}

export function subnetTag(id: string): string {
  return `${TagKind.Subnet}-${id}`;
}

// ---- parsing ------------------------------------------------------------------------

/** A parsed tag: its kind and the entity id (`machine-0-lxd-1` -> `machine`, `0/lxd/1`). */
export interface ParsedTag {
  readonly kind: string;
  readonly id: string;
}

const invalidTag = (tag: string, kind?: string) =>
  notValid(
    kind === undefined
      ? `${JSON.stringify(tag)} is not a valid tag`
      : `${JSON.stringify(tag)} is not a valid ${kind} tag`,
  );

const lastDashToSlash = (s: string): string => {
  const i = s.lastIndexOf('-');
  return i > 0 ? `${s.slice(0, i)}/${s.slice(i + 1)}` : s;
};

/** Volume/filesystem tag suffix back to an id; unit-scoped ids keep hyphens in the app name. */
function volumeSuffixToId(suffix: string): string {
  if (/^(?:0|[1-9][0-9]*)-/.test(suffix) || NUMBER_RE.test(suffix)) return suffix.replaceAll('-', '/');
  return lastDashToSlash(lastDashToSlash(suffix));
}

/** Rewrite a tag's suffix into the entity id, or undefined when the id is not valid for the kind. */
function idFromSuffix(kind: string, suffix: string): string | undefined {
  switch (kind) {
    case TagKind.Unit: {
      const id = lastDashToSlash(suffix);
      return isValidUnitName(id) ? id : undefined;
    }
    case TagKind.Machine: {
      const id = suffix.replaceAll('-', '/');
      return isValidMachineId(id) ? id : undefined;
    }
    case TagKind.Application:
      return isValidApplicationName(suffix) ? suffix : undefined;
    case TagKind.ApplicationOffer:
      return isValidApplicationName(suffix) || isValidUUID(suffix) ? suffix : undefined;
    case TagKind.User: {
      const match = USER_RE.exec(suffix);
      if (match === null) return undefined;
      return match[2] === LOCAL_USER_DOMAIN ? match[1] : suffix;
    }
    case TagKind.Model:
      return isValidUUID(suffix) ? suffix : undefined;
    case TagKind.Controller:
      return isValidUUID(suffix) || NUMBER_RE.test(suffix) ? suffix : undefined;
    case TagKind.Relation: {
      const id = suffix.replace('.', ':').replace('.', ':').replace('#', ' ');
      return isValidRelationKey(id) ? id : undefined;
    }
    case TagKind.Action:
    case TagKind.Operation:
    case TagKind.Subnet:
      return NUMBER_RE.test(suffix) ? suffix : undefined;
    case TagKind.Storage: {
      const id = lastDashToSlash(suffix);
      return isValidStorageId(id) ? id : undefined;
    }
    case TagKind.Volume:
    case TagKind.Filesystem: {
      const id = volumeSuffixToId(suffix);
      return isValidVolumeId(id) ? id : undefined;
    }
    case TagKind.Space:
      return isValidSpaceName(suffix) ? suffix : undefined;
    case TagKind.Cloud:
      return isValidCloudName(suffix) ? suffix : undefined;
    case TagKind.CloudCredential: {
      const parts = suffix.split('_');
      if (parts.length !== 3) return undefined;
      let decoded: string[];
      try {
        decoded = parts.map((p) => decodeURIComponent(p));
      } catch {
        return undefined;
      }
      const id = decoded.join('/');
      return isValidCloudCredentialId(id) ? id : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Split a tag into kind and id, checking the id is valid for its kind.
 * With `expectKind`, a tag of any other kind is rejected too.
 * @throws JujuError `not valid`: `"x" is not a valid tag`, or for a known kind with a
 *   bad id (or the wrong kind) `"unit-x" is not a valid unit tag`.
 */
export function parseTag(tag: string, expectKind?: string): ParsedTag {
  const dash = tag.indexOf('-');
  const kind = dash > 0 ? tag.slice(0, dash) : '';
  if (!KNOWN_KINDS.has(kind)) throw invalidTag(tag);
  if (expectKind !== undefined && kind !== expectKind) throw invalidTag(tag, expectKind);
  const id = idFromSuffix(kind, tag.slice(dash + 1));
  if (id === undefined) throw invalidTag(tag, kind);
  return { kind, id };
}

/** The parts of a cloud credential id or tag. */
export interface CloudCredentialParts {
  readonly cloud: string;
  readonly owner: string;
  readonly name: string;
}

/** Parse `cloudcred-aws_bob_main` into its cloud, owner and name. @throws JujuError `not valid` */
export function parseCloudCredentialTag(tag: string): CloudCredentialParts {
  const { id } = parseTag(tag, TagKind.CloudCredential);
  const [cloud, owner, name] = id.split('/') as [string, string, string];
  return { cloud, owner, name };
}
