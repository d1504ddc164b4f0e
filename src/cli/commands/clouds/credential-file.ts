/**
 * Reading a credentials file (`credentials: {<cloud>: {<name>: {auth-type,
 * <attr>: <value>...}, default-credential?, default-region?}}`) for
 * `add-credential` and `update-credential`, and the lookups those commands
 * share.
 */
import type { ClientStore, CloudCredentials, Credential, ListedCloud } from '../../../clientstore/index.js';
import { parseYaml } from '../../../clientstore/index.js';
import { ErrorCode, JujuError, errorMessage } from '../../../core/errors.js';
import { readDefinitionFile } from './cloud-file.js';

/** Cloud name → its credentials from the file. */
export type CredentialsByCloud = Record<string, CloudCredentials>;

/** Parse the file; errors name the file and the field at fault. */
export function readCredentialsFile(path: string): CredentialsByCloud {
  const text = readDefinitionFile(path);
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new JujuError(
      ErrorCode.NotValid,
      `cannot parse ${JSON.stringify(path)}: ${errorMessage(err).split('\n')[0] ?? ''}`,
    );
  }
  const where = (field: string): string => `credentials file ${JSON.stringify(path)}: ${field}`;
  if (doc === null || doc === undefined) return {};
  if (!(doc instanceof Map))
    throw new JujuError(ErrorCode.NotValid, where('expected a mapping with a "credentials" key'));
  const top: unknown = doc.get('credentials');
  if (top === undefined || top === null) return {};
  if (!(top instanceof Map))
    throw new JujuError(ErrorCode.NotValid, where('credentials: expected a mapping of cloud names'));
  const out: CredentialsByCloud = {};
  for (const [cloudKey, raw] of top) {
    const cloud = String(cloudKey);
    if (!(raw instanceof Map))
      throw new JujuError(ErrorCode.NotValid, where(`credentials.${cloud}: expected a mapping`));
    const entry: CloudCredentials = { credentials: {} };
    for (const [key, value] of raw) {
      const name = String(key);
      const field = `credentials.${cloud}.${name}`;
      if (name === 'default-credential' || name === 'default-region') {
        if (typeof value !== 'string')
          throw new JujuError(ErrorCode.NotValid, where(`${field}: expected a string`));
        if (name === 'default-credential') entry.defaultCredential = value;
        else entry.defaultRegion = value;
        continue;
      }
      entry.credentials[name] = decodeCredential(value, (f) => where(`${field}${f}`));
    }
    out[cloud] = entry;
  }
  return out;
}

function decodeCredential(raw: unknown, where: (field: string) => string): Credential {
  if (!(raw instanceof Map)) throw new JujuError(ErrorCode.NotValid, where(': expected a mapping'));
  const authType: unknown = raw.get('auth-type');
  if (authType === undefined || authType === null || authType === '') {
    throw new JujuError(ErrorCode.NotValid, where(': missing auth-type'));
  }
  if (typeof authType !== 'string')
    throw new JujuError(ErrorCode.NotValid, where('.auth-type: expected a string'));
  const attributes: Record<string, string> = {};
  for (const [k, v] of raw) {
    const key = String(k);
    if (key === 'auth-type') continue;
    if (v === null || v === undefined) continue;
    if (typeof v === 'string') attributes[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') attributes[key] = String(v);
    else throw new JujuError(ErrorCode.NotValid, where(`.${key}: expected a string`));
  }
  return { authType, attributes };
}

/** Whether credentials.yaml has an entry for the cloud (Juju's `CredentialForCloud` finding one). */
export function hasCredentialsEntry(store: ClientStore, cloud: string): boolean {
  return Object.hasOwn(store.allCredentials(), cloud);
}

/** A cloud this client knows; `cloud <name> not valid` otherwise, as Juju words it. */
export function knownCloud(store: ClientStore, name: string): ListedCloud {
  const all = store.allClouds();
  const cloud = Object.hasOwn(all, name) ? all[name] : undefined;
  if (!cloud) throw new JujuError(ErrorCode.NotValid, `cloud ${name} not valid`);
  return cloud;
}

/** `provided region "r" for cloud "c" not valid` unless the cloud has that region. */
export function checkCloudRegion(
  cloudName: string,
  cloud: { regions: readonly { name: string }[] },
  region: string,
): void {
  if (!cloud.regions.some((r) => r.name === region)) {
    throw new JujuError(
      ErrorCode.NotValid,
      `provided region ${JSON.stringify(region)} for cloud ${JSON.stringify(cloudName)} not valid`,
    );
  }
}

/** A deep copy of a credential. */
export function cloneCredential(c: Credential): Credential {
  return { authType: c.authType, attributes: { ...c.attributes } };
}
