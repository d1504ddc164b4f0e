/**
 * `juju change-user-password [<user name>]`: sets a new password for yourself
 * (updating this client's account) or, as a controller superuser, for another
 * user; with --reset, voids another user's password and prints a new
 * `juju register` string for them.
 */
import { ErrorCode, JujuError } from '../../../core/errors.js';
import { isValidUserName, userTag } from '../../../core/names.js';
import type { AddUserResults } from '../../../rpc/params/user-manager.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError, type FlagRef, type FlagSet } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import {
  USER_PASSWORD_ACCOUNT_TYPE,
  onlyResult,
  registrationString,
  throwBulkErrors,
} from './api-helpers.js';
import { readNewPassword, readSecret } from './prompts.js';

export class ChangeUserPasswordCommand extends ControllerCommandBase {
  private user = '';
  private reset!: FlagRef<boolean>;
  private noPrompt!: FlagRef<boolean>;

  info(): CommandInfo {
    return {
      name: 'change-user-password',
      args: '[username]',
      purpose: 'Changes the password for the current or specified Juju user.',
      doc: `The user is, by default, the current user. The latter can be confirmed with
the "juju show-user" command.

If no controller is specified, the current controller will be used.

A controller administrator can change the password for another user by
providing desired username as an argument.

A controller administrator can also reset the password with a --reset option.
This will invalidate any passwords that were previously set and registration
strings that were previously issued for a user. This option will issue a new
registration string to be used with "juju register".`,
      examples: `    juju change-user-password
    juju change-user-password bob
    juju change-user-password bob --reset
    juju change-user-password -c another-known-controller
    juju change-user-password bob --controller another-known-controller`,
      seeAlso: ['add-user', 'register'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.reset = flags.bool('reset', false, 'Reset user password');
    this.noPrompt = flags.bool(
      'no-prompt',
      false,
      "Don't prompt for password and just read a line from stdin",
    );
  }

  override init(args: string[]): void {
    if (args.length > 1)
      throw new UsageError(
        `unrecognized args: ${args
          .slice(1)
          .map((a) => JSON.stringify(a))
          .join(' ')}`,
      );
    this.user = args[0] ?? '';
  }

  protected async execute(ctx: Context): Promise<void> {
    const store = this.store(ctx);
    const controller = this.controllerName(ctx);
    const account = store.accountDetails(controller);
    if (this.user !== '' && !isValidUserName(this.user)) {
      throw new JujuError(ErrorCode.NotValid, `user name ${JSON.stringify(this.user)} not valid`);
    }
    const target = this.user || account.user;
    const own = userTag(target) === userTag(account.user);
    if (this.user === '' && account.user.includes('@')) {
      throw new JujuError(
        '',
        `cannot ${this.reset.value ? 'reset' : 'change'} password for external user ${JSON.stringify(userTag(account.user))}`,
      );
    }

    if (this.reset.value) {
      if (own) {
        ctx.infof(
          'You cannot reset your own password.\nIf you want to change it, please call `juju change-user-password` without --reset option.',
        );
        return;
      }
      const conn = await this.controllerApi(ctx);
      const reply = await conn.call<AddUserResults>('UserManager', 'ResetPassword', {
        entities: [{ tag: userTag(target) }],
      });
      const result = onlyResult(reply.results);
      ctx.infof(`Password for ${JSON.stringify(target)} has been reset.`);
      const token = registrationString(store, controller, target, result['secret-key']);
      ctx.infof(`Ask the user to run:\n     juju register ${token}\n\n`);
      return;
    }

    const password = this.noPrompt.value
      ? await readSecret(ctx, '')
      : await readNewPassword(
          ctx,
          { first: 'new password: ', again: 'type new password again: ' },
          { empty: 'you must enter a password', mismatch: 'Passwords do not match' },
        );
    if (password === '') throw new JujuError(ErrorCode.NotValid, 'you must enter a password');
    const conn = await this.controllerApi(ctx);
    const reply = await conn.call<{ results?: { error?: { message?: unknown; code?: unknown } }[] }>(
      'UserManager',
      'SetPassword',
      { changes: [{ tag: userTag(target), password }] },
    );
    throwBulkErrors(reply.results);
    if (!own) {
      ctx.infof(`Password for ${JSON.stringify(target)} has been changed.`);
      return;
    }
    // Our own password changed: keep this client able to log in.
    store.updateAccount(controller, {
      ...store.accountDetails(controller),
      password,
      type: USER_PASSWORD_ACCOUNT_TYPE,
    });
    ctx.infof('Your password has been changed.');
  }
}
