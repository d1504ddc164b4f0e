/**
 * How a cloud is shown by `clouds`, `show-cloud` and `regions`: the fields
 * and their order as Juju prints them in YAML (regions in definition order)
 * and JSON (regions as a map with sorted keys).
 */
import type { ClientStore, CloudDefinition } from '../../../clientstore/index.js';
import { anyValue, flow, goMap } from '../../../clientstore/index.js';
import type { YamlMapping, YamlTree } from '../../../clientstore/index.js';

/** `defined` value of a cloud. */
export type CloudSourceName = 'built-in' | 'local' | 'public';

export interface RegionView {
  name: string;
  endpoint?: string;
  identityEndpoint?: string;
  storageEndpoint?: string;
}

/** One cloud as displayed. */
export interface CloudView {
  source: CloudSourceName;
  type: string;
  description?: string;
  authTypes: string[];
  endpoint?: string;
  identityEndpoint?: string;
  storageEndpoint?: string;
  /** The client's default region for the cloud (from credentials.yaml). */
  defaultRegion?: string;
  /** How many credentials this client holds for the cloud. */
  credentialCount: number;
  regions: RegionView[];
  config?: Record<string, unknown>;
  regionConfig?: Record<string, Record<string, unknown>>;
  caCertificates?: string[];
  skipTlsVerify?: boolean;
}

/** Juju shows kubernetes clouds as `k8s`. */
export function displayCloudType(type: string): string {
  return type === 'kubernetes' ? 'k8s' : type;
}

/** The view of a cloud definition, with this client's credential data for `name`. */
export function cloudView(
  store: ClientStore,
  name: string,
  def: CloudDefinition,
  source: CloudSourceName,
): CloudView {
  const creds = store.credentialsForCloud(name);
  const view: CloudView = {
    source,
    type: def.type,
    authTypes: [...def.authTypes],
    credentialCount: Object.keys(creds.credentials).length,
    regions: def.regions.map((r) => {
      // A region only shows the endpoints that differ from the cloud's own.
      const v: RegionView = { name: r.name };
      if (r.endpoint && r.endpoint !== def.endpoint) v.endpoint = r.endpoint;
      if (r.identityEndpoint && r.identityEndpoint !== def.identityEndpoint)
        v.identityEndpoint = r.identityEndpoint;
      if (r.storageEndpoint && r.storageEndpoint !== def.storageEndpoint)
        v.storageEndpoint = r.storageEndpoint;
      return v;
    }),
  };
  if (def.description) view.description = def.description;
  if (def.endpoint) view.endpoint = def.endpoint;
  if (def.identityEndpoint) view.identityEndpoint = def.identityEndpoint;
  if (def.storageEndpoint) view.storageEndpoint = def.storageEndpoint;
  if (creds.defaultRegion) view.defaultRegion = creds.defaultRegion;
  if (def.config && Object.keys(def.config).length > 0) view.config = def.config;
  if (def.regionConfig && Object.keys(def.regionConfig).length > 0) view.regionConfig = def.regionConfig;
  if (def.caCertificates && def.caCertificates.length > 0) view.caCertificates = [...def.caCertificates];
  if (def.skipTlsVerify) view.skipTlsVerify = true;
  return view;
}

/** The cloud's default region as `juju clouds` shows it: the client default, else the first region. */
export function defaultRegionOf(view: CloudView): string {
  return view.defaultRegion ?? view.regions[0]?.name ?? '';
}

/** YAML mapping of a region's endpoints (`{}` when none). */
export function regionYaml(r: RegionView): YamlMapping {
  const m: YamlMapping = new Map();
  if (r.endpoint) m.set('endpoint', r.endpoint);
  if (r.identityEndpoint) m.set('identity-endpoint', r.identityEndpoint);
  if (r.storageEndpoint) m.set('storage-endpoint', r.storageEndpoint);
  return m;
}

/** JSON object of a region's endpoints. */
export function regionJson(r: RegionView): Record<string, string> {
  const o: Record<string, string> = {};
  if (r.endpoint) o['endpoint'] = r.endpoint;
  if (r.identityEndpoint) o['identity-endpoint'] = r.identityEndpoint;
  if (r.storageEndpoint) o['storage-endpoint'] = r.storageEndpoint;
  return o;
}

/** The cloud's fields as a YAML mapping, in Juju's order. */
export function cloudYaml(v: CloudView): YamlMapping {
  const m: YamlMapping = new Map();
  m.set('defined', v.source);
  m.set('type', displayCloudType(v.type));
  if (v.description) m.set('description', v.description);
  if (v.authTypes.length > 0) m.set('auth-types', flow([...v.authTypes]));
  if (v.endpoint) m.set('endpoint', v.endpoint);
  if (v.identityEndpoint) m.set('identity-endpoint', v.identityEndpoint);
  if (v.storageEndpoint) m.set('storage-endpoint', v.storageEndpoint);
  if (v.defaultRegion) m.set('default-region', v.defaultRegion);
  if (v.credentialCount > 0) m.set('credential-count', v.credentialCount);
  if (v.regions.length > 0) {
    const regions: YamlMapping = new Map();
    for (const r of v.regions) regions.set(r.name, regionYaml(r));
    m.set('regions', regions);
  }
  if (v.config) m.set('config', anyValue(v.config));
  if (v.regionConfig)
    m.set(
      'region-config',
      goMap(v.regionConfig, (cfg): YamlTree => anyValue(cfg)),
    );
  if (v.caCertificates) m.set('ca-credentials', [...v.caCertificates]);
  if (v.skipTlsVerify) m.set('skip-tls-verify', true);
  return m;
}

/** The cloud's fields as a JSON object, in Juju's order. */
export function cloudJson(v: CloudView): Record<string, unknown> {
  const o: Record<string, unknown> = { defined: v.source, type: displayCloudType(v.type) };
  if (v.description) o['description'] = v.description;
  if (v.authTypes.length > 0) o['auth-types'] = [...v.authTypes];
  if (v.endpoint) o['endpoint'] = v.endpoint;
  if (v.identityEndpoint) o['identity-endpoint'] = v.identityEndpoint;
  if (v.storageEndpoint) o['storage-endpoint'] = v.storageEndpoint;
  if (v.defaultRegion) o['default-region'] = v.defaultRegion;
  if (v.credentialCount > 0) o['credential-count'] = v.credentialCount;
  if (v.regions.length > 0)
    o['regions'] = sortedObject(Object.fromEntries(v.regions.map((r) => [r.name, regionJson(r)])));
  if (v.config) o['config'] = sortedDeep(v.config);
  if (v.regionConfig) o['region-config'] = sortedDeep(v.regionConfig);
  if (v.caCertificates) o['ca-credentials'] = [...v.caCertificates];
  if (v.skipTlsVerify) o['skip-tls-verify'] = true;
  return o;
}

/** A copy with keys in Go's `encoding/json` map order (byte order). */
export function sortedObject<T>(obj: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(obj).sort(byteOrder)) {
    Object.defineProperty(out, k, { value: obj[k], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Nested free-form data with every mapping's keys in Go's JSON order. */
export function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value !== null && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(rec).sort(byteOrder)) {
      Object.defineProperty(out, k, {
        value: sortedDeep(rec[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

export function byteOrder(a: string, b: string): number {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return Buffer.compare(ba, bb);
}
