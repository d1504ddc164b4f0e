/**
 * `juju register <registration string>`: completes what `juju add-user` began.
 * The string carries the user, the controller's addresses, a one-time key and
 * a suggested controller name. The user picks a password and a local name; the
 * key-sealed exchange with the controller sets the password and reveals the
 * controller's CA and UUID; then this client stores the controller and account,
 * logs in and lists the models the user can use.
 */
import { isApiConnectionError } from '../../../api/errors.js';
import {
  decodeRegistrationString,
  registerWithController,
  type RegistrationResult,
} from '../../../api/registration.js';
import { ClientStore, type ControllerDetails } from '../../../clientstore/index.js';
import { ErrorCode, JujuError, isJujuError } from '../../../core/errors.js';
import { isValidControllerName } from '../../../core/names.js';
import { CommandBase, checkNoMoreArgs, type CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError, type FlagRef, type FlagSet } from '../../framework/flags.js';
import { openApi } from '../../modelcmd/connection.js';
import {
  USER_PASSWORD_ACCOUNT_TYPE,
  accountIfAny,
  announceModels,
  controllerByEndpoints,
  listUserModels,
  storeModels,
} from './api-helpers.js';
import { readAnswer, readNewPassword } from './prompts.js';

function alreadyRegistered(controller: string, user: string): JujuError {
  return new JujuError(
    ErrorCode.AlreadyExists,
    `This controller has already been registered on this client as ${JSON.stringify(controller)}.
To login as user ${JSON.stringify(user)} run 'juju login -u ${user} -c ${controller}'.
To update controller details and login as user ${JSON.stringify(user)}:
    1. run 'juju unregister ${controller}'
    2. request from your controller admin another registration string, i.e
       output from 'juju change-user-password ${user} --reset'
    3. re-run 'juju register' with the registration string from (2) above.`,
  );
}

function sameAddressLoggedIn(controller: string, loggedIn: string, user: string): JujuError {
  return new JujuError(
    ErrorCode.AlreadyExists,
    `A controller with the same address has already been registered on this client as ${JSON.stringify(controller)}.
You are already logged in as user ${JSON.stringify(loggedIn)}.
To update controller details and login as user ${JSON.stringify(user)}:
    1. run 'juju logout'
    2. re-run 'juju register --replace' with your registration string.`,
  );
}

function replacingLoggedIn(controller: string, loggedIn: string, user: string): JujuError {
  return new JujuError(
    ErrorCode.AlreadyExists,
    `User ${JSON.stringify(loggedIn)} is currently logged into controller ${JSON.stringify(controller)}.
Cannot replace a controller we're currently logged into.
To register and replace this controller:
    1. run 'juju logout -c ${controller}'
    2. request from your controller admin another registration string, i.e
       output from 'juju change-user-password ${user} --reset'
    3. re-run 'juju register TOKEN --replace' with the registration string from (2) above.`,
  );
}

export class RegisterCommand extends CommandBase {
  private token = '';
  private replace!: FlagRef<boolean>;

  info(): CommandInfo {
    return {
      name: 'register',
      args: '<registration string>|<controller host name>',
      purpose: 'Registers a controller.',
      doc: `The register command adds details of a controller to the local system.
This is done by completing the user registration process that began with
the 'juju add-user' command: the base64-encoded string it printed is passed
as the argument. You will be prompted for a new password, which, once set,
voids the registration string, and for a local name for the controller.

If a new controller has been spun up to replace an existing one, and you want
to start using that replacement controller instead of the original one, use
the --replace option to overwrite any existing controller details based on
either a name or UUID match.`,
      examples: `    juju register MFATA3JvZDAnExMxMDQuMTU0LjQyLjQ0OjE3MDcwExAxMC4xMjguMC4yOjE3MDcwBCBEFCaXerhNImkKKabuX5ULWf2Bp4AzPNJEbXVWgraLrAA=

    juju register --replace MFATA3JvZDAnExMxMDQuMTU0LjQyLjQ0OjE3MDcwExAxMC4xMjguMC4yOjE3MDcwBCBEFCaXerhNImkKKabuX5ULWf2Bp4AzPNJEbXVWgraLrAA=`,
      seeAlso: ['add-user', 'change-user-password', 'unregister'],
    };
  }

  override setFlags(flags: FlagSet): void {
    this.replace = flags.bool('replace', false, 'replace any existing controller');
  }

  override init(args: string[]): void {
    const [token, ...rest] = args;
    if (token === undefined) throw new UsageError('registration data missing');
    this.token = token;
    checkNoMoreArgs(rest);
  }

  async run(ctx: Context): Promise<void> {
    if (this.token.includes('.') || this.token === 'localhost') {
      throw new JujuError(
        ErrorCode.NotSupported,
        'registering a public controller by host name is not supported',
      );
    }
    // Decode first: a malformed string must fail before anything is asked or written.
    const info = decodeRegistrationString(this.token);
    const store = new ClientStore(undefined, { env: ctx.env });
    const replace = this.replace.value;

    const known = controllerByEndpoints(store, info.addrs);
    if (known !== undefined) {
      const account = accountIfAny(store, known.name);
      if (account !== undefined) throw sameAddressLoggedIn(known.name, account.user, info.user);
      if (!replace) {
        throw new JujuError(
          ErrorCode.AlreadyExists,
          `A controller with the same address has already been registered on this client as ${JSON.stringify(known.name)}.\nTo login run 'juju login -c ${known.name}'.`,
        );
      }
    }

    const password = await readNewPassword(
      ctx,
      { first: 'Enter a new password: ', again: 'Confirm password: ' },
      { empty: 'you must specify a non-empty password', mismatch: 'passwords do not match' },
    );
    const name = await this.promptControllerName(ctx, store, info.controllerName);

    const reply = await this.exchange(name, info.addrs, info.user, info.secretKey, password);
    ctx.infof(`Initial password successfully set for ${info.user}.`);

    const details: ControllerDetails = {
      uuid: reply.controllerUuid,
      apiEndpoints: [...info.addrs],
      caCert: reply.caCert,
      cloud: '',
      controllerMachineCount: 0,
      activeControllerMachineCount: 0,
    };
    store.transaction((s) => {
      for (const [other, d] of Object.entries(s.allControllers())) {
        if (d.uuid !== details.uuid) continue;
        if (!replace || other !== name) throw alreadyRegistered(other, info.user);
        const existing = accountIfAny(s, name);
        if (existing !== undefined) throw replacingLoggedIn(name, existing.user, info.user);
      }
      if (replace && Object.hasOwn(s.allControllers(), name)) s.updateController(name, details);
      else s.addController(name, details);
      s.updateAccount(name, {
        user: info.user,
        password,
        lastKnownAccess: 'login',
        type: USER_PASSWORD_ACCOUNT_TYPE,
      });
    }, `register controller ${name}`);

    const conn = await openApi({ store, controller: name, cliArgs: 'juju register' });
    let models;
    try {
      models = await listUserModels(conn, info.user);
    } finally {
      await conn.close();
    }
    if (models !== null) storeModels(store, name, models);
    store.setCurrentController(name);
    ctx.err(`\nWelcome, ${info.user}. You are now logged into ${JSON.stringify(name)}.\n`);
    if (models !== null) announceModels(ctx, store, name, info.user, models);
  }

  /** Asks for the local controller name until it is usable (Juju re-asks on a clash). */
  private async promptControllerName(ctx: Context, store: ClientStore, suggested: string): Promise<string> {
    const replace = this.replace.value;
    const exists = (n: string): boolean => Object.hasOwn(store.allControllers(), n);
    let suggestion = suggested;
    if (suggestion !== '' && exists(suggestion) && !replace) suggestion = '';
    for (;;) {
      const prompt =
        suggestion === ''
          ? 'Enter a name for this controller: '
          : `Enter a name for this controller [${replace ? 'replace ' : ''}${suggestion}]: `;
      let name = (await readAnswer(ctx, prompt)).trim();
      if (name === '') {
        if (suggestion === '') {
          ctx.err('You must specify a non-empty controller name.\n');
          continue;
        }
        name = suggestion;
      }
      if (!isValidControllerName(name)) {
        ctx.err(`${JSON.stringify(name)} is not a valid controller name.\n`);
        continue;
      }
      if (exists(name) && !replace) {
        ctx.err(`Controller ${JSON.stringify(name)} already exists.\n`);
        continue;
      }
      return name;
    }
  }

  /** The sealed exchange, trying each address until one answers. */
  private async exchange(
    name: string,
    addrs: readonly string[],
    user: string,
    secretKey: Uint8Array,
    password: string,
  ): Promise<RegistrationResult> {
    for (const addr of addrs) {
      try {
        return await registerWithController({ addr, user, secretKey, password, timeoutMs: 10_000 });
      } catch (err) {
        if (isApiConnectionError(err)) continue;
        if (isJujuError(err) && err.message.startsWith('invalid registration response')) throw err;
        throw new JujuError(
          isJujuError(err) ? err.code : '',
          'Provided registration token may have expired.\n' +
            'A controller administrator must reset your user to issue a new token.\n' +
            'See "juju help change-user-password" for more information.',
        );
      }
    }
    throw new JujuError(
      '',
      `Cannot reach controller ${JSON.stringify(name)} at: ${addrs.join(', ')}.\nCheck that the controller ip is reachable from your network.`,
    );
  }
}
