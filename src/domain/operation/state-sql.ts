/** SQL for the operation domain (operation, operation_task, operation_task_log). */
import type { Database } from '../../state/database.js';
import { placeholders, type Executor, type SqlValue } from '../../state/executor.js';
import { fromJsonRecord, toJson } from '../common/json.js';
import { nextModelSequence } from '../common/state-sql.js';
import type { OperationState } from './service.js';
import type {
  InsertOperationArgs,
  Operation,
  OperationFilter,
  OperationList,
  OperationUpdate,
  Task,
  TaskLogEntry,
  TaskStatusValue,
  TaskUpdate,
} from './types.js';

interface OperationRow {
  model_uuid: string;
  id: number;
  summary: string;
  status: string;
  fail_message: string;
  spawned_task_count: number;
  enqueued_at: string;
  started_at: string;
  completed_at: string;
}

interface TaskRow {
  model_uuid: string;
  id: number;
  operation_id: number;
  receiver: string;
  receiver_kind: string;
  name: string;
  parameters: string;
  parallel: number;
  execution_group: string;
  status: string;
  message: string;
  results: string;
  enqueued_at: string;
  started_at: string;
  completed_at: string;
}

const OPERATION_COLUMNS =
  'model_uuid, id, summary, status, fail_message, spawned_task_count, enqueued_at, started_at, completed_at';
const TASK_COLUMNS = `model_uuid, id, operation_id, receiver, receiver_kind, name, parameters, parallel, execution_group,
  status, message, results, enqueued_at, started_at, completed_at`;
const FINAL = new Set(['completed', 'failed', 'cancelled', 'aborted', 'error']);

const orNull = (s: string): string | null => (s === '' ? null : s);

function toTask(r: TaskRow, log: readonly TaskLogEntry[]): Task {
  return {
    modelUuid: r.model_uuid,
    id: String(r.id),
    operationId: String(r.operation_id),
    receiver: r.receiver,
    receiverKind: r.receiver_kind === 'machine' ? 'machine' : 'unit',
    name: r.name,
    parameters: fromJsonRecord(r.parameters),
    parallel: r.parallel !== 0,
    executionGroup: r.execution_group,
    status: r.status as TaskStatusValue,
    message: r.message,
    results: fromJsonRecord(r.results),
    enqueued: r.enqueued_at,
    started: orNull(r.started_at),
    completed: orNull(r.completed_at),
    log,
  };
}

/** Tasks with their logs for the given task rows (one extra query). */
function withLogs(tx: Executor, modelUuid: string, rows: readonly TaskRow[]): Task[] {
  if (rows.length === 0) return [];
  const logs = new Map<number, TaskLogEntry[]>();
  const ids = rows.map((r) => r.id);
  const narrow = ids.length <= 200;
  for (const l of tx.all<{ task_id: number; logged_at: string; message: string }>(
    `SELECT task_id, logged_at, message FROM operation_task_log
      WHERE model_uuid = ?${narrow ? ` AND task_id IN (${placeholders(ids.length)})` : ''}
      ORDER BY task_id, seq`,
    [modelUuid, ...(narrow ? ids : [])],
  )) {
    const list = logs.get(l.task_id) ?? [];
    list.push({ timestamp: l.logged_at, message: l.message });
    logs.set(l.task_id, list);
  }
  return rows.map((r) => toTask(r, logs.get(r.id) ?? []));
}

function toOperation(r: OperationRow, tasks: readonly Task[], completeCount: number): Operation {
  return {
    modelUuid: r.model_uuid,
    id: String(r.id),
    summary: r.summary,
    status: r.status as TaskStatusValue,
    fail: r.fail_message,
    enqueued: r.enqueued_at,
    started: orNull(r.started_at),
    completed: orNull(r.completed_at),
    spawnedTaskCount: r.spawned_task_count,
    completeTaskCount: completeCount,
    tasks,
  };
}

/** Collects `column = ?` assignments for an UPDATE. */
function updates(): { sets: string[]; values: SqlValue[]; set: (column: string, value: SqlValue) => void } {
  const sets: string[] = [];
  const values: SqlValue[] = [];
  return {
    sets,
    values,
    set: (column, value) => {
      sets.push(`${column} = ?`);
      values.push(value);
    },
  };
}

function inList(column: string, values: readonly string[], params: SqlValue[]): string {
  params.push(...values);
  return `${column} IN (${placeholders(values.length)})`;
}

/** {@link OperationState} over the controller database. */
export class SqlOperationState implements OperationState {
  constructor(private readonly db: Database) {}

  unitExists(modelUuid: string, unit: string): boolean {
    return (
      this.db.read((tx) =>
        tx.get('SELECT 1 AS x FROM unit WHERE model_uuid = ? AND name = ?', [modelUuid, unit]),
      ) !== undefined
    );
  }

  machineExists(modelUuid: string, id: string): boolean {
    return (
      this.db.read((tx) =>
        tx.get('SELECT 1 AS x FROM machine WHERE model_uuid = ? AND id = ?', [modelUuid, id]),
      ) !== undefined
    );
  }

  insertOperation(a: InsertOperationArgs): string {
    return this.db.txn((tx) => {
      // Operations and tasks share one sequence starting at 1 (operation-1, action-2, ...).
      const opId = nextModelSequence(tx, a.modelUuid, 'task') + 1;
      tx.run(
        `INSERT INTO operation (model_uuid, id, summary, status, fail_message, spawned_task_count, enqueued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [a.modelUuid, opId, a.summary, a.status, a.fail, a.tasks.length, a.enqueued],
      );
      for (const t of a.tasks) {
        const id = nextModelSequence(tx, a.modelUuid, 'task') + 1;
        tx.run(
          `INSERT INTO operation_task (model_uuid, id, operation_id, receiver, receiver_kind, receiver_application,
                                       name, parameters, parallel, execution_group, status, enqueued_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
          [
            a.modelUuid,
            id,
            opId,
            t.receiver,
            t.receiverKind,
            t.receiverApplication,
            t.name,
            toJson(t.parameters),
            t.parallel,
            t.executionGroup,
            a.enqueued,
          ],
        );
      }
      return String(opId);
    });
  }

  operation(modelUuid: string, id: string): Operation | undefined {
    return this.db.read((tx) => {
      const row = tx.get<OperationRow>(
        `SELECT ${OPERATION_COLUMNS} FROM operation WHERE model_uuid = ? AND id = ?`,
        [modelUuid, Number(id)],
      );
      if (row === undefined) return undefined;
      const tasks = withLogs(
        tx,
        modelUuid,
        tx.all<TaskRow>(
          `SELECT ${TASK_COLUMNS} FROM operation_task WHERE model_uuid = ? AND operation_id = ? ORDER BY id`,
          [modelUuid, row.id],
        ),
      );
      return toOperation(row, tasks, tasks.filter((t) => FINAL.has(t.status)).length);
    });
  }

  task(modelUuid: string, id: string): Task | undefined {
    if (!/^[0-9]+$/.test(id)) return undefined;
    return this.db.read((tx) => {
      const row = tx.get<TaskRow>(
        `SELECT ${TASK_COLUMNS} FROM operation_task WHERE model_uuid = ? AND id = ?`,
        [modelUuid, Number(id)],
      );
      return row === undefined ? undefined : withLogs(tx, modelUuid, [row])[0];
    });
  }

  taskStatuses(modelUuid: string, operationId: string): TaskStatusValue[] {
    return this.db
      .read((tx) =>
        tx.all<{ status: string }>(
          'SELECT status FROM operation_task WHERE model_uuid = ? AND operation_id = ?',
          [modelUuid, Number(operationId)],
        ),
      )
      .map((r) => r.status as TaskStatusValue);
  }

  listOperations(modelUuid: string, f: OperationFilter): OperationList {
    return this.db.read((tx) => {
      // Task conditions: receivers (any of applications/units/machines) and action names.
      const taskParams: SqlValue[] = [];
      const receiverConds: string[] = [];
      if (f.applications.length > 0)
        receiverConds.push(inList('t.receiver_application', f.applications, taskParams));
      if (f.units.length > 0)
        receiverConds.push(`(t.receiver_kind = 'unit' AND ${inList('t.receiver', f.units, taskParams)})`);
      if (f.machines.length > 0)
        receiverConds.push(
          `(t.receiver_kind = 'machine' AND ${inList('t.receiver', f.machines, taskParams)})`,
        );
      const taskConds: string[] = [];
      if (receiverConds.length > 0) taskConds.push(`(${receiverConds.join(' OR ')})`);
      if (f.actions.length > 0) taskConds.push(inList('t.name', f.actions, taskParams));
      const taskWhere = taskConds.length > 0 ? ` AND ${taskConds.join(' AND ')}` : '';

      const opParams: SqlValue[] = [modelUuid];
      let opWhere = 'o.model_uuid = ?';
      if (f.status.length > 0) opWhere += ` AND ${inList('o.status', f.status, opParams)}`;
      if (taskConds.length > 0) {
        opWhere += ` AND o.id IN (SELECT t.operation_id FROM operation_task t WHERE t.model_uuid = o.model_uuid${taskWhere})`;
        opParams.push(...taskParams);
      }
      // Without a limit the offset is applied here: LIMIT-less OFFSET is not portable.
      const limitSql = f.limit > 0 ? ' LIMIT ? OFFSET ?' : '';
      const pageParams = f.limit > 0 ? [f.limit + 1, f.offset] : [];
      const all = tx.all<OperationRow>(
        `SELECT ${OPERATION_COLUMNS.split(', ')
          .map((c) => `o.${c}`)
          .join(', ')} FROM operation o WHERE ${opWhere} ORDER BY o.id${limitSql}`,
        [...opParams, ...pageParams],
      );
      const rows = f.limit > 0 ? all : all.slice(f.offset);
      const truncated = f.limit > 0 && rows.length > f.limit;
      const page = truncated ? rows.slice(0, f.limit) : rows;
      if (page.length === 0) return { operations: [], truncated };
      const ids = page.map((r) => r.id);
      const taskRows = tx.all<TaskRow>(
        `SELECT ${TASK_COLUMNS.split(',')
          .map((c) => `t.${c.trim()}`)
          .join(', ')} FROM operation_task t
          WHERE t.model_uuid = ? AND t.operation_id IN (${placeholders(ids.length)})${taskWhere}
          ORDER BY t.id`,
        [modelUuid, ...ids, ...taskParams],
      );
      const tasks = withLogs(tx, modelUuid, taskRows);
      const completes = new Map<number, number>(
        tx
          .all<{ operation_id: number; n: number }>(
            `SELECT operation_id, COUNT(*) AS n FROM operation_task
              WHERE model_uuid = ? AND operation_id IN (${placeholders(ids.length)})
                AND status IN ('completed', 'failed', 'cancelled', 'aborted', 'error')
              GROUP BY operation_id`,
            [modelUuid, ...ids],
          )
          .map((r) => [r.operation_id, r.n]),
      );
      return {
        operations: page.map((r) =>
          toOperation(
            r,
            tasks.filter((t) => t.operationId === String(r.id)),
            completes.get(r.id) ?? 0,
          ),
        ),
        truncated,
      };
    });
  }

  tasksForReceiver(modelUuid: string, receiver: string, statuses: readonly string[]): Task[] {
    return this.db.read((tx) =>
      withLogs(
        tx,
        modelUuid,
        tx.all<TaskRow>(
          `SELECT ${TASK_COLUMNS} FROM operation_task
            WHERE model_uuid = ? AND receiver = ? AND status IN (${placeholders(statuses.length)}) ORDER BY id`,
          [modelUuid, receiver, ...statuses],
        ),
      ),
    );
  }

  updateTask(modelUuid: string, id: string, u: TaskUpdate): void {
    const { sets, values, set } = updates();
    if (u.status !== undefined) set('status', u.status);
    if (u.message !== undefined) set('message', u.message);
    if (u.results !== undefined) set('results', toJson(u.results));
    if (u.started !== undefined) set('started_at', u.started);
    if (u.completed !== undefined) set('completed_at', u.completed);
    if (sets.length === 0) return;
    this.db.txn((tx) =>
      tx.run(`UPDATE operation_task SET ${sets.join(', ')} WHERE model_uuid = ? AND id = ?`, [
        ...values,
        modelUuid,
        Number(id),
      ]),
    );
  }

  updateOperation(modelUuid: string, id: string, u: OperationUpdate): void {
    const { sets, values, set } = updates();
    if (u.status !== undefined) set('status', u.status);
    if (u.started !== undefined) set('started_at', u.started);
    if (u.completed !== undefined) set('completed_at', u.completed);
    if (sets.length === 0) return;
    this.db.txn((tx) =>
      tx.run(`UPDATE operation SET ${sets.join(', ')} WHERE model_uuid = ? AND id = ?`, [
        ...values,
        modelUuid,
        Number(id),
      ]),
    );
  }

  appendTaskLog(modelUuid: string, id: string, at: string, message: string): void {
    this.db.txn((tx) => {
      const next =
        (tx.get<{ m: number | null }>(
          'SELECT MAX(seq) AS m FROM operation_task_log WHERE model_uuid = ? AND task_id = ?',
          [modelUuid, Number(id)],
        )?.m ?? -1) + 1;
      tx.run(
        'INSERT INTO operation_task_log (model_uuid, task_id, seq, logged_at, message) VALUES (?, ?, ?, ?, ?)',
        [modelUuid, Number(id), next, at, message],
      );
    });
  }
}
