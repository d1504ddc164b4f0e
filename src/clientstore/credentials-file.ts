/**
 * `credentials.yaml`: per cloud, the default credential and region, then the
 * named credentials (`auth-type` first, then the attributes in key order).
 */
import type { CloudCredentials, Credential } from './types.js';
import { ErrorCode, JujuError } from '../core/errors.js';
import { field, mapEntries, parseStoreText, str } from './decode.js';
import { goMap, stringifyYamlV2 } from './yaml-v2.js';
import type { YamlMapping, YamlTree } from './yaml-v2.js';
import { setIfPresent } from './encode.js';

/** Cloud name → its credentials. */
export type CredentialsFile = Record<string, CloudCredentials>;

export function parseCredentialsFile(text: string | undefined): CredentialsFile {
  const doc = parseStoreText(text, 'yaml credentials');
  const out: CredentialsFile = {};
  for (const [cloud, raw] of mapEntries(doc.get('credentials'), 'credentials')) {
    const entry: CloudCredentials = { credentials: {} };
    for (const [key, value] of mapEntries(raw, `credentials.${cloud}`)) {
      if (key === 'default-credential') {
        if (str(value) !== '') entry.defaultCredential = str(value);
      } else if (key === 'default-region') {
        if (str(value) !== '') entry.defaultRegion = str(value);
      } else {
        entry.credentials[key] = decodeCredential(cloud, key, value);
      }
    }
    out[cloud] = entry;
  }
  return out;
}

function decodeCredential(cloud: string, name: string, raw: unknown): Credential {
  const authType = str(field(raw, 'auth-type'));
  if (authType === '') {
    throw new JujuError(
      ErrorCode.NotValid,
      `cannot unmarshal yaml credentials: credentials.${cloud}.${name}: missing auth-type`,
    );
  }
  const attributes: Record<string, string> = {};
  for (const [k, v] of mapEntries(raw, `credentials.${cloud}.${name}`)) {
    if (k !== 'auth-type') attributes[k] = str(v);
  }
  return { authType, attributes };
}

export function formatCredentialsFile(file: CredentialsFile): string {
  const root: YamlMapping = new Map();
  root.set('credentials', goMap(file, encodeCloudCredentials));
  return stringifyYamlV2(root);
}

function encodeCloudCredentials(c: CloudCredentials): YamlTree {
  const m: YamlMapping = new Map();
  setIfPresent(m, 'default-credential', c.defaultCredential);
  setIfPresent(m, 'default-region', c.defaultRegion);
  for (const [name, cred] of goMap(c.credentials, encodeCredential)) m.set(name, cred);
  return m;
}

function encodeCredential(c: Credential): YamlTree {
  const m: YamlMapping = new Map([['auth-type', c.authType]]);
  for (const [k, v] of goMap(c.attributes, (value): YamlTree => value)) m.set(k, v);
  return m;
}
