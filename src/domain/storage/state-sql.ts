/** SQL for the storage domain (storage_instance, storage_attachment, storage_directive, storage_sequence). */
import type { Database } from '../../state/database.js';
import type { Executor } from '../../state/executor.js';
import { parseLife } from '../common/life.js';
import type { StorageInstanceUpdate, StorageState } from './service.js';
import type {
  InsertAttachmentArgs,
  InsertStorageArgs,
  ResolvedDirective,
  StorageAttachment,
  StorageInstance,
  StorageStatusValue,
} from './types.js';

interface InstanceRow {
  model_uuid: string;
  id: string;
  name: string;
  kind: string;
  pool: string;
  size_mib: number;
  life: string;
  owner: string;
  status: string;
  status_info: string;
  status_since: string;
}

interface AttachmentRow {
  storage_id: string;
  unit_name: string;
  life: string;
  location: string;
}

const INSTANCE_COLUMNS =
  'model_uuid, id, name, kind, pool, size_mib, life, owner, status, status_info, status_since';

function toAttachment(r: AttachmentRow): StorageAttachment {
  return { storageId: r.storage_id, unit: r.unit_name, life: parseLife(r.life), location: r.location };
}

function attachmentsOf(tx: Executor, modelUuid: string, id: string): StorageAttachment[] {
  return tx
    .all<AttachmentRow>(
      `SELECT storage_id, unit_name, life, location FROM storage_attachment
        WHERE model_uuid = ? AND storage_id = ? ORDER BY unit_name`,
      [modelUuid, id],
    )
    .map(toAttachment);
}

function toInstance(tx: Executor, r: InstanceRow): StorageInstance {
  return {
    modelUuid: r.model_uuid,
    id: r.id,
    name: r.name,
    kind: r.kind === 'block' ? 'block' : 'filesystem',
    pool: r.pool,
    sizeMiB: r.size_mib,
    life: parseLife(r.life),
    owner: r.owner,
    status: { status: r.status as StorageStatusValue, info: r.status_info, since: r.status_since },
    persistent: false,
    attachments: attachmentsOf(tx, r.model_uuid, r.id),
  };
}

/** Number part of `data/12` for ordering. */
function idNumber(id: string): number {
  return Number(id.slice(id.lastIndexOf('/') + 1));
}

/** {@link StorageState} over the controller database. */
export class SqlStorageState implements StorageState {
  constructor(private readonly db: Database) {}

  nextNumber(modelUuid: string): number {
    return this.db.txn((tx) => {
      const row = tx.get<{ next_number: number }>(
        'SELECT next_number FROM storage_sequence WHERE model_uuid = ?',
        [modelUuid],
      );
      const next = row?.next_number ?? 0;
      tx.run(
        `INSERT INTO storage_sequence (model_uuid, next_number) VALUES (?, ?)
         ON CONFLICT (model_uuid) DO UPDATE SET next_number = excluded.next_number`,
        [modelUuid, next + 1],
      );
      return next;
    });
  }

  insertInstance(a: InsertStorageArgs): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO storage_instance (${INSTANCE_COLUMNS}, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'alive', ?, ?, '', ?, ?)`,
        [a.modelUuid, a.id, a.name, a.kind, a.pool, a.sizeMiB, a.owner, a.status, a.now, a.now],
      ),
    );
  }

  insertAttachment(a: InsertAttachmentArgs): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO storage_attachment (model_uuid, storage_id, unit_name, life, location, created_at)
         VALUES (?, ?, ?, 'alive', '', ?)`,
        [a.modelUuid, a.storageId, a.unit, a.now],
      ),
    );
  }

  instance(modelUuid: string, id: string): StorageInstance | undefined {
    return this.db.read((tx) => {
      const row = tx.get<InstanceRow>(
        `SELECT ${INSTANCE_COLUMNS} FROM storage_instance WHERE model_uuid = ? AND id = ?`,
        [modelUuid, id],
      );
      return row === undefined ? undefined : toInstance(tx, row);
    });
  }

  instances(modelUuid: string): StorageInstance[] {
    return this.db.read((tx) =>
      tx
        .all<InstanceRow>(`SELECT ${INSTANCE_COLUMNS} FROM storage_instance WHERE model_uuid = ?`, [
          modelUuid,
        ])
        .map((r) => toInstance(tx, r))
        .sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : idNumber(a.id) - idNumber(b.id))),
    );
  }

  unitAttachments(modelUuid: string, unit: string): StorageAttachment[] {
    return this.db.read((tx) =>
      tx
        .all<AttachmentRow>(
          `SELECT storage_id, unit_name, life, location FROM storage_attachment
            WHERE model_uuid = ? AND unit_name = ?`,
          [modelUuid, unit],
        )
        .map(toAttachment)
        .sort((a, b) => {
          const na = a.storageId.slice(0, a.storageId.lastIndexOf('/'));
          const nb = b.storageId.slice(0, b.storageId.lastIndexOf('/'));
          return na !== nb ? (na < nb ? -1 : 1) : idNumber(a.storageId) - idNumber(b.storageId);
        }),
    );
  }

  ownedBy(modelUuid: string, unit: string): string[] {
    return this.db.read((tx) =>
      tx
        .all<{ id: string }>(
          'SELECT id FROM storage_instance WHERE model_uuid = ? AND owner = ? ORDER BY id',
          [modelUuid, unit],
        )
        .map((r) => r.id),
    );
  }

  updateInstance(modelUuid: string, id: string, u: StorageInstanceUpdate): void {
    const sets: string[] = [];
    const params: (string | number)[] = [];
    if (u.life !== undefined) {
      sets.push('life = ?');
      params.push(u.life);
    }
    if (u.owner !== undefined) {
      sets.push('owner = ?');
      params.push(u.owner);
    }
    if (u.status !== undefined) {
      sets.push('status = ?', 'status_info = ?', 'status_since = ?');
      params.push(u.status.status, u.status.info, u.status.since);
    }
    if (sets.length === 0) return;
    this.db.txn((tx) =>
      tx.run(`UPDATE storage_instance SET ${sets.join(', ')} WHERE model_uuid = ? AND id = ?`, [
        ...params,
        modelUuid,
        id,
      ]),
    );
  }

  updateAttachment(
    modelUuid: string,
    id: string,
    unit: string,
    u: { readonly life?: string; readonly location?: string },
  ): void {
    const sets: string[] = [];
    const params: string[] = [];
    if (u.life !== undefined) {
      sets.push('life = ?');
      params.push(u.life);
    }
    if (u.location !== undefined) {
      sets.push('location = ?');
      params.push(u.location);
    }
    if (sets.length === 0) return;
    this.db.txn((tx) =>
      tx.run(
        `UPDATE storage_attachment SET ${sets.join(', ')} WHERE model_uuid = ? AND storage_id = ? AND unit_name = ?`,
        [...params, modelUuid, id, unit],
      ),
    );
  }

  deleteAttachment(modelUuid: string, id: string, unit: string): void {
    this.db.txn((tx) =>
      tx.run('DELETE FROM storage_attachment WHERE model_uuid = ? AND storage_id = ? AND unit_name = ?', [
        modelUuid,
        id,
        unit,
      ]),
    );
  }

  deleteInstance(modelUuid: string, id: string): void {
    this.db.txn((tx) => {
      tx.run('DELETE FROM storage_attachment WHERE model_uuid = ? AND storage_id = ?', [modelUuid, id]);
      tx.run('DELETE FROM storage_instance WHERE model_uuid = ? AND id = ?', [modelUuid, id]);
    });
  }

  directives(modelUuid: string, application: string): ResolvedDirective[] {
    return this.db.read((tx) =>
      tx
        .all<{ name: string; pool: string; size_mib: number; count: number }>(
          `SELECT name, pool, size_mib, count FROM storage_directive
            WHERE model_uuid = ? AND application = ? ORDER BY name`,
          [modelUuid, application],
        )
        .map((r) => ({ name: r.name, pool: r.pool, sizeMiB: r.size_mib, count: r.count })),
    );
  }

  replaceDirectives(modelUuid: string, application: string, directives: readonly ResolvedDirective[]): void {
    this.db.txn((tx) => {
      tx.run('DELETE FROM storage_directive WHERE model_uuid = ? AND application = ?', [
        modelUuid,
        application,
      ]);
      for (const d of directives)
        tx.run(
          `INSERT INTO storage_directive (model_uuid, application, name, pool, size_mib, count)
           VALUES (?, ?, ?, ?, ?, ?)`,
          [modelUuid, application, d.name, d.pool, d.sizeMiB, d.count],
        );
    });
  }
}
