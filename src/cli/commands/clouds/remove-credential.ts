/** `juju remove-credential <cloud> <name>`: forget a credential on this client and/or a controller. */
import { errorMessage } from '../../../core/errors.js';
import { cloudCredentialTag, isValidCloudCredentialId } from '../../../core/names.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs, SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import type { ApiConnection } from '../../../api/connection.js';
import { listControllerClouds, revokeCredential } from './cloud-api.js';
import { ClientOrControllerCommand } from './client-or-controller.js';

export class RemoveCredentialCommand extends ClientOrControllerCommand {
  private forceFlag: FlagRef<boolean> | undefined;
  private cloudName = '';
  private credentialName = '';

  info(): CommandInfo {
    return {
      name: 'remove-credential',
      args: '<cloud name> <credential name>',
      purpose: 'Removes Juju credentials for a cloud.',
      doc: `Removes the named credential of a cloud. "juju credentials" lists the
credential names.

Use the --controller option to remove the credential from a controller. The
controller refuses while models use the credential; --force removes it anyway,
leaving those models with unreachable machines until they are given another
credential with "juju set-credential".

Use the --client option to remove the credential from this client.`,
      examples: `    juju remove-credential google credential_name
    juju remove-credential google credential_name --client
    juju remove-credential google credential_name -c mycontroller
    juju remove-credential google credential_name -c mycontroller --force`,
      seeAlso: [
        'add-credential',
        'autoload-credentials',
        'credentials',
        'default-credential',
        'set-credential',
        'update-credential',
      ],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.forceFlag = flags.bool(
      'force',
      false,
      'Force remove controller-side credential, ignore validation errors',
    );
  }

  override init(args: string[]): void {
    if (args.length < 2) throw new UsageError('Usage: juju remove-credential <cloud-name> <credential-name>');
    this.cloudName = args[0] as string;
    this.credentialName = args[1] as string;
    checkNoMoreArgs(args.slice(2));
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const targets = await this.targets(
      ctx,
      `remove credential ${JSON.stringify(this.credentialName)} for cloud ${JSON.stringify(this.cloudName)} from`,
      false,
    );
    const store = this.store(ctx);
    let conn: ApiConnection | undefined;
    let remoteCloudFound = false;
    let localCloudFound = false;
    if (targets.controller !== undefined) {
      conn = await this.connectTo(ctx, targets.controller);
      try {
        if (Object.hasOwn(await listControllerClouds(conn), this.cloudName)) {
          ctx.infof(`Found remote cloud ${JSON.stringify(this.cloudName)} from the controller.`);
          remoteCloudFound = true;
        }
      } catch (err) {
        ctx.logf('ERROR', 'juju.cmd.juju.cloud', errorMessage(err));
      }
    }
    if (targets.client && Object.hasOwn(store.allClouds(), this.cloudName)) {
      ctx.infof(`Found local cloud ${JSON.stringify(this.cloudName)} on this client.`);
      localCloudFound = true;
    }
    if (!remoteCloudFound && !localCloudFound) {
      ctx.infof(
        `No cloud ${JSON.stringify(this.cloudName)} is found.\nTo view all available clouds, use 'juju clouds'.\nTo add new cloud, use 'juju add-cloud'.`,
      );
      throw new SilentError(1);
    }
    let failed = false;
    if (targets.client) {
      const stored = store.allCredentials();
      const entry = Object.hasOwn(stored, this.cloudName) ? stored[this.cloudName] : undefined;
      if (!localCloudFound) {
        ctx.infof(
          `No credentials exist on this client since cloud ${JSON.stringify(this.cloudName)} is not found.`,
        );
      } else if (!entry) {
        ctx.infof(`No stored credentials exist for cloud ${JSON.stringify(this.cloudName)} on this client.`);
      } else if (!Object.hasOwn(entry.credentials, this.credentialName)) {
        ctx.infof(
          `No credential called ${JSON.stringify(this.credentialName)} exists for cloud ${JSON.stringify(this.cloudName)} on this client`,
        );
      } else {
        try {
          store.removeCredential(this.cloudName, this.credentialName);
          ctx.infof(
            `Credential ${JSON.stringify(this.credentialName)} for cloud ${JSON.stringify(this.cloudName)} removed from this client.`,
          );
        } catch (err) {
          ctx.infof(`ERROR could not remove credential from this client: ${errorMessage(err)}`);
          failed = true;
        }
      }
    }
    if (targets.controller !== undefined && conn !== undefined) {
      const controller = targets.controller;
      if (!remoteCloudFound) {
        ctx.infof(
          `No stored credentials exist since cloud ${JSON.stringify(this.cloudName)} is not found on the controller ${JSON.stringify(controller)}.`,
        );
        failed = true;
      } else {
        try {
          const user = store.accountDetails(controller).user;
          const id = `${this.cloudName}/${user}/${this.credentialName}`;
          if (!isValidCloudCredentialId(id)) {
            ctx.warningf(
              `Could not remove controller credential ${this.credentialName} for user ${user} on cloud ${this.cloudName}: cloud credential ID ${JSON.stringify(id)} not valid`,
            );
            failed = true;
          } else {
            await revokeCredential(
              conn,
              cloudCredentialTag(this.cloudName, user, this.credentialName),
              this.forceFlag?.value ?? false,
            );
            ctx.infof(
              `Credential ${JSON.stringify(this.credentialName)} for cloud ${JSON.stringify(this.cloudName)} removed from the controller ${JSON.stringify(controller)}.`,
            );
          }
        } catch (err) {
          ctx.infof(`ERROR could not remove remote credential: ${errorMessage(err)}`);
          failed = true;
        }
      }
    }
    if (failed) throw new SilentError(1);
  }
}
