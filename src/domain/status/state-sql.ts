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
import type { RecordStatusParams, StatusHistoryEntry, StatusHistoryParams } from './types.js';

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
    const limit = Math.max(1, params.limit ?? 20);
    const rows = this.db.read((tx) =>
      tx.all<HistoryRow>(
        `SELECT entity_kind, entity_id, status, info, data, updated_at
           FROM status_history
          WHERE model_uuid = ? AND entity_kind = ? AND entity_id = ? AND updated_at >= ?
          ORDER BY seq DESC
          LIMIT ?`,
        [modelUuid, params.entityKind, params.entityId, params.since ?? '', limit],
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
}
