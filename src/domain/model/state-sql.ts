/** SQL for the model domain (model table; reads machines and grants for info). */
import type { Database } from '../../state/database.js';
import type { Executor } from '../../state/executor.js';
import { fromJson, fromJsonRecord, toJson } from '../common/json.js';
import { parseLife } from '../common/life.js';
import { insertStatusHistory } from '../common/state-sql.js';
import { compareMachineIds } from '../machine/state-sql.js';
import type { ModelState } from './service.js';
import type {
  InsertModelArgs,
  MachineToRelease,
  Model,
  ModelInfo,
  ModelStatus,
  ModelSummary,
} from './types.js';

/** Raw model row joined with owner name and agent version; exported for the status read model. */
export interface ModelRow {
  uuid: string;
  name: string;
  owner_key: string;
  owner_name: string;
  type: string;
  cloud_name: string;
  cloud_region: string;
  credential_owner: string;
  credential_name: string;
  life: string;
  status: string;
  status_info: string;
  status_since: string;
  is_controller_model: number;
  created_at: string;
  agent_version: string | null;
}

/** SELECT list and joins producing {@link ModelRow}; append WHERE/ORDER BY. */
export const MODEL_SELECT = `
SELECT m.uuid, m.name, m.owner_key, COALESCE(u.name, m.owner_key) AS owner_name, m.type, m.cloud_name,
       m.cloud_region, m.credential_owner, m.credential_name, m.life, m.status, m.status_info, m.status_since,
       m.is_controller_model, m.created_at, av.value AS agent_version
  FROM model m
  LEFT JOIN user_account u ON u.name_key = m.owner_key
  LEFT JOIN model_config av ON av.model_uuid = m.uuid AND av.key = 'agent-version'`;

/** Converts a row into the domain shape. */
export function toModel(r: ModelRow): Model {
  return {
    uuid: r.uuid,
    name: r.name,
    owner: r.owner_name,
    type: r.type,
    cloud: r.cloud_name,
    cloudRegion: r.cloud_region,
    credential:
      r.credential_name === ''
        ? null
        : { cloud: r.cloud_name, owner: r.credential_owner, name: r.credential_name },
    life: parseLife(r.life),
    status: { current: r.status, message: r.status_info, since: r.status_since },
    agentVersion: fromJson<string>(r.agent_version, ''),
    isControllerModel: r.is_controller_model !== 0,
    createdAt: r.created_at,
  };
}

/** A model read inside the caller's transaction. */
export function selectModel(tx: Executor, uuid: string): Model | undefined {
  const row = tx.get<ModelRow>(`${MODEL_SELECT} WHERE m.uuid = ?`, [uuid]);
  return row === undefined ? undefined : toModel(row);
}

function recordStatus(tx: Executor, uuid: string, status: ModelStatus): void {
  insertStatusHistory(tx, {
    modelUuid: uuid,
    entityKind: 'model',
    entityId: uuid,
    status: status.current,
    info: status.message,
    data: {},
    updatedAt: status.since,
  });
}

/** {@link ModelState} over the controller database. */
export class SqlModelState implements ModelState {
  constructor(private readonly db: Database) {}

  insertModel(a: InsertModelArgs): 'ok' | 'exists' | 'controller-exists' {
    return this.db.txn((tx) => {
      if (
        tx.get('SELECT 1 AS x FROM model WHERE owner_key = ? AND name = ?', [a.ownerKey, a.name]) !==
        undefined
      ) {
        return 'exists';
      }
      if (
        a.isControllerModel &&
        tx.get('SELECT 1 AS x FROM model WHERE is_controller_model = 1') !== undefined
      ) {
        return 'controller-exists';
      }
      tx.run(
        `INSERT INTO model (uuid, name, owner_key, type, cloud_name, cloud_region, credential_owner, credential_name,
                            life, status, status_info, status_since, is_controller_model, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'alive', ?, ?, ?, ?, ?)`,
        [
          a.uuid,
          a.name,
          a.ownerKey,
          a.type,
          a.cloud,
          a.cloudRegion,
          a.credentialOwnerKey,
          a.credentialName,
          a.status.current,
          a.status.message,
          a.status.since,
          a.isControllerModel,
          a.createdAt,
        ],
      );
      for (const [key, value] of Object.entries(a.config)) {
        tx.run('INSERT INTO model_config (model_uuid, key, value) VALUES (?, ?, ?)', [
          a.uuid,
          key,
          toJson(value),
        ]);
      }
      tx.run(
        `INSERT INTO permission (object_kind, object_key, subject_key, access, created_by, created_at)
         VALUES ('model', ?, ?, 'admin', ?, ?)
         ON CONFLICT (object_kind, object_key, subject_key) DO UPDATE SET access = excluded.access`,
        [a.uuid, a.ownerKey, a.ownerKey, a.createdAt],
      );
      recordStatus(tx, a.uuid, a.status);
      return 'ok';
    });
  }

  model(uuid: string): Model | undefined {
    return this.db.read((tx) => selectModel(tx, uuid));
  }

  modelByName(ownerKey: string, name: string): Model | undefined {
    const row = this.db.read((tx) =>
      tx.get<ModelRow>(`${MODEL_SELECT} WHERE m.owner_key = ? AND m.name = ?`, [ownerKey, name]),
    );
    return row === undefined ? undefined : toModel(row);
  }

  controllerModel(): Model | undefined {
    const row = this.db.read((tx) => tx.get<ModelRow>(`${MODEL_SELECT} WHERE m.is_controller_model = 1`));
    return row === undefined ? undefined : toModel(row);
  }

  models(): Model[] {
    return this.db
      .read((tx) => tx.all<ModelRow>(`${MODEL_SELECT} ORDER BY m.owner_key, m.name`))
      .map(toModel);
  }

  modelsForUser(userKey: string, all: boolean): ModelSummary[] {
    return this.db.read((tx) => {
      const rows = tx.all<ModelRow & { user_access: string | null; last_connection: string | null }>(
        `SELECT q.*, p.access AS user_access, lc.last_connection
           FROM (${MODEL_SELECT}) q
           LEFT JOIN permission p
                  ON p.object_kind = 'model' AND p.object_key = q.uuid AND p.subject_key = ?
           LEFT JOIN model_last_connection lc ON lc.model_uuid = q.uuid AND lc.user_key = ?
          WHERE ? = 1 OR p.access IS NOT NULL OR q.owner_key = ?
          ORDER BY q.owner_key, q.name`,
        [userKey, userKey, all, userKey],
      );
      const counts = new Map(
        tx
          .all<{ model_uuid: string; n: number }>(
            'SELECT model_uuid, COUNT(*) AS n FROM machine GROUP BY model_uuid',
          )
          .map((r) => [r.model_uuid, r.n]),
      );
      return rows.map((r) => ({
        ...toModel(r),
        userAccess: r.owner_key === userKey ? 'admin' : r.user_access,
        userLastConnection: r.last_connection,
        machineCount: counts.get(r.uuid) ?? 0,
      }));
    });
  }

  modelInfo(uuid: string): ModelInfo | undefined {
    return this.db.read((tx) => {
      const model = selectModel(tx, uuid);
      if (model === undefined) return undefined;
      const users = tx
        .all<{
          subject_key: string;
          access: string;
          created_by: string;
          created_at: string;
          name: string | null;
          display_name: string | null;
          last_connection: string | null;
        }>(
          `SELECT p.subject_key, p.access, p.created_by, p.created_at, u.name, u.display_name, c.last_connection
             FROM permission p
             LEFT JOIN user_account u ON u.name_key = p.subject_key
             LEFT JOIN model_last_connection c ON c.model_uuid = p.object_key AND c.user_key = p.subject_key
            WHERE p.object_kind = 'model' AND p.object_key = ?
            ORDER BY p.subject_key`,
          [uuid],
        )
        .map((r) => ({
          user: r.name ?? r.subject_key,
          displayName: r.display_name ?? '',
          access: r.access,
          createdBy: r.created_by,
          dateCreated: r.created_at,
          lastConnection: r.last_connection,
        }));
      const machines = tx
        .all<{ id: string; instance_id: string; agent_status: string; hardware: string }>(
          'SELECT id, instance_id, agent_status, hardware FROM machine WHERE model_uuid = ?',
          [uuid],
        )
        .sort((a, b) => compareMachineIds(a.id, b.id))
        .map((r) => ({
          id: r.id,
          instanceId: r.instance_id === '' ? null : r.instance_id,
          status: r.agent_status,
          hardware: fromJsonRecord(r.hardware),
        }));
      return { ...model, users, machineCount: machines.length, machines };
    });
  }

  setStatus(uuid: string, status: ModelStatus): void {
    this.db.txn((tx) => {
      tx.run('UPDATE model SET status = ?, status_info = ?, status_since = ? WHERE uuid = ?', [
        status.current,
        status.message,
        status.since,
        uuid,
      ]);
      recordStatus(tx, uuid, status);
    });
  }

  startDestroy(uuid: string, force: boolean, status: ModelStatus): MachineToRelease[] {
    return this.db.txn((tx) => {
      const changed = tx.run(
        `UPDATE model SET life = 'dying', destroy_force = ? WHERE uuid = ? AND life = 'alive'`,
        [force, uuid],
      );
      if (changed.changes > 0) {
        tx.run('UPDATE model SET status = ?, status_info = ?, status_since = ? WHERE uuid = ?', [
          status.current,
          status.message,
          status.since,
          uuid,
        ]);
        recordStatus(tx, uuid, status);
      }
      tx.run(`UPDATE machine SET life = 'dying' WHERE model_uuid = ? AND life = 'alive'`, [uuid]);
      // Applications, their units and relations go with the model: agents see
      // them dying; the rows cascade when the model row is deleted.
      tx.run(`UPDATE application SET life = 'dying' WHERE model_uuid = ? AND life = 'alive'`, [uuid]);
      tx.run(`UPDATE unit SET life = 'dying' WHERE model_uuid = ? AND life = 'alive'`, [uuid]);
      tx.run(`UPDATE relation SET life = 'dying' WHERE model_uuid = ? AND life = 'alive'`, [uuid]);
      return tx
        .all<{ id: string; instance_id: string }>(
          'SELECT id, instance_id FROM machine WHERE model_uuid = ?',
          [uuid],
        )
        .sort((a, b) => compareMachineIds(a.id, b.id))
        .map((r) => ({ id: r.id, instanceId: r.instance_id === '' ? null : r.instance_id }));
    });
  }

  machineCount(uuid: string): number {
    return this.db.read(
      (tx) => tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM machine WHERE model_uuid = ?', [uuid])?.n ?? 0,
    );
  }

  deleteModel(uuid: string): void {
    this.db.txn((tx) => {
      tx.run(`DELETE FROM permission WHERE object_kind = 'model' AND object_key = ?`, [uuid]);
      tx.run('DELETE FROM model WHERE uuid = ?', [uuid]);
    });
  }
}
