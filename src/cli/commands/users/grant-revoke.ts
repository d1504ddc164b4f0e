/**
 * `juju grant|revoke <user name> <permission> [<model name> ... | <offer url> ...]`:
 * changes a user's access to the controller (no models named: `login`,
 * `superuser`), to models (`read`, `write`, `admin`) or to application offers
 * (`read`, `consume`, `admin`). Revoking a level leaves the user with the
 * level below it.
 */
import { ErrorCode, JujuError } from '../../../core/errors.js';
import { isValidModelName, modelTag, userTag } from '../../../core/names.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { UsageError } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { modelUuids, throwBulkErrors } from './api-helpers.js';

type Action = 'grant' | 'revoke';

const ACCESS_LEVELS = {
  model: ['read', 'write', 'admin'],
  controller: ['login', 'superuser'],
  offer: ['read', 'consume', 'admin'],
} as const;

const levels = (kind: keyof typeof ACCESS_LEVELS): readonly string[] => ACCESS_LEVELS[kind];

/** Offer URLs without an owner are the current user's (`prod.db` -> `bob/prod.db`). */
function qualifyOfferUrl(url: string, owner: string): string {
  const colon = url.indexOf(':');
  const source = colon < 0 ? '' : url.slice(0, colon + 1);
  const rest = url.slice(source.length);
  return rest.includes('/') ? url : `${source}${owner}/${rest}`;
}

const VALID_ACCESS_LEVELS = `Valid access levels for models are:
    read
    write
    admin

Valid access levels for controllers are:
    login
    superuser

Valid access levels for application offers are:
    read
    consume
    admin`;

/** An offer URL: `[<controller>:][<user>/]<model>.<application>`. */
const OFFER_URL = /^(?:[a-z0-9-]+:)?(?:[a-zA-Z0-9][a-zA-Z0-9.+-]*\/)?[a-z0-9][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

type BulkReply = { results?: { error?: { message?: unknown; code?: unknown } }[] };

abstract class AccessCommandBase extends ControllerCommandBase {
  protected user = '';
  protected access = '';
  protected models: string[] = [];
  protected offers: string[] = [];
  protected abstract readonly action: Action;

  override init(args: string[]): void {
    if (args.length < 1) throw new UsageError('no user specified');
    if (args.length < 2) throw new UsageError('no permission level specified');
    this.user = args[0] as string;
    this.access = args[1] as string;
    for (const arg of args.slice(2)) {
      if (OFFER_URL.test(arg)) {
        this.offers.push(arg);
        continue;
      }
      const bare = arg.includes('/') ? arg.slice(arg.indexOf('/') + 1) : arg;
      if (!isValidModelName(bare)) throw new UsageError(`model name ${JSON.stringify(bare)} not valid`);
      this.models.push(arg);
    }
    if (this.models.length > 0 && this.offers.length > 0) {
      throw new UsageError('either specify model names or offer URLs but not both');
    }
    const verb = this.action;
    if (this.models.length > 0 || this.offers.length > 0) {
      if (levels('controller').includes(this.access)) {
        throw new UsageError(
          `You have specified a controller access permission ${JSON.stringify(this.access)}.\n` +
            'If you intended to change controller access, do not specify any model names or offer URLs.\n' +
            `See 'juju help ${verb}'.`,
        );
      }
    }
    if (this.models.length > 0) {
      if (!levels('model').includes(this.access))
        throw new UsageError(`${JSON.stringify(this.access)} model access not valid`);
      return;
    }
    if (this.offers.length > 0) {
      if (!levels('offer').includes(this.access))
        throw new UsageError(`${JSON.stringify(this.access)} offer access not valid`);
      return;
    }
    if (levels('model').includes(this.access)) {
      throw new UsageError(
        `You have specified a model access permission ${JSON.stringify(this.access)}.\n` +
          'If you intended to change model access, you need to specify one or more model names.\n' +
          `See 'juju help ${verb}'.`,
      );
    }
  }

  protected async execute(ctx: Context): Promise<void> {
    const controller = this.controllerName(ctx);
    const conn = await this.controllerApi(ctx);
    let reply: BulkReply;
    if (this.models.length > 0) {
      const uuids = await modelUuids(this.store(ctx), controller, this.models, () => Promise.resolve(conn));
      reply = await conn.call<BulkReply>('ModelManager', 'ModifyModelAccess', {
        changes: uuids.map((uuid) => ({
          'user-tag': userTag(this.user),
          action: this.action,
          access: this.access,
          'model-tag': modelTag(uuid),
        })),
      });
    } else if (this.offers.length > 0) {
      const owner = this.store(ctx).accountDetails(controller).user;
      reply = await conn.call<BulkReply>('ApplicationOffers', 'ModifyOfferAccess', {
        changes: this.offers.map((url) => ({
          'user-tag': userTag(this.user),
          action: this.action,
          access: this.access,
          'offer-url': qualifyOfferUrl(url, owner),
        })),
      });
    } else {
      reply = await conn.call<BulkReply>('Controller', 'ModifyControllerAccess', {
        changes: [{ 'user-tag': userTag(this.user), action: this.action, access: this.access }],
      });
    }
    if (reply.results !== undefined && reply.results.length === 0) {
      throw new JujuError(ErrorCode.BadRequest, 'expected results from the controller, got none');
    }
    throwBulkErrors(reply.results);
  }
}

export class GrantCommand extends AccessCommandBase {
  protected readonly action = 'grant';

  info(): CommandInfo {
    return {
      name: 'grant',
      args: '<user name> <permission> [<model name> ... | <offer url> ...]',
      purpose: 'Grants access level to a Juju user for a model, controller, or application offer.',
      doc: `By default, the controller is the current controller.

Users with read access are limited in what they can do with models:
"juju models", "juju machines", and "juju status".

${VALID_ACCESS_LEVELS}`,
      examples: `Grant user 'joe' 'read' access to model 'mymodel':

    juju grant joe read mymodel

Grant user 'jim' 'write' access to model 'mymodel':

    juju grant jim write mymodel

Grant user 'sam' 'read' access to models 'model1' and 'model2':

    juju grant sam read model1 model2

Grant user 'maria' 'superuser' access to the controller:

    juju grant maria superuser`,
      seeAlso: ['revoke', 'add-user', 'grant-cloud'],
    };
  }
}

export class RevokeCommand extends AccessCommandBase {
  protected readonly action = 'revoke';

  info(): CommandInfo {
    return {
      name: 'revoke',
      args: '<user name> <permission> [<model name> ... | <offer url> ...]',
      purpose: 'Revokes access from a Juju user for a model, controller, or application offer.',
      doc: `By default, the controller is the current controller.

Revoking write access, from a user who has that permission, will leave
that user with read access. Revoking read access, however, also revokes
write access.

${VALID_ACCESS_LEVELS}`,
      examples: `Revoke 'read' (and 'write') access from user 'joe' for model 'mymodel':

    juju revoke joe read mymodel

Revoke 'write' access from user 'sam' for models 'model1' and 'model2':

    juju revoke sam write model1 model2`,
      seeAlso: ['grant'],
    };
  }
}
