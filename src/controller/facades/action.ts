/**
 * The Action facade (v7) on model connections: `juju run` enqueues charm
 * actions as an operation of tasks, `juju exec` enqueues the predefined
 * `juju-exec` action on units and machines, and the client reads tasks and
 * operations back, cancels tasks and lists a charm's actions. The agents
 * (uniter, machine agent) run the tasks and report results through their
 * own facades.
 *
 * Access as Juju checks it: read for `Actions`, `ListOperations`,
 * `Operations`; write for `EnqueueOperation`, `Cancel`,
 * `ApplicationsCharmsActions`; admin for `Run` and `RunOnAllMachines`.
 */
import { ErrorCode, JujuError } from '../../core/errors.js';
import { applicationTag, parseTag } from '../../core/names.js';
import type { OperationQuery } from '../../domain/index.js';
import { errorResult } from '../../rpc/errors.js';
import type {
  ActionEntities,
  ActionResultWire,
  ActionsParams,
  ApplicationCharmActionsResult,
  ApplicationsCharmActionsResults,
  EnqueuedActionsWire,
  OperationQueryArgs,
  OperationResultsWire,
  OperationResultWire,
  RunParams,
  ActionResultsWire,
} from '../../rpc/params/action.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { charmActions, enqueueOperation, execActions, execReceivers } from './action-enqueue.js';
import { actionResultWire, operationResultWire } from './action-wire.js';
import { requireModelAccess } from './auth.js';
import type { FacadeDeps } from './deps.js';

/** Juju's `ErrBadId`: an id that is malformed or names nothing. */
const badId = (): JujuError => new JujuError(ErrorCode.NotFound, 'id not found');

/** The id of a tag of `kind`, or undefined when the tag is not one. */
function tagId(tag: unknown, kind: string): string | undefined {
  if (typeof tag !== 'string') return undefined;
  try {
    const parsed = parseTag(tag);
    return parsed.kind === kind ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}

/** Maps each entry to a result, turning a thrown error into that entry's error. */
function bulk<I, R>(
  items: readonly I[] | undefined,
  fn: (item: I) => R,
): (R | ReturnType<typeof errorResult>)[] {
  return (items ?? []).map((item) => {
    try {
      return fn(item);
    } catch (err) {
      return errorResult(err);
    }
  });
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export function actionFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;

  /**
   * The operation filters. With no receiver or action filter Juju lists the
   * operations of the model's units only (machine `juju exec` needs
   * `--machines` or `--actions juju-exec`).
   */
  const operationQuery = (uuid: string, p: OperationQueryArgs | undefined): OperationQuery => {
    const applications = strings(p?.applications);
    const units = strings(p?.units);
    const machines = strings(p?.machines);
    const actions = strings(p?.actions);
    for (const app of applications) services.application.get(uuid, app);
    const query: { -readonly [K in keyof OperationQuery]: OperationQuery[K] } = {
      applications,
      units,
      machines,
      actions,
      status: strings(p?.status),
    };
    if (applications.length + units.length + machines.length + actions.length === 0) {
      const all = services.application.list(uuid).flatMap((a) => services.application.units(uuid, a.name));
      if (all.length > 0) query.units = all.map((u) => u.name);
    }
    if (typeof p?.offset === 'number') query.offset = p.offset;
    if (typeof p?.limit === 'number') query.limit = p.limit;
    return query;
  };

  return {
    name: 'Action',
    versions: [7],
    kinds: ['model'],
    methods: {
      EnqueueOperation: (ctx: CallContext, p: ActionsParams): EnqueuedActionsWire => {
        const uuid = requireModelAccess(deps, ctx, 'write');
        return enqueueOperation(services, uuid, p?.actions ?? []);
      },

      Actions: (ctx: CallContext, p: ActionEntities): ActionResultsWire => {
        const uuid = requireModelAccess(deps, ctx, 'read');
        return {
          results: bulk(p?.entities, (e): ActionResultWire => {
            const id = tagId(e?.tag, 'action');
            if (id === undefined) throw badId();
            let task;
            try {
              task = services.operation.getTask(uuid, id);
            } catch {
              throw badId();
            }
            return actionResultWire(task);
          }),
        };
      },

      Cancel: (ctx: CallContext, p: ActionEntities): ActionResultsWire => {
        const uuid = requireModelAccess(deps, ctx, 'write');
        return {
          results: (p?.entities ?? []).map((e): ActionResultWire => {
            const tag = typeof e?.tag === 'string' ? e.tag : '';
            // Juju names the task even when cancelling it failed.
            const failed = (err: unknown): ActionResultWire => ({
              action: { tag, receiver: '', name: '' },
              ...errorResult(err),
            });
            const id = tagId(tag, 'action');
            if (id === undefined) return failed(badId());
            try {
              const [task] = services.operation.cancel(uuid, [id]);
              if (task === undefined) return failed(badId());
              return actionResultWire(task);
            } catch (err) {
              return failed(err);
            }
          }),
        };
      },

      ListOperations: (ctx: CallContext, p: OperationQueryArgs): OperationResultsWire => {
        const uuid = requireModelAccess(deps, ctx, 'read');
        const list = services.operation.list(uuid, operationQuery(uuid, p));
        const result: OperationResultsWire = {};
        if (list.operations.length > 0) result.results = list.operations.map(operationResultWire);
        if (list.truncated) result.truncated = true;
        return result;
      },

      Operations: (ctx: CallContext, p: ActionEntities): OperationResultsWire => {
        const uuid = requireModelAccess(deps, ctx, 'read');
        return {
          results: (p?.entities ?? []).map((e): OperationResultWire => {
            try {
              const tag = typeof e?.tag === 'string' ? e.tag : '';
              const id = parseTag(tag, 'operation').id;
              return operationResultWire(services.operation.getOperation(uuid, id));
            } catch (err) {
              return { operation: '', summary: '', ...errorResult(err) };
            }
          }),
        };
      },

      ApplicationsCharmsActions: (ctx: CallContext, p: ActionEntities): ApplicationsCharmActionsResults => {
        const uuid = requireModelAccess(deps, ctx, 'write');
        return {
          results: (p?.entities ?? []).map((e): ApplicationCharmActionsResult => {
            const app = tagId(e?.tag, 'application');
            if (app === undefined) return errorResult(badId());
            const result: ApplicationCharmActionsResult = { 'application-tag': applicationTag(app) };
            try {
              const specs = charmActions(services.application.charm(uuid, app));
              const actions: NonNullable<ApplicationCharmActionsResult['actions']> = {};
              for (const [name, spec] of Object.entries(specs)) {
                actions[name] = { description: spec.description, params: { ...spec.params } };
              }
              if (Object.keys(actions).length > 0) result.actions = actions;
              return result;
            } catch (err) {
              return { ...result, ...errorResult(err) };
            }
          }),
        };
      },

      Run: (ctx: CallContext, p: RunParams): EnqueuedActionsWire => {
        const uuid = requireModelAccess(deps, ctx, 'admin');
        const receivers = execReceivers(
          services,
          uuid,
          strings(p?.units),
          strings(p?.applications),
          strings(p?.machines),
        );
        return enqueueOperation(
          services,
          uuid,
          execActions(
            receivers,
            typeof p?.commands === 'string' ? p.commands : '',
            typeof p?.timeout === 'number' ? p.timeout : 0,
            typeof p?.parallel === 'boolean' ? p.parallel : undefined,
            typeof p?.['execution-group'] === 'string' ? p['execution-group'] : undefined,
          ),
        );
      },

      RunOnAllMachines: (ctx: CallContext, p: RunParams): EnqueuedActionsWire => {
        const uuid = requireModelAccess(deps, ctx, 'admin');
        const model = services.model.get(uuid);
        if (model.type !== 'iaas') {
          throw new JujuError('', `cannot run on all machines with a ${model.type} model`);
        }
        const receivers = execReceivers(
          services,
          uuid,
          [],
          [],
          services.machine.list(uuid).map((m) => m.id),
        );
        return enqueueOperation(
          services,
          uuid,
          execActions(
            receivers,
            typeof p?.commands === 'string' ? p.commands : '',
            typeof p?.timeout === 'number' ? p.timeout : 0,
            typeof p?.parallel === 'boolean' ? p.parallel : undefined,
            typeof p?.['execution-group'] === 'string' ? p['execution-group'] : undefined,
          ),
        );
      },
    },
  };
}
