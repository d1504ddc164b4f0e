/**
 * Uniter methods for actions (tasks) run by the calling unit: read them,
 * mark them running, stream `action-log` messages, and finish them with
 * results. A unit may only touch tasks it is the receiver of.
 */
import { unauthorized } from '../../core/errors.js';
import { actionTag, unitTag } from '../../core/names.js';
import type { Task } from '../../domain/index.js';
import type {
  ActionExecutionResults,
  ActionMessageParams,
  ActionResult,
  Entities,
} from '../../rpc/params/uniter.js';
import type { CallContext, MethodHandler } from '../apiserver/types.js';
import type { FacadeDeps } from './deps.js';
import {
  actionIdFromTag,
  bulk,
  bulkErrors,
  entityTags,
  unitCaller,
  type UnitCaller,
} from './uniter-common.js';

/** The action methods of the Uniter facade. */
export function uniterActionMethods(deps: FacadeDeps): Record<string, MethodHandler> {
  const { services } = deps;

  const ownTask = (caller: UnitCaller, tag: unknown): Task => {
    const id = actionIdFromTag(tag);
    const task = services.operation.getTask(caller.modelUuid, id);
    if (task.receiverKind !== 'unit' || task.receiver !== caller.unit) throw unauthorized();
    return task;
  };

  return {
    Actions: (ctx: CallContext, p: Entities) => {
      const caller = unitCaller(ctx);
      return bulk(entityTags(p), (tag): ActionResult => {
        const t = ownTask(caller, tag);
        return {
          action: {
            tag: actionTag(t.id),
            receiver: unitTag(t.receiver),
            name: t.name,
            parameters: { ...t.parameters },
            parallel: t.parallel,
            'execution-group': t.executionGroup,
          },
          status: t.status,
        };
      });
    },

    BeginActions: (ctx: CallContext, p: Entities) => {
      const caller = unitCaller(ctx);
      return bulkErrors(entityTags(p), (tag) => {
        const t = ownTask(caller, tag);
        services.operation.begin(caller.modelUuid, t.id);
      });
    },

    FinishActions: (ctx: CallContext, p: ActionExecutionResults) => {
      const caller = unitCaller(ctx);
      return bulkErrors(p?.results, (r) => {
        const t = ownTask(caller, r['action-tag']);
        services.operation.finish(caller.modelUuid, t.id, {
          status: r.status,
          results: r.results ?? {},
          message: r.message ?? '',
        });
      });
    },

    LogActionsMessages: (ctx: CallContext, p: ActionMessageParams) => {
      const caller = unitCaller(ctx);
      return bulkErrors(p?.messages, (m) => {
        const t = ownTask(caller, m.tag);
        services.operation.log(caller.modelUuid, t.id, m.value);
      });
    },
  };
}
