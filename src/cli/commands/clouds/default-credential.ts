/** `juju default-credential <cloud> [<name>]`: show, set or unset this client's default credential for a cloud. */
import { ErrorCode, JujuError } from '../../../core/errors.js';
import { ClientStore } from '../../../clientstore/index.js';
import type { CommandInfo } from '../../framework/command.js';
import { CommandBase, checkNoMoreArgs } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { knownCloud } from './credential-file.js';

export class DefaultCredentialCommand extends CommandBase {
  private resetFlag: FlagRef<boolean> | undefined;
  private cloudName = '';
  private credentialName = '';

  info(): CommandInfo {
    return {
      name: 'default-credential',
      args: '<cloud name> [<credential name>]',
      purpose: 'Sets local default credentials for a cloud on this client.',
      doc: `Sets, shows or unsets the credential this client uses by default for a cloud,
so that a credential need not be named when a cloud has several.

Credential names are given when credentials are added with
"juju add-credential" or "juju autoload-credentials"; "juju credentials" lists
them.

Without a credential name, the current default is shown. Use --reset to unset
it.`,
      examples: `    juju default-credential google credential_name
    juju default-credential google
    juju default-credential google --reset`,
      seeAlso: ['credentials', 'add-credential', 'remove-credential', 'autoload-credentials'],
      aliases: ['set-default-credentials', 'set-default-credential'],
    };
  }

  override setFlags(flags: FlagSet): void {
    this.resetFlag = flags.bool('reset', false, 'Reset default credential for the cloud');
  }

  override init(args: string[]): void {
    if (args.length < 1)
      throw new UsageError('Usage: juju default-credential <cloud-name> [<credential-name>]');
    this.cloudName = args[0] as string;
    this.credentialName = args[1] ?? '';
    checkNoMoreArgs(args.slice(2));
  }

  override run(ctx: Context): Promise<number | void> {
    const store = new ClientStore(undefined, { env: ctx.env });
    knownCloud(store, this.cloudName);
    const current = store.credentialsForCloud(this.cloudName);
    const reset = this.resetFlag?.value ?? false;
    if (!reset && this.credentialName === '') {
      if (current.defaultCredential) {
        ctx.infof(
          `Default credential for cloud ${JSON.stringify(this.cloudName)} is ${JSON.stringify(current.defaultCredential)} on this client.`,
        );
      } else {
        ctx.infof(
          `Default credential for cloud ${JSON.stringify(this.cloudName)} is not set on this client.`,
        );
      }
      return Promise.resolve();
    }
    if (this.credentialName !== '') {
      if (!Object.hasOwn(current.credentials, this.credentialName)) {
        throw new JujuError(
          ErrorCode.NotValid,
          `credential ${JSON.stringify(this.credentialName)} for cloud ${this.cloudName} not valid`,
        );
      }
      store.setDefaultCredential(this.cloudName, this.credentialName);
      ctx.infof(
        `Local credential ${JSON.stringify(this.credentialName)} is set to be default for ${JSON.stringify(this.cloudName)} for this client.`,
      );
    } else {
      store.setDefaultCredential(this.cloudName, null);
      ctx.infof(
        `Default credential for cloud ${JSON.stringify(this.cloudName)} is no longer set on this client.`,
      );
    }
    return Promise.resolve();
  }
}
