/**
 * `juju remove-user <user name>`: removes a user for good (their name stays
 * taken). Asks for confirmation unless -y/--yes.
 */
import { JujuError } from '../../../core/errors.js';
import { userTag } from '../../../core/names.js';
import { checkNoMoreArgs, type CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError, type FlagRef, type FlagSet } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { throwBulkErrors } from './api-helpers.js';
import { readAnswer } from './prompts.js';

function confirmationText(user: string, controller: string): string {
  return `WARNING! This command will permanently archive the user ${JSON.stringify(user)} on the ${JSON.stringify(controller)}
controller.

This action is irreversible. If you wish to temporarily disable the
user please use the \`juju disable-user\` command. See
 \`juju help disable-user\` for more details.

Continue (y/N)? `;
}

export class RemoveUserCommand extends ControllerCommandBase {
  private user = '';
  private yes!: FlagRef<boolean>;

  info(): CommandInfo {
    return {
      name: 'remove-user',
      args: '<user name>',
      purpose: 'Deletes a Juju user from a controller.',
      doc: `This removes a user permanently.

By default, the controller is the current controller.`,
      examples: `    juju remove-user bob
    juju remove-user bob --yes`,
      seeAlso: [
        'unregister',
        'revoke',
        'show-user',
        'users',
        'disable-user',
        'enable-user',
        'change-user-password',
      ],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.yes = flags.bool(['y', 'yes'], false, 'Confirm deletion of the user');
  }

  override init(args: string[]): void {
    const [user, ...rest] = args;
    if (user === undefined) throw new UsageError('no username supplied');
    this.user = user;
    checkNoMoreArgs(rest);
  }

  protected async execute(ctx: Context): Promise<void> {
    const controller = this.controllerName(ctx);
    const conn = await this.controllerApi(ctx);
    if (!this.yes.value) {
      ctx.out(confirmationText(this.user, controller));
      const answer = (await readAnswer(ctx, '').catch(() => '')).trim().toLowerCase();
      if (answer !== 'y' && answer !== 'yes') throw new JujuError('', 'user deletion aborted');
    }
    const reply = await conn.call<{ results?: { error?: { message?: unknown; code?: unknown } }[] }>(
      'UserManager',
      'RemoveUser',
      { entities: [{ tag: userTag(this.user) }] },
    );
    try {
      throwBulkErrors(reply.results);
    } catch (err) {
      const deleted = `failed to delete user ${JSON.stringify(this.user)}: user ${JSON.stringify(this.user)} is permanently deleted`;
      if (err instanceof JujuError && err.message === deleted) {
        throw new JujuError(
          err.code,
          `failed to delete user ${JSON.stringify(this.user)}: the user has already been permanently deleted`,
        );
      }
      throw err;
    }
    ctx.out(`User ${JSON.stringify(this.user)} removed\n`);
  }
}
