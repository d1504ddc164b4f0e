/** SQL for the application domain (application and unit tables, their status history). */
import type { Database } from '../../state/database.js';
import type { Executor, SqlValue } from '../../state/executor.js';
import { selectCharm } from '../charm/state-sql.js';
import type { Charm } from '../charm/types.js';
import { fromJsonRecord, toJson } from '../common/json.js';
import { parseLife, type LifeValue } from '../common/life.js';
import { insertStatusHistory, nextModelSequence } from '../common/state-sql.js';
import type { ApplicationState } from './service.js';
import type {
  Application,
  ApplicationUpdate,
  EntityStatusArgs,
  ExposedEndpoint,
  InsertApplicationArgs,
  InsertUnitArgs,
  ResolvedModeValue,
  Unit,
  UnitUpdate,
} from './types.js';

/** Raw application row; exported for the status read model. */
export interface ApplicationRow {
  model_uuid: string;
  name: string;
  charm_url: string;
  charm_origin: string;
  charm_modified_version: number;
  force_charm: number;
  subordinate: number;
  life: string;
  exposed: number;
  exposed_endpoints: string;
  constraints: string;
  base_os: string;
  base_channel: string;
  endpoint_bindings: string;
  config: string;
  trust: number;
  status: string;
  status_info: string;
  status_data: string;
  status_since: string;
  created_at: string;
}

const APPLICATION_COLUMNS = `model_uuid, name, charm_url, charm_origin, charm_modified_version, force_charm, subordinate,
  life, exposed, exposed_endpoints, constraints, base_os, base_channel, endpoint_bindings, config, trust, status,
  status_info, status_data, status_since, created_at`;

/** Raw unit row; exported for the status read model. */
export interface UnitRow {
  model_uuid: string;
  name: string;
  application: string;
  number: number;
  life: string;
  principal: string;
  machine_id: string;
  charm_url: string;
  password_hash: string;
  resolved: string;
  workload_version: string;
  agent_version: string;
  agent_status: string;
  agent_status_info: string;
  agent_status_data: string;
  agent_status_since: string;
  workload_status: string;
  workload_status_info: string;
  workload_status_data: string;
  workload_status_since: string;
  created_at: string;
}

const UNIT_COLUMNS = `model_uuid, name, application, number, life, principal, machine_id, charm_url, password_hash,
  resolved, workload_version, agent_version, agent_status, agent_status_info, agent_status_data, agent_status_since,
  workload_status, workload_status_info, workload_status_data, workload_status_since, created_at`;

/** Charm name and revision from `local:<name>-<rev>` without failing on odd URLs. */
function charmUrlParts(url: string): { name: string; revision: number } {
  const m = /^[a-z]+:(?:.*\/)?(.+)-([0-9]+)$/.exec(url);
  return m === null ? { name: url, revision: -1 } : { name: m[1] ?? url, revision: Number(m[2]) };
}

/** Converts a row into the domain shape. */
export function toApplication(r: ApplicationRow): Application {
  const parts = charmUrlParts(r.charm_url);
  return {
    modelUuid: r.model_uuid,
    name: r.name,
    charmUrl: r.charm_url,
    charmName: parts.name,
    charmRevision: parts.revision,
    charmOrigin: fromJsonRecord(r.charm_origin),
    charmModifiedVersion: r.charm_modified_version,
    forceCharm: r.force_charm !== 0,
    subordinate: r.subordinate !== 0,
    life: parseLife(r.life),
    exposed: r.exposed !== 0,
    exposedEndpoints: fromJsonRecord(r.exposed_endpoints) as Record<string, ExposedEndpoint>,
    constraints: fromJsonRecord(r.constraints),
    base: r.base_os === '' ? null : { os: r.base_os, channel: r.base_channel },
    endpointBindings: fromJsonRecord(r.endpoint_bindings) as Record<string, string>,
    config: fromJsonRecord(r.config),
    trust: r.trust !== 0,
    status: {
      status: r.status,
      info: r.status_info,
      data: fromJsonRecord(r.status_data),
      since: r.status_since,
    },
    createdAt: r.created_at,
  };
}

/** Converts a row into the domain shape, given the unit's subordinates. */
export function toUnit(r: UnitRow, subordinates: readonly string[]): Unit {
  return {
    modelUuid: r.model_uuid,
    name: r.name,
    application: r.application,
    number: r.number,
    life: parseLife(r.life),
    principal: r.principal === '' ? null : r.principal,
    subordinates,
    machineId: r.machine_id === '' ? null : r.machine_id,
    charmUrl: r.charm_url === '' ? null : r.charm_url,
    resolved: r.resolved as ResolvedModeValue,
    workloadVersion: r.workload_version,
    agentVersion: r.agent_version,
    agentStatus: {
      status: r.agent_status,
      info: r.agent_status_info,
      data: fromJsonRecord(r.agent_status_data),
      since: r.agent_status_since,
    },
    workloadStatus: {
      status: r.workload_status,
      info: r.workload_status_info,
      data: fromJsonRecord(r.workload_status_data),
      since: r.workload_status_since,
    },
    hasPassword: r.password_hash !== '',
    createdAt: r.created_at,
  };
}

/** Orders unit names by application, then number. */
export function compareUnitNames(a: string, b: string): number {
  const sa = a.lastIndexOf('/');
  const sb = b.lastIndexOf('/');
  const appA = a.slice(0, sa);
  const appB = b.slice(0, sb);
  if (appA !== appB) return appA < appB ? -1 : 1;
  return Number(a.slice(sa + 1)) - Number(b.slice(sb + 1));
}

/** Every application of a model by name, read inside the caller's transaction. */
export function selectApplications(tx: Executor, modelUuid: string): Application[] {
  return tx
    .all<ApplicationRow>(
      `SELECT ${APPLICATION_COLUMNS} FROM application WHERE model_uuid = ? ORDER BY name`,
      [modelUuid],
    )
    .map(toApplication);
}

/**
 * Units matching `where` (a condition on the unit table) with their
 * subordinates, in application/number order; one query for the units and
 * one for the subordinate names.
 */
function selectUnitsWhere(
  tx: Executor,
  modelUuid: string,
  where: string,
  params: readonly SqlValue[],
): Unit[] {
  const rows = tx.all<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM unit WHERE model_uuid = ? AND ${where}`, [
    modelUuid,
    ...params,
  ]);
  if (rows.length === 0) return [];
  const subs = subordinatesByPrincipal(tx, modelUuid);
  return rows.sort((a, b) => compareUnitNames(a.name, b.name)).map((r) => toUnit(r, subs.get(r.name) ?? []));
}

/** Subordinate unit names keyed by principal, read inside the caller's transaction. */
export function subordinatesByPrincipal(tx: Executor, modelUuid: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const r of tx.all<{ name: string; principal: string }>(
    `SELECT name, principal FROM unit WHERE model_uuid = ? AND principal <> ''`,
    [modelUuid],
  )) {
    const list = result.get(r.principal) ?? [];
    list.push(r.name);
    result.set(r.principal, list);
  }
  for (const list of result.values()) list.sort(compareUnitNames);
  return result;
}

/** Every unit of a model (subordinates filled in), read inside the caller's transaction. */
export function selectAllUnits(tx: Executor, modelUuid: string): Unit[] {
  return selectUnitsWhere(tx, modelUuid, '1 = 1', []);
}

function insertHistory(tx: Executor, a: EntityStatusArgs): void {
  insertStatusHistory(tx, {
    modelUuid: a.modelUuid,
    entityKind: a.kind,
    entityId: a.id,
    status: a.status.status,
    info: a.status.info,
    data: { ...a.status.data },
    updatedAt: a.status.since,
  });
}

/** Name of the per-application unit number sequence (kept across removal, reset on deploy). */
function unitSequence(application: string): string {
  return `application-${application}`;
}

/** {@link ApplicationState} over the controller database. */
export class SqlApplicationState implements ApplicationState {
  constructor(private readonly db: Database) {}

  modelLife(modelUuid: string): LifeValue | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ life: string }>('SELECT life FROM model WHERE uuid = ?', [modelUuid]),
    );
    return row === undefined ? undefined : parseLife(row.life);
  }

  charm(modelUuid: string, url: string): Charm | undefined {
    return this.db.read((tx) => selectCharm(tx, modelUuid, url));
  }

  insertApplication(a: InsertApplicationArgs): boolean {
    return this.db.txn((tx) => {
      if (
        tx.get('SELECT 1 AS x FROM application WHERE model_uuid = ? AND name = ?', [a.modelUuid, a.name]) !==
        undefined
      )
        return false;
      tx.run(
        `INSERT INTO application (model_uuid, name, charm_url, charm_origin, force_charm, subordinate, life,
                                  constraints, base_os, base_channel, endpoint_bindings, config, trust,
                                  status, status_info, status_data, status_since, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'alive', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          a.modelUuid,
          a.name,
          a.charmUrl,
          toJson(a.charmOrigin),
          a.forceCharm,
          a.subordinate,
          toJson(a.constraints),
          a.base?.os ?? '',
          a.base?.channel ?? '',
          toJson(a.endpointBindings),
          toJson(a.config),
          a.trust,
          a.status.status,
          a.status.info,
          toJson(a.status.data),
          a.status.since,
          a.createdAt,
        ],
      );
      // A redeployed application numbers its units from 0 again, as Juju's.
      tx.run('DELETE FROM model_sequence WHERE model_uuid = ? AND name = ?', [
        a.modelUuid,
        unitSequence(a.name),
      ]);
      insertHistory(tx, { modelUuid: a.modelUuid, kind: 'application', id: a.name, status: a.status });
      return true;
    });
  }

  application(modelUuid: string, name: string): Application | undefined {
    const row = this.db.read((tx) =>
      tx.get<ApplicationRow>(
        `SELECT ${APPLICATION_COLUMNS} FROM application WHERE model_uuid = ? AND name = ?`,
        [modelUuid, name],
      ),
    );
    return row === undefined ? undefined : toApplication(row);
  }

  applications(modelUuid: string): Application[] {
    return this.db.read((tx) => selectApplications(tx, modelUuid));
  }

  updateApplication(modelUuid: string, name: string, u: ApplicationUpdate): void {
    const sets: string[] = [];
    const values: SqlValue[] = [];
    const set = (column: string, value: SqlValue): void => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (u.charmUrl !== undefined) set('charm_url', u.charmUrl);
    if (u.charmOrigin !== undefined) set('charm_origin', toJson(u.charmOrigin));
    if (u.charmModifiedVersion !== undefined) set('charm_modified_version', u.charmModifiedVersion);
    if (u.forceCharm !== undefined) set('force_charm', u.forceCharm);
    if (u.life !== undefined) set('life', u.life);
    if (u.exposed !== undefined) set('exposed', u.exposed);
    if (u.exposedEndpoints !== undefined) set('exposed_endpoints', toJson(u.exposedEndpoints));
    if (u.constraints !== undefined) set('constraints', toJson(u.constraints));
    if (u.base !== undefined) {
      set('base_os', u.base?.os ?? '');
      set('base_channel', u.base?.channel ?? '');
    }
    if (u.endpointBindings !== undefined) set('endpoint_bindings', toJson(u.endpointBindings));
    if (u.config !== undefined) set('config', toJson(u.config));
    if (u.trust !== undefined) set('trust', u.trust);
    if (sets.length === 0) return;
    this.db.txn((tx) =>
      tx.run(`UPDATE application SET ${sets.join(', ')} WHERE model_uuid = ? AND name = ?`, [
        ...values,
        modelUuid,
        name,
      ]),
    );
  }

  deleteApplication(modelUuid: string, name: string): void {
    this.db.txn((tx) =>
      tx.run('DELETE FROM application WHERE model_uuid = ? AND name = ?', [modelUuid, name]),
    );
  }

  setStatus(a: EntityStatusArgs): void {
    this.db.txn((tx) => {
      if (a.kind === 'application') {
        tx.run(
          `UPDATE application SET status = ?, status_info = ?, status_data = ?, status_since = ?
            WHERE model_uuid = ? AND name = ?`,
          [a.status.status, a.status.info, toJson(a.status.data), a.status.since, a.modelUuid, a.id],
        );
      } else {
        const prefix = a.kind === 'unit-agent' ? 'agent_status' : 'workload_status';
        tx.run(
          `UPDATE unit SET ${prefix} = ?, ${prefix}_info = ?, ${prefix}_data = ?, ${prefix}_since = ?
            WHERE model_uuid = ? AND name = ?`,
          [a.status.status, a.status.info, toJson(a.status.data), a.status.since, a.modelUuid, a.id],
        );
      }
      insertHistory(tx, a);
    });
  }

  insertUnit(a: InsertUnitArgs): string {
    return this.db.txn((tx) => {
      const number = nextModelSequence(tx, a.modelUuid, unitSequence(a.application));
      const name = `${a.application}/${number}`;
      tx.run(
        `INSERT INTO unit (model_uuid, name, application, number, life, principal, machine_id, agent_status,
                           agent_status_info, agent_status_data, agent_status_since, workload_status,
                           workload_status_info, workload_status_data, workload_status_since, created_at)
         VALUES (?, ?, ?, ?, 'alive', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          a.modelUuid,
          name,
          a.application,
          number,
          a.principal,
          a.machineId,
          a.agentStatus.status,
          a.agentStatus.info,
          toJson(a.agentStatus.data),
          a.agentStatus.since,
          a.workloadStatus.status,
          a.workloadStatus.info,
          toJson(a.workloadStatus.data),
          a.workloadStatus.since,
          a.createdAt,
        ],
      );
      insertHistory(tx, { modelUuid: a.modelUuid, kind: 'unit-agent', id: name, status: a.agentStatus });
      insertHistory(tx, {
        modelUuid: a.modelUuid,
        kind: 'unit-workload',
        id: name,
        status: a.workloadStatus,
      });
      return name;
    });
  }

  unit(modelUuid: string, name: string): Unit | undefined {
    return this.db.read((tx) => {
      const row = tx.get<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM unit WHERE model_uuid = ? AND name = ?`, [
        modelUuid,
        name,
      ]);
      if (row === undefined) return undefined;
      const subs = tx
        .all<{ name: string }>('SELECT name FROM unit WHERE model_uuid = ? AND principal = ?', [
          modelUuid,
          name,
        ])
        .map((r) => r.name)
        .sort(compareUnitNames);
      return toUnit(row, subs);
    });
  }

  units(modelUuid: string, application: string): Unit[] {
    return this.db.read((tx) => selectUnitsWhere(tx, modelUuid, 'application = ?', [application]));
  }

  unitsOnMachine(modelUuid: string, machineId: string): Unit[] {
    return this.db.read((tx) => selectUnitsWhere(tx, modelUuid, 'machine_id = ?', [machineId]));
  }

  updateUnit(modelUuid: string, name: string, u: UnitUpdate): void {
    const sets: string[] = [];
    const values: SqlValue[] = [];
    const set = (column: string, value: SqlValue): void => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (u.life !== undefined) set('life', u.life);
    if (u.machineId !== undefined) set('machine_id', u.machineId);
    if (u.charmUrl !== undefined) set('charm_url', u.charmUrl);
    if (u.passwordHash !== undefined) set('password_hash', u.passwordHash);
    if (u.resolved !== undefined) set('resolved', u.resolved);
    if (u.workloadVersion !== undefined) set('workload_version', u.workloadVersion);
    if (u.agentVersion !== undefined) set('agent_version', u.agentVersion);
    if (sets.length === 0) return;
    this.db.txn((tx) => {
      tx.run(`UPDATE unit SET ${sets.join(', ')} WHERE model_uuid = ? AND name = ?`, [
        ...values,
        modelUuid,
        name,
      ]);
      // Subordinates live on their principal's machine.
      if (u.machineId !== undefined)
        tx.run('UPDATE unit SET machine_id = ? WHERE model_uuid = ? AND principal = ?', [
          u.machineId,
          modelUuid,
          name,
        ]);
    });
  }

  deleteUnit(modelUuid: string, name: string): void {
    this.db.txn((tx) => tx.run('DELETE FROM unit WHERE model_uuid = ? AND name = ?', [modelUuid, name]));
  }

  unitPasswordHash(modelUuid: string, name: string): string | undefined {
    return this.db.read(
      (tx) =>
        tx.get<{ password_hash: string }>(
          'SELECT password_hash FROM unit WHERE model_uuid = ? AND name = ?',
          [modelUuid, name],
        )?.password_hash,
    );
  }

  unitCount(modelUuid: string, application: string): number {
    return this.db.read(
      (tx) =>
        tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM unit WHERE model_uuid = ? AND application = ?', [
          modelUuid,
          application,
        ])?.n ?? 0,
    );
  }

  relationCount(modelUuid: string, application: string): number {
    return this.db.read(
      (tx) =>
        tx.get<{ n: number }>(
          'SELECT COUNT(*) AS n FROM relation_endpoint WHERE model_uuid = ? AND application = ?',
          [modelUuid, application],
        )?.n ?? 0,
    );
  }

  relationEndpoints(modelUuid: string, application: string): { key: string; endpoint: string }[] {
    return this.db.read((tx) =>
      tx.all<{ key: string; endpoint: string }>(
        `SELECT r.relation_key AS key, e.name AS endpoint
           FROM relation_endpoint e
           JOIN relation r ON r.model_uuid = e.model_uuid AND r.id = e.relation_id
          WHERE e.model_uuid = ? AND e.application = ?
          ORDER BY r.id`,
        [modelUuid, application],
      ),
    );
  }

  hasContainers(modelUuid: string, machineId: string): boolean {
    return this.db.read(
      (tx) =>
        tx.get('SELECT 1 AS x FROM machine WHERE model_uuid = ? AND id LIKE ?', [
          modelUuid,
          `${machineId.replaceAll('%', '')}/%`,
        ]) !== undefined,
    );
  }
}
