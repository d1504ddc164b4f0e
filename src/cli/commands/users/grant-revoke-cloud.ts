/**
 * `juju grant-cloud|revoke-cloud <user name> <permission> <cloud name> ...`:
 * changes a user's access to clouds of the controller (`add-model`, `admin`).
 */
import { cloudTag, isValidCloudName, userTag } from '../../../core/names.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { throwBulkErrors } from './api-helpers.js';

const CLOUD_ACCESS_LEVELS: readonly string[] = ['add-model', 'admin'];

const VALID_LEVELS = `Valid access levels are:
    admin
    add-model`;

abstract class CloudAccessCommandBase extends ControllerCommandBase {
  protected user = '';
  protected access = '';
  protected clouds: string[] = [];
  protected abstract readonly action: 'grant' | 'revoke';

  override init(args: string[]): void {
    if (args.length < 1) throw new UsageError('no user specified');
    if (args.length < 2) throw new UsageError('no permission level specified');
    if (args.length < 3) throw new UsageError('no cloud specified');
    this.user = args[0] as string;
    this.access = args[1] as string;
    this.clouds = args.slice(2);
    for (const cloud of this.clouds) {
      if (!isValidCloudName(cloud)) throw new UsageError(`cloud name ${JSON.stringify(cloud)} not valid`);
    }
    if (!CLOUD_ACCESS_LEVELS.includes(this.access)) {
      throw new UsageError(`${JSON.stringify(this.access)} cloud access not valid`);
    }
  }

  protected async execute(ctx: Context): Promise<void> {
    const conn = await this.controllerApi(ctx);
    const reply = await conn.call<{ results?: { error?: { message?: unknown; code?: unknown } }[] }>(
      'Cloud',
      'ModifyCloudAccess',
      {
        changes: this.clouds.map((cloud) => ({
          'user-tag': userTag(this.user),
          'cloud-tag': cloudTag(cloud),
          action: this.action,
          access: this.access,
        })),
      },
    );
    throwBulkErrors(reply.results);
  }
}

export class GrantCloudCommand extends CloudAccessCommandBase {
  protected readonly action = 'grant';

  info(): CommandInfo {
    return {
      name: 'grant-cloud',
      args: '<user name> <permission> <cloud name> ...',
      purpose: 'Grants access level to a Juju user for a cloud.',
      doc: VALID_LEVELS,
      examples: `Grant user 'joe' 'add-model' access to cloud 'fluffy':

    juju grant-cloud joe add-model fluffy`,
      seeAlso: ['grant', 'revoke-cloud', 'add-user'],
    };
  }
}

export class RevokeCloudCommand extends CloudAccessCommandBase {
  protected readonly action = 'revoke';

  info(): CommandInfo {
    return {
      name: 'revoke-cloud',
      args: '<user name> <permission> <cloud name> ...',
      purpose: 'Revokes access from a Juju user for a cloud.',
      doc: `Revoking admin access, from a user who has that permission, will leave
that user with add-model access. Revoking add-model access, however, also revokes
admin access.

${VALID_LEVELS}`,
      examples: `Revoke 'add-model' (and 'admin') access from user 'joe' for cloud 'fluffy':

    juju revoke-cloud joe add-model fluffy

Revoke 'admin' access from user 'sam' for clouds 'fluffy' and 'rainy':

    juju revoke-cloud sam admin fluffy rainy`,
      seeAlso: ['grant-cloud'],
    };
  }
}
