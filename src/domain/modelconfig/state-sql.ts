/** SQL for the model-config domain (model_config, model_defaults, model_constraints). */
import type { Database } from '../../state/database.js';
import { fromJson, fromJsonRecord, toJson } from '../common/json.js';
import type { ModelConfigState } from './service.js';
import type { ConstraintsValue, ModelPlacement } from './types.js';

function toRecord(rows: { key: string; value: string }[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const r of rows) result[r.key] = fromJson<unknown>(r.value, null);
  return result;
}

/** {@link ModelConfigState} over the controller database. */
export class SqlModelConfigState implements ModelConfigState {
  constructor(private readonly db: Database) {}

  modelPlacement(modelUuid: string): ModelPlacement | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ cloud_name: string; cloud_region: string }>(
        'SELECT cloud_name, cloud_region FROM model WHERE uuid = ?',
        [modelUuid],
      ),
    );
    return row === undefined ? undefined : { cloud: row.cloud_name, region: row.cloud_region };
  }

  modelLayer(modelUuid: string): Record<string, unknown> {
    return toRecord(
      this.db.read((tx) =>
        tx.all<{ key: string; value: string }>(
          'SELECT key, value FROM model_config WHERE model_uuid = ? ORDER BY key',
          [modelUuid],
        ),
      ),
    );
  }

  updateModelLayer(
    modelUuid: string,
    set: Readonly<Record<string, unknown>>,
    unset: readonly string[],
  ): void {
    this.db.txn((tx) => {
      for (const [key, value] of Object.entries(set)) {
        tx.run(
          `INSERT INTO model_config (model_uuid, key, value) VALUES (?, ?, ?)
           ON CONFLICT (model_uuid, key) DO UPDATE SET value = excluded.value`,
          [modelUuid, key, toJson(value)],
        );
      }
      for (const key of unset)
        tx.run('DELETE FROM model_config WHERE model_uuid = ? AND key = ?', [modelUuid, key]);
    });
  }

  cloudRegions(cloud: string): string[] | undefined {
    return this.db.read((tx) => {
      if (tx.get('SELECT 1 AS x FROM cloud WHERE name = ?', [cloud]) === undefined) return undefined;
      return tx
        .all<{ name: string }>('SELECT name FROM cloud_region WHERE cloud_name = ? ORDER BY position', [
          cloud,
        ])
        .map((r) => r.name);
    });
  }

  defaultsLayer(cloud: string, region: string): Record<string, unknown> {
    return toRecord(
      this.db.read((tx) =>
        tx.all<{ key: string; value: string }>(
          'SELECT key, value FROM model_defaults WHERE cloud_name = ? AND region_name = ? ORDER BY key',
          [cloud, region],
        ),
      ),
    );
  }

  regionLayers(cloud: string): { region: string; values: Record<string, unknown> }[] {
    const rows = this.db.read((tx) =>
      tx.all<{ region_name: string; key: string; value: string }>(
        `SELECT d.region_name, d.key, d.value
           FROM model_defaults d
           LEFT JOIN cloud_region r ON r.cloud_name = d.cloud_name AND r.name = d.region_name
          WHERE d.cloud_name = ? AND d.region_name <> ''
          ORDER BY r.position, d.region_name, d.key`,
        [cloud],
      ),
    );
    const layers: { region: string; values: Record<string, unknown> }[] = [];
    for (const r of rows) {
      let layer = layers[layers.length - 1];
      if (layer === undefined || layer.region !== r.region_name) {
        layer = { region: r.region_name, values: {} };
        layers.push(layer);
      }
      layer.values[r.key] = fromJson<unknown>(r.value, null);
    }
    return layers;
  }

  updateDefaults(
    cloud: string,
    region: string,
    set: Readonly<Record<string, unknown>>,
    unset: readonly string[],
  ): void {
    this.db.txn((tx) => {
      for (const [key, value] of Object.entries(set)) {
        tx.run(
          `INSERT INTO model_defaults (cloud_name, region_name, key, value) VALUES (?, ?, ?, ?)
           ON CONFLICT (cloud_name, region_name, key) DO UPDATE SET value = excluded.value`,
          [cloud, region, key, toJson(value)],
        );
      }
      for (const key of unset) {
        tx.run('DELETE FROM model_defaults WHERE cloud_name = ? AND region_name = ? AND key = ?', [
          cloud,
          region,
          key,
        ]);
      }
    });
  }

  constraints(modelUuid: string): Record<string, unknown> | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ constraints: string }>('SELECT constraints FROM model_constraints WHERE model_uuid = ?', [
        modelUuid,
      ]),
    );
    return row === undefined ? undefined : fromJsonRecord(row.constraints);
  }

  setConstraints(modelUuid: string, constraints: ConstraintsValue): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO model_constraints (model_uuid, constraints) VALUES (?, ?)
         ON CONFLICT (model_uuid) DO UPDATE SET constraints = excluded.constraints`,
        [modelUuid, toJson(constraints)],
      ),
    );
  }
}
