/** SQL for the controller domain (controller, controller_config). */
import type { Database } from '../../state/database.js';
import { fromJson, toJson } from '../common/json.js';
import type { ControllerState } from './service.js';
import type { ControllerInfo, InsertControllerArgs } from './types.js';

/** {@link ControllerState} over the controller database. */
export class SqlControllerState implements ControllerState {
  constructor(private readonly db: Database) {}

  insertController(a: InsertControllerArgs): boolean {
    return this.db.txn((tx) => {
      if (tx.get('SELECT 1 AS x FROM controller') !== undefined) return false;
      tx.run(
        `INSERT INTO controller (singleton, uuid, name, ca_cert, controller_model_uuid, api_addresses, created_at)
         VALUES (1, ?, ?, ?, ?, ?, ?)`,
        [
          a.info.uuid,
          a.info.name,
          a.info.caCert,
          a.info.controllerModelUuid,
          toJson(a.info.apiAddresses),
          a.info.createdAt,
        ],
      );
      tx.run('DELETE FROM controller_config');
      for (const [key, value] of Object.entries(a.config)) {
        tx.run('INSERT INTO controller_config (key, value) VALUES (?, ?)', [key, toJson(value)]);
      }
      return true;
    });
  }

  controllerInfo(): ControllerInfo | undefined {
    const row = this.db.read((tx) =>
      tx.get<{
        uuid: string;
        name: string;
        ca_cert: string;
        controller_model_uuid: string;
        api_addresses: string;
        created_at: string;
      }>('SELECT uuid, name, ca_cert, controller_model_uuid, api_addresses, created_at FROM controller'),
    );
    if (row === undefined) return undefined;
    return {
      uuid: row.uuid,
      name: row.name,
      caCert: row.ca_cert,
      controllerModelUuid: row.controller_model_uuid,
      apiAddresses: fromJson<string[]>(row.api_addresses, []),
      createdAt: row.created_at,
    };
  }

  config(): Record<string, unknown> {
    const rows = this.db.read((tx) =>
      tx.all<{ key: string; value: string }>('SELECT key, value FROM controller_config ORDER BY key'),
    );
    const result: Record<string, unknown> = {};
    for (const r of rows) result[r.key] = fromJson<unknown>(r.value, null);
    return result;
  }

  updateConfig(values: Readonly<Record<string, unknown>>): void {
    this.db.txn((tx) => {
      for (const [key, value] of Object.entries(values)) {
        tx.run(
          `INSERT INTO controller_config (key, value) VALUES (?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [key, toJson(value)],
        );
      }
    });
  }

  setApiAddresses(addresses: readonly string[]): void {
    this.db.txn((tx) => tx.run('UPDATE controller SET api_addresses = ?', [toJson(addresses)]));
  }
}
