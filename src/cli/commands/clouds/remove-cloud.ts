/** `juju remove-cloud <cloud>`: forget a cloud on this client and/or a controller. */
import { isBuiltinCloud } from '../../../clientstore/index.js';
import { errorMessage, isJujuError } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs, SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { removeControllerCloud } from './cloud-api.js';
import { ClientOrControllerCommand } from './client-or-controller.js';

export class RemoveCloudCommand extends ClientOrControllerCommand {
  private cloudName = '';

  info(): CommandInfo {
    return {
      name: 'remove-cloud',
      args: '<cloud name>',
      purpose: 'Removes a cloud from Juju.',
      doc: `Removes a cloud definition.

With --controller, the cloud is also removed from that controller, if no
model uses it.

With --client, the cloud is removed from this client. Built-in clouds cannot
be removed.`,
      examples: `    juju remove-cloud mycloud
    juju remove-cloud mycloud --client
    juju remove-cloud mycloud --controller mycontroller`,
      seeAlso: ['add-cloud', 'update-cloud', 'clouds'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    flags.string('target-controller', '', 'The name of a JAAS managed controller to remove a cloud from');
  }

  override init(args: string[]): void {
    if (args.length < 1) throw new UsageError('Usage: juju remove-cloud <cloud name>');
    this.cloudName = args[0] as string;
    checkNoMoreArgs(args.slice(1));
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const targets = await this.targets(ctx, `remove cloud ${this.cloudName} from`, false);
    let failed = false;
    if (targets.client) {
      const store = this.store(ctx);
      if (Object.hasOwn(store.personalClouds(), this.cloudName)) {
        try {
          store.removePersonalCloud(this.cloudName);
          ctx.infof(`Removed details of cloud ${JSON.stringify(this.cloudName)} from this client`);
        } catch (err) {
          ctx.infof(`ERROR ${errorMessage(err)}`);
          failed = true;
        }
      } else if (isBuiltinCloud(this.cloudName)) {
        ctx.infof(`Cannot remove built-in cloud ${JSON.stringify(this.cloudName)} from client`);
      } else {
        ctx.infof(`No cloud called ${JSON.stringify(this.cloudName)} exists on this client`);
      }
    }
    if (targets.controller !== undefined) {
      try {
        await removeControllerCloud(await this.connectTo(ctx, targets.controller), this.cloudName);
        ctx.infof(
          `Removed details of cloud ${JSON.stringify(this.cloudName)} from controller ${JSON.stringify(targets.controller)}`,
        );
      } catch (err) {
        if (isJujuError(err, 'not found')) {
          ctx.infof(
            `No cloud called ${JSON.stringify(this.cloudName)} exists on controller ${JSON.stringify(targets.controller)}`,
          );
        } else {
          ctx.infof(`ERROR ${errorMessage(err)}`);
          failed = true;
        }
      }
    }
    if (failed) throw new SilentError(1);
  }
}
