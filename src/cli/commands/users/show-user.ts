/** `juju show-user [<user name>]`: one user's details (yourself by default). */
import { userTag } from '../../../core/names.js';
import type { UserInfoResults } from '../../../rpc/params/user-manager.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError, type FlagRef, type FlagSet } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { OutputOptions, jsonFormatter, yamlFormatter } from '../../output/output-flags.js';
import { onlyResult } from './api-helpers.js';
import { userInfoOutput } from './user-info.js';

export class ShowUserCommand extends ControllerCommandBase {
  private user = '';
  private exactTime!: FlagRef<boolean>;
  private readonly output = new OutputOptions('yaml', { yaml: yamlFormatter, json: jsonFormatter });

  info(): CommandInfo {
    return {
      name: 'show-user',
      args: '[<user name>]',
      purpose: 'Show information about a user.',
      doc: 'By default, the YAML format is used and the user name is the current user.',
      examples: `    juju show-user
    juju show-user jsmith
    juju show-user --format json
    juju show-user --format yaml`,
      seeAlso: ['add-user', 'register', 'users'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.exactTime = flags.bool('exact-time', false, 'Use full timestamp for connection times');
    this.output.setFlags(flags);
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
    const controller = this.controllerName(ctx);
    const conn = await this.controllerApi(ctx);
    const user = this.user || this.store(ctx).accountDetails(controller).user;
    const reply = await conn.call<UserInfoResults>('UserManager', 'UserInfo', {
      entities: [{ tag: userTag(user) }],
      'include-disabled': false,
    });
    const info = onlyResult(reply.results).result;
    if (info === undefined) throw new Error('expected 1 result, got 0');
    this.output.write(ctx, userInfoOutput(info, new Date(), this.exactTime.value));
  }
}
