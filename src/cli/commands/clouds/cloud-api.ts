/**
 * Client side of the controller's `Cloud` facade: the wire shapes (keys as
 * Juju's JSON tags) and the calls the clouds and credentials commands make.
 */
import type { ApiConnection } from '../../../api/connection.js';
import type { CloudDefinition, CloudRegion } from '../../../clientstore/index.js';
import { JujuError } from '../../../core/errors.js';
import { cloudTag } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';

/** A cloud on the wire (`params.Cloud`). */
export interface WireCloud {
  type: string;
  'auth-types'?: string[];
  endpoint?: string;
  'identity-endpoint'?: string;
  'storage-endpoint'?: string;
  regions?: WireRegion[];
  'ca-certificates'?: string[];
  'skip-tls-verify'?: boolean;
  config?: Record<string, unknown>;
  'region-config'?: Record<string, Record<string, unknown>>;
  description?: string;
}

export interface WireRegion {
  name: string;
  endpoint?: string;
  'identity-endpoint'?: string;
  'storage-endpoint'?: string;
}

interface WireError {
  message?: unknown;
  code?: unknown;
  info?: unknown;
}

interface ErrorResultsWire {
  results?: { error?: WireError | null }[];
}

/**
 * A client definition in wire form. Regions inherit the cloud's endpoints
 * when they have none of their own, as Juju sends them.
 */
export function cloudToWire(def: CloudDefinition): WireCloud {
  const out: WireCloud = { type: def.type };
  if (def.authTypes.length > 0) out['auth-types'] = [...def.authTypes];
  if (def.endpoint) out.endpoint = def.endpoint;
  if (def.identityEndpoint) out['identity-endpoint'] = def.identityEndpoint;
  if (def.storageEndpoint) out['storage-endpoint'] = def.storageEndpoint;
  if (def.regions.length > 0) {
    out.regions = def.regions.map((r) => {
      const w: WireRegion = { name: r.name };
      const endpoint = r.endpoint || def.endpoint;
      if (endpoint) w.endpoint = endpoint;
      const identity = r.identityEndpoint || def.identityEndpoint;
      if (identity) w['identity-endpoint'] = identity;
      const storage = r.storageEndpoint || def.storageEndpoint;
      if (storage) w['storage-endpoint'] = storage;
      return w;
    });
  }
  if (def.caCertificates && def.caCertificates.length > 0) out['ca-certificates'] = [...def.caCertificates];
  if (def.skipTlsVerify) out['skip-tls-verify'] = true;
  if (def.config && Object.keys(def.config).length > 0) out.config = def.config;
  if (def.regionConfig && Object.keys(def.regionConfig).length > 0) out['region-config'] = def.regionConfig;
  return out;
}

/** A wire cloud as a client definition. */
export function cloudFromWire(w: WireCloud): CloudDefinition {
  const def: CloudDefinition = {
    type: w.type ?? '',
    authTypes: [...(w['auth-types'] ?? [])],
    regions: (w.regions ?? []).map((r) => {
      const region: CloudRegion = { name: r.name };
      if (r.endpoint) region.endpoint = r.endpoint;
      if (r['identity-endpoint']) region.identityEndpoint = r['identity-endpoint'];
      if (r['storage-endpoint']) region.storageEndpoint = r['storage-endpoint'];
      return region;
    }),
  };
  if (w.description) def.description = w.description;
  if (w.endpoint) def.endpoint = w.endpoint;
  if (w['identity-endpoint']) def.identityEndpoint = w['identity-endpoint'];
  if (w['storage-endpoint']) def.storageEndpoint = w['storage-endpoint'];
  if (w['ca-certificates'] && w['ca-certificates'].length > 0) def.caCertificates = [...w['ca-certificates']];
  if (w['skip-tls-verify']) def.skipTlsVerify = true;
  if (w.config && Object.keys(w.config).length > 0) def.config = w.config;
  if (w['region-config'] && Object.keys(w['region-config']).length > 0) def.regionConfig = w['region-config'];
  return def;
}

/** `Cloud.Clouds`: every cloud the user can see on the controller, by name. */
export async function listControllerClouds(conn: ApiConnection): Promise<Record<string, CloudDefinition>> {
  const result = await conn.call<{ clouds?: Record<string, WireCloud> | null }>('Cloud', 'Clouds');
  const out: Record<string, CloudDefinition> = {};
  for (const [tag, wire] of Object.entries(result.clouds ?? {})) {
    out[tag.replace(/^cloud-/, '')] = cloudFromWire(wire);
  }
  return out;
}

/** `Cloud.Cloud` for one cloud. */
export async function getControllerCloud(conn: ApiConnection, name: string): Promise<CloudDefinition> {
  const result = await conn.call<{ results?: { cloud?: WireCloud; error?: WireError | null }[] }>(
    'Cloud',
    'Cloud',
    {
      entities: [{ tag: cloudTag(name) }],
    },
  );
  const first = result.results?.[0];
  if (!first) throw new JujuError('', 'expected 1 result, got 0');
  const err = errorFromResult(first);
  if (err) throw err;
  return cloudFromWire(first.cloud ?? { type: '' });
}

/** `Cloud.AddCloud {"cloud":{...},"name":"x","force":false}`. */
export async function addControllerCloud(
  conn: ApiConnection,
  name: string,
  def: CloudDefinition,
  force: boolean,
): Promise<void> {
  await conn.call('Cloud', 'AddCloud', { cloud: cloudToWire(def), name, force });
}

/** `Cloud.UpdateCloud {"clouds":[{"name","cloud":{...}}]}`. */
export async function updateControllerCloud(
  conn: ApiConnection,
  name: string,
  def: CloudDefinition,
): Promise<void> {
  const result = await conn.call<ErrorResultsWire>('Cloud', 'UpdateCloud', {
    clouds: [{ name, cloud: cloudToWire(def) }],
  });
  throwFirstError(result);
}

/** `Cloud.RemoveClouds {"entities":[{"tag":"cloud-x"}]}`. */
export async function removeControllerCloud(conn: ApiConnection, name: string): Promise<void> {
  const result = await conn.call<ErrorResultsWire>('Cloud', 'RemoveClouds', {
    entities: [{ tag: cloudTag(name) }],
  });
  throwFirstError(result);
}

/** One credential to upload: its `cloudcred-...` tag and content. */
export interface CredentialUpload {
  tag: string;
  authType: string;
  attributes: Record<string, string>;
}

/** The outcome for one uploaded credential. */
export interface CredentialUploadResult {
  tag: string;
  error?: JujuError;
  /** Models using it that reported problems: model name → messages. */
  modelErrors: Record<string, string[]>;
}

/** `Cloud.UpdateCredentialsCheckModels`: add or replace credentials on the controller. */
export async function uploadCredentials(
  conn: ApiConnection,
  credentials: readonly CredentialUpload[],
  force: boolean,
): Promise<CredentialUploadResult[]> {
  const result = await conn.call<{
    results?: {
      tag: string;
      error?: WireError | null;
      models?: { name: string; errors?: { error?: WireError | null }[] }[];
    }[];
  }>('Cloud', 'UpdateCredentialsCheckModels', {
    credentials: credentials.map((c) => ({
      tag: c.tag,
      credential: { 'auth-type': c.authType, attributes: c.attributes },
    })),
    force,
  });
  return (result.results ?? []).map((r) => {
    const modelErrors: Record<string, string[]> = {};
    for (const m of r.models ?? []) {
      const messages = (m.errors ?? []).map((e) => errorFromResult(e)?.message ?? '').filter((s) => s !== '');
      if (messages.length > 0) modelErrors[m.name] = messages;
    }
    const error = errorFromResult(r);
    return { tag: r.tag, modelErrors, ...(error ? { error } : {}) };
  });
}

/** `Cloud.RevokeCredentialsCheckModels` for one credential. */
export async function revokeCredential(conn: ApiConnection, tag: string, force: boolean): Promise<void> {
  const result = await conn.call<ErrorResultsWire>('Cloud', 'RevokeCredentialsCheckModels', {
    credentials: [{ tag, force }],
  });
  throwFirstError(result);
}

/** A credential as the controller reports it. */
export interface ControllerCredential {
  cloud: string;
  name: string;
  authType: string;
  attributes: Record<string, string>;
  valid?: boolean;
  /** Model name → the owner's access to it. */
  models: Record<string, string>;
}

/** `Cloud.CredentialContents`: the user's credentials on the controller (all when no cloud/name). */
export async function controllerCredentials(
  conn: ApiConnection,
  includeSecrets: boolean,
  cloud?: string,
  name?: string,
): Promise<{ credentials: ControllerCredential[]; errors: string[] }> {
  const args =
    cloud !== undefined && name !== undefined ? [{ 'cloud-name': cloud, 'credential-name': name }] : [];
  const result = await conn.call<{
    results?: {
      result?: {
        content: {
          name: string;
          cloud: string;
          'auth-type': string;
          attrs?: Record<string, string>;
          valid?: boolean;
        };
        models?: { model: string; access?: string }[];
      };
      error?: WireError | null;
    }[];
  }>('Cloud', 'CredentialContents', { credentials: args, 'include-secrets': includeSecrets });
  const credentials: ControllerCredential[] = [];
  const errors: string[] = [];
  for (const r of result.results ?? []) {
    const err = errorFromResult(r);
    if (err) {
      errors.push(err.message);
      continue;
    }
    if (!r.result) continue;
    const c = r.result.content;
    const models: Record<string, string> = {};
    for (const m of r.result.models ?? []) models[m.model] = m.access || 'no access';
    credentials.push({
      cloud: c.cloud,
      name: c.name,
      authType: c['auth-type'],
      attributes: { ...(c.attrs ?? {}) },
      ...(c.valid !== undefined ? { valid: c.valid } : {}),
      models,
    });
  }
  return { credentials, errors };
}

function throwFirstError(result: ErrorResultsWire): void {
  const first = result.results?.[0];
  if (!first) return;
  const err = errorFromResult(first);
  if (err) throw err;
}
