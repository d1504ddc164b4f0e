/**
 * `juju login [<controller host name or alias>]`: logs this client in to a
 * controller (the current one, `-c`, a known controller named as the argument,
 * or a new controller at `host:port`), storing the account, and selects it.
 * A stored password that still works is used silently; otherwise the user is
 * asked for their password (or it is read from stdin with --no-prompt).
 */
import { connect, type ApiConnection } from '../../../api/connection.js';
import type { AccountDetails, ClientStore } from '../../../clientstore/index.js';
import { ErrorCode, JujuError, errorMessage, isJujuError } from '../../../core/errors.js';
import { isValidControllerName, parseTag, userTag } from '../../../core/names.js';
import { JUJU_VERSION } from '../../../core/version.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError, type FlagRef, type FlagSet } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { openApi } from '../../modelcmd/connection.js';
import {
  USER_PASSWORD_ACCOUNT_TYPE,
  accountIfAny,
  announceModels,
  controllerByEndpoints,
  listUserModels,
  storeModels,
} from './api-helpers.js';
import { caFingerprint, discoverCaCert } from './ca-discovery.js';
import { readAnswer, readSecret } from './prompts.js';

/** Juju's API port, assumed when a host is given without one. */
const DEFAULT_API_PORT = 17070;

function annotate(err: unknown, prefix: string): JujuError {
  return new JujuError(err instanceof JujuError ? err.code : '', `${prefix}: ${errorMessage(err)}`);
}

export class LoginCommand extends ControllerCommandBase {
  private domain = '';
  private userFlag!: FlagRef<string>;
  private noPrompt!: FlagRef<boolean>;
  private trust!: FlagRef<boolean>;

  info(): CommandInfo {
    return {
      name: 'login',
      args: '[<controller host name or alias>]',
      purpose: 'Logs a user in to a controller.',
      doc: `By default, the juju login command logs the user into a controller.
The argument to the command can be the name of a controller known to this
client, or the host:port address of a controller to add.

If no argument is provided, the controller specified with the -c argument
will be used, or the current controller if that's not provided.

On success, the current controller is switched to the logged-in controller.

If the user is already logged in, the juju login command does nothing except
verify that fact.

If the -u option is provided, the juju login command will attempt to log into
the controller as that user.`,
      examples: `    juju login -u bob
    juju login -c mycontroller
    echo "$PASSWORD" | juju login -u bob --no-prompt
    juju login 10.0.0.2:17070 -c newcontroller --trust`,
      seeAlso: ['disable-user', 'enable-user', 'logout', 'register', 'unregister'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.userFlag = flags.string(['u', 'user'], '', 'Log in as this local user');
    this.noPrompt = flags.bool(
      'no-prompt',
      false,
      "Don't prompt for password and just read a line from stdin",
    );
    this.trust = flags.bool('trust', false, 'Automatically trust controller CA certificate');
  }

  override init(args: string[]): void {
    if (args.length > 1)
      throw new UsageError(
        `unrecognized args: ${args
          .slice(1)
          .map((a) => JSON.stringify(a))
          .join(' ')}`,
      );
    this.domain = args[0] ?? '';
  }

  protected async execute(ctx: Context): Promise<void> {
    const store = this.store(ctx);
    let name = this.controllerFlag?.value ?? '';
    if (name === '' && this.domain === '') name = store.currentController() ?? '';
    if (name === '') name = this.domain;
    if (name === '') throw new JujuError(ErrorCode.NotFound, 'no current controller');
    const known = Object.hasOwn(store.allControllers(), name);
    if (this.domain !== '' && !(known && this.domain === name)) {
      if (!isValidControllerName(name)) {
        throw new JujuError(
          ErrorCode.NotValid,
          `cannot use ${JSON.stringify(name)} as a controller name - use -c flag to choose a different one`,
        );
      }
      await this.hostLogin(ctx, store, name);
      return;
    }
    if (!known) throw new JujuError(ErrorCode.NotFound, `controller ${JSON.stringify(name)} does not exist`);
    await this.existingControllerLogin(ctx, store, name);
  }

  private async existingControllerLogin(ctx: Context, store: ClientStore, name: string): Promise<void> {
    const old = accountIfAny(store, name);
    const wanted = this.userFlag.value;
    if (wanted !== '' && old !== undefined && userTag(old.user) !== userTag(wanted)) {
      throw new JujuError(
        '',
        `already logged in as ${old.user}.\n\nRun "juju logout" first before attempting to log in as a different user.`,
      );
    }
    let conn: ApiConnection | undefined;
    let account: AccountDetails | undefined;
    if (old?.password) {
      try {
        conn = await openApi({ store, controller: name, cliArgs: 'juju login' });
        account = store.accountDetails(name);
      } catch (err) {
        if (!isJujuError(err, ErrorCode.Unauthorized))
          throw annotate(err, `cannot log into controller ${JSON.stringify(name)}`);
      }
    }
    if (conn === undefined || account === undefined) {
      const user = wanted || old?.user || (await this.askUserName(ctx));
      const password = await this.askPassword(ctx, user, name);
      try {
        conn = await openApi({
          store,
          controller: name,
          credentials: { user, password },
          cliArgs: 'juju login',
        });
      } catch (err) {
        throw annotate(err, `cannot log into controller ${JSON.stringify(name)}`);
      }
      account = { user, password, type: USER_PASSWORD_ACCOUNT_TYPE };
      const access = conn.loginResult?.['user-info']?.['controller-access'];
      if (access) account.lastKnownAccess = access;
      store.updateAccount(name, account);
    }
    try {
      store.setCurrentController(name);
      if (old !== undefined && userTag(old.user) === userTag(account.user)) return;
      await this.welcome(ctx, store, conn, name, account.user);
    } finally {
      await conn.close();
    }
  }

  /** Adds the controller at `host[:port]` under `name` and logs in to it. */
  private async hostLogin(ctx: Context, store: ClientStore, name: string): Promise<void> {
    const address = this.domain.includes(':') ? this.domain : `${this.domain}:${DEFAULT_API_PORT}`;
    const known = controllerByEndpoints(store, [address]);
    if (known !== undefined) {
      const account = accountIfAny(store, known.name);
      throw new JujuError(
        ErrorCode.AlreadyExists,
        account !== undefined
          ? `This controller has already been registered on this client as ${JSON.stringify(known.name)}.\nTo login as user ${JSON.stringify(account.user)} run 'juju login -u ${account.user} -c ${known.name}'.`
          : `This controller has already been registered on this client as ${JSON.stringify(known.name)}.\nTo login run 'juju login -c ${known.name}'.`,
      );
    }
    if (Object.hasOwn(store.allControllers(), name)) {
      throw new JujuError(ErrorCode.AlreadyExists, `controller with name ${name} already exists`);
    }
    let caCert: string;
    try {
      caCert = await discoverCaCert(address);
    } catch (err) {
      throw annotate(err, `cannot log into ${JSON.stringify(this.domain)}`);
    }
    if (!this.trust.value) {
      ctx.err(
        `Controller ${JSON.stringify(address)} presented a CA cert that could not be verified.\nCA fingerprint: [${caFingerprint(caCert)}]\n`,
      );
      const answer = (await readAnswer(ctx, 'Trust remote controller? (y/N): ')).trim().toLowerCase();
      if (answer !== 'y' && answer !== 'yes') {
        throw new JujuError('', `cannot log into ${JSON.stringify(this.domain)}: controller CA not trusted`);
      }
    }
    const user = this.userFlag.value || (await this.askUserName(ctx));
    const password = await this.askPassword(ctx, user, name);
    const conn = await connect({ addresses: [address], caCert });
    try {
      let uuid: string;
      let access: string | undefined;
      try {
        const result = await conn.login({
          authTag: userTag(user),
          credentials: password,
          clientVersion: JUJU_VERSION,
          cliArgs: 'juju login',
        });
        uuid = parseTag(result['controller-tag'] ?? '').id;
        access = result['user-info']?.['controller-access'];
      } catch (err) {
        throw annotate(err, `cannot log into ${JSON.stringify(this.domain)}`);
      }
      store.transaction((s) => {
        s.addController(name, {
          uuid,
          apiEndpoints: [address],
          caCert,
          cloud: '',
          controllerMachineCount: 0,
          activeControllerMachineCount: 0,
        });
        s.updateAccount(name, {
          user,
          password,
          type: USER_PASSWORD_ACCOUNT_TYPE,
          ...(access ? { lastKnownAccess: access } : {}),
        });
        s.setCurrentController(name);
      }, `add controller ${name}`);
      await this.welcome(ctx, store, conn, name, user);
    } finally {
      await conn.close();
    }
  }

  private async welcome(
    ctx: Context,
    store: ClientStore,
    conn: ApiConnection,
    name: string,
    user: string,
  ): Promise<void> {
    const models = await listUserModels(conn, user);
    if (models !== null) storeModels(store, name, models);
    ctx.err(`Welcome, ${user}. You are now logged into ${JSON.stringify(name)}.\n`);
    if (models !== null) announceModels(ctx, store, name, user, models);
  }

  private async askUserName(ctx: Context): Promise<string> {
    const user = (await readAnswer(ctx, 'username: ')).trim();
    if (user === '') throw new JujuError('', 'you must specify a username');
    return user;
  }

  private async askPassword(ctx: Context, user: string, controller: string): Promise<string> {
    if (this.noPrompt.value) return readSecret(ctx, '');
    return readSecret(ctx, `please enter password for ${user} on ${controller}: `);
  }
}
