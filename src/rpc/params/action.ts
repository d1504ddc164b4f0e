/**
 * Wire shapes of the Action facade (v7), keys as Juju's JSON tags: running
 * charm actions (`juju run`) and shell commands (`juju exec`) as operations
 * of tasks, reading tasks and operations back, and the charm's action specs.
 *
 * Times are RFC 3339 strings; an unset time travels as Go's zero time
 * `0001-01-01T00:00:00Z` (Go does not omit zero `time.Time` values).
 */
import type { BulkWireError } from '../errors.js';

/** Go's zero `time.Time` as JSON carries it. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** Name of the predefined action `juju exec` enqueues. */
export const JUJU_EXEC_ACTION = 'juju-exec';

/** `{"tag": "action-2"}` (Juju's `params.Entity`). */
export interface ActionEntity {
  tag: string;
}

/** `{"entities": [...]}`. */
export interface ActionEntities {
  entities?: ActionEntity[];
}

/**
 * A task as enqueued or stored (Juju's `params.Action`). `receiver` is a unit
 * or machine tag (`unit-app-0`, `machine-0`); when enqueueing it may also be
 * `app/leader`.
 */
export interface ActionWire {
  tag: string;
  receiver: string;
  name: string;
  parameters?: Record<string, unknown>;
  parallel?: boolean;
  'execution-group'?: string;
}

/** `Action.EnqueueOperation` params. */
export interface ActionsParams {
  actions?: ActionWire[];
}

/** One `action-log` message. */
export interface ActionMessageWire {
  timestamp: string;
  message: string;
}

/** A task and its outcome (Juju's `params.ActionResult`). */
export interface ActionResultWire {
  action?: ActionWire;
  enqueued?: string;
  started?: string;
  completed?: string;
  status?: string;
  message?: string;
  log?: ActionMessageWire[];
  /** The agent's results: charm `action-set` keys plus `return-code`, `stdout`, `stderr`. */
  output?: Record<string, unknown>;
  error?: BulkWireError;
}

/** `{"results": [...]}` of `Actions` and `Cancel`. */
export interface ActionResultsWire {
  results?: ActionResultWire[];
}

/** Reply of `EnqueueOperation`, `Run` and `RunOnAllMachines`. */
export interface EnqueuedActionsWire {
  /** `operation-1`. */
  operation: string;
  actions?: ActionResultWire[];
}

/** `Action.ListOperations` params. */
export interface OperationQueryArgs {
  applications?: string[];
  units?: string[];
  machines?: string[];
  actions?: string[];
  status?: string[];
  offset?: number;
  limit?: number;
}

/** An operation and its tasks (Juju's `params.OperationResult`). */
export interface OperationResultWire {
  operation: string;
  summary: string;
  fail?: string;
  enqueued?: string;
  started?: string;
  completed?: string;
  status?: string;
  actions?: ActionResultWire[];
  error?: BulkWireError;
}

/** Reply of `ListOperations` and `Operations`. */
export interface OperationResultsWire {
  results?: OperationResultWire[];
  truncated?: boolean;
}

/** `Action.Run` / `RunOnAllMachines` params (`juju exec`); `timeout` in nanoseconds. */
export interface RunParams {
  commands: string;
  timeout: number;
  machines?: string[];
  applications?: string[];
  units?: string[];
  'workload-context'?: boolean;
  parallel?: boolean;
  'execution-group'?: string;
}

/** One action of a charm: its description and JSON schema. */
export interface ActionSpecWire {
  description: string;
  params: Record<string, unknown>;
}

/** One application's charm actions. */
export interface ApplicationCharmActionsResult {
  'application-tag'?: string;
  actions?: Record<string, ActionSpecWire>;
  error?: BulkWireError;
}

/** Reply of `ApplicationsCharmsActions`. */
export interface ApplicationsCharmActionsResults {
  results?: ApplicationCharmActionsResult[];
}

/** One entry of `WatchActionsProgress`: a StringsWatcher and its initial changes. */
export interface StringsWatchResult {
  'watcher-id': string;
  changes?: string[];
  error?: BulkWireError;
}

/** Reply of `WatchActionsProgress`. */
export interface StringsWatchResults {
  results: StringsWatchResult[];
}
