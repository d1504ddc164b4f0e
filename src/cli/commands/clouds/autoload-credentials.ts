/**
 * `juju autoload-credentials [<cloud-type>]`: look for credentials in the
 * environment and well-known files. None of the providers this client ships
 * can detect credentials (the local cloud needs none), so it reports that.
 */
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import { ClientOrControllerCommand } from './client-or-controller.js';
import { isKnownCloudType, providerSchema } from './provider-schemas.js';

export class AutoloadCredentialsCommand extends ClientOrControllerCommand {
  private cloudType = '';

  info(): CommandInfo {
    return {
      name: 'autoload-credentials',
      args: '[<cloud-type>]',
      purpose: 'Attempts to automatically detect and add credentials for a cloud.',
      doc: `Looks for cloud credentials in environment variables and in the files
cloud tools keep them in, and offers to save what it finds on this client
and/or upload it to a controller. A cloud type limits the search.

The built-in "local" cloud needs no credential, so nothing is detected for it.`,
      examples: `    juju autoload-credentials
    juju autoload-credentials --client
    juju autoload-credentials --controller mycontroller
    juju autoload-credentials --client --controller mycontroller
    juju autoload-credentials local`,
      seeAlso: ['add-credential', 'remove-credential', 'default-credential', 'credentials'],
    };
  }

  override init(args: string[]): void {
    this.cloudType = args[0] ?? '';
    checkNoMoreArgs(args.slice(1));
  }

  protected async execute(ctx: Context): Promise<number | void> {
    // Nothing can be saved, so no need to ask which copy to change.
    const targets = await this.targets(ctx, 'add a credential to', true);
    ctx.infof('\nLooking for cloud and credential information on local client...');
    if (targets.controller !== undefined) {
      ctx.infof(`\nLooking for cloud information on controller ${JSON.stringify(targets.controller)}...`);
    }
    if (this.cloudType !== '' && isKnownCloudType(this.cloudType)) {
      const authTypes = Object.keys(providerSchema(this.cloudType).credentials);
      if (authTypes.length === 1 && authTypes[0] === 'empty') {
        ctx.infof(
          `Clouds of type ${JSON.stringify(this.cloudType)} need no credentials: there is nothing to detect.`,
        );
      }
    }
    ctx.err('No cloud credentials found.\n');
  }
}
