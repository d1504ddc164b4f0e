/** `juju default-region <cloud> [<region>]`: show, set or unset this client's default region for a cloud. */
import { ErrorCode, JujuError } from '../../../core/errors.js';
import { ClientStore } from '../../../clientstore/index.js';
import type { CommandInfo } from '../../framework/command.js';
import { CommandBase, checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { knownCloud } from './credential-file.js';

export class DefaultRegionCommand extends CommandBase {
  private resetFlag: FlagRef<boolean> | undefined;
  private cloudName = '';
  private region = '';

  info(): CommandInfo {
    return {
      name: 'default-region',
      args: '<cloud name> [<region>]',
      purpose: 'Gets, sets, or unsets the default region for a cloud on this client.',
      doc: `The default region of a cloud is used by "juju bootstrap" and "juju add-model"
when no region is named. Without a region argument the current default is
shown; --reset unsets it.`,
      examples: `Set the default region for the \`mycloud\` cloud to \`east\`:

    juju default-region mycloud east

Get the default region for the \`mycloud\` cloud:

    juju default-region mycloud

Unset the default region for the \`mycloud\` cloud:

    juju default-region mycloud --reset`,
      seeAlso: ['add-credential'],
      aliases: ['set-default-region'],
    };
  }

  override setFlags(flags: FlagSet): void {
    this.resetFlag = flags.bool('reset', false, 'Reset default region for the cloud');
  }

  override init(args: string[]): void {
    if (args.length < 1) throw new UsageError('Usage: juju default-region <cloud-name> [<region>]');
    this.cloudName = args[0] as string;
    this.region = args[1] ?? '';
    checkNoMoreArgs(args.slice(2));
  }

  override run(ctx: Context): Promise<number | void> {
    const store = new ClientStore(undefined, { env: ctx.env });
    const cloud = knownCloud(store, this.cloudName);
    if (cloud.regions.length === 0) throw new JujuError('', `cloud ${this.cloudName} has no regions`);
    const current = store.credentialsForCloud(this.cloudName);
    const reset = this.resetFlag?.value ?? false;
    if (!reset && this.region === '') {
      if (current.defaultRegion) {
        ctx.infof(
          `Default region for cloud ${JSON.stringify(this.cloudName)} is ${JSON.stringify(current.defaultRegion)} on this client.`,
        );
      } else {
        ctx.infof(`Default region for cloud ${JSON.stringify(this.cloudName)} is not set on this client.`);
      }
      return Promise.resolve();
    }
    if (this.region !== '') {
      // Regions match case-insensitively; the stored name is the cloud's spelling.
      const region = cloud.regions.find((r) => r.name.toLowerCase() === this.region.toLowerCase());
      if (!region) {
        const names = cloud.regions.map((r) => JSON.stringify(r.name)).join(' ');
        throw new JujuError(
          ErrorCode.NotFound,
          `region ${JSON.stringify(this.region)} not found (expected one of [${names}])`,
        );
      }
      store.setDefaultRegion(this.cloudName, region.name);
      ctx.infof(`Default region in ${this.cloudName} set to ${JSON.stringify(region.name)}.`);
    } else {
      store.setDefaultRegion(this.cloudName, null);
      ctx.infof(
        `Default region for cloud ${JSON.stringify(this.cloudName)} is no longer set on this client.`,
      );
    }
    return Promise.resolve();
  }
}
