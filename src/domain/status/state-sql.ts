/** SQL for the status domain: the status snapshot and status_history. */
import type { Database } from '../../state/database.js';
import { fromJsonRecord } from '../common/json.js';
import { selectAllUnits, selectApplications } from '../application/state-sql.js';
import { selectCharms } from '../charm/state-sql.js';
import { insertStatusHistory } from '../common/state-sql.js';
import { selectLeases } from '../leadership/state-sql.js';
import { selectMachines } from '../machine/state-sql.js';
import { selectModel } from '../model/state-sql.js';
import { selectRelations } from '../relation/state-sql.js';
import { selectModelPorts } from '../unitstate/state-sql.js';
import type { StatusSnapshot, StatusState } from './service.js';
import type {
  RecordStatusParams,
  StatusHistoryEntry,
  StatusHistoryParams,
  StatusHistorySize,
} from './types.js';

/** Fixed bytes per history row beyond its text: integers, record and index entry headers. */
const ROW_OVERHEAD_BYTES = 48;

/** History entity kinds, the table that holds such entities and its key column. */
const ORPHAN_CHECKS: readonly (readonly [readonly string[], string, string])[] = [
  [['unit-agent', 'unit-workload'], 'unit', 'name'],
  [['application'], 'application', 'name'],
  [['machine', 'machine-instance'], 'machine', 'id'],
];

interface HistoryRow {
  entity_kind: string;
  entity_id: string;
  status: string;
  info: string;
  data: string;
  updated_at: string;
}

/** {@link StatusState} over the controller database. */
export class SqlStatusState implements StatusState {
  constructor(private readonly db: Database) {}

  snapshot(modelUuid: string): StatusSnapshot | undefined {
    return this.db.read((tx) => {
      const model = selectModel(tx, modelUuid);
      if (model === undefined) return undefined;
      const applications = selectApplications(tx, modelUuid);
      // Models without applications skip the application queries altogether.
      if (applications.length === 0) {
        return {
          model,
          machines: selectMachines(tx, modelUuid),
          applications,
          units: [],
          charms: new Map(),
          relations: [],
          leases: [],
          ports: [],
        };
      }
      return {
        model,
        machines: selectMachines(tx, modelUuid),
        applications,
        units: selectAllUnits(tx, modelUuid),
        charms: selectCharms(tx, modelUuid),
        relations: selectRelations(tx, modelUuid),
        leases: selectLeases(tx, modelUuid),
        ports: selectModelPorts(tx, modelUuid),
      };
    });
  }

  history(modelUuid: string, params: StatusHistoryParams): StatusHistoryEntry[] {
    const limit = params.limit === 0 ? 0 : Math.max(1, params.limit ?? 20);
    const where = ['model_uuid = ?', 'entity_kind = ?', 'entity_id = ?', 'updated_at >= ?'];
    const args: (string | number)[] = [modelUuid, params.entityKind, params.entityId, params.since ?? ''];
    if (params.after !== undefined) {
      where.push('updated_at > ?');
      args.push(params.after);
    }
    const exclude = params.exclude ?? [];
    if (exclude.length > 0) {
      where.push(`info NOT IN (${exclude.map(() => '?').join(', ')})`);
      args.push(...exclude);
    }
    if (limit > 0) args.push(limit);
    const rows = this.db.read((tx) =>
      tx.all<HistoryRow>(
        `SELECT entity_kind, entity_id, status, info, data, updated_at
           FROM status_history
          WHERE ${where.join(' AND ')}
          ORDER BY seq DESC${limit > 0 ? ' LIMIT ?' : ''}`,
        args,
      ),
    );
    return rows.reverse().map((r) => ({
      entityKind: r.entity_kind,
      entityId: r.entity_id,
      status: r.status,
      info: r.info,
      data: fromJsonRecord(r.data),
      since: r.updated_at,
    }));
  }

  recordHistory(p: Required<RecordStatusParams> & { readonly at: string }): void {
    this.db.txn((tx) =>
      insertStatusHistory(tx, {
        modelUuid: p.modelUuid,
        entityKind: p.entityKind,
        entityId: p.entityId,
        status: p.status,
        info: p.info,
        data: { ...p.data },
        updatedAt: p.at,
      }),
    );
  }

  pruneOlderThan(before: string): number {
    return this.db.txn((tx) => tx.run('DELETE FROM status_history WHERE updated_at < ?', [before]).changes);
  }

  pruneToSize(keep: number): number {
    return this.db.txn((tx) => {
      let removed = 0;
      const models = tx.all<{ model_uuid: string; n: number }>(
        'SELECT model_uuid, COUNT(*) AS n FROM status_history GROUP BY model_uuid',
      );
      for (const m of models) {
        if (m.n <= keep) continue;
        if (keep === 0) {
          removed += tx.run('DELETE FROM status_history WHERE model_uuid = ?', [m.model_uuid]).changes;
          continue;
        }
        // seq of the oldest entry to keep; everything before it goes.
        const cutoff = tx.get<{ seq: number }>(
          'SELECT seq FROM status_history WHERE model_uuid = ? ORDER BY seq DESC LIMIT 1 OFFSET ?',
          [m.model_uuid, keep - 1],
        );
        if (cutoff === undefined) continue;
        removed += tx.run('DELETE FROM status_history WHERE model_uuid = ? AND seq < ?', [
          m.model_uuid,
          cutoff.seq,
        ]).changes;
      }
      return removed;
    });
  }
  pruneModelOlderThan(modelUuid: string, before: string, batch: number): number {
    let removed = 0;
    for (;;) {
      const n = this.db.txn(
        (tx) =>
          tx.run(
            `DELETE FROM status_history WHERE model_uuid = ? AND seq IN (
               SELECT seq FROM status_history WHERE model_uuid = ? AND updated_at < ? ORDER BY seq LIMIT ?)`,
            [modelUuid, modelUuid, before, batch],
          ).changes,
      );
      removed += n;
      if (n < batch) return removed;
    }
  }

  pruneOrphans(modelUuid: string): number {
    return this.db.txn((tx) => {
      let removed = 0;
      for (const [kinds, table, key] of ORPHAN_CHECKS) {
        removed += tx.run(
          `DELETE FROM status_history
            WHERE model_uuid = ? AND entity_kind IN (${kinds.map(() => '?').join(', ')})
              AND NOT EXISTS (SELECT 1 FROM ${table} e
                               WHERE e.model_uuid = status_history.model_uuid AND e.${key} = status_history.entity_id)`,
          [modelUuid, ...kinds],
        ).changes;
      }
      return removed;
    });
  }

  historySize(sample: number): StatusHistorySize {
    return this.db.read((tx) => {
      const rows = tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM status_history')?.n ?? 0;
      if (rows === 0) return { rows: 0, bytes: 0 };
      // Key columns are counted twice: they are stored again in the indexes.
      const avg =
        tx.get<{ avg: number | null }>(
          `SELECT AVG(2 * LENGTH(model_uuid) + 2 * LENGTH(entity_kind) + 2 * LENGTH(entity_id) + LENGTH(status)
                      + LENGTH(info) + LENGTH(data) + 2 * LENGTH(updated_at)) AS avg
             FROM (SELECT model_uuid, entity_kind, entity_id, status, info, data, updated_at
                     FROM status_history ORDER BY updated_at DESC LIMIT ?) recent`,
          [sample],
        )?.avg ?? 0;
      return { rows, bytes: Math.round(rows * (Number(avg) + ROW_OVERHEAD_BYTES)) };
    });
  }

  pruneOldest(count: number, batch: number): number {
    let removed = 0;
    while (removed < count) {
      const take = Math.min(batch, count - removed);
      const n = this.db.txn((tx) => {
        const cutoff = tx.get<{ updated_at: string }>(
          'SELECT updated_at FROM status_history ORDER BY updated_at LIMIT 1 OFFSET ?',
          [take - 1],
        );
        if (cutoff === undefined) return tx.run('DELETE FROM status_history').changes;
        return tx.run('DELETE FROM status_history WHERE updated_at <= ?', [cutoff.updated_at]).changes;
      });
      if (n === 0) break;
      removed += n;
    }
    return removed;
  }
}
