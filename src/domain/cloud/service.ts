/**
 * Clouds known to the controller and the credentials users store for them.
 * Access to clouds (add-model, admin) lives in the access domain; adding a
 * cloud gives its owner admin in the same transaction.
 */
import { isValidCloudCredentialName, isValidCloudName } from '../../core/names.js';
import { userKey } from '../access/types.js';
import { timestamp, type Clock } from '../common/clock.js';
import {
  authTypeNotSupported,
  cloudAlreadyExists,
  cloudInUse,
  cloudNameNotValid,
  cloudNotFound,
  cloudTypeEmpty,
  credentialInUse,
  credentialNameNotValid,
  credentialNotFound,
  duplicateRegion,
  regionNotFound,
} from './errors.js';
import {
  credentialId,
  type Cloud,
  type CloudArgs,
  type CloudCredential,
  type CloudParams,
  type CloudRegion,
  type CredentialArgs,
  type CredentialKey,
  type CredentialParams,
} from './types.js';

/** Persistence the cloud service needs. */
export interface CloudState {
  /** Inserts a cloud with its regions (and admin grant); false if the name is taken. */
  insertCloud(args: CloudArgs): boolean;
  /** Replaces a cloud's definition and regions; false if it does not exist. */
  replaceCloud(args: CloudArgs): boolean;
  deleteCloud(name: string): void;
  cloud(name: string): Cloud | undefined;
  clouds(): Cloud[];
  /** Models on the cloud. */
  modelCountForCloud(name: string): number;
  upsertCredential(args: CredentialArgs): void;
  credential(cloud: string, ownerKey: string, name: string): CloudCredential | undefined;
  credentials(filter: { ownerKey?: string; cloud?: string }): CloudCredential[];
  deleteCredential(cloud: string, ownerKey: string, name: string): void;
  setCredentialValidity(
    cloud: string,
    ownerKey: string,
    name: string,
    invalid: boolean,
    reason: string,
  ): void;
  modelCountForCredential(cloud: string, ownerKey: string, name: string): number;
}

function normaliseCloud(p: CloudParams): Cloud {
  if (!isValidCloudName(p.name)) throw cloudNameNotValid(p.name);
  if (p.type.trim() === '') throw cloudTypeEmpty();
  const regions: CloudRegion[] = [];
  const seen = new Set<string>();
  for (const r of p.regions ?? []) {
    if (seen.has(r.name)) throw duplicateRegion(p.name, r.name);
    seen.add(r.name);
    regions.push({
      name: r.name,
      endpoint: r.endpoint ?? '',
      identityEndpoint: r.identityEndpoint ?? '',
      storageEndpoint: r.storageEndpoint ?? '',
    });
  }
  return {
    name: p.name,
    type: p.type,
    description: p.description ?? '',
    authTypes: [...(p.authTypes ?? [])],
    endpoint: p.endpoint ?? '',
    identityEndpoint: p.identityEndpoint ?? '',
    storageEndpoint: p.storageEndpoint ?? '',
    regions,
    caCertificates: [...(p.caCertificates ?? [])],
    config: { ...(p.config ?? {}) },
  };
}

/** Business rules for clouds and cloud credentials. */
export class CloudService {
  constructor(
    private readonly state: CloudState,
    private readonly clock: Clock,
  ) {}

  /**
   * Adds a cloud; `owner` (if given) gets cloud admin access.
   * @throws `not valid` bad name/type; `already exists`.
   */
  addCloud(params: CloudParams, owner?: string): Cloud {
    const cloud = normaliseCloud(params);
    const ok = this.state.insertCloud({
      cloud,
      at: timestamp(this.clock),
      adminKey: owner === undefined ? null : userKey(owner),
    });
    if (!ok) throw cloudAlreadyExists(cloud.name);
    return this.cloud(cloud.name);
  }

  /** Replaces a cloud's definition. @throws `not found`. */
  updateCloud(params: CloudParams): Cloud {
    const cloud = normaliseCloud(params);
    if (!this.state.replaceCloud({ cloud, at: timestamp(this.clock), adminKey: null }))
      throw cloudNotFound(cloud.name);
    return this.cloud(cloud.name);
  }

  /**
   * Removes a cloud with its credentials, defaults and grants.
   * @throws `not found`; refused while models use it.
   */
  removeCloud(name: string): void {
    this.cloud(name);
    const models = this.state.modelCountForCloud(name);
    if (models > 0) throw cloudInUse(name, models);
    this.state.deleteCloud(name);
  }

  /** The cloud called `name`. @throws `not found` `cloud "x" not found`. */
  cloud(name: string): Cloud {
    const cloud = this.state.cloud(name);
    if (cloud === undefined) throw cloudNotFound(name);
    return cloud;
  }

  /** Every cloud, by name. */
  listClouds(): Cloud[] {
    return this.state.clouds();
  }

  /**
   * The named region of a cloud, or with no name its default (first) region;
   * null for a cloud without regions and no name asked.
   * @throws `not found` `region "x" not found (expected one of [...])`.
   */
  region(cloudName: string, regionName?: string): CloudRegion | null {
    const cloud = this.cloud(cloudName);
    if (regionName === undefined || regionName === '') return cloud.regions[0] ?? null;
    const region = cloud.regions.find((r) => r.name === regionName);
    if (region === undefined) {
      throw regionNotFound(
        regionName,
        cloud.regions.map((r) => r.name),
      );
    }
    return region;
  }

  /**
   * Adds or replaces a credential. The auth type must be one the cloud accepts.
   * @throws `not found` cloud; `not valid` name; `not supported` auth type.
   */
  updateCredential(params: CredentialParams): CloudCredential {
    const cloud = this.cloud(params.cloud);
    if (!isValidCloudCredentialName(params.name)) throw credentialNameNotValid(params.name);
    if (cloud.authTypes.length > 0 && !cloud.authTypes.includes(params.authType)) {
      throw authTypeNotSupported(cloud.authTypes, params.authType);
    }
    const credential: CloudCredential = {
      cloud: params.cloud,
      owner: params.owner,
      name: params.name,
      authType: params.authType,
      attributes: { ...(params.attributes ?? {}) },
      revoked: false,
      invalid: false,
      invalidReason: '',
    };
    this.state.upsertCredential({ credential, ownerKey: userKey(params.owner), at: timestamp(this.clock) });
    return this.credential(params);
  }

  /** A credential. @throws `not found` `cloud credential "c/o/n" not found`. */
  credential(key: CredentialKey): CloudCredential {
    const c = this.state.credential(key.cloud, userKey(key.owner), key.name);
    if (c === undefined) throw credentialNotFound(credentialId(key));
    return c;
  }

  /** Credentials, optionally only an owner's and/or a cloud's. */
  credentials(filter: { owner?: string; cloud?: string } = {}): CloudCredential[] {
    return this.state.credentials({
      ...(filter.owner !== undefined ? { ownerKey: userKey(filter.owner) } : {}),
      ...(filter.cloud !== undefined ? { cloud: filter.cloud } : {}),
    });
  }

  /** Removes a credential; refused while models use it. */
  removeCredential(key: CredentialKey): void {
    this.credential(key);
    const models = this.state.modelCountForCredential(key.cloud, userKey(key.owner), key.name);
    if (models > 0) throw credentialInUse(credentialId(key), models);
    this.state.deleteCredential(key.cloud, userKey(key.owner), key.name);
  }

  /** Marks a credential invalid (e.g. the provider rejected it) or valid again. */
  setCredentialValidity(key: CredentialKey, valid: boolean, reason = ''): void {
    this.credential(key);
    this.state.setCredentialValidity(key.cloud, userKey(key.owner), key.name, !valid, valid ? '' : reason);
  }
}
