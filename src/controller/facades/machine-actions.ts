/**
 * The `MachineActions` facade (v1) on model connections, for machine agents:
 * the tasks (actions) enqueued on the calling machine (`juju exec --machine`).
 * The agent watches the ids of its pending tasks, reads them, marks them
 * running and finishes them with results; `RunningActions` lets a restarted
 * agent fail what its predecessor left running. A machine agent may only see
 * and touch its own machine's tasks (`permission denied` otherwise).
 */
import { ErrorCode, JujuError, unauthorized } from '../../core/errors.js';
import { actionTag, machineTag, parseTag } from '../../core/names.js';
import type { Task } from '../../domain/index.js';
import { errorResult } from '../../rpc/errors.js';
import type {
  ActionsByReceiver,
  ActionsByReceivers,
  StringsWatchResult,
  StringsWatchResults,
} from '../../rpc/params/machine-actions.js';
import type { ActionExecutionResults, ActionResult, Entities } from '../../rpc/params/uniter.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { callerMachine, type CallerAgent } from './agent.js';
import type { FacadeDeps } from './deps.js';
import { stringsWatchers } from './strings-watcher.js';
import { actionIdFromTag, bulk, bulkErrors, entityTags } from './uniter-common.js';

/** The caller's own machine id from a machine tag; anything else is `permission denied`. */
function ownMachine(caller: CallerAgent, tag: unknown): string {
  if (typeof tag !== 'string' || tag !== caller.tag) throw unauthorized();
  return caller.id;
}

/** A task as `Actions`/`RunningActions` report it. */
function actionResult(t: Task): ActionResult {
  return {
    action: {
      tag: actionTag(t.id),
      receiver: machineTag(t.receiver),
      name: t.name,
      parameters: { ...t.parameters },
      parallel: t.parallel,
      'execution-group': t.executionGroup,
    },
    status: t.status,
  };
}

export function machineActionsFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;
  const watchers = stringsWatchers(deps);

  const ownTask = (caller: CallerAgent, tag: unknown): Task => {
    const task = services.operation.getTask(caller.modelUuid, actionIdFromTag(tag));
    if (task.receiverKind !== 'machine' || task.receiver !== caller.id) throw unauthorized();
    return task;
  };

  return {
    name: 'MachineActions',
    versions: [1],
    kinds: ['model'],
    methods: {
      Actions: (ctx: CallContext, p: Entities) => {
        const caller = callerMachine(ctx);
        return bulk(entityTags(p), (tag) => actionResult(ownTask(caller, tag)));
      },

      BeginActions: (ctx: CallContext, p: Entities) => {
        const caller = callerMachine(ctx);
        return bulkErrors(entityTags(p), (tag) => {
          services.operation.begin(caller.modelUuid, ownTask(caller, tag).id);
        });
      },

      FinishActions: (ctx: CallContext, p: ActionExecutionResults) => {
        const caller = callerMachine(ctx);
        return bulkErrors(p?.results, (r) => {
          const t = ownTask(caller, r['action-tag']);
          services.operation.finish(caller.modelUuid, t.id, {
            status: r.status,
            results: r.results ?? {},
            message: r.message ?? '',
          });
        });
      },

      /** A strings watcher over the ids of the machine's pending tasks (initially all of them). */
      WatchActionNotifications: (ctx: CallContext, p: Entities): StringsWatchResults => {
        const caller = callerMachine(ctx);
        return bulk(entityTags(p), (tag): StringsWatchResult => {
          const id = ownMachine(caller, tag);
          services.machine.get(caller.modelUuid, id);
          const w = watchers.watch(ctx.conn, () =>
            services.operation.pendingTasks(caller.modelUuid, id).map((t) => t.id),
          );
          return { 'watcher-id': w.id, changes: w.changes };
        });
      },

      RunningActions: (ctx: CallContext, p: Entities): ActionsByReceivers => {
        const caller = callerMachine(ctx);
        return {
          actions: entityTags(p).map((tag): ActionsByReceiver => {
            let receiver: string;
            try {
              if (typeof tag !== 'string' || parseTag(tag).kind !== 'machine') throw new Error('bad tag');
              receiver = tag;
            } catch {
              return errorResult(new JujuError(ErrorCode.NotFound, 'id not found'));
            }
            try {
              const id = ownMachine(caller, receiver);
              return {
                receiver,
                actions: services.operation.runningTasks(caller.modelUuid, id).map(actionResult),
              };
            } catch (err) {
              return { receiver, ...errorResult(err) };
            }
          }),
        };
      },
    },
  };
}
