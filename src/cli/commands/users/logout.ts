/**
 * `juju logout`: forgets this client's account (and password) on a
 * controller. Refuses, unless --force, when the stored password is one the
 * user never chose (the one bootstrap generated): logging out would leave no
 * way back in.
 */
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { JujuError } from '../../../core/errors.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { USER_PASSWORD_ACCOUNT_TYPE, accountIfAny } from './api-helpers.js';

const PREVENTING_ACCOUNT_LOSS = `preventing account loss

It appears that you have not changed the password for
your account. If this is the case, change the password
first before logging out, so that you can log in again
afterwards. To change your password, run the command
"juju change-user-password".

If you are sure you want to log out, and it is safe to
clear the credentials from the client, then you can run
this command again with the "--force" option.
`;

export class LogoutCommand extends ControllerCommandBase {
  private force!: FlagRef<boolean>;

  info(): CommandInfo {
    return {
      name: 'logout',
      purpose: 'Logs a Juju user out of a controller.',
      doc: `If another client has logged in as the same user, they will remain logged
in. This command only affects the local client.

The command will fail if the user has not yet set a password
("juju change-user-password"). This scenario is only possible after
"juju bootstrap" since "juju register" sets a password. The
failing behaviour can be overridden with the '--force' option.

By default, the controller is the current controller.`,
      examples: '    juju logout',
      seeAlso: ['change-user-password', 'login'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.force = flags.bool('force', false, 'Force logout when a locally recorded password is detected');
  }

  protected execute(ctx: Context): Promise<void> {
    const store = this.store(ctx);
    const controller = this.controllerName(ctx);
    const account = accountIfAny(store, controller);
    if (account !== undefined) {
      if (account.password && account.type !== USER_PASSWORD_ACCOUNT_TYPE && !this.force.value) {
        throw new JujuError('', PREVENTING_ACCOUNT_LOSS);
      }
      try {
        store.removeAccount(controller);
      } catch (err) {
        throw new JujuError(
          '',
          `failed to clear credentials: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    const others = Object.keys(store.allControllers()).filter(
      (name) => name !== controller && accountIfAny(store, name) !== undefined,
    ).length;
    if (others === 0) ctx.infof('Logged out. You are no longer logged into any controllers.');
    else if (others === 1) ctx.infof('Logged out. You are still logged into 1 controller.');
    else ctx.infof(`Logged out. You are still logged into ${others} controllers.`);
    return Promise.resolve();
  }
}
