/** SQL for the cloud domain (cloud, cloud_region, cloud_credential). */
import type { Database } from '../../state/database.js';
import type { Executor } from '../../state/executor.js';
import { fromJson, fromJsonRecord, toJson } from '../common/json.js';
import type { CloudState } from './service.js';
import type { Cloud, CloudArgs, CloudCredential, CloudRegion, CredentialArgs } from './types.js';

interface CloudRow {
  name: string;
  type: string;
  description: string;
  auth_types: string;
  endpoint: string;
  identity_endpoint: string;
  storage_endpoint: string;
  ca_certificates: string;
  config: string;
}

interface RegionRow {
  cloud_name: string;
  name: string;
  endpoint: string;
  identity_endpoint: string;
  storage_endpoint: string;
}

interface CredentialRow {
  cloud_name: string;
  owner_key: string;
  name: string;
  auth_type: string;
  attributes: string;
  revoked: number;
  invalid: number;
  invalid_reason: string;
}

const CLOUD_COLUMNS =
  'name, type, description, auth_types, endpoint, identity_endpoint, storage_endpoint, ca_certificates, config';
const CREDENTIAL_COLUMNS =
  'cloud_name, owner_key, name, auth_type, attributes, revoked, invalid, invalid_reason';

function toCloud(row: CloudRow, regions: RegionRow[]): Cloud {
  return {
    name: row.name,
    type: row.type,
    description: row.description,
    authTypes: fromJson<string[]>(row.auth_types, []),
    endpoint: row.endpoint,
    identityEndpoint: row.identity_endpoint,
    storageEndpoint: row.storage_endpoint,
    regions: regions.map((r): CloudRegion => ({
      name: r.name,
      endpoint: r.endpoint,
      identityEndpoint: r.identity_endpoint,
      storageEndpoint: r.storage_endpoint,
    })),
    caCertificates: fromJson<string[]>(row.ca_certificates, []),
    config: fromJsonRecord(row.config),
  };
}

function toCredential(r: CredentialRow): CloudCredential {
  return {
    cloud: r.cloud_name,
    owner: r.owner_key,
    name: r.name,
    authType: r.auth_type,
    attributes: fromJsonRecord(r.attributes) as Record<string, string>,
    revoked: r.revoked !== 0,
    invalid: r.invalid !== 0,
    invalidReason: r.invalid_reason,
  };
}

function insertRegions(tx: Executor, cloud: Cloud): void {
  cloud.regions.forEach((r, position) =>
    tx.run(
      `INSERT INTO cloud_region (cloud_name, name, position, endpoint, identity_endpoint, storage_endpoint)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [cloud.name, r.name, position, r.endpoint, r.identityEndpoint, r.storageEndpoint],
    ),
  );
}

/** {@link CloudState} over the controller database. */
export class SqlCloudState implements CloudState {
  constructor(private readonly db: Database) {}

  insertCloud(a: CloudArgs): boolean {
    const c = a.cloud;
    return this.db.txn((tx) => {
      if (tx.get('SELECT 1 AS x FROM cloud WHERE name = ?', [c.name]) !== undefined) return false;
      tx.run(
        `INSERT INTO cloud (name, type, description, auth_types, endpoint, identity_endpoint, storage_endpoint,
                            ca_certificates, config, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          c.name,
          c.type,
          c.description,
          toJson(c.authTypes),
          c.endpoint,
          c.identityEndpoint,
          c.storageEndpoint,
          toJson(c.caCertificates),
          toJson(c.config),
          a.at,
        ],
      );
      insertRegions(tx, c);
      if (a.adminKey !== null) {
        tx.run(
          `INSERT INTO permission (object_kind, object_key, subject_key, access, created_by, created_at)
           VALUES ('cloud', ?, ?, 'admin', ?, ?)
           ON CONFLICT (object_kind, object_key, subject_key) DO UPDATE SET access = excluded.access`,
          [c.name, a.adminKey, a.adminKey, a.at],
        );
      }
      return true;
    });
  }

  replaceCloud(a: CloudArgs): boolean {
    const c = a.cloud;
    return this.db.txn((tx) => {
      const changed = tx.run(
        `UPDATE cloud SET type = ?, description = ?, auth_types = ?, endpoint = ?, identity_endpoint = ?,
                          storage_endpoint = ?, ca_certificates = ?, config = ?
          WHERE name = ?`,
        [
          c.type,
          c.description,
          toJson(c.authTypes),
          c.endpoint,
          c.identityEndpoint,
          c.storageEndpoint,
          toJson(c.caCertificates),
          toJson(c.config),
          c.name,
        ],
      ).changes;
      if (changed === 0) return false;
      tx.run('DELETE FROM cloud_region WHERE cloud_name = ?', [c.name]);
      insertRegions(tx, c);
      return true;
    });
  }

  deleteCloud(name: string): void {
    this.db.txn((tx) => {
      tx.run(`DELETE FROM permission WHERE object_kind = 'cloud' AND object_key = ?`, [name]);
      tx.run('DELETE FROM cloud WHERE name = ?', [name]);
    });
  }

  cloud(name: string): Cloud | undefined {
    return this.db.read((tx) => {
      const row = tx.get<CloudRow>(`SELECT ${CLOUD_COLUMNS} FROM cloud WHERE name = ?`, [name]);
      if (row === undefined) return undefined;
      const regions = tx.all<RegionRow>(
        `SELECT cloud_name, name, endpoint, identity_endpoint, storage_endpoint
           FROM cloud_region WHERE cloud_name = ? ORDER BY position`,
        [name],
      );
      return toCloud(row, regions);
    });
  }

  clouds(): Cloud[] {
    return this.db.read((tx) => {
      const rows = tx.all<CloudRow>(`SELECT ${CLOUD_COLUMNS} FROM cloud ORDER BY name`);
      const regions = tx.all<RegionRow>(
        `SELECT cloud_name, name, endpoint, identity_endpoint, storage_endpoint
           FROM cloud_region ORDER BY cloud_name, position`,
      );
      return rows.map((row) =>
        toCloud(
          row,
          regions.filter((r) => r.cloud_name === row.name),
        ),
      );
    });
  }

  modelCountForCloud(name: string): number {
    return this.db.read(
      (tx) => tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM model WHERE cloud_name = ?', [name])?.n ?? 0,
    );
  }

  upsertCredential(a: CredentialArgs): void {
    const c = a.credential;
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO cloud_credential (cloud_name, owner_key, name, auth_type, attributes, revoked, invalid,
                                       invalid_reason, updated_at)
         VALUES (?, ?, ?, ?, ?, 0, 0, '', ?)
         ON CONFLICT (cloud_name, owner_key, name) DO UPDATE
            SET auth_type = excluded.auth_type, attributes = excluded.attributes, revoked = 0, invalid = 0,
                invalid_reason = '', updated_at = excluded.updated_at`,
        [c.cloud, a.ownerKey, c.name, c.authType, toJson(c.attributes), a.at],
      ),
    );
  }

  credential(cloud: string, ownerKey: string, name: string): CloudCredential | undefined {
    const row = this.db.read((tx) =>
      tx.get<CredentialRow>(
        `SELECT ${CREDENTIAL_COLUMNS} FROM cloud_credential WHERE cloud_name = ? AND owner_key = ? AND name = ?`,
        [cloud, ownerKey, name],
      ),
    );
    return row === undefined ? undefined : toCredential(row);
  }

  credentials(filter: { ownerKey?: string; cloud?: string }): CloudCredential[] {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.ownerKey !== undefined) {
      where.push('owner_key = ?');
      params.push(filter.ownerKey);
    }
    if (filter.cloud !== undefined) {
      where.push('cloud_name = ?');
      params.push(filter.cloud);
    }
    const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    return this.db
      .read((tx) =>
        tx.all<CredentialRow>(
          `SELECT ${CREDENTIAL_COLUMNS} FROM cloud_credential ${clause} ORDER BY cloud_name, owner_key, name`,
          params,
        ),
      )
      .map(toCredential);
  }

  deleteCredential(cloud: string, ownerKey: string, name: string): void {
    this.db.txn((tx) =>
      tx.run('DELETE FROM cloud_credential WHERE cloud_name = ? AND owner_key = ? AND name = ?', [
        cloud,
        ownerKey,
        name,
      ]),
    );
  }

  setCredentialValidity(
    cloud: string,
    ownerKey: string,
    name: string,
    invalid: boolean,
    reason: string,
  ): void {
    this.db.txn((tx) =>
      tx.run(
        'UPDATE cloud_credential SET invalid = ?, invalid_reason = ? WHERE cloud_name = ? AND owner_key = ? AND name = ?',
        [invalid, reason, cloud, ownerKey, name],
      ),
    );
  }

  modelCountForCredential(cloud: string, ownerKey: string, name: string): number {
    return this.db.read(
      (tx) =>
        tx.get<{ n: number }>(
          'SELECT COUNT(*) AS n FROM model WHERE cloud_name = ? AND credential_owner = ? AND credential_name = ?',
          [cloud, ownerKey, name],
        )?.n ?? 0,
    );
  }
}
