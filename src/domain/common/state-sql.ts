/**
 * SQL shared by several domains inside their own transactions: per-model
 * counters and status history rows. Kept here so each table has one writer.
 */
import type { Executor } from '../../state/executor.js';
import { toJson } from './json.js';

/**
 * Returns the next value of counter `name` in the model, starting at 0. Runs
 * inside the caller's transaction so the number and its use commit together.
 */
export function nextModelSequence(tx: Executor, modelUuid: string, name: string): number {
  const row = tx.get<{ value: number }>(
    `INSERT INTO model_sequence (model_uuid, name, value) VALUES (?, ?, 0)
     ON CONFLICT (model_uuid, name) DO UPDATE SET value = model_sequence.value + 1
     RETURNING value`,
    [modelUuid, name],
  );
  if (row === undefined) throw new Error(`sequence ${name} returned no value`);
  return row.value;
}

/** One status change to append to the history. */
export interface StatusHistoryArgs {
  readonly modelUuid: string;
  /** `model`, `machine`, `machine-instance`, later `unit-agent`, `unit-workload`, `application`... */
  readonly entityKind: string;
  readonly entityId: string;
  readonly status: string;
  readonly info: string;
  readonly data: Record<string, unknown>;
  readonly updatedAt: string;
}

/**
 * Appends a status history row (inside the caller's transaction). When the
 * entity's latest row already holds the same status, message and data, only
 * its time moves forward, as Juju does: repeated identical statuses (an
 * update-status hook re-setting "active") do not grow the history.
 */
export function insertStatusHistory(tx: Executor, args: StatusHistoryArgs): void {
  const data = toJson(args.data);
  const latest = tx.get<{ seq: number; status: string; info: string; data: string }>(
    `SELECT seq, status, info, data FROM status_history
      WHERE model_uuid = ? AND entity_kind = ? AND entity_id = ?
      ORDER BY seq DESC LIMIT 1`,
    [args.modelUuid, args.entityKind, args.entityId],
  );
  if (
    latest !== undefined &&
    latest.status === args.status &&
    latest.info === args.info &&
    latest.data === data
  ) {
    tx.run('UPDATE status_history SET updated_at = ? WHERE model_uuid = ? AND seq = ?', [
      args.updatedAt,
      args.modelUuid,
      latest.seq,
    ]);
    return;
  }
  const seq = nextModelSequence(tx, args.modelUuid, 'status-history');
  tx.run(
    `INSERT INTO status_history (model_uuid, seq, entity_kind, entity_id, status, info, data, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [args.modelUuid, seq, args.entityKind, args.entityId, args.status, args.info, data, args.updatedAt],
  );
}
