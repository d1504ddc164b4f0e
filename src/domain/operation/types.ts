/** Types of the operation domain: operations and their tasks (actions). */

/** Task (action) and operation status values, as Juju's. */
export const TaskStatus = {
  Pending: 'pending',
  Running: 'running',
  Completed: 'completed',
  Failed: 'failed',
  Cancelled: 'cancelled',
  Aborting: 'aborting',
  Aborted: 'aborted',
  Error: 'error',
} as const;
export type TaskStatusValue = (typeof TaskStatus)[keyof typeof TaskStatus];

/** Statuses a finished task may end with. */
export const FINAL_TASK_STATUSES: readonly TaskStatusValue[] = [
  TaskStatus.Completed,
  TaskStatus.Failed,
  TaskStatus.Cancelled,
  TaskStatus.Aborted,
  TaskStatus.Error,
];

/** Message of a pending task cancelled by the user. */
export const CANCELLED_MESSAGE = 'action cancelled via the API';

/** One `action-log` line. */
export interface TaskLogEntry {
  /** ISO-8601 UTC. */
  readonly timestamp: string;
  readonly message: string;
}

/** A task: one action run on one receiver. */
export interface Task {
  readonly modelUuid: string;
  /** Decimal id (`action-<id>`). */
  readonly id: string;
  readonly operationId: string;
  /** Unit name (`app/0`) or machine id (`0`). */
  readonly receiver: string;
  readonly receiverKind: 'unit' | 'machine';
  readonly name: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly parallel: boolean;
  readonly executionGroup: string;
  readonly status: TaskStatusValue;
  readonly message: string;
  readonly results: Readonly<Record<string, unknown>>;
  readonly enqueued: string;
  /** null until begun. */
  readonly started: string | null;
  /** null until finished. */
  readonly completed: string | null;
  readonly log: readonly TaskLogEntry[];
}

/** An operation: the tasks enqueued by one `juju run`/`exec`. */
export interface Operation {
  readonly modelUuid: string;
  /** Decimal id (`operation-<id>`). */
  readonly id: string;
  readonly summary: string;
  readonly status: TaskStatusValue;
  /** Why some tasks could not be enqueued, '' when all were. */
  readonly fail: string;
  readonly enqueued: string;
  readonly started: string | null;
  readonly completed: string | null;
  readonly spawnedTaskCount: number;
  readonly completeTaskCount: number;
  /** Its tasks by id (only the matching ones in a filtered list). */
  readonly tasks: readonly Task[];
}

/** One task to enqueue. */
export interface EnqueueTaskParams {
  /** Unit name or machine id. */
  readonly receiver: string;
  readonly name: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly parallel?: boolean;
  readonly executionGroup?: string;
}

/** Parameters of {@link OperationService.enqueue}. */
export interface EnqueueParams {
  /** Defaults to `<action> run on <receivers>`. */
  readonly summary?: string;
  readonly tasks: readonly EnqueueTaskParams[];
}

/** One enqueued task, or why it was not. */
export type EnqueueTaskResult =
  { readonly receiver: string; readonly task: Task } | { readonly receiver: string; readonly error: Error };

/** What {@link OperationService.enqueue} did. */
export interface EnqueueResult {
  readonly operation: Operation;
  /** In the order given. */
  readonly tasks: readonly EnqueueTaskResult[];
}

/** Filters of {@link OperationService.list} (every given filter must match). */
export interface OperationQuery {
  readonly applications?: readonly string[];
  readonly units?: readonly string[];
  readonly machines?: readonly string[];
  readonly actions?: readonly string[];
  /** Operation statuses. */
  readonly status?: readonly string[];
  readonly offset?: number;
  readonly limit?: number;
}

/** A page of operations. */
export interface OperationList {
  readonly operations: readonly Operation[];
  /** True when more operations match beyond the page. */
  readonly truncated: boolean;
}

/** Parameters of {@link OperationService.finish}. */
export interface FinishTaskParams {
  readonly status: string;
  readonly results?: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** Arguments to insert one task (state). */
export interface InsertTaskArgs {
  readonly receiver: string;
  readonly receiverKind: 'unit' | 'machine';
  readonly receiverApplication: string;
  readonly name: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly parallel: boolean;
  readonly executionGroup: string;
}

/** Arguments to insert an operation and its tasks (state); ids come from the model's task sequence. */
export interface InsertOperationArgs {
  readonly modelUuid: string;
  readonly summary: string;
  readonly status: TaskStatusValue;
  readonly fail: string;
  readonly enqueued: string;
  readonly tasks: readonly InsertTaskArgs[];
}

/** Task columns services change (state). */
export interface TaskUpdate {
  readonly status?: TaskStatusValue;
  readonly message?: string;
  readonly results?: Readonly<Record<string, unknown>>;
  readonly started?: string;
  readonly completed?: string;
}

/** Operation columns services change (state). */
export interface OperationUpdate {
  readonly status?: TaskStatusValue;
  readonly started?: string;
  readonly completed?: string;
}

/** Normalised filters for the state query. */
export interface OperationFilter {
  readonly applications: readonly string[];
  readonly units: readonly string[];
  readonly machines: readonly string[];
  readonly actions: readonly string[];
  readonly status: readonly string[];
  readonly offset: number;
  /** 0 = no limit. */
  readonly limit: number;
}
