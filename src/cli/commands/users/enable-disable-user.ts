/**
 * `juju disable-user <user name>` and `juju enable-user <user name>`: stop a
 * user from logging in, or let them again. Both succeed silently when the
 * user is already in that state.
 */
import { userTag } from '../../../core/names.js';
import { checkNoMoreArgs, type CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { throwBulkErrors } from './api-helpers.js';

abstract class EnableDisableUserBase extends ControllerCommandBase {
  protected user = '';
  protected abstract readonly method: 'EnableUser' | 'DisableUser';
  protected abstract readonly done: string;

  override init(args: string[]): void {
    const [user, ...rest] = args;
    if (user === undefined) throw new UsageError('no username supplied');
    this.user = user;
    checkNoMoreArgs(rest);
  }

  protected async execute(ctx: Context): Promise<void> {
    const conn = await this.controllerApi(ctx);
    const reply = await conn.call<{ results?: { error?: { message?: unknown; code?: unknown } }[] }>(
      'UserManager',
      this.method,
      { entities: [{ tag: userTag(this.user) }] },
    );
    throwBulkErrors(reply.results);
    ctx.infof(`User ${JSON.stringify(this.user)} ${this.done}`);
  }
}

export class DisableUserCommand extends EnableDisableUserBase {
  protected readonly method = 'DisableUser';
  protected readonly done = 'disabled';

  info(): CommandInfo {
    return {
      name: 'disable-user',
      args: '<user name>',
      purpose: 'Disables a Juju user.',
      doc: `A disabled Juju user is one that cannot log in to any controller.
This command has no affect on models that the disabled user may have
created and/or shared nor any applications associated with that user.`,
      examples: '    juju disable-user bob',
      seeAlso: ['users', 'enable-user', 'login'],
    };
  }
}

export class EnableUserCommand extends EnableDisableUserBase {
  protected readonly method = 'EnableUser';
  protected readonly done = 'enabled';

  info(): CommandInfo {
    return {
      name: 'enable-user',
      args: '<user name>',
      purpose: 'Re-enables a previously disabled Juju user.',
      doc: `An enabled Juju user is one that can log in to a controller.`,
      examples: '    juju enable-user bob',
      seeAlso: ['users', 'disable-user', 'login'],
    };
  }
}
