/**
 * A base for controller commands that take no `-c` option of their own
 * (`controllers`, `show-controller`, `switch`): the client store, and API
 * connections opened on demand and always closed after the run. (The
 * framework's own base with this plumbing is not exported.)
 */
import type { ApiConnection } from '../../../api/connection.js';
import { ClientStore } from '../../../clientstore/index.js';
import { CommandBase } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { openApi } from '../../modelcmd/connection.js';

export abstract class ApiCommandBase extends CommandBase {
  private storeInstance: ClientStore | undefined;
  private readonly connections: ApiConnection[] = [];

  protected store(ctx: Context): ClientStore {
    this.storeInstance ??= new ClientStore(undefined, { env: ctx.env });
    return this.storeInstance;
  }

  /** A logged-in controller connection, closed when the command ends. */
  protected async open(ctx: Context, controller: string): Promise<ApiConnection> {
    const conn = await openApi({ store: this.store(ctx), controller, cliArgs: `juju ${this.info().name}` });
    this.connections.push(conn);
    return conn;
  }

  override async run(ctx: Context): Promise<number | void> {
    try {
      return await this.execute(ctx);
    } finally {
      for (const c of this.connections.splice(0)) void c.close();
    }
  }

  protected abstract execute(ctx: Context): Promise<number | void>;
}
