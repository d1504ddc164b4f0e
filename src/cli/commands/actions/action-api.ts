/**
 * Client side of the Action facade for the action commands: one method per
 * facade call, per-entity errors turned into thrown JujuErrors where Juju's
 * client does the same.
 */
import type { ApiConnection } from '../../../api/connection.js';
import { JujuError } from '../../../core/errors.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type {
  ActionResultsWire,
  ActionResultWire,
  ActionSpecWire,
  ActionWire,
  ApplicationsCharmActionsResults,
  EnqueuedActionsWire,
  OperationQueryArgs,
  OperationResultsWire,
  OperationResultWire,
  RunParams,
} from '../../../rpc/params/action.js';

const FACADE = 'Action';

/** The id part of a tag (`action-2` -> `2`), or the text itself when it has no dash. */
export function tagIdOf(tag: string): string {
  const dash = tag.indexOf('-');
  return dash < 0 ? tag : tag.slice(dash + 1);
}

export class ActionApi {
  constructor(private readonly conn: ApiConnection) {}

  enqueueOperation(actions: ActionWire[]): Promise<EnqueuedActionsWire> {
    return this.conn.call<EnqueuedActionsWire>(FACADE, 'EnqueueOperation', { actions });
  }

  run(params: RunParams): Promise<EnqueuedActionsWire> {
    return this.conn.call<EnqueuedActionsWire>(FACADE, 'Run', params);
  }

  runOnAllMachines(commands: string, timeoutNs: number): Promise<EnqueuedActionsWire> {
    return this.conn.call<EnqueuedActionsWire>(FACADE, 'RunOnAllMachines', { commands, timeout: timeoutNs });
  }

  /** Tasks by id (`2`), in order; entries may carry errors. */
  async actions(ids: readonly string[]): Promise<ActionResultWire[]> {
    const reply = await this.conn.call<ActionResultsWire>(FACADE, 'Actions', {
      entities: ids.map((id) => ({ tag: `action-${id}` })),
    });
    return reply.results ?? [];
  }

  /**
   * One task, as Juju's `fetchResult` gets it.
   * @throws the entry's error (`id not found`).
   */
  async task(id: string): Promise<ActionResultWire> {
    const results = await this.actions([id]);
    if (results.length === 0) throw new JujuError('not found', `task ${id} not found`);
    if (results.length !== 1) throw new JujuError('', `too many results for task ${id}`);
    const result = results[0] as ActionResultWire;
    const err = errorFromResult(result);
    if (err !== null) throw err;
    return result;
  }

  async cancel(ids: readonly string[]): Promise<ActionResultWire[]> {
    const reply = await this.conn.call<ActionResultsWire>(FACADE, 'Cancel', {
      entities: ids.map((id) => ({ tag: `action-${id}` })),
    });
    return reply.results ?? [];
  }

  listOperations(args: OperationQueryArgs): Promise<OperationResultsWire> {
    return this.conn.call<OperationResultsWire>(FACADE, 'ListOperations', args);
  }

  /** One operation by id (`1`). @throws its error. */
  async operation(id: string): Promise<OperationResultWire> {
    const reply = await this.conn.call<OperationResultsWire>(FACADE, 'Operations', {
      entities: [{ tag: `operation-${id}` }],
    });
    const results = reply.results ?? [];
    if (results.length !== 1) throw new JujuError('', `expected 1 result, got ${results.length}`);
    const result = results[0] as OperationResultWire;
    const err = errorFromResult(result);
    if (err !== null) throw err;
    return result;
  }

  /** The actions of an application's charm by name. @throws the entry's error. */
  async applicationCharmActions(application: string): Promise<Record<string, ActionSpecWire>> {
    const reply = await this.conn.call<ApplicationsCharmActionsResults>(FACADE, 'ApplicationsCharmsActions', {
      entities: [{ tag: `application-${application}` }],
    });
    const results = reply.results ?? [];
    if (results.length !== 1) throw new JujuError('', `expected 1 result, got ${results.length}`);
    const result = results[0] as NonNullable<ApplicationsCharmActionsResults['results']>[number];
    const err = errorFromResult(result);
    if (err !== null) throw err;
    return result.actions ?? {};
  }
}
