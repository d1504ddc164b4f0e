/**
 * How an operation is shown by `juju show-operation` and `juju operations`
 * (YAML/JSON): summary, status, fail, error, the action (when every task ran
 * the same one with the same parameters), timing and the tasks by id. In
 * YAML an all-empty timing is left out, as yaml.v2 does for a zero struct;
 * JSON keeps it as `{}`.
 */
import type { ActionResultWire, OperationResultWire } from '../../../rpc/params/action.js';
import { tagIdOf } from './action-api.js';
import { formatTimestamp, goStruct, type GoStruct, type GoValue } from './go-output.js';
import { formatLogMessage, receiverOf } from './task-output.js';

function timing(
  times: { enqueued?: string | undefined; started?: string | undefined; completed?: string | undefined },
  utc: boolean,
  yaml: boolean,
): GoStruct | undefined {
  const t = goStruct(
    (['enqueued', 'started', 'completed'] as const).map((k) => {
      const text = formatTimestamp(times[k], utc);
      return [k, text === '' ? undefined : text] as const;
    }),
  );
  return yaml && t.size === 0 ? undefined : t;
}

function sameParameters(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const canon = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) =>
      x !== null && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(
            Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : 1)),
          )
        : x,
    );
  return canon(a) === canon(b);
}

/** Juju's `formatOperationResult` for `yaml` (true) or `json` output. */
export function formatOperationResult(op: OperationResultWire, utc: boolean, yaml: boolean): GoStruct {
  let status = op.status ?? '';
  const tasks: Record<string, GoValue> = {};
  const withAction: ActionResultWire[] = [];
  let single: { name: string; parameters: Record<string, unknown> } | undefined;
  let haveSingle = true;
  for (const [i, task] of (op.actions ?? []).entries()) {
    const action = task.action;
    if (action === undefined) {
      status = 'error';
      continue;
    }
    withAction.push(task);
    const log =
      task.log && task.log.length > 0 ? task.log.map((m) => formatLogMessage(m, false, utc)) : undefined;
    const output = task.output && Object.keys(task.output).length > 0 ? { ...task.output } : undefined;
    tasks[tagIdOf(action.tag)] = goStruct([
      ['host', receiverOf(action.receiver)?.id ?? action.receiver],
      ['status', task.status ?? ''],
      ['timing', timing(task, utc, yaml)],
      ['log', log],
      ['message', task.message ? task.message : undefined],
      ['results', output as GoValue],
    ]);
    const parameters = action.parameters ?? {};
    if (i === 0) {
      single = { name: action.name, parameters: { ...parameters } };
    } else if (haveSingle && single !== undefined) {
      haveSingle = action.name === single.name && sameParameters(parameters, single.parameters);
    }
  }
  let actionSummary: GoStruct | undefined;
  if (haveSingle && single !== undefined && single.name !== '') {
    actionSummary = goStruct([
      ['name', single.name],
      ['parameters', single.parameters as GoValue],
    ]);
  } else {
    for (const task of withAction) {
      const id = tagIdOf(task.action?.tag ?? '');
      const entry = tasks[id];
      if (entry instanceof Map) {
        tasks[id] = new Map<string, GoValue>([['name', task.action?.name ?? ''], ...entry]);
      }
    }
  }
  return goStruct([
    ['summary', op.summary],
    ['status', status],
    ['fail', op.fail ? op.fail : undefined],
    ['error', op.error ? op.error.message : undefined],
    ['action', actionSummary],
    ['timing', timing(op, utc, yaml)],
    ['tasks', Object.keys(tasks).length > 0 ? tasks : undefined],
  ]);
}
