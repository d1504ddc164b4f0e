/** SQL for the charm domain (charm table). */
import type { Database } from '../../state/database.js';
import type { Executor } from '../../state/executor.js';
import { fromJson, fromJsonRecord, toJson } from '../common/json.js';
import { parseLife, type LifeValue } from '../common/life.js';
import type { CharmState } from './service.js';
import type { Charm, CharmConfigOption, CharmEndpoint, InsertCharmArgs } from './types.js';

interface CharmRow {
  model_uuid: string;
  url: string;
  name: string;
  revision: number;
  source: string;
  sha256: string;
  archive_key: string;
  subordinate: number;
  endpoints: string;
  extra_bindings: string;
  config_options: string;
  metadata: string;
  config: string;
  actions: string;
  version: string;
  created_at: string;
}

const CHARM_COLUMNS = `model_uuid, url, name, revision, source, sha256, archive_key, subordinate, endpoints,
  extra_bindings, config_options, metadata, config, actions, version, created_at`;

function toCharm(r: CharmRow): Charm {
  return {
    modelUuid: r.model_uuid,
    url: r.url,
    name: r.name,
    revision: r.revision,
    source: r.source,
    sha256: r.sha256,
    archiveKey: r.archive_key,
    subordinate: r.subordinate !== 0,
    endpoints: fromJson<CharmEndpoint[]>(r.endpoints, []),
    extraBindings: fromJson<string[]>(r.extra_bindings, []),
    configOptions: fromJsonRecord(r.config_options) as Record<string, CharmConfigOption>,
    metadata: fromJson<unknown>(r.metadata, {}),
    config: fromJson<unknown>(r.config, {}),
    actions: fromJson<unknown>(r.actions, {}),
    version: r.version,
    createdAt: r.created_at,
  };
}

/** A charm read inside the caller's transaction (other domains use it). */
export function selectCharm(tx: Executor, modelUuid: string, url: string): Charm | undefined {
  const row = tx.get<CharmRow>(`SELECT ${CHARM_COLUMNS} FROM charm WHERE model_uuid = ? AND url = ?`, [
    modelUuid,
    url,
  ]);
  return row === undefined ? undefined : toCharm(row);
}

/** Every charm of a model keyed by URL, read inside the caller's transaction. */
export function selectCharms(tx: Executor, modelUuid: string): Map<string, Charm> {
  const rows = tx.all<CharmRow>(
    `SELECT ${CHARM_COLUMNS} FROM charm WHERE model_uuid = ? ORDER BY name, revision`,
    [modelUuid],
  );
  return new Map(rows.map((r) => [r.url, toCharm(r)]));
}

/** {@link CharmState} over the controller database. */
export class SqlCharmState implements CharmState {
  constructor(private readonly db: Database) {}

  modelLife(modelUuid: string): LifeValue | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ life: string }>('SELECT life FROM model WHERE uuid = ?', [modelUuid]),
    );
    return row === undefined ? undefined : parseLife(row.life);
  }

  insertCharm(a: InsertCharmArgs): boolean {
    return this.db.txn((tx) => {
      if (
        tx.get('SELECT 1 AS x FROM charm WHERE model_uuid = ? AND url = ?', [a.modelUuid, a.url]) !==
        undefined
      )
        return false;
      tx.run(`INSERT INTO charm (${CHARM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        a.modelUuid,
        a.url,
        a.name,
        a.revision,
        a.source,
        a.sha256,
        a.archiveKey,
        a.subordinate,
        toJson(a.endpoints),
        toJson(a.extraBindings),
        toJson(a.configOptions),
        toJson(a.metadata),
        toJson(a.config),
        toJson(a.actions),
        a.version,
        a.createdAt,
      ]);
      return true;
    });
  }

  charm(modelUuid: string, url: string): Charm | undefined {
    return this.db.read((tx) => selectCharm(tx, modelUuid, url));
  }

  charms(modelUuid: string): Charm[] {
    return [...this.db.read((tx) => selectCharms(tx, modelUuid)).values()];
  }

  maxLocalRevision(modelUuid: string, name: string): number | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ m: number | null }>(
        `SELECT MAX(revision) AS m FROM charm WHERE model_uuid = ? AND name = ? AND source = 'local'`,
        [modelUuid, name],
      ),
    );
    return row?.m ?? undefined;
  }
}
