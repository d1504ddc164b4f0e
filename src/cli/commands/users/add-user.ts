/**
 * `juju add-user <user name> [<display name>]`: creates a local user without a
 * password and prints the `juju register` string that lets them set one.
 */
import type { AddUserResults } from '../../../rpc/params/user-manager.js';
import { checkNoMoreArgs, type CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { onlyResult, registrationString } from './api-helpers.js';

export class AddUserCommand extends ControllerCommandBase {
  private user = '';
  private displayName = '';

  info(): CommandInfo {
    return {
      name: 'add-user',
      args: '<user name> [<display name>]',
      purpose: 'Adds a Juju user to a controller.',
      doc: `A "juju register" command will be printed, which must be executed by the
user to complete the registration process. The user's details are stored
within the controller and will be removed when the controller is destroyed.

A user unique registration string will be printed. This registration string
must be used by the newly added user as supplied to complete the registration
process.

Some machine providers will require the user to be in possession of certain
credentials in order to create a model.`,
      examples: `    juju add-user bob
    juju add-user --controller mycontroller bob`,
      seeAlso: [
        'register',
        'grant',
        'users',
        'show-user',
        'disable-user',
        'enable-user',
        'change-user-password',
        'remove-user',
      ],
    };
  }

  override init(args: string[]): void {
    const [user, displayName, ...rest] = args;
    if (user === undefined) throw new UsageError('no username supplied');
    this.user = user;
    this.displayName = displayName ?? '';
    checkNoMoreArgs(rest);
  }

  protected async execute(ctx: Context): Promise<void> {
    const controller = this.controllerName(ctx);
    const conn = await this.controllerApi(ctx);
    const reply = await conn.call<AddUserResults>('UserManager', 'AddUser', {
      users: [{ username: this.user, 'display-name': this.displayName }],
    });
    const result = onlyResult(reply.results);
    const token = registrationString(this.store(ctx), controller, this.user, result['secret-key']);
    const shown = this.displayName === '' ? this.user : `${this.displayName} (${this.user})`;
    ctx.out(`User ${JSON.stringify(shown)} added\n`);
    ctx.out(`Please send this command to ${this.user}:\n`);
    ctx.out(`    juju register ${token}\n`);
    ctx.out(
      `\n${JSON.stringify(this.user)} has not been granted access to any models. You can use "juju grant" to grant access.\n`,
    );
  }
}
