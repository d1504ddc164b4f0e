/** SQL for the unit-state domain (unit_state, unit_port). */
import type { Database } from '../../state/database.js';
import type { Executor } from '../../state/executor.js';
import type { CharmEndpoint } from '../charm/types.js';
import { JUJU_INFO } from '../charm/types.js';
import { fromJson, fromJsonRecord, toJson } from '../common/json.js';
import type { UnitStateState } from './service.js';
import type { OpenedPortRange, UnitPortRange, UnitStateData, UnitStateUnitInfo } from './types.js';

interface PortRow {
  unit_name: string;
  endpoint: string;
  protocol: string;
  from_port: number;
  to_port: number;
}

function toRange(r: PortRow): UnitPortRange {
  return {
    unit: r.unit_name,
    endpoint: r.endpoint,
    protocol: r.protocol,
    fromPort: r.from_port,
    toPort: r.to_port,
  };
}

/** Every opened range of a model, read inside the caller's transaction. */
export function selectModelPorts(tx: Executor, modelUuid: string): UnitPortRange[] {
  return tx
    .all<PortRow>(
      `SELECT unit_name, endpoint, protocol, from_port, to_port FROM unit_port WHERE model_uuid = ?
        ORDER BY unit_name, protocol, from_port, to_port, endpoint`,
      [modelUuid],
    )
    .map(toRange);
}

/** {@link UnitStateState} over the controller database. */
export class SqlUnitStateState implements UnitStateState {
  constructor(private readonly db: Database) {}

  unitInfo(modelUuid: string, unit: string): UnitStateUnitInfo | undefined {
    const row = this.db.read((tx) =>
      tx.get<{
        name: string;
        application: string;
        life: string;
        machine_id: string;
        endpoints: string;
        extra: string;
      }>(
        `SELECT u.name, u.application, u.life, u.machine_id, c.endpoints, c.extra_bindings AS extra
           FROM unit u
           JOIN application a ON a.model_uuid = u.model_uuid AND a.name = u.application
           JOIN charm c ON c.model_uuid = a.model_uuid AND c.url = a.charm_url
          WHERE u.model_uuid = ? AND u.name = ?`,
        [modelUuid, unit],
      ),
    );
    if (row === undefined) return undefined;
    const endpoints = new Set<string>([
      ...fromJson<CharmEndpoint[]>(row.endpoints, []).map((e) => e.name),
      ...fromJson<string[]>(row.extra, []),
      JUJU_INFO,
    ]);
    return {
      name: row.name,
      application: row.application,
      life: row.life,
      machineId: row.machine_id,
      endpoints: [...endpoints].sort(),
    };
  }

  unitState(modelUuid: string, unit: string): UnitStateData {
    const row = this.db.read((tx) =>
      tx.get<{
        charm_state: string;
        uniter_state: string;
        relation_state: string;
        storage_state: string;
        secret_state: string;
      }>(
        `SELECT charm_state, uniter_state, relation_state, storage_state, secret_state
           FROM unit_state WHERE model_uuid = ? AND unit_name = ?`,
        [modelUuid, unit],
      ),
    );
    if (row === undefined)
      return { charmState: {}, uniterState: '', relationState: {}, storageState: '', secretState: '' };
    return {
      charmState: fromJsonRecord(row.charm_state) as Record<string, string>,
      uniterState: row.uniter_state,
      relationState: fromJsonRecord(row.relation_state) as Record<string, string>,
      storageState: row.storage_state,
      secretState: row.secret_state,
    };
  }

  writeUnitState(modelUuid: string, unit: string, d: UnitStateData): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO unit_state (model_uuid, unit_name, charm_state, uniter_state, relation_state, storage_state,
                                 secret_state)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (model_uuid, unit_name) DO UPDATE SET
           charm_state = excluded.charm_state, uniter_state = excluded.uniter_state,
           relation_state = excluded.relation_state, storage_state = excluded.storage_state,
           secret_state = excluded.secret_state`,
        [
          modelUuid,
          unit,
          toJson(d.charmState),
          d.uniterState,
          toJson(d.relationState),
          d.storageState,
          d.secretState,
        ],
      ),
    );
  }

  unitPorts(modelUuid: string, unit: string): OpenedPortRange[] {
    return this.db
      .read((tx) =>
        tx.all<PortRow>(
          `SELECT unit_name, endpoint, protocol, from_port, to_port FROM unit_port
            WHERE model_uuid = ? AND unit_name = ? ORDER BY endpoint, protocol, from_port, to_port`,
          [modelUuid, unit],
        ),
      )
      .map((r) => ({ endpoint: r.endpoint, protocol: r.protocol, fromPort: r.from_port, toPort: r.to_port }));
  }

  machinePorts(modelUuid: string, machineId: string): UnitPortRange[] {
    return this.db
      .read((tx) =>
        tx.all<PortRow>(
          `SELECT p.unit_name, p.endpoint, p.protocol, p.from_port, p.to_port
             FROM unit_port p JOIN unit u ON u.model_uuid = p.model_uuid AND u.name = p.unit_name
            WHERE p.model_uuid = ? AND u.machine_id = ?
            ORDER BY p.unit_name, p.endpoint, p.protocol, p.from_port, p.to_port`,
          [modelUuid, machineId],
        ),
      )
      .map(toRange);
  }

  replaceUnitPorts(modelUuid: string, unit: string, ranges: readonly OpenedPortRange[]): void {
    this.db.txn((tx) => {
      tx.run('DELETE FROM unit_port WHERE model_uuid = ? AND unit_name = ?', [modelUuid, unit]);
      for (const r of ranges) {
        tx.run(
          `INSERT INTO unit_port (model_uuid, unit_name, endpoint, protocol, from_port, to_port) VALUES (?, ?, ?, ?, ?, ?)`,
          [modelUuid, unit, r.endpoint, r.protocol, r.fromPort, r.toPort],
        );
      }
    });
  }
}
