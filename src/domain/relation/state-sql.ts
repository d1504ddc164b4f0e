/** SQL for the relation domain (relation, endpoints, scopes, settings bags). */
import type { Database } from '../../state/database.js';
import { placeholders, type Executor, type SqlValue } from '../../state/executor.js';
import type { CharmEndpoint, RelationRoleValue, RelationScopeValue } from '../charm/types.js';
import { fromJson, fromJsonRecord, toJson } from '../common/json.js';
import { parseLife, type LifeValue } from '../common/life.js';
import { nextModelSequence } from '../common/state-sql.js';
import type { RelationState } from './service.js';
import type {
  ApplicationEndpoints,
  InsertRelationArgs,
  Relation,
  RelationEndpoint,
  RelationSettingsVersions,
  RelationStatus,
  RelationUnitInfo,
  SettingsBag,
} from './types.js';

interface RelationRow {
  model_uuid: string;
  id: number;
  relation_key: string;
  life: string;
  suspended: number;
  suspended_reason: string;
  status: string;
  status_info: string;
  status_since: string;
  created_at: string;
}

interface EndpointRow {
  relation_id: number;
  application: string;
  name: string;
  role: string;
  interface_name: string;
  optional: number;
  relation_limit: number;
  scope: string;
}

const ROLE_RANK: Record<string, number> = { requirer: 0, provider: 1, peer: 2 };

function toEndpoint(r: EndpointRow): RelationEndpoint {
  return {
    application: r.application,
    name: r.name,
    role: r.role as RelationRoleValue,
    interface: r.interface_name,
    optional: r.optional !== 0,
    limit: r.relation_limit,
    scope: r.scope as RelationScopeValue,
  };
}

/**
 * Relations matching `where` (a condition on table alias `r`) with their
 * endpoints and unit counts, in id order: three queries whatever the count.
 */
function selectRelationsWhere(
  tx: Executor,
  modelUuid: string,
  where: string,
  params: readonly SqlValue[],
): Relation[] {
  const rows = tx.all<RelationRow>(
    `SELECT r.model_uuid, r.id, r.relation_key, r.life, r.suspended, r.suspended_reason, r.status, r.status_info,
            r.status_since, r.created_at
       FROM relation r WHERE r.model_uuid = ? AND ${where} ORDER BY r.id`,
    [modelUuid, ...params],
  );
  if (rows.length === 0) return [];
  // A few relations: fetch just theirs; many: one pass over the model's rows.
  const ids = rows.map((r) => r.id);
  const narrow = ids.length <= 100;
  const idFilter = narrow ? ` AND relation_id IN (${placeholders(ids.length)})` : '';
  const idParams = narrow ? ids : [];
  const endpoints = new Map<number, RelationEndpoint[]>();
  for (const e of tx.all<EndpointRow>(
    `SELECT relation_id, application, name, role, interface_name, optional, relation_limit, scope
       FROM relation_endpoint WHERE model_uuid = ?${idFilter}`,
    [modelUuid, ...idParams],
  )) {
    const list = endpoints.get(e.relation_id) ?? [];
    list.push(toEndpoint(e));
    endpoints.set(e.relation_id, list);
  }
  const counts = new Map<number, number>(
    tx
      .all<{ relation_id: number; n: number }>(
        `SELECT relation_id, COUNT(*) AS n FROM relation_scope WHERE model_uuid = ?${idFilter} GROUP BY relation_id`,
        [modelUuid, ...idParams],
      )
      .map((c) => [c.relation_id, c.n]),
  );
  return rows.map((r) => {
    const eps = (endpoints.get(r.id) ?? []).sort((a, b) => {
      const d = (ROLE_RANK[a.role] ?? 3) - (ROLE_RANK[b.role] ?? 3);
      if (d !== 0) return d;
      const sa = `${a.application}:${a.name}`;
      const sb = `${b.application}:${b.name}`;
      return sa < sb ? -1 : sa > sb ? 1 : 0;
    });
    return {
      modelUuid: r.model_uuid,
      id: r.id,
      key: r.relation_key,
      life: parseLife(r.life),
      suspended: r.suspended !== 0,
      suspendedReason: r.suspended_reason,
      status: { status: r.status, info: r.status_info, since: r.status_since },
      endpoints: eps,
      interface: eps[0]?.interface ?? '',
      scope: eps.some((e) => e.scope === 'container') ? 'container' : 'global',
      isPeer: eps.length === 1 && eps[0]?.role === 'peer',
      unitCount: counts.get(r.id) ?? 0,
      createdAt: r.created_at,
    };
  });
}

/** Every relation of a model, read inside the caller's transaction. */
export function selectRelations(tx: Executor, modelUuid: string): Relation[] {
  return selectRelationsWhere(tx, modelUuid, '1 = 1', []);
}

/** {@link RelationState} over the controller database. */
export class SqlRelationState implements RelationState {
  constructor(private readonly db: Database) {}

  modelLife(modelUuid: string): LifeValue | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ life: string }>('SELECT life FROM model WHERE uuid = ?', [modelUuid]),
    );
    return row === undefined ? undefined : parseLife(row.life);
  }

  applicationEndpoints(modelUuid: string, application: string): ApplicationEndpoints | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ name: string; life: string; subordinate: number; endpoints: string }>(
        `SELECT a.name, a.life, a.subordinate, c.endpoints
           FROM application a JOIN charm c ON c.model_uuid = a.model_uuid AND c.url = a.charm_url
          WHERE a.model_uuid = ? AND a.name = ?`,
        [modelUuid, application],
      ),
    );
    if (row === undefined) return undefined;
    return {
      name: row.name,
      life: parseLife(row.life),
      subordinate: row.subordinate !== 0,
      endpoints: fromJson<CharmEndpoint[]>(row.endpoints, []),
    };
  }

  insertRelation(a: InsertRelationArgs): number {
    return this.db.txn((tx) => {
      const id = nextModelSequence(tx, a.modelUuid, 'relation');
      tx.run(
        `INSERT INTO relation (model_uuid, id, relation_key, life, status, status_info, status_since, created_at)
         VALUES (?, ?, ?, 'alive', ?, ?, ?, ?)`,
        [a.modelUuid, id, a.key, a.status.status, a.status.info, a.status.since, a.createdAt],
      );
      for (const e of a.endpoints) {
        tx.run(
          `INSERT INTO relation_endpoint (model_uuid, relation_id, application, name, role, interface_name, optional,
                                          relation_limit, scope)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [a.modelUuid, id, e.application, e.name, e.role, e.interface, e.optional, e.limit, e.scope],
        );
      }
      return id;
    });
  }

  relation(modelUuid: string, id: number): Relation | undefined {
    return this.db.read((tx) => selectRelationsWhere(tx, modelUuid, 'r.id = ?', [id])[0]);
  }

  relationByKey(modelUuid: string, key: string): Relation | undefined {
    return this.db.read((tx) => selectRelationsWhere(tx, modelUuid, 'r.relation_key = ?', [key])[0]);
  }

  relations(modelUuid: string): Relation[] {
    return this.db.read((tx) => selectRelations(tx, modelUuid));
  }

  relationsOfApplication(modelUuid: string, application: string): Relation[] {
    return this.db.read((tx) =>
      selectRelationsWhere(
        tx,
        modelUuid,
        `r.id IN (SELECT e.relation_id FROM relation_endpoint e WHERE e.model_uuid = r.model_uuid AND e.application = ?)`,
        [application],
      ),
    );
  }

  setLife(modelUuid: string, id: number, life: LifeValue): void {
    this.db.txn((tx) =>
      tx.run('UPDATE relation SET life = ? WHERE model_uuid = ? AND id = ?', [life, modelUuid, id]),
    );
  }

  setSuspended(
    modelUuid: string,
    id: number,
    suspended: boolean,
    reason: string,
    status: RelationStatus,
  ): void {
    this.db.txn((tx) =>
      tx.run(
        `UPDATE relation SET suspended = ?, suspended_reason = ?, status = ?, status_info = ?, status_since = ?
          WHERE model_uuid = ? AND id = ?`,
        [suspended, reason, status.status, status.info, status.since, modelUuid, id],
      ),
    );
  }

  setStatus(modelUuid: string, id: number, status: RelationStatus): void {
    this.db.txn((tx) =>
      tx.run(
        'UPDATE relation SET status = ?, status_info = ?, status_since = ? WHERE model_uuid = ? AND id = ?',
        [status.status, status.info, status.since, modelUuid, id],
      ),
    );
  }

  deleteRelation(modelUuid: string, id: number): void {
    this.db.txn((tx) => tx.run('DELETE FROM relation WHERE model_uuid = ? AND id = ?', [modelUuid, id]));
  }

  unitInfo(modelUuid: string, unit: string): RelationUnitInfo | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ name: string; application: string; life: string; principal: string; machine_id: string }>(
        'SELECT name, application, life, principal, machine_id FROM unit WHERE model_uuid = ? AND name = ?',
        [modelUuid, unit],
      ),
    );
    return row === undefined
      ? undefined
      : {
          name: row.name,
          application: row.application,
          life: parseLife(row.life),
          principal: row.principal,
          machineId: row.machine_id,
        };
  }

  scopeMembers(modelUuid: string, id: number): RelationUnitInfo[] {
    return this.db
      .read((tx) =>
        tx.all<{ name: string; application: string; life: string; principal: string; machine_id: string }>(
          `SELECT u.name, u.application, u.life, u.principal, u.machine_id
             FROM relation_scope s JOIN unit u ON u.model_uuid = s.model_uuid AND u.name = s.unit_name
            WHERE s.model_uuid = ? AND s.relation_id = ?`,
          [modelUuid, id],
        ),
      )
      .map((r) => ({
        name: r.name,
        application: r.application,
        life: parseLife(r.life),
        principal: r.principal,
        machineId: r.machine_id,
      }))
      .sort((a, b) => {
        const sa = a.name.lastIndexOf('/');
        const sb = b.name.lastIndexOf('/');
        const appA = a.name.slice(0, sa);
        const appB = b.name.slice(0, sb);
        if (appA !== appB) return appA < appB ? -1 : 1;
        return Number(a.name.slice(sa + 1)) - Number(b.name.slice(sb + 1));
      });
  }

  enterScope(modelUuid: string, id: number, unit: string, at: string): boolean {
    return this.db.txn((tx) => {
      if (
        tx.get(
          'SELECT 1 AS x FROM relation_scope WHERE model_uuid = ? AND relation_id = ? AND unit_name = ?',
          [modelUuid, id, unit],
        ) !== undefined
      )
        return false;
      tx.run(
        'INSERT INTO relation_scope (model_uuid, relation_id, unit_name, entered_at) VALUES (?, ?, ?, ?)',
        [modelUuid, id, unit, at],
      );
      return true;
    });
  }

  leaveScope(modelUuid: string, id: number, unit: string): boolean {
    return this.db.txn(
      (tx) =>
        tx.run('DELETE FROM relation_scope WHERE model_uuid = ? AND relation_id = ? AND unit_name = ?', [
          modelUuid,
          id,
          unit,
        ]).changes > 0,
    );
  }

  scopesOfUnit(modelUuid: string, unit: string): number[] {
    return this.db
      .read((tx) =>
        tx.all<{ relation_id: number }>(
          'SELECT relation_id FROM relation_scope WHERE model_uuid = ? AND unit_name = ? ORDER BY relation_id',
          [modelUuid, unit],
        ),
      )
      .map((r) => r.relation_id);
  }

  unitSettings(modelUuid: string, id: number, unit: string): SettingsBag | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ settings: string; version: number }>(
        'SELECT settings, version FROM relation_unit_settings WHERE model_uuid = ? AND relation_id = ? AND unit_name = ?',
        [modelUuid, id, unit],
      ),
    );
    return row === undefined
      ? undefined
      : { settings: fromJsonRecord(row.settings) as Record<string, string>, version: row.version };
  }

  writeUnitSettings(modelUuid: string, id: number, unit: string, bag: SettingsBag): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO relation_unit_settings (model_uuid, relation_id, unit_name, settings, version) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (model_uuid, relation_id, unit_name)
         DO UPDATE SET settings = excluded.settings, version = excluded.version`,
        [modelUuid, id, unit, toJson(bag.settings), bag.version],
      ),
    );
  }

  applicationSettings(modelUuid: string, id: number, application: string): SettingsBag {
    const row = this.db.read((tx) =>
      tx.get<{ settings: string; version: number }>(
        `SELECT settings, version FROM relation_application_settings
          WHERE model_uuid = ? AND relation_id = ? AND application = ?`,
        [modelUuid, id, application],
      ),
    );
    return row === undefined
      ? { settings: {}, version: 0 }
      : { settings: fromJsonRecord(row.settings) as Record<string, string>, version: row.version };
  }

  writeApplicationSettings(modelUuid: string, id: number, application: string, bag: SettingsBag): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO relation_application_settings (model_uuid, relation_id, application, settings, version)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (model_uuid, relation_id, application)
         DO UPDATE SET settings = excluded.settings, version = excluded.version`,
        [modelUuid, id, application, toJson(bag.settings), bag.version],
      ),
    );
  }

  settingsVersions(modelUuid: string, id: number): RelationSettingsVersions {
    return this.db.read((tx) => {
      const units: Record<string, number> = {};
      for (const r of tx.all<{ unit_name: string; version: number }>(
        'SELECT unit_name, version FROM relation_unit_settings WHERE model_uuid = ? AND relation_id = ?',
        [modelUuid, id],
      ))
        units[r.unit_name] = r.version;
      const applications: Record<string, number> = {};
      for (const r of tx.all<{ application: string }>(
        'SELECT application FROM relation_endpoint WHERE model_uuid = ? AND relation_id = ?',
        [modelUuid, id],
      ))
        applications[r.application] = 0;
      for (const r of tx.all<{ application: string; version: number }>(
        'SELECT application, version FROM relation_application_settings WHERE model_uuid = ? AND relation_id = ?',
        [modelUuid, id],
      ))
        applications[r.application] = r.version;
      return { units, applications };
    });
  }
}
