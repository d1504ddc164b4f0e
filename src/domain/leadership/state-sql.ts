/** SQL for the leadership domain (leadership_lease, leader_settings). */
import type { Database } from '../../state/database.js';
import type { Executor } from '../../state/executor.js';
import { fromJsonRecord, toJson } from '../common/json.js';
import { parseLife, type LifeValue } from '../common/life.js';
import type { LeadershipState } from './service.js';
import type { LeaderSettings, Lease, UpsertLeaseArgs } from './types.js';

interface LeaseRow {
  model_uuid: string;
  application: string;
  holder: string;
  start_at: string;
  expiry_at: string;
}

function toLease(r: LeaseRow): Lease {
  return {
    modelUuid: r.model_uuid,
    application: r.application,
    holder: r.holder,
    start: r.start_at,
    expiry: r.expiry_at,
  };
}

/** Every lease of a model (live or lapsed), read inside the caller's transaction. */
export function selectLeases(tx: Executor, modelUuid: string): Lease[] {
  return tx
    .all<LeaseRow>(
      'SELECT model_uuid, application, holder, start_at, expiry_at FROM leadership_lease WHERE model_uuid = ?',
      [modelUuid],
    )
    .map(toLease);
}

/** {@link LeadershipState} over the controller database. */
export class SqlLeadershipState implements LeadershipState {
  constructor(private readonly db: Database) {}

  unitInfo(modelUuid: string, unit: string): { application: string; life: LifeValue } | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ application: string; life: string }>(
        'SELECT application, life FROM unit WHERE model_uuid = ? AND name = ?',
        [modelUuid, unit],
      ),
    );
    return row === undefined ? undefined : { application: row.application, life: parseLife(row.life) };
  }

  applicationExists(modelUuid: string, application: string): boolean {
    return (
      this.db.read((tx) =>
        tx.get('SELECT 1 AS x FROM application WHERE model_uuid = ? AND name = ?', [modelUuid, application]),
      ) !== undefined
    );
  }

  lease(modelUuid: string, application: string): Lease | undefined {
    const row = this.db.read((tx) =>
      tx.get<LeaseRow>(
        `SELECT model_uuid, application, holder, start_at, expiry_at FROM leadership_lease
          WHERE model_uuid = ? AND application = ?`,
        [modelUuid, application],
      ),
    );
    return row === undefined ? undefined : toLease(row);
  }

  leases(modelUuid: string): Lease[] {
    return this.db.read((tx) => selectLeases(tx, modelUuid));
  }

  upsertLease(a: UpsertLeaseArgs): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO leadership_lease (model_uuid, application, holder, start_at, expiry_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (model_uuid, application)
         DO UPDATE SET holder = excluded.holder, start_at = excluded.start_at, expiry_at = excluded.expiry_at`,
        [a.modelUuid, a.application, a.holder, a.start, a.expiry],
      ),
    );
  }

  deleteLeasesHeldBy(modelUuid: string, unit: string): number {
    return this.db.txn(
      (tx) =>
        tx.run('DELETE FROM leadership_lease WHERE model_uuid = ? AND holder = ?', [modelUuid, unit]).changes,
    );
  }

  deleteExpired(now: string): Lease[] {
    return this.db.txn((tx) => {
      const expired = tx
        .all<LeaseRow>(
          'SELECT model_uuid, application, holder, start_at, expiry_at FROM leadership_lease WHERE expiry_at <= ?',
          [now],
        )
        .map(toLease);
      tx.run('DELETE FROM leadership_lease WHERE expiry_at <= ?', [now]);
      return expired;
    });
  }

  leaderSettings(modelUuid: string, application: string): LeaderSettings {
    const row = this.db.read((tx) =>
      tx.get<{ settings: string; version: number }>(
        'SELECT settings, version FROM leader_settings WHERE model_uuid = ? AND application = ?',
        [modelUuid, application],
      ),
    );
    if (row === undefined) return { settings: {}, version: 0 };
    return { settings: fromJsonRecord(row.settings) as Record<string, string>, version: row.version };
  }

  writeLeaderSettings(
    modelUuid: string,
    application: string,
    settings: Readonly<Record<string, string>>,
    version: number,
  ): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO leader_settings (model_uuid, application, settings, version) VALUES (?, ?, ?, ?)
         ON CONFLICT (model_uuid, application) DO UPDATE SET settings = excluded.settings, version = excluded.version`,
        [modelUuid, application, toJson(settings), version],
      ),
    );
  }
}
