/** SQL for the secret domain (secret, secret_revision, secret_consumer, secret_grant). */
import type { Database } from '../../state/database.js';
import { placeholders } from '../../state/executor.js';
import { fromJsonRecord, toJson } from '../common/json.js';
import type { SecretState } from './service.js';
import type {
  InsertRevisionArgs,
  InsertSecretArgs,
  RotatePolicy,
  SecretConsumerInfo,
  SecretData,
  SecretGrant,
  SecretMetadata,
  SecretOwner,
  SecretOwnerKind,
  SecretRevision,
  UpdateSecretArgs,
} from './types.js';

interface SecretRow {
  id: string;
  owner_kind: string;
  owner_name: string;
  label: string;
  description: string;
  rotate_policy: string;
  next_rotate_time: string;
  latest_revision: number;
  auto_prune: number;
  created_at: string;
  updated_at: string;
  checksum: string | null;
  expire_time: string | null;
}

const SECRET_SELECT = `
SELECT s.id, s.owner_kind, s.owner_name, s.label, s.description, s.rotate_policy, s.next_rotate_time,
       s.latest_revision, s.auto_prune, s.created_at, s.updated_at, r.checksum, r.expire_time
  FROM secret s
  LEFT JOIN secret_revision r
    ON r.model_uuid = s.model_uuid AND r.secret_id = s.id AND r.revision = s.latest_revision`;

function toMetadata(r: SecretRow): SecretMetadata {
  return {
    id: r.id,
    owner: { kind: r.owner_kind as SecretOwnerKind, name: r.owner_name },
    label: r.label,
    description: r.description,
    rotatePolicy: r.rotate_policy as RotatePolicy,
    nextRotateTime: r.next_rotate_time,
    latestRevision: r.latest_revision,
    latestExpireTime: r.expire_time ?? '',
    latestChecksum: r.checksum ?? '',
    autoPrune: r.auto_prune !== 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

interface ConsumerRow {
  secret_id: string;
  unit_name: string;
  label: string;
  current_revision: number;
}

const toConsumer = (r: ConsumerRow): SecretConsumerInfo => ({
  secretId: r.secret_id,
  unit: r.unit_name,
  label: r.label,
  currentRevision: r.current_revision,
});

/** {@link SecretState} over the controller database. */
export class SqlSecretState implements SecretState {
  constructor(private readonly db: Database) {}

  unitExists(modelUuid: string, unit: string): boolean {
    return (
      this.db.read((tx) =>
        tx.get('SELECT 1 AS x FROM unit WHERE model_uuid = ? AND name = ?', [modelUuid, unit]),
      ) !== undefined
    );
  }

  secret(modelUuid: string, id: string): SecretMetadata | undefined {
    const row = this.db.read((tx) =>
      tx.get<SecretRow>(`${SECRET_SELECT} WHERE s.model_uuid = ? AND s.id = ?`, [modelUuid, id]),
    );
    return row === undefined ? undefined : toMetadata(row);
  }

  secretsOwnedBy(modelUuid: string, owners: readonly SecretOwner[]): SecretMetadata[] {
    if (owners.length === 0) return [];
    const cond = owners.map(() => '(s.owner_kind = ? AND s.owner_name = ?)').join(' OR ');
    const params = owners.flatMap((o) => [o.kind, o.name]);
    return this.db
      .read((tx) =>
        tx.all<SecretRow>(
          `${SECRET_SELECT} WHERE s.model_uuid = ? AND (${cond}) ORDER BY s.created_at, s.id`,
          [modelUuid, ...params],
        ),
      )
      .map(toMetadata);
  }

  allSecrets(modelUuid: string): SecretMetadata[] {
    return this.db
      .read((tx) =>
        tx.all<SecretRow>(`${SECRET_SELECT} WHERE s.model_uuid = ? ORDER BY s.created_at, s.id`, [modelUuid]),
      )
      .map(toMetadata);
  }

  insertSecret(a: InsertSecretArgs): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO secret (model_uuid, id, owner_kind, owner_name, owner_application, owner_unit, label, description,
                             rotate_policy, next_rotate_time, latest_revision, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        [
          a.modelUuid,
          a.id,
          a.owner.kind,
          a.owner.name,
          a.ownerApplication,
          a.ownerUnit,
          a.label,
          a.description,
          a.rotatePolicy,
          a.nextRotateTime,
          a.now,
          a.now,
        ],
      ),
    );
  }

  insertRevision(a: InsertRevisionArgs): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO secret_revision (model_uuid, secret_id, revision, content, checksum, backend, expire_time, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'internal', ?, ?, ?)`,
        [a.modelUuid, a.secretId, a.revision, toJson(a.data), a.checksum, a.expireTime, a.now, a.now],
      ),
    );
  }

  updateSecret(modelUuid: string, id: string, a: UpdateSecretArgs): void {
    this.db.txn((tx) =>
      tx.run(
        `UPDATE secret SET label = ?, description = ?, rotate_policy = ?, next_rotate_time = ?, latest_revision = ?,
                           updated_at = ?
          WHERE model_uuid = ? AND id = ?`,
        [a.label, a.description, a.rotatePolicy, a.nextRotateTime, a.latestRevision, a.now, modelUuid, id],
      ),
    );
  }

  setRevisionExpiry(modelUuid: string, id: string, revision: number, expireTime: string, now: string): void {
    this.db.txn((tx) =>
      tx.run(
        `UPDATE secret_revision SET expire_time = ?, updated_at = ?
          WHERE model_uuid = ? AND secret_id = ? AND revision = ?`,
        [expireTime, now, modelUuid, id, revision],
      ),
    );
  }

  deleteSecret(modelUuid: string, id: string): void {
    this.db.txn((tx) => tx.run('DELETE FROM secret WHERE model_uuid = ? AND id = ?', [modelUuid, id]));
  }

  deleteRevisions(modelUuid: string, id: string, revisions: readonly number[]): void {
    if (revisions.length === 0) return;
    this.db.txn((tx) =>
      tx.run(
        `DELETE FROM secret_revision WHERE model_uuid = ? AND secret_id = ? AND revision IN (${placeholders(revisions.length)})`,
        [modelUuid, id, ...revisions],
      ),
    );
  }

  revisions(modelUuid: string, id: string): SecretRevision[] {
    return this.db
      .read((tx) =>
        tx.all<{
          revision: number;
          backend: string;
          checksum: string;
          expire_time: string;
          created_at: string;
          updated_at: string;
        }>(
          `SELECT revision, backend, checksum, expire_time, created_at, updated_at FROM secret_revision
            WHERE model_uuid = ? AND secret_id = ? ORDER BY revision`,
          [modelUuid, id],
        ),
      )
      .map((r) => ({
        revision: r.revision,
        backend: r.backend,
        checksum: r.checksum,
        expireTime: r.expire_time,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }));
  }

  revisionContent(modelUuid: string, id: string, revision: number): SecretData | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ content: string }>(
        'SELECT content FROM secret_revision WHERE model_uuid = ? AND secret_id = ? AND revision = ?',
        [modelUuid, id, revision],
      ),
    );
    if (row === undefined) return undefined;
    const out: SecretData = {};
    for (const [k, v] of Object.entries(fromJsonRecord(row.content))) if (typeof v === 'string') out[k] = v;
    return out;
  }

  consumer(modelUuid: string, id: string, unit: string): SecretConsumerInfo | undefined {
    const row = this.db.read((tx) =>
      tx.get<ConsumerRow>(
        `SELECT secret_id, unit_name, label, current_revision FROM secret_consumer
          WHERE model_uuid = ? AND secret_id = ? AND unit_name = ?`,
        [modelUuid, id, unit],
      ),
    );
    return row === undefined ? undefined : toConsumer(row);
  }

  consumerByLabel(modelUuid: string, unit: string, label: string): SecretConsumerInfo | undefined {
    const row = this.db.read((tx) =>
      tx.get<ConsumerRow>(
        `SELECT secret_id, unit_name, label, current_revision FROM secret_consumer
          WHERE model_uuid = ? AND unit_name = ? AND label = ?`,
        [modelUuid, unit, label],
      ),
    );
    return row === undefined ? undefined : toConsumer(row);
  }

  consumersOfUnit(modelUuid: string, unit: string): SecretConsumerInfo[] {
    return this.db
      .read((tx) =>
        tx.all<ConsumerRow>(
          `SELECT secret_id, unit_name, label, current_revision FROM secret_consumer
            WHERE model_uuid = ? AND unit_name = ? ORDER BY secret_id`,
          [modelUuid, unit],
        ),
      )
      .map(toConsumer);
  }

  trackedRevisions(modelUuid: string, id: string): number[] {
    return this.db
      .read((tx) =>
        tx.all<{ current_revision: number }>(
          'SELECT DISTINCT current_revision FROM secret_consumer WHERE model_uuid = ? AND secret_id = ?',
          [modelUuid, id],
        ),
      )
      .map((r) => r.current_revision);
  }

  upsertConsumer(modelUuid: string, c: SecretConsumerInfo): void {
    this.db.txn((tx) => {
      // A consumer label names one secret per unit.
      if (c.label !== '')
        tx.run(
          `UPDATE secret_consumer SET label = '' WHERE model_uuid = ? AND unit_name = ? AND label = ? AND secret_id <> ?`,
          [modelUuid, c.unit, c.label, c.secretId],
        );
      tx.run(
        `INSERT INTO secret_consumer (model_uuid, secret_id, unit_name, label, current_revision) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (model_uuid, secret_id, unit_name)
         DO UPDATE SET label = excluded.label, current_revision = excluded.current_revision`,
        [modelUuid, c.secretId, c.unit, c.label, c.currentRevision],
      );
    });
  }

  grants(modelUuid: string, id: string): SecretGrant[] {
    return this.db
      .read((tx) =>
        tx.all<{
          subject_kind: string;
          subject_name: string;
          role: string;
          scope_relation_id: number | null;
          relation_key: string | null;
        }>(
          `SELECT g.subject_kind, g.subject_name, g.role, g.scope_relation_id, r.relation_key
             FROM secret_grant g
             LEFT JOIN relation r ON r.model_uuid = g.model_uuid AND r.id = g.scope_relation_id
            WHERE g.model_uuid = ? AND g.secret_id = ? ORDER BY g.subject_kind, g.subject_name`,
          [modelUuid, id],
        ),
      )
      .map((r) => ({
        subjectKind: r.subject_kind === 'unit' ? 'unit' : 'application',
        subjectName: r.subject_name,
        role: r.role === 'manage' ? 'manage' : 'view',
        ...(r.scope_relation_id !== null ? { scopeRelationId: r.scope_relation_id } : {}),
        scopeRelationKey: r.relation_key ?? '',
      }));
  }

  upsertGrant(modelUuid: string, id: string, g: SecretGrant): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO secret_grant (model_uuid, secret_id, subject_kind, subject_name, role, scope_relation_id)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (model_uuid, secret_id, subject_kind, subject_name)
         DO UPDATE SET role = excluded.role, scope_relation_id = excluded.scope_relation_id`,
        [modelUuid, id, g.subjectKind, g.subjectName, g.role, g.scopeRelationId ?? null],
      ),
    );
  }

  deleteGrant(modelUuid: string, id: string, subjectKind: string, subjectName: string): void {
    this.db.txn((tx) =>
      tx.run(
        'DELETE FROM secret_grant WHERE model_uuid = ? AND secret_id = ? AND subject_kind = ? AND subject_name = ?',
        [modelUuid, id, subjectKind, subjectName],
      ),
    );
  }

  relationByKey(modelUuid: string, key: string): { id: number; applications: string[] } | undefined {
    return this.db.read((tx) => {
      const rel = tx.get<{ id: number }>(
        'SELECT id FROM relation WHERE model_uuid = ? AND relation_key = ?',
        [modelUuid, key],
      );
      if (rel === undefined) return undefined;
      const apps = tx
        .all<{ application: string }>(
          'SELECT application FROM relation_endpoint WHERE model_uuid = ? AND relation_id = ? ORDER BY application',
          [modelUuid, rel.id],
        )
        .map((r) => r.application);
      return { id: rel.id, applications: apps };
    });
  }
}
