/** `juju update-credential [<cloud> [<name>]]`: replace credentials on this client and/or a controller. */
import type { CloudCredentials, Credential } from '../../../clientstore/index.js';
import { ErrorCode, JujuError, errorMessage } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import { SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { listControllerClouds } from './cloud-api.js';
import { ClientOrControllerCommand } from './client-or-controller.js';
import type { CredentialsByCloud } from './credential-file.js';
import { readCredentialsFile } from './credential-file.js';
import { uploadToController } from './credential-upload.js';

export class UpdateCredentialCommand extends ClientOrControllerCommand {
  private fileFlag: FlagRef<string> | undefined;
  private regionFlag: FlagRef<string> | undefined;
  private forceFlag: FlagRef<boolean> | undefined;
  private cloudName = '';
  private credentialName = '';

  info(): CommandInfo {
    return {
      name: 'update-credential',
      args: '[<cloud-name> [<credential-name>]]',
      purpose: 'Updates a controller credential for a cloud.',
      doc: `Cloud credentials often outlive their validity while models still use them;
this command replaces the content of an existing, named credential on a
controller and/or on this client.

The new content comes from a YAML file (-f, in the format add-credential
reads) or, without a file, from this client's copy of the credential.

Use the --controller option to update a credential on a controller. The
controller checks that the models using the credential can still reach their
machines with the new content; --force skips that check (which may leave some
models with unreachable machines).

Use --client to update the credential on this client.

Use --region to check the credential against a region other than the
default one.`,
      examples: `    juju update-credential aws mysecrets
    juju update-credential -f mine.yaml
    juju update-credential -f mine.yaml --client
    juju update-credential aws -f mine.yaml
    juju update-credential azure --region brazilsouth -f mine.yaml
    juju update-credential -f mine.yaml --controller mycontroller --force`,
      seeAlso: ['add-credential', 'credentials', 'remove-credential', 'set-credential'],
      aliases: ['update-credentials'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.fileFlag = flags.string(['f', 'file'], '', 'The YAML file containing credential details to update');
    this.regionFlag = flags.string('region', '', 'Cloud region that credential is valid for');
    this.forceFlag = flags.bool(
      'force',
      false,
      'Force update controller side credential, ignore validation errors',
    );
  }

  override init(args: string[]): void {
    if (args.length > 2)
      throw new UsageError('only a cloud name and / or credential name need to be provided');
    this.cloudName = args[0] ?? '';
    this.credentialName = args[1] ?? '';
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const file = this.fileFlag?.value ?? '';
    if (file === '' && this.cloudName === '') {
      throw new Error('Usage: juju update-credential [options] [<cloud-name> [<credential-name>]]');
    }
    const update = file !== '' ? this.fromFile(ctx.path(file), file) : this.fromLocal(ctx);
    const targets = await this.targets(
      ctx,
      `update credential ${JSON.stringify(this.credentialName)} on cloud ${JSON.stringify(this.cloudName)} on`,
      false,
    );
    let failed = false;
    if (targets.client && !this.updateLocal(ctx, update)) failed = true;
    if (targets.controller !== undefined && !(await this.updateRemote(ctx, targets.controller, update)))
      failed = true;
    if (failed) throw new SilentError(1);
  }

  private fromFile(path: string, shown: string): CredentialsByCloud {
    try {
      const all = readCredentialsFile(path);
      if (this.cloudName === '' && this.credentialName === '') return all;
      let byCloud: CredentialsByCloud = all;
      if (this.cloudName !== '') {
        const entry = Object.hasOwn(all, this.cloudName) ? all[this.cloudName] : undefined;
        if (!entry) {
          throw new JujuError(
            ErrorCode.NotFound,
            `credentials for cloud ${JSON.stringify(this.cloudName)} in file ${JSON.stringify(shown)} not found`,
          );
        }
        byCloud = { [this.cloudName]: entry };
      }
      if (this.credentialName === '') return byCloud;
      const out = pickCredential(byCloud, this.credentialName);
      if (Object.keys(out).length === 0) {
        throw new JujuError(
          ErrorCode.NotFound,
          `credential ${JSON.stringify(this.credentialName)} for cloud ${JSON.stringify(this.cloudName)} in file ${shown} not found`,
        );
      }
      return out;
    } catch (err) {
      throw new JujuError(
        err instanceof JujuError ? err.code : '',
        `could not get credentials from file: ${errorMessage(err)}`,
      );
    }
  }

  private fromLocal(ctx: Context): CredentialsByCloud {
    const all = this.store(ctx).allCredentials();
    let byCloud: CredentialsByCloud = all;
    if (this.cloudName !== '') {
      const entry = Object.hasOwn(all, this.cloudName) ? all[this.cloudName] : undefined;
      if (!entry) {
        throw new JujuError(
          ErrorCode.NotFound,
          `could not get credentials from local client: loading credentials: credentials for cloud ${this.cloudName} not found`,
        );
      }
      byCloud = { [this.cloudName]: entry };
    }
    if (this.credentialName === '') return byCloud;
    const out = pickCredential(byCloud, this.credentialName);
    if (Object.keys(out).length === 0) {
      throw new JujuError(
        ErrorCode.NotFound,
        `could not get credentials from local client: credential ${JSON.stringify(this.credentialName)} for cloud ${JSON.stringify(this.cloudName)} in local client not found`,
      );
    }
    return out;
  }

  private updateLocal(ctx: Context, update: CredentialsByCloud): boolean {
    const store = this.store(ctx);
    const clouds = store.allClouds();
    const stored = store.allCredentials();
    const region = this.regionFlag?.value ?? '';
    let erred = false;
    for (const [cloudName, entry] of Object.entries(update)) {
      const cloud = Object.hasOwn(clouds, cloudName) ? clouds[cloudName] : undefined;
      if (!cloud) {
        ctx.infof(`Cloud ${JSON.stringify(cloudName)} not found.`);
        erred = true;
        continue;
      }
      if (!Object.hasOwn(stored, cloudName)) {
        ctx.warningf(`Could not find credentials for cloud ${cloudName} on this client.`);
        ctx.infof('Use `juju add-credential` to add a credential to this client.');
        erred = true;
        continue;
      }
      if (region !== '' && !cloud.regions.some((r) => r.name === region)) {
        ctx.warningf(`Region ${JSON.stringify(region)} is not valid for cloud ${cloudName}.`);
        erred = true;
        continue;
      }
      try {
        store.transaction((s) => {
          for (const [name, cred] of Object.entries(entry.credentials))
            s.updateCredential(cloudName, name, cred);
        });
      } catch (err) {
        ctx.logf('ERROR', 'juju.cmd.juju.cloud', errorMessage(err));
        ctx.warningf(`Could not update this client with credentials for cloud ${cloudName}`);
        erred = true;
      }
    }
    if (erred) return false;
    ctx.infof('Local client was updated successfully with provided credential information.');
    return true;
  }

  private async updateRemote(ctx: Context, controller: string, update: CredentialsByCloud): Promise<boolean> {
    const store = this.store(ctx);
    let user: string;
    try {
      user = store.accountDetails(controller).user;
    } catch (err) {
      ctx.infof(`ERROR ${errorMessage(err)}`);
      return false;
    }
    try {
      const conn = await this.connectTo(ctx, controller);
      const remoteClouds = await listControllerClouds(conn);
      let ok = true;
      for (const [cloudName, entry] of Object.entries(update)) {
        if (!Object.hasOwn(remoteClouds, cloudName)) {
          ctx.warningf(
            `No cloud ${JSON.stringify(cloudName)} available to user ${JSON.stringify(user)} remotely on controller ${JSON.stringify(controller)}`,
          );
          ok = false;
          continue;
        }
        const uploaded = await uploadToController(ctx, {
          store,
          conn,
          controller,
          cloud: cloudName,
          credentials: entry.credentials,
          op: 'updated',
          force: this.forceFlag?.value ?? false,
        });
        if (!uploaded) ok = false;
      }
      return ok;
    } catch (err) {
      ctx.infof(`ERROR ${errorMessage(err)}`);
      return false;
    }
  }
}

function pickCredential(byCloud: CredentialsByCloud, name: string): CredentialsByCloud {
  const out: CredentialsByCloud = {};
  for (const [cloud, entry] of Object.entries(byCloud)) {
    const cred: Credential | undefined = Object.hasOwn(entry.credentials, name)
      ? entry.credentials[name]
      : undefined;
    if (!cred) continue;
    const picked: CloudCredentials = { credentials: { [name]: cred } };
    if (entry.defaultRegion) picked.defaultRegion = entry.defaultRegion;
    out[cloud] = picked;
  }
  return out;
}
