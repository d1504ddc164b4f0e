/**
 * Opening an authenticated API connection for a command, from what the client
 * store knows about a controller: its endpoints, CA and the account's password.
 */
import type { ApiConnection } from '../../api/connection.js';
import { connect } from '../../api/connection.js';
import type { ClientStore } from '../../clientstore/index.js';
import { JujuError } from '../../core/errors.js';
import { userTag } from '../../core/names.js';
import { JUJU_VERSION } from '../../core/version.js';

export const NOT_LOGGED_IN = 'not logged in\n\nRun "juju login" to log in to this controller.';

export interface OpenApiOptions {
  readonly store: ClientStore;
  readonly controller: string;
  /** Model UUID for a model connection; omitted for a controller connection. */
  readonly modelUuid?: string;
  /** Overrides the stored account (e.g. `juju login -u bob`). */
  readonly credentials?: { user: string; password: string };
  readonly cliArgs?: string;
}

/** Connect and log in; stores the access level the controller reported. */
export async function openApi(opts: OpenApiOptions): Promise<ApiConnection> {
  const details = opts.store.controllerByName(opts.controller);
  const account = opts.credentials ?? accountOf(opts.store, opts.controller);
  const conn = await connect({
    addresses: details.apiEndpoints,
    caCert: details.caCert,
    ...(opts.modelUuid !== undefined ? { modelUuid: opts.modelUuid } : {}),
  });
  try {
    const result = await conn.login({
      authTag: userTag(account.user),
      credentials: account.password,
      clientVersion: JUJU_VERSION,
      ...(opts.cliArgs !== undefined ? { cliArgs: opts.cliArgs } : {}),
    });
    const access = result['user-info']?.['controller-access'];
    if (typeof access === 'string' && access !== '' && opts.credentials === undefined) {
      const stored = opts.store.accountDetails(opts.controller);
      if (stored.lastKnownAccess !== access) {
        opts.store.updateAccount(opts.controller, { ...stored, lastKnownAccess: access });
      }
    }
    return conn;
  } catch (err) {
    void conn.close();
    throw err;
  }
}

function accountOf(store: ClientStore, controller: string): { user: string; password: string } {
  let account;
  try {
    account = store.accountDetails(controller);
  } catch {
    throw new JujuError('', NOT_LOGGED_IN);
  }
  if (!account.password) throw new JujuError('', NOT_LOGGED_IN);
  return { user: account.user, password: account.password };
}
