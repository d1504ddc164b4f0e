/** `juju add-cloud <cloud> [<file>]`: define a cloud on this client and/or a controller. */
import type { ClientStore, CloudDefinition } from '../../../clientstore/index.js';
import { isBuiltinCloud } from '../../../clientstore/index.js';
import { alreadyExists, badRequest, errorMessage, isJujuError, notValid } from '../../../core/errors.js';
import { cloudCredentialTag, isValidCloudName } from '../../../core/names.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs, SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { addControllerCloud, uploadCredentials } from './cloud-api.js';
import { DEFAULT_REGION, readCloudFromFile } from './cloud-file.js';
import { askYesNo, ClientOrControllerCommand } from './client-or-controller.js';
import { ask, enter, select } from './prompts.js';
import { interactiveCloudTypes, providerSchema } from './provider-schemas.js';

export class AddCloudCommand extends ClientOrControllerCommand {
  private fileFlag: FlagRef<string> | undefined;
  private credentialFlag: FlagRef<string> | undefined;
  private forceFlag: FlagRef<boolean> | undefined;
  private targetControllerFlag: FlagRef<string> | undefined;
  private cloudName = '';
  private cloudFile = '';

  info(): CommandInfo {
    return {
      name: 'add-cloud',
      args: '<cloud name> [<cloud definition file>]',
      purpose: 'Add a cloud definition to Juju.',
      doc: `Juju needs to know how to reach a cloud: a cloud definition gives its type,
endpoints and the kinds of credentials it accepts. Each definition is stored
under a <cloud name>.

The built-in clouds ("local" for machines on this host, "localhost" for LXD)
need no definition.

add-cloud works in two ways:

    juju add-cloud
    juju add-cloud <cloud name> <cloud definition file>

Without a definition file, add-cloud asks for the cloud's type, name,
endpoint and regions (this needs a terminal).

A definition file can be given with -f or as the second argument:

    juju add-cloud mycloud ~/mycloud.yaml
    juju add-cloud mycloud -f ~/mycloud.yaml

It is a YAML file of this form:

    clouds:                           # mandatory
      mycloud:                        # <cloud name> argument
        type: openstack               # <cloud type>, see below
        auth-types: [ userpass ]
        regions:
          london:
            endpoint: https://london.mycloud.com:35574/v3.0/

Cloud types for private clouds:
 - local
 - lxd
 - maas
 - manual
 - openstack
 - vsphere

Use --client to add the cloud to this client, and --controller to upload it
to a controller (both may be given). When a cloud is uploaded, a credential
for it from this client is uploaded too: the only one, or the one named with
--credential. Clouds that a controller may not reach can be added with --force.`,
      examples: `    juju add-cloud
    juju add-cloud mycloud ~/mycloud.yaml
    juju add-cloud --client mycloud -f ~/mycloud.yaml
    juju add-cloud --controller mycontroller mycloud
    juju add-cloud --controller mycontroller mycloud --credential mycred`,
      seeAlso: ['clouds', 'update-cloud', 'remove-cloud', 'update-credential'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.forceFlag = flags.bool('force', false, 'Force add cloud to the controller');
    this.fileFlag = flags.string(['f', 'file'], '', 'The path to a cloud definition file');
    this.credentialFlag = flags.string('credential', '', 'Credential to use for new cloud');
    this.targetControllerFlag = flags.string(
      'target-controller',
      '',
      'The name of a JAAS managed controller to add a cloud to',
    );
  }

  override init(args: string[]): void {
    this.cloudFile = this.fileFlag?.value ?? '';
    if (args.length > 0) {
      this.cloudName = args[0] as string;
      if (!isValidCloudName(this.cloudName))
        throw new UsageError(`cloud name ${JSON.stringify(this.cloudName)} not valid`);
    }
    if (args.length > 1) {
      const file = args[1] as string;
      if (this.cloudFile !== '' && this.cloudFile !== file)
        throw badRequest('cannot specify cloud file with option and argument');
      this.cloudFile = file;
    }
    checkNoMoreArgs(args.slice(2));
  }

  protected async execute(ctx: Context): Promise<number | void> {
    if ((this.targetControllerFlag?.value ?? '') !== '') {
      ctx.warningf('--target-controller only applies to JAAS-managed controllers and is ignored');
    }
    const targets = await this.targets(ctx, 'add cloud to', false);
    const store = this.store(ctx);
    let cloud: CloudDefinition;
    let existsLocally = false;
    if (this.cloudFile !== '') {
      const read = readCloudFromFile(ctx.path(this.cloudFile), this.cloudName || undefined);
      for (const w of read.warnings) ctx.warningf(w);
      this.cloudName = read.name;
      cloud = read.definition;
      existsLocally = Object.hasOwn(store.personalClouds(), read.name) || isBuiltinCloud(read.name);
    } else {
      const known = this.cloudName !== '' ? store.allClouds() : {};
      const existing = Object.hasOwn(known, this.cloudName) ? known[this.cloudName] : undefined;
      if (existing) {
        existsLocally = true;
        const { source: _source, ...def } = existing;
        cloud = def;
      } else {
        if (!ctx.isTerminal('stdin')) {
          throw notValid(
            'no cloud definition file given and no terminal to ask for one: use "juju add-cloud <cloud name> -f <cloud definition file>"',
          );
        }
        cloud = await this.runInteractive(ctx, store);
      }
    }
    if (cloud.regions.length === 0) cloud.regions = [{ name: DEFAULT_REGION }];

    let failed: Error | undefined;
    if (targets.client && !existsLocally) {
      try {
        store.updatePersonalCloud(this.cloudName, cloud);
      } catch (err) {
        ctx.infof(`Cloud ${JSON.stringify(this.cloudName)} was not added locally: ${errorMessage(err)}`);
        failed = new SilentError(1);
      }
      if (failed === undefined) {
        ctx.infof(`Cloud ${JSON.stringify(this.cloudName)} successfully added to your local client.`);
        if (cloud.authTypes.length > 0) {
          ctx.infof(
            `You will need to add a credential for this cloud (\`juju add-credential ${this.cloudName}\`)`,
          );
          ctx.infof(
            `before you can use it to bootstrap a controller (\`juju bootstrap ${this.cloudName}\`) or`,
          );
          ctx.infof(`to create a model (\`juju add-model <your model name> ${this.cloudName}\`).`);
        }
      }
    }
    if (targets.client && existsLocally) {
      failed = alreadyExists(
        `use \`update-cloud ${this.cloudName} --client\` to override known definition: local cloud ${JSON.stringify(this.cloudName)} already exists`,
      );
    }
    if (targets.client && targets.controller !== undefined) ctx.infof('');
    if (targets.controller !== undefined) {
      try {
        await this.addRemoteCloud(ctx, targets.controller, cloud);
      } catch (err) {
        ctx.infof(`Could not upload cloud to a controller: ${errorMessage(err)}`);
        failed = new SilentError(1);
      }
    }
    if (failed !== undefined) throw failed;
  }

  private async addRemoteCloud(ctx: Context, controller: string, cloud: CloudDefinition): Promise<void> {
    const conn = await this.connectTo(ctx, controller);
    const uploadHint = (): void =>
      ctx.infof(
        `To upload a credential to the controller for cloud ${JSON.stringify(this.cloudName)}, use \n` +
          `* 'add-model' with --credential option or\n` +
          `* 'add-credential -c ${this.cloudName}'.`,
      );
    try {
      await addControllerCloud(conn, this.cloudName, cloud, this.forceFlag?.value ?? false);
    } catch (err) {
      if (isJujuError(err, 'already exists')) {
        ctx.infof(
          `Cloud ${JSON.stringify(this.cloudName)} already exists on the controller ${JSON.stringify(controller)}.`,
        );
        uploadHint();
        return;
      }
      if (isJujuError(err, 'incompatible clouds')) {
        ctx.infof(
          `Adding a cloud of type ${JSON.stringify(cloud.type)} might not function correctly on this controller.\n` +
            'If you really want to do this, use --force.',
        );
        return;
      }
      throw err;
    }
    ctx.infof(`Cloud ${JSON.stringify(this.cloudName)} added to controller ${JSON.stringify(controller)}.`);
    try {
      const store = this.store(ctx);
      const creds = store.credentialsForCloud(this.cloudName);
      const names = Object.keys(creds.credentials);
      let chosen = this.credentialFlag?.value ?? '';
      if (chosen === '') {
        if (names.length === 1) chosen = names[0] as string;
        else if (creds.defaultCredential !== undefined) chosen = creds.defaultCredential;
        else if (names.length > 1)
          throw new Error(
            'more than one credential is available\nspecify a credential using the --credential argument',
          );
        else throw new Error(`credentials for cloud ${this.cloudName} not found`);
      }
      const credential = Object.hasOwn(creds.credentials, chosen) ? creds.credentials[chosen] : undefined;
      if (!credential)
        throw new Error(
          `credential ${JSON.stringify(chosen)} for cloud ${JSON.stringify(this.cloudName)} not found`,
        );
      const user = store.accountDetails(controller).user;
      const [result] = await uploadCredentials(
        conn,
        [
          {
            tag: cloudCredentialTag(this.cloudName, user, chosen),
            authType: credential.authType,
            attributes: credential.attributes,
          },
        ],
        false,
      );
      if (result?.error) throw result.error;
    } catch (err) {
      ctx.logf('WARNING', 'juju.cmd.juju.cloud', errorMessage(err));
      uploadHint();
      return;
    }
    ctx.infof(
      `Credential for cloud ${JSON.stringify(this.cloudName)} added to controller ${JSON.stringify(controller)}.`,
    );
  }

  /** Ask for the cloud's type, name, endpoint and regions. */
  private async runInteractive(ctx: Context, store: ClientStore): Promise<CloudDefinition> {
    const types = interactiveCloudTypes();
    const type = await select(ctx, { singular: 'cloud type', plural: 'cloud types', options: types });
    const schema = providerSchema(type);
    const questions = schema.interactive ?? { regions: false, authTypes: [] };
    let name = this.cloudName;
    for (;;) {
      if (name === '') {
        name = await enter(ctx, `a name for your ${type} cloud`, (n) =>
          isValidCloudName(n)
            ? undefined
            : 'Invalid name. Valid names start with a letter, and use only letters, numbers, hyphens, and underscores: ',
        );
      }
      if (isBuiltinCloud(name)) {
        ctx.out(`${JSON.stringify(name)} is the name of a built-in cloud, please choose another name.\n`);
        name = '';
        continue;
      }
      if (Object.hasOwn(store.personalClouds(), name)) {
        const replace = await askYesNo(
          ctx,
          `A cloud named ${JSON.stringify(name)} already exists. Do you want to replace that definition`,
          false,
        );
        if (!replace) {
          name = '';
          continue;
        }
      }
      break;
    }
    this.cloudName = name;
    const cloud: CloudDefinition = { type, authTypes: [...questions.authTypes], regions: [] };
    if (schema.description) cloud.description = schema.description;
    if (questions.endpoint !== undefined) {
      cloud.endpoint = await ask(ctx, questions.endpoint);
    }
    if (questions.regions) {
      for (;;) {
        const region = await enter(ctx, 'region name');
        cloud.regions.push({ name: region });
        if (!(await askYesNo(ctx, 'Enter another region', false))) break;
      }
    }
    return cloud;
  }
}
