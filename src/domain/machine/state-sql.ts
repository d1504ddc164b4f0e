/** SQL for the machine domain (machine table and its status history rows). */
import type { Database } from '../../state/database.js';
import type { Executor } from '../../state/executor.js';
import { fromJson, fromJsonRecord, toJson } from '../common/json.js';
import { parseLife, type LifeValue } from '../common/life.js';
import { insertStatusHistory, nextModelSequence } from '../common/state-sql.js';
import type { MachineState } from './service.js';
import type {
  HardwareCharacteristics,
  InsertMachineArgs,
  Machine,
  MachineAddress,
  MachineStatusArgs,
} from './types.js';

/** Raw machine row; exported for the status read model, which reads the same table. */
export interface MachineRow {
  model_uuid: string;
  id: string;
  life: string;
  base_os: string;
  base_channel: string;
  jobs: string;
  nonce: string;
  password_hash: string;
  instance_id: string;
  hardware: string;
  hostname: string;
  addresses: string;
  constraints: string;
  placement: string;
  agent_status: string;
  agent_status_info: string;
  agent_status_data: string;
  agent_status_since: string;
  instance_status: string;
  instance_status_info: string;
  instance_status_data: string;
  instance_status_since: string;
  agent_version: string;
  created_at: string;
}

/** Column list matching {@link MachineRow}. */
export const MACHINE_COLUMNS = `model_uuid, id, life, base_os, base_channel, jobs, nonce, password_hash, instance_id,
  hardware, hostname, addresses, constraints, placement, agent_status, agent_status_info, agent_status_data,
  agent_status_since, instance_status, instance_status_info, instance_status_data, instance_status_since,
  agent_version, created_at`;

/** Orders machine ids numerically by their first part (0, 1, 2, 10, ...). */
export function compareMachineIds(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** Converts a row into the domain shape. */
export function toMachine(r: MachineRow): Machine {
  return {
    modelUuid: r.model_uuid,
    id: r.id,
    life: parseLife(r.life),
    base: r.base_os === '' ? null : { os: r.base_os, channel: r.base_channel },
    jobs: fromJson<string[]>(r.jobs, []),
    nonce: r.nonce,
    instanceId: r.instance_id === '' ? null : r.instance_id,
    hardware: fromJsonRecord(r.hardware),
    hostname: r.hostname,
    addresses: fromJson<MachineAddress[]>(r.addresses, []),
    constraints: fromJsonRecord(r.constraints),
    placement: r.placement,
    agentStatus: {
      status: r.agent_status,
      info: r.agent_status_info,
      data: fromJsonRecord(r.agent_status_data),
      since: r.agent_status_since,
    },
    instanceStatus: {
      status: r.instance_status,
      info: r.instance_status_info,
      data: fromJsonRecord(r.instance_status_data),
      since: r.instance_status_since,
    },
    agentVersion: r.agent_version,
    createdAt: r.created_at,
    hasPassword: r.password_hash !== '',
  };
}

/** Machines of a model in id order, read inside the caller's transaction. */
export function selectMachines(tx: Executor, modelUuid: string): Machine[] {
  return tx
    .all<MachineRow>(`SELECT ${MACHINE_COLUMNS} FROM machine WHERE model_uuid = ?`, [modelUuid])
    .map(toMachine)
    .sort((a, b) => compareMachineIds(a.id, b.id));
}

/** {@link MachineState} over the controller database. */
export class SqlMachineState implements MachineState {
  constructor(private readonly db: Database) {}

  modelLife(modelUuid: string): LifeValue | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ life: string }>('SELECT life FROM model WHERE uuid = ?', [modelUuid]),
    );
    return row === undefined ? undefined : parseLife(row.life);
  }

  insertMachine(a: InsertMachineArgs): string {
    return this.db.txn((tx) => {
      const id = String(nextModelSequence(tx, a.modelUuid, 'machine'));
      tx.run(
        `INSERT INTO machine (model_uuid, id, life, base_os, base_channel, jobs, nonce, instance_id, hardware, hostname,
                              addresses, constraints, placement, agent_status, agent_status_info, agent_status_data,
                              agent_status_since, instance_status, instance_status_info, instance_status_data,
                              instance_status_since, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          a.modelUuid,
          id,
          a.life,
          a.base?.os ?? '',
          a.base?.channel ?? '',
          toJson(a.jobs),
          a.nonce,
          a.instanceId ?? '',
          toJson(a.hardware),
          a.hostname,
          toJson(a.addresses),
          toJson(a.constraints),
          a.placement,
          a.agentStatus.status,
          a.agentStatus.info,
          toJson(a.agentStatus.data),
          a.agentStatus.since,
          a.instanceStatus.status,
          a.instanceStatus.info,
          toJson(a.instanceStatus.data),
          a.instanceStatus.since,
          a.createdAt,
        ],
      );
      for (const [kind, s] of [
        ['machine', a.agentStatus],
        ['machine-instance', a.instanceStatus],
      ] as const) {
        insertStatusHistory(tx, {
          modelUuid: a.modelUuid,
          entityKind: kind,
          entityId: id,
          status: s.status,
          info: s.info,
          data: { ...s.data },
          updatedAt: s.since,
        });
      }
      return id;
    });
  }

  machine(modelUuid: string, id: string): Machine | undefined {
    const row = this.db.read((tx) =>
      tx.get<MachineRow>(`SELECT ${MACHINE_COLUMNS} FROM machine WHERE model_uuid = ? AND id = ?`, [
        modelUuid,
        id,
      ]),
    );
    return row === undefined ? undefined : toMachine(row);
  }

  machinesAwaitingProvisioner(modelUuid: string): Machine[] {
    return this.db.read((tx) =>
      tx
        .all<MachineRow>(
          `SELECT ${MACHINE_COLUMNS} FROM machine WHERE model_uuid = ? AND (instance_id = '' OR life <> 'alive')`,
          [modelUuid],
        )
        .map(toMachine)
        .sort((a, b) => compareMachineIds(a.id, b.id)),
    );
  }

  machines(modelUuid: string): Machine[] {
    return this.db.read((tx) => selectMachines(tx, modelUuid));
  }

  passwordHash(modelUuid: string, id: string): string | undefined {
    return this.db.read(
      (tx) =>
        tx.get<{ password_hash: string }>(
          'SELECT password_hash FROM machine WHERE model_uuid = ? AND id = ?',
          [modelUuid, id],
        )?.password_hash,
    );
  }

  setInstance(
    modelUuid: string,
    id: string,
    instanceId: string,
    nonce: string,
    hardware: HardwareCharacteristics,
  ): boolean {
    return this.db.txn(
      (tx) =>
        tx.run(
          `UPDATE machine SET instance_id = ?, nonce = ?, hardware = ?
            WHERE model_uuid = ? AND id = ? AND instance_id = ''`,
          [instanceId, nonce, toJson(hardware), modelUuid, id],
        ).changes > 0,
    );
  }

  setAddresses(modelUuid: string, id: string, addresses: readonly MachineAddress[]): void {
    this.update(modelUuid, id, 'addresses', toJson(addresses));
  }

  setHostname(modelUuid: string, id: string, hostname: string): void {
    this.update(modelUuid, id, 'hostname', hostname);
  }

  setAgentVersion(modelUuid: string, id: string, version: string): void {
    this.update(modelUuid, id, 'agent_version', version);
  }

  setStatus(a: MachineStatusArgs): void {
    const prefix = a.which === 'agent' ? 'agent_status' : 'instance_status';
    this.db.txn((tx) => {
      tx.run(
        `UPDATE machine SET ${prefix} = ?, ${prefix}_info = ?, ${prefix}_data = ?, ${prefix}_since = ?
          WHERE model_uuid = ? AND id = ?`,
        [a.status.status, a.status.info, toJson(a.status.data), a.status.since, a.modelUuid, a.id],
      );
      insertStatusHistory(tx, {
        modelUuid: a.modelUuid,
        entityKind: a.which === 'agent' ? 'machine' : 'machine-instance',
        entityId: a.id,
        status: a.status.status,
        info: a.status.info,
        data: { ...a.status.data },
        updatedAt: a.status.since,
      });
    });
  }

  setPasswordHash(modelUuid: string, id: string, hash: string): void {
    this.update(modelUuid, id, 'password_hash', hash);
  }

  setLife(modelUuid: string, id: string, life: LifeValue): void {
    this.update(modelUuid, id, 'life', life);
  }

  deleteMachine(modelUuid: string, id: string): void {
    this.db.txn((tx) => tx.run('DELETE FROM machine WHERE model_uuid = ? AND id = ?', [modelUuid, id]));
  }

  private update(modelUuid: string, id: string, column: string, value: string): void {
    this.db.txn((tx) =>
      tx.run(`UPDATE machine SET ${column} = ? WHERE model_uuid = ? AND id = ?`, [value, modelUuid, id]),
    );
  }
}
