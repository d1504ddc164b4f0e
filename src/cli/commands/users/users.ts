/**
 * `juju users [<model name>]` (alias `list-users`): the users of the
 * controller, or with a model name the users who may use that model.
 */
import { modelTag } from '../../../core/names.js';
import type { ModelUserInfoResults, UserInfoResults } from '../../../rpc/params/user-manager.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError, type FlagRef, type FlagSet } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { OutputOptions, jsonFormatter, yamlFormatter } from '../../output/output-flags.js';
import { TabWriter } from '../../output/tabwriter.js';
import { modelUuids, throwBulkErrors } from './api-helpers.js';
import { modelUsersOutput, userInfoOutput, type ModelUserOutput, type UserInfoOutput } from './user-info.js';

export class UsersCommand extends ControllerCommandBase {
  private modelName = '';
  private all!: FlagRef<boolean>;
  private exactTime!: FlagRef<boolean>;
  private currentUser = '';
  private controller = '';
  private readonly output = new OutputOptions('tabular', {
    tabular: (value) => this.formatTabular(value),
    yaml: yamlFormatter,
    json: jsonFormatter,
  });

  info(): CommandInfo {
    return {
      name: 'users',
      args: '[model-name]',
      purpose: 'Lists Juju users allowed to connect to a controller or model.',
      doc: `When used without a model name argument, users relevant to a controller are printed.
When used with a model name, users relevant to the specified model are printed.`,
      examples: `Print the users relevant to the current controller:

    juju users

Print the users relevant to the controller "another":

    juju users -c another

Print the users relevant to the model "mymodel":

    juju users mymodel`,
      aliases: ['list-users'],
      seeAlso: ['add-user', 'register', 'show-user', 'disable-user', 'enable-user'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.exactTime = flags.bool('exact-time', false, 'Use full timestamp for connection times');
    this.all = flags.bool('all', false, 'Include disabled users (on controller only)');
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
    this.modelName = args[0] ?? '';
  }

  protected async execute(ctx: Context): Promise<void> {
    const store = this.store(ctx);
    this.controller = this.controllerName(ctx);
    const conn = await this.controllerApi(ctx);
    this.currentUser = store.accountDetails(this.controller).user;
    const now = new Date();
    if (this.modelName === '') {
      const reply = await conn.call<UserInfoResults>('UserManager', 'UserInfo', {
        entities: [],
        'include-disabled': this.all.value,
      });
      throwBulkErrors(reply.results);
      const users = (reply.results ?? []).flatMap((r) =>
        r.result ? [userInfoOutput(r.result, now, this.exactTime.value)] : [],
      );
      if (users.length === 0) {
        ctx.infof('No users to display.');
        return;
      }
      this.output.write(ctx, users);
      return;
    }
    const [uuid] = await modelUuids(store, this.controller, [this.modelName], () => Promise.resolve(conn));
    const reply = await conn.call<ModelUserInfoResults>('UserManager', 'ModelUserInfo', {
      entities: [{ tag: modelTag(uuid as string) }],
    });
    throwBulkErrors(reply.results);
    const infos = (reply.results ?? []).flatMap((r) => (r.result ? [r.result] : []));
    if (infos.length === 0) {
      ctx.infof('No users to display.');
      return;
    }
    this.output.write(ctx, modelUsersOutput(infos, now, this.exactTime.value));
  }

  private marked(name: string): string {
    return name === this.currentUser ? `${name}*` : name;
  }

  private formatTabular(value: unknown): string {
    const tw = new TabWriter();
    if (this.modelName !== '') {
      const users = value as Record<string, ModelUserOutput>;
      tw.row('Name', 'Display name', 'Access', 'Last connection');
      for (const name of Object.keys(users).sort()) {
        const u = users[name] as ModelUserOutput;
        tw.row(this.marked(name), u['display-name'] ?? '', u.access, u['last-connection']);
      }
      return tw.toString();
    }
    const users = value as UserInfoOutput[];
    tw.row(`Controller: ${this.controller}`);
    tw.blank();
    tw.row('Name', 'Display name', 'Access', 'Date created', 'Last connection');
    for (const u of users) {
      const conn = `${u['last-connection'] ?? ''}${u.disabled ? ' (disabled)' : ''}`;
      tw.row(this.marked(u['user-name']), u['display-name'] ?? '', u.access, u['date-created'] ?? '', conn);
    }
    return tw.toString();
  }
}
