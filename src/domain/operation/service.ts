/**
 * Operations and tasks (actions): enqueueing on units or machines with ids
 * from the model's task sequence, listing with filters, and the task life
 * cycle pending -> running -> completed/failed/... driven by the agents, with
 * the operation's status following its tasks.
 */
import { isValidMachineId, isValidUnitName } from '../../core/names.js';
import { notAtomic, type Atomically } from '../common/atomic.js';
import { timestamp, type Clock } from '../common/clock.js';
import {
  alreadyFinished,
  alreadyHasStatus,
  cannotLog,
  invalidFinalStatus,
  invalidReceiver,
  invalidStatusFilter,
  machineNotFound,
  noTasks,
  operationNotFound,
  taskNotFound,
  taskNotPending,
  unitNotFound,
} from './errors.js';
import {
  CANCELLED_MESSAGE,
  FINAL_TASK_STATUSES,
  TaskStatus,
  type EnqueueParams,
  type EnqueueResult,
  type EnqueueTaskResult,
  type FinishTaskParams,
  type InsertOperationArgs,
  type InsertTaskArgs,
  type Operation,
  type OperationFilter,
  type OperationList,
  type OperationQuery,
  type OperationUpdate,
  type Task,
  type TaskStatusValue,
  type TaskUpdate,
} from './types.js';

/** Persistence the operation service needs. */
export interface OperationState {
  unitExists(modelUuid: string, unit: string): boolean;
  machineExists(modelUuid: string, id: string): boolean;
  /** Inserts an operation and its tasks; returns the operation id. */
  insertOperation(args: InsertOperationArgs): string;
  operation(modelUuid: string, id: string): Operation | undefined;
  task(modelUuid: string, id: string): Task | undefined;
  /** Statuses of every task of an operation. */
  taskStatuses(modelUuid: string, operationId: string): TaskStatusValue[];
  listOperations(modelUuid: string, filter: OperationFilter): OperationList;
  /** Tasks of a receiver in the given statuses, by id. */
  tasksForReceiver(modelUuid: string, receiver: string, statuses: readonly string[]): Task[];
  updateTask(modelUuid: string, id: string, update: TaskUpdate): void;
  updateOperation(modelUuid: string, id: string, update: OperationUpdate): void;
  appendTaskLog(modelUuid: string, id: string, at: string, message: string): void;
}

const ALL_STATUSES: ReadonlySet<string> = new Set(Object.values(TaskStatus));
const FINAL: ReadonlySet<string> = new Set(FINAL_TASK_STATUSES);
const ACTIVE: ReadonlySet<string> = new Set([TaskStatus.Pending, TaskStatus.Running, TaskStatus.Aborting]);
/** Which final task status decides the operation's, most severe first. */
const COMPLETED_ORDER: readonly TaskStatusValue[] = [
  TaskStatus.Error,
  TaskStatus.Failed,
  TaskStatus.Cancelled,
  TaskStatus.Completed,
];

/** An operation's status from its tasks' (and whether enqueueing failed for some). */
export function operationStatus(tasks: readonly TaskStatusValue[], fail: string): TaskStatusValue {
  if (tasks.length === 0) return fail === '' ? TaskStatus.Pending : TaskStatus.Error;
  if (tasks.some((s) => ACTIVE.has(s))) {
    return tasks.every((s) => s === TaskStatus.Pending) ? TaskStatus.Pending : TaskStatus.Running;
  }
  const final = COMPLETED_ORDER.find((s) => tasks.includes(s)) ?? TaskStatus.Aborted;
  return final === TaskStatus.Completed && fail !== '' ? TaskStatus.Error : final;
}

/** Business rules for operations and tasks. */
export class OperationService {
  constructor(
    private readonly state: OperationState,
    private readonly clock: Clock,
    private readonly atomically: Atomically = notAtomic,
  ) {}

  /**
   * Enqueues one operation with a task per valid receiver. Receivers that do
   * not exist get an error entry instead of a task and are noted in the
   * operation's `fail`; an operation without any task is `error`.
   * @throws `not valid` `no actions specified`.
   */
  enqueue(modelUuid: string, params: EnqueueParams): EnqueueResult {
    if (params.tasks.length === 0) throw noTasks();
    return this.atomically(() => {
      const results: { receiver: string; args?: InsertTaskArgs; error?: Error }[] = [];
      for (const t of params.tasks) {
        try {
          results.push({ receiver: t.receiver, args: this.taskArgs(modelUuid, t) });
        } catch (err) {
          results.push({ receiver: t.receiver, error: err instanceof Error ? err : new Error(String(err)) });
        }
      }
      const valid = results.flatMap((r) => (r.args === undefined ? [] : [r.args]));
      const fail = results.flatMap((r) => (r.error === undefined ? [] : [r.error.message])).join('\n');
      const names = [...new Set(params.tasks.map((t) => t.name))];
      const summary =
        params.summary ?? `${names.join(',')} run on ${params.tasks.map((t) => t.receiver).join(',')}`;
      const opId = this.state.insertOperation({
        modelUuid,
        summary,
        status: operationStatus(
          valid.map(() => TaskStatus.Pending),
          fail,
        ),
        fail,
        enqueued: timestamp(this.clock),
        tasks: valid,
      });
      const operation = this.getOperation(modelUuid, opId);
      let next = 0;
      const tasks: EnqueueTaskResult[] = results.map((r) => {
        if (r.error !== undefined) return { receiver: r.receiver, error: r.error };
        const task = operation.tasks[next++];
        if (task === undefined) throw new Error('enqueued task missing');
        return { receiver: r.receiver, task };
      });
      return { operation, tasks };
    });
  }

  /** An operation with all its tasks. @throws `not found` `operation "1" not found`. */
  getOperation(modelUuid: string, id: string): Operation {
    const op = this.state.operation(modelUuid, id);
    if (op === undefined) throw operationNotFound(id);
    return op;
  }

  /** A task. @throws `not found` `action "2" not found`. */
  getTask(modelUuid: string, id: string): Task {
    const t = this.state.task(modelUuid, id);
    if (t === undefined) throw taskNotFound(id);
    return t;
  }

  /**
   * Operations matching every given filter, by id, paged with offset/limit.
   * Task filters (applications, units, machines, actions) keep only the
   * matching tasks.
   * @throws `not valid` unknown status.
   */
  list(modelUuid: string, query: OperationQuery = {}): OperationList {
    for (const s of query.status ?? []) if (!ALL_STATUSES.has(s)) throw invalidStatusFilter(s);
    return this.state.listOperations(modelUuid, {
      applications: query.applications ?? [],
      units: query.units ?? [],
      machines: query.machines ?? [],
      actions: query.actions ?? [],
      status: query.status ?? [],
      offset: Math.max(0, query.offset ?? 0),
      limit: Math.max(0, query.limit ?? 0),
    });
  }

  /** Pending tasks of a unit or machine, oldest first (what its agent should run). */
  pendingTasks(modelUuid: string, receiver: string): Task[] {
    return this.state.tasksForReceiver(modelUuid, receiver, [TaskStatus.Pending]);
  }

  /** Running or aborting tasks of a receiver (an agent kills aborting ones). */
  runningTasks(modelUuid: string, receiver: string): Task[] {
    return this.state.tasksForReceiver(modelUuid, receiver, [TaskStatus.Running, TaskStatus.Aborting]);
  }

  /**
   * The agent starts a task: pending -> running with its start time (and the
   * operation becomes running).
   * @throws `not valid` when the task is not pending.
   */
  begin(modelUuid: string, id: string): Task {
    return this.atomically(() => {
      const t = this.getTask(modelUuid, id);
      if (t.status !== TaskStatus.Pending) throw taskNotPending(id, t.status);
      const now = timestamp(this.clock);
      this.state.updateTask(modelUuid, id, { status: TaskStatus.Running, started: now });
      this.refreshOperation(modelUuid, t.operationId, now);
      return this.getTask(modelUuid, id);
    });
  }

  /**
   * `action-log`: appends a progress message.
   * @throws `not valid` `cannot log message to task "2" with status pending`.
   */
  log(modelUuid: string, id: string, message: string): void {
    this.atomically(() => {
      const t = this.getTask(modelUuid, id);
      if (t.status !== TaskStatus.Running && t.status !== TaskStatus.Aborting) throw cannotLog(id, t.status);
      this.state.appendTaskLog(modelUuid, id, timestamp(this.clock), message);
    });
  }

  /**
   * The agent finished a task with a final status, results and message.
   * @throws `not valid` non-final status; `already exists`
   *   `action 2 already has status "completed"` when already finished.
   */
  finish(modelUuid: string, id: string, params: FinishTaskParams): Task {
    if (!FINAL.has(params.status)) throw invalidFinalStatus(params.status);
    const status = params.status as TaskStatusValue;
    return this.atomically(() => {
      const t = this.getTask(modelUuid, id);
      if (t.status === status) throw alreadyHasStatus(id, status);
      if (FINAL.has(t.status)) throw alreadyFinished(id, status);
      const now = timestamp(this.clock);
      this.state.updateTask(modelUuid, id, {
        status,
        results: { ...(params.results ?? {}) },
        message: params.message ?? '',
        completed: now,
      });
      this.refreshOperation(modelUuid, t.operationId, now);
      return this.getTask(modelUuid, id);
    });
  }

  /**
   * cancel-task: pending tasks become cancelled, running ones aborting (the
   * agent then kills them and reports aborted); finished ones are left alone.
   * Returns the tasks after the change.
   */
  cancel(modelUuid: string, ids: readonly string[]): Task[] {
    return this.atomically(() =>
      ids.map((id) => {
        const t = this.getTask(modelUuid, id);
        const now = timestamp(this.clock);
        if (t.status === TaskStatus.Pending) {
          this.state.updateTask(modelUuid, id, {
            status: TaskStatus.Cancelled,
            message: CANCELLED_MESSAGE,
            results: {},
            completed: now,
          });
          this.refreshOperation(modelUuid, t.operationId, now);
        } else if (t.status === TaskStatus.Running) {
          this.state.updateTask(modelUuid, id, { status: TaskStatus.Aborting });
          this.refreshOperation(modelUuid, t.operationId, now);
        }
        return this.getTask(modelUuid, id);
      }),
    );
  }

  private taskArgs(modelUuid: string, t: EnqueueParams['tasks'][number]): InsertTaskArgs {
    let receiverKind: 'unit' | 'machine';
    let receiverApplication = '';
    if (isValidUnitName(t.receiver)) {
      if (!this.state.unitExists(modelUuid, t.receiver)) throw unitNotFound(t.receiver);
      receiverKind = 'unit';
      receiverApplication = t.receiver.slice(0, t.receiver.lastIndexOf('/'));
    } else if (isValidMachineId(t.receiver)) {
      if (!this.state.machineExists(modelUuid, t.receiver)) throw machineNotFound(t.receiver);
      receiverKind = 'machine';
    } else {
      throw invalidReceiver(t.receiver);
    }
    return {
      receiver: t.receiver,
      receiverKind,
      receiverApplication,
      name: t.name,
      parameters: { ...(t.parameters ?? {}) },
      parallel: t.parallel ?? false,
      executionGroup: t.executionGroup ?? '',
    };
  }

  /** Recomputes the operation's status and times after a task change. */
  private refreshOperation(modelUuid: string, operationId: string, now: string): void {
    const op = this.getOperation(modelUuid, operationId);
    const status = operationStatus(this.state.taskStatuses(modelUuid, operationId), op.fail);
    const update: { status: TaskStatusValue; started?: string; completed?: string } = { status };
    if (op.started === null && status !== TaskStatus.Pending) update.started = now;
    if (op.completed === null && FINAL.has(status)) update.completed = now;
    this.state.updateOperation(modelUuid, operationId, update);
  }
}
