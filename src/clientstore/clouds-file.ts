/**
 * `clouds.yaml`: the user's personal cloud definitions. Regions keep their file
 * order (the first one is the cloud's default region), as Juju keeps them.
 */
import type { CloudDefinition, CloudRegion } from './types.js';
import { bool, field, mapEntries, optStr, parseStoreText, plainRecord, str, strList } from './decode.js';
import { anyValue, flow, goMap, stringifyYamlV2 } from './yaml-v2.js';
import type { YamlMapping, YamlTree } from './yaml-v2.js';
import { setIfPresent, setListIfPresent } from './encode.js';

/** Cloud name → definition. */
export type CloudsFile = Record<string, CloudDefinition>;

export function parseCloudsFile(text: string | undefined): CloudsFile {
  const doc = parseStoreText(text, 'yaml cloud metadata');
  const out: CloudsFile = {};
  for (const [name, raw] of mapEntries(doc.get('clouds'), 'clouds')) out[name] = decodeCloud(raw);
  return out;
}

function decodeCloud(raw: unknown): CloudDefinition {
  const c: CloudDefinition = {
    type: str(field(raw, 'type')),
    authTypes: strList(field(raw, 'auth-types')),
    regions: mapEntries(field(raw, 'regions'), 'regions').map(([name, r]) => decodeRegion(name, r)),
  };
  const description = optStr(field(raw, 'description'));
  if (description !== undefined) c.description = description;
  const endpoint = optStr(field(raw, 'endpoint'));
  if (endpoint !== undefined) c.endpoint = endpoint;
  const identity = optStr(field(raw, 'identity-endpoint'));
  if (identity !== undefined) c.identityEndpoint = identity;
  const storage = optStr(field(raw, 'storage-endpoint'));
  if (storage !== undefined) c.storageEndpoint = storage;
  const config = field(raw, 'config');
  if (config !== undefined && config !== null) c.config = plainRecord(config);
  const regionConfig = field(raw, 'region-config');
  if (regionConfig !== undefined && regionConfig !== null) {
    const rc: Record<string, Record<string, unknown>> = {};
    for (const [region, cfg] of mapEntries(regionConfig, 'region-config')) rc[region] = plainRecord(cfg);
    c.regionConfig = rc;
  }
  const cas = strList(field(raw, 'ca-certificates'));
  if (cas.length > 0) c.caCertificates = cas;
  if (bool(field(raw, 'skip-tls-verify'))) c.skipTlsVerify = true;
  return c;
}

function decodeRegion(name: string, raw: unknown): CloudRegion {
  const r: CloudRegion = { name };
  const endpoint = optStr(field(raw, 'endpoint'));
  if (endpoint !== undefined) r.endpoint = endpoint;
  const identity = optStr(field(raw, 'identity-endpoint'));
  if (identity !== undefined) r.identityEndpoint = identity;
  const storage = optStr(field(raw, 'storage-endpoint'));
  if (storage !== undefined) r.storageEndpoint = storage;
  return r;
}

export function formatCloudsFile(file: CloudsFile): string {
  const root: YamlMapping = new Map();
  root.set('clouds', goMap(file, encodeCloud));
  return stringifyYamlV2(root);
}

/** One cloud definition as Juju writes it (also used for `show-cloud`-like output). */
export function encodeCloud(c: CloudDefinition): YamlMapping {
  const m: YamlMapping = new Map();
  m.set('type', c.type);
  setIfPresent(m, 'description', c.description);
  if (c.authTypes.length > 0) m.set('auth-types', flow([...c.authTypes]));
  setIfPresent(m, 'endpoint', c.endpoint);
  setIfPresent(m, 'identity-endpoint', c.identityEndpoint);
  setIfPresent(m, 'storage-endpoint', c.storageEndpoint);
  if (c.regions.length > 0) {
    const regions: YamlMapping = new Map();
    for (const r of c.regions) {
      const rm: YamlMapping = new Map();
      setIfPresent(rm, 'endpoint', r.endpoint);
      setIfPresent(rm, 'identity-endpoint', r.identityEndpoint);
      setIfPresent(rm, 'storage-endpoint', r.storageEndpoint);
      regions.set(r.name, rm);
    }
    m.set('regions', regions);
  }
  if (c.config && Object.keys(c.config).length > 0) m.set('config', anyValue(c.config));
  if (c.regionConfig && Object.keys(c.regionConfig).length > 0) {
    m.set(
      'region-config',
      goMap(c.regionConfig, (cfg): YamlTree => anyValue(cfg)),
    );
  }
  setListIfPresent(m, 'ca-certificates', c.caCertificates);
  if (c.skipTlsVerify) m.set('skip-tls-verify', true);
  return m;
}
