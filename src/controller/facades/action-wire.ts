/**
 * Wire encoding of tasks and operations for the Action facade, in the shape
 * Juju's `params.ActionResult` / `params.OperationResult` have: receivers as
 * tags, times as RFC 3339 (Go's zero time when unset), empty message, log and
 * output left out.
 */
import { actionTag, machineTag, operationTag, unitTag } from '../../core/names.js';
import type { Operation, Task } from '../../domain/index.js';
import type { ActionMessageWire, ActionResultWire, OperationResultWire } from '../../rpc/params/action.js';
import { ZERO_TIME } from '../../rpc/params/action.js';

/**
 * An ISO timestamp as Go's RFC3339Nano writes it (`2024-05-01T10:00:00.12Z`:
 * trailing zeros of the fraction dropped), or the zero time for null.
 */
export function wireTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return ZERO_TIME;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return ZERO_TIME;
  const text = d.toISOString();
  const fraction = (/\.(\d+)Z$/.exec(text)?.[1] ?? '').replace(/0+$/, '');
  return `${text.slice(0, 19)}${fraction === '' ? '' : `.${fraction}`}Z`;
}

/** The receiver tag of a task: `unit-app-0` or `machine-0`. */
export function receiverTag(task: Pick<Task, 'receiver' | 'receiverKind'>): string {
  return task.receiverKind === 'unit' ? unitTag(task.receiver) : machineTag(task.receiver);
}

/** A task as `Actions`, `Cancel` and `EnqueueOperation` return it. */
export function actionResultWire(task: Task): ActionResultWire {
  const result: ActionResultWire = {
    action: {
      tag: actionTag(task.id),
      receiver: receiverTag(task),
      name: task.name,
      ...(Object.keys(task.parameters).length > 0 ? { parameters: { ...task.parameters } } : {}),
      parallel: task.parallel,
      'execution-group': task.executionGroup,
    },
    enqueued: wireTime(task.enqueued),
    started: wireTime(task.started),
    completed: wireTime(task.completed),
    status: task.status,
  };
  if (task.message !== '') result.message = task.message;
  if (task.log.length > 0) {
    result.log = task.log.map((m): ActionMessageWire => ({
      timestamp: wireTime(m.timestamp),
      message: m.message,
    }));
  }
  if (Object.keys(task.results).length > 0) result.output = { ...task.results };
  return result;
}

/** An operation with its (matching) tasks, as `ListOperations` and `Operations` return it. */
export function operationResultWire(op: Operation): OperationResultWire {
  const result: OperationResultWire = {
    operation: operationTag(op.id),
    summary: op.summary,
  };
  if (op.fail !== '') result.fail = op.fail;
  result.enqueued = wireTime(op.enqueued);
  result.started = wireTime(op.started);
  result.completed = wireTime(op.completed);
  result.status = op.status;
  if (op.tasks.length > 0) result.actions = op.tasks.map(actionResultWire);
  return result;
}
