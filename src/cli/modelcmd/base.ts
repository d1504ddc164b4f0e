/**
 * Base classes for commands that talk to a controller (`-c/--controller`) or to
 * a model (`-m/--model`), resolving the target with Juju's precedence rules and
 * opening a logged-in API connection on demand.
 */
import type { ApiConnection } from '../../api/connection.js';
import type { ResolvedModel } from '../../clientstore/index.js';
import { ClientStore, resolveController, resolveModel } from '../../clientstore/index.js';
import { CommandBase } from '../framework/command.js';
import type { Context } from '../framework/context.js';
import type { FlagRef, FlagSet } from '../framework/flags.js';
import { openApi } from './connection.js';
import { refreshModels } from './refresh-models.js';

/** Shared plumbing: the client store and closing connections after run. */
export abstract class ApiCommandBase extends CommandBase {
  private storeInstance: ClientStore | undefined;
  private readonly connections: ApiConnection[] = [];

  protected store(ctx: Context): ClientStore {
    this.storeInstance ??= new ClientStore(undefined, { env: ctx.env });
    return this.storeInstance;
  }

  protected async open(ctx: Context, controller: string, modelUuid?: string): Promise<ApiConnection> {
    const conn = await openApi({
      store: this.store(ctx),
      controller,
      ...(modelUuid !== undefined ? { modelUuid } : {}),
      cliArgs: `juju ${this.info().name}`,
    });
    this.connections.push(conn);
    return conn;
  }

  /** Runs the command body, always closing connections it opened. */
  override async run(ctx: Context): Promise<number | void> {
    try {
      return await this.execute(ctx);
    } finally {
      for (const c of this.connections.splice(0)) void c.close();
    }
  }

  protected abstract execute(ctx: Context): Promise<number | void>;
}

export abstract class ControllerCommandBase extends ApiCommandBase {
  protected controllerFlag: FlagRef<string> | undefined;

  override setFlags(flags: FlagSet): void {
    this.controllerFlag = flags.string(['c', 'controller'], '', 'Controller to operate in');
    flags.bool(['B', 'no-browser-login'], false, 'Do not use web browser for authentication');
  }

  protected controllerName(ctx: Context): string {
    return resolveController(this.store(ctx), {
      flag: this.controllerFlag?.value || undefined,
      env: ctx.env,
    });
  }

  /** A logged-in controller (non-model) connection. */
  protected controllerApi(ctx: Context): Promise<ApiConnection> {
    return this.open(ctx, this.controllerName(ctx));
  }
}

export abstract class ModelCommandBase extends ApiCommandBase {
  protected modelFlag: FlagRef<string> | undefined;

  override setFlags(flags: FlagSet): void {
    this.modelFlag = flags.string(
      ['m', 'model'],
      '',
      'Model to operate in. Accepts [<controller name>:]<model name>|<model UUID>',
    );
    flags.bool(['B', 'no-browser-login'], false, 'Do not use web browser for authentication');
  }

  /** The target model; refreshes the cached model list from the controller when it is unknown. */
  protected async resolvedModel(ctx: Context): Promise<Required<ResolvedModel>> {
    const store = this.store(ctx);
    const opts = { flag: this.modelFlag?.value || undefined, env: ctx.env, allowUncached: true };
    let target = resolveModel(store, opts);
    if (!target.details) {
      await refreshModels(store, target.controller, (c) => this.open(ctx, c));
      target = resolveModel(store, { ...opts, allowUncached: false });
    }
    return target as Required<ResolvedModel>;
  }

  /** A logged-in connection to the target model. */
  protected async modelApi(ctx: Context): Promise<{ conn: ApiConnection; target: Required<ResolvedModel> }> {
    const target = await this.resolvedModel(ctx);
    const conn = await this.open(ctx, target.controller, target.details.uuid);
    return { conn, target };
  }
}
