/**
 * Reading a cloud definition file (`clouds: {<name>: {type, auth-types,
 * endpoint, regions: {<r>: {endpoint}}, config, ...}}`) for `add-cloud` and
 * `update-cloud`, with errors that name the file, the cloud and the field.
 */
import { readFileSync } from 'node:fs';
import type { CloudDefinition, CloudRegion } from '../../../clientstore/index.js';
import { parseYaml } from '../../../clientstore/index.js';
import { ErrorCode, JujuError, errorMessage } from '../../../core/errors.js';
import { isValidCloudName } from '../../../core/names.js';
import { defaultCloudDescription, isKnownCloudType, providerSchema } from './provider-schemas.js';

/** The region every cloud gets when its definition names none. */
export const DEFAULT_REGION = 'default';

const KNOWN_KEYS = new Set([
  'type',
  'description',
  'auth-types',
  'endpoint',
  'identity-endpoint',
  'storage-endpoint',
  'regions',
  'config',
  'region-config',
  'ca-certificates',
  'skip-tls-verify',
  'host-cloud-region',
]);

export interface CloudFromFile {
  readonly name: string;
  readonly definition: CloudDefinition;
  /** Unknown keys, reported as warnings by the caller. */
  readonly warnings: readonly string[];
}

/** Read the file's text; a missing file fails like Go's `os.ReadFile`. */
export function readDefinitionFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new JujuError(ErrorCode.NotFound, `open ${path}: no such file or directory`);
    throw new JujuError('', `open ${path}: ${errorMessage(err)}`);
  }
}

/**
 * The cloud `cloudName` from the file (or its only cloud when no name is
 * given), validated against what the client knows of its type.
 */
export function readCloudFromFile(path: string, cloudName: string | undefined): CloudFromFile {
  const clouds = parseCloudsDocument(readDefinitionFile(path), path);
  const names = [...clouds.keys()];
  if (names.length === 0) {
    throw new JujuError(
      ErrorCode.NotValid,
      `no clouds found in file ${JSON.stringify(path)}, please validate yaml keys`,
    );
  }
  let name: string;
  if (cloudName === undefined || cloudName === '') {
    if (names.length > 1) {
      throw new JujuError(
        ErrorCode.NotValid,
        `there is more than one cloud defined in file ${JSON.stringify(path)}, specify a cloud name to select one`,
      );
    }
    name = names[0] as string;
  } else {
    if (!clouds.has(cloudName)) {
      throw new JujuError(
        ErrorCode.NotFound,
        `cloud ${JSON.stringify(cloudName)} not found in file ${JSON.stringify(path)}`,
      );
    }
    name = cloudName;
  }
  if (!isValidCloudName(name))
    throw new JujuError(ErrorCode.NotValid, `cloud name ${JSON.stringify(name)} not valid`);
  const where = `cloud ${JSON.stringify(name)} in file ${JSON.stringify(path)}`;
  const warnings: string[] = [];
  const definition = decodeCloud(name, clouds.get(name), where, warnings);
  validateCloud(definition, where);
  return { name, definition, warnings };
}

function parseCloudsDocument(text: string, path: string): Map<string, unknown> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new JujuError(
      ErrorCode.NotValid,
      `cannot parse ${JSON.stringify(path)}: ${errorMessage(err).split('\n')[0] ?? ''}`,
    );
  }
  if (doc === null || doc === undefined) return new Map();
  if (!(doc instanceof Map)) {
    throw new JujuError(
      ErrorCode.NotValid,
      `invalid cloud file ${JSON.stringify(path)}: expected a mapping with a "clouds" key`,
    );
  }
  const clouds: unknown = doc.get('clouds');
  if (clouds === undefined || clouds === null) return new Map();
  if (!(clouds instanceof Map)) {
    throw new JujuError(
      ErrorCode.NotValid,
      `invalid cloud file ${JSON.stringify(path)}: "clouds" must be a mapping of cloud names`,
    );
  }
  return new Map(Array.from(clouds.entries(), ([k, v]) => [String(k), v]));
}

function decodeCloud(name: string, raw: unknown, where: string, warnings: string[]): CloudDefinition {
  if (!(raw instanceof Map)) throw fieldError(where, 'the definition', 'expected a mapping');
  for (const key of raw.keys()) {
    if (!KNOWN_KEYS.has(String(key)))
      warnings.push(`${where}: unknown key ${JSON.stringify(String(key))} ignored`);
  }
  const type = scalar(raw, 'type', where) ?? '';
  const def: CloudDefinition = {
    type,
    authTypes: stringList(raw, 'auth-types', where),
    regions: decodeRegions(raw.get('regions'), where),
  };
  const description =
    scalar(raw, 'description', where) || defaultCloudDescription(name) || defaultCloudDescription(type);
  if (description) def.description = description;
  const endpoint = scalar(raw, 'endpoint', where);
  if (endpoint) def.endpoint = endpoint;
  const identity = scalar(raw, 'identity-endpoint', where);
  if (identity) def.identityEndpoint = identity;
  const storage = scalar(raw, 'storage-endpoint', where);
  if (storage) def.storageEndpoint = storage;
  const config: unknown = raw.get('config');
  if (config !== undefined && config !== null) def.config = plainMapping(config, where, 'config');
  const regionConfig: unknown = raw.get('region-config');
  if (regionConfig !== undefined && regionConfig !== null) {
    const rc: Record<string, Record<string, unknown>> = {};
    for (const [region, cfg] of Object.entries(plainMapping(regionConfig, where, 'region-config'))) {
      if (cfg === null || typeof cfg !== 'object' || Array.isArray(cfg)) {
        throw fieldError(where, `region-config.${region}`, 'expected a mapping');
      }
      rc[region] = cfg as Record<string, unknown>;
    }
    def.regionConfig = rc;
  }
  const cas = stringList(raw, 'ca-certificates', where);
  if (cas.length > 0) def.caCertificates = cas;
  const skip: unknown = raw.get('skip-tls-verify');
  if (skip !== undefined && skip !== null) {
    if (typeof skip !== 'boolean') throw fieldError(where, 'skip-tls-verify', 'expected true or false');
    if (skip) def.skipTlsVerify = true;
  }
  if (def.regions.length === 0) def.regions = [{ name: DEFAULT_REGION }];
  return def;
}

function decodeRegions(raw: unknown, where: string): CloudRegion[] {
  if (raw === undefined || raw === null) return [];
  if (!(raw instanceof Map)) throw fieldError(where, 'regions', 'expected a mapping of region names');
  const out: CloudRegion[] = [];
  for (const [key, value] of raw) {
    const region: CloudRegion = { name: String(key) };
    const field = `regions.${String(key)}`;
    if (value !== null && value !== undefined) {
      if (!(value instanceof Map)) throw fieldError(where, field, 'expected a mapping');
      const endpoint = scalar(value, 'endpoint', where, field);
      if (endpoint) region.endpoint = endpoint;
      const identity = scalar(value, 'identity-endpoint', where, field);
      if (identity) region.identityEndpoint = identity;
      const storage = scalar(value, 'storage-endpoint', where, field);
      if (storage) region.storageEndpoint = storage;
    }
    out.push(region);
  }
  return out;
}

function validateCloud(def: CloudDefinition, where: string): void {
  if (def.type === '') throw fieldError(where, 'type', 'missing cloud type');
  if (!isKnownCloudType(def.type)) {
    throw new JujuError(
      ErrorCode.NotValid,
      `${where}: no registered provider for ${JSON.stringify(def.type)}`,
    );
  }
  const schemas = providerSchema(def.type).credentials;
  const valid = Object.keys(schemas);
  for (const authType of def.authTypes) {
    if (!Object.hasOwn(schemas, authType)) {
      throw new JujuError(
        ErrorCode.NotSupported,
        `${where}: auth type ${JSON.stringify(authType)} not supported (valid auth types for ${def.type} clouds: ${valid.join(', ')})`,
      );
    }
  }
  if (def.authTypes.length === 0 && !Object.hasOwn(schemas, 'empty')) {
    throw fieldError(
      where,
      'auth-types',
      `missing auth-types (valid auth types for ${def.type} clouds: ${valid.join(', ')})`,
    );
  }
}

function fieldError(where: string, field: string, reason: string): JujuError {
  return new JujuError(ErrorCode.NotValid, `${where}: ${field}: ${reason}`);
}

function scalar(map: Map<unknown, unknown>, key: string, where: string, prefix?: string): string | undefined {
  const value = map.get(key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw fieldError(where, prefix ? `${prefix}.${key}` : key, 'expected a string');
}

function stringList(map: Map<unknown, unknown>, key: string, where: string): string[] {
  const value = map.get(key);
  if (value === undefined || value === null) return [];
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (!Array.isArray(value)) throw fieldError(where, key, 'expected a list');
  return value.map((item) => {
    if (typeof item !== 'string') throw fieldError(where, key, 'expected a list of strings');
    return item;
  });
}

function plainMapping(value: unknown, where: string, field: string): Record<string, unknown> {
  if (!(value instanceof Map)) throw fieldError(where, field, 'expected a mapping');
  return toPlain(value) as Record<string, unknown>;
}

function toPlain(value: unknown): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) {
      Object.defineProperty(out, String(k), {
        value: toPlain(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  return value;
}
