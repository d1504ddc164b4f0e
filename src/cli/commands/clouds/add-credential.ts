/** `juju add-credential <cloud>`: add credentials on this client and/or upload them to a controller. */
import { readFileSync } from 'node:fs';
import type { CloudCredentials, CloudDefinition, Credential } from '../../../clientstore/index.js';
import { ErrorCode, JujuError, errorMessage } from '../../../core/errors.js';
import { isValidCloudCredentialName } from '../../../core/names.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs, SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { listControllerClouds } from './cloud-api.js';
import { askYesNo, ClientOrControllerCommand } from './client-or-controller.js';
import { checkCloudRegion, cloneCredential, readCredentialsFile } from './credential-file.js';
import { uploadToController } from './credential-upload.js';
import { enter, select } from './prompts.js';
import type { CredentialAttribute } from './provider-schemas.js';
import { providerSchema } from './provider-schemas.js';

export class AddCredentialCommand extends ClientOrControllerCommand {
  private fileFlag: FlagRef<string> | undefined;
  private regionFlag: FlagRef<string> | undefined;
  private cloudName = '';

  info(): CommandInfo {
    return {
      name: 'add-credential',
      args: '<cloud name>',
      purpose: 'Adds a credential for a cloud to a local client and uploads it to a controller.',
      doc: `add-credential works in two ways.

With only the <cloud name> argument it asks, on a terminal, for a credential
name, a region and the attributes the cloud's provider needs.

With -f <credentials.yaml> it reads the credentials from a YAML file, for
example two credentials for two clouds:

    credentials:
      aws:
        <credential-name>:
          auth-type: access-key
          access-key: <key>
          secret-key: <key>
      mymaas:
        <credential-name>:
          auth-type: oauth1
          maas-oauth: <key>

Credential names are arbitrary but unique within a cloud. Only the
credentials of <cloud name> are read from the file.

The built-in "local" cloud needs no credential.

This command sets neither default regions nor default credentials; use
"juju default-region" and "juju default-credential" for that.

Use --client to add the credential to this client, and --controller to
upload it to a controller (both may be given).`,
      examples: `    juju add-credential google
    juju add-credential google --client
    juju add-credential google -c mycontroller
    juju add-credential aws -f ~/credentials.yaml -c mycontroller
    juju add-credential aws -f ~/credentials.yaml
    juju add-credential aws -f ~/credentials.yaml --client`,
      seeAlso: [
        'credentials',
        'remove-credential',
        'update-credential',
        'default-credential',
        'default-region',
        'autoload-credentials',
      ],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.fileFlag = flags.string(['f', 'file'], '', 'The YAML file containing credentials to add');
    this.regionFlag = flags.string('region', '', 'Cloud region that credential is valid for');
  }

  override init(args: string[]): void {
    if (args.length < 1)
      throw new UsageError('Usage: juju add-credential <cloud-name> [-f <credentials.yaml>]');
    this.cloudName = args[0] as string;
    checkNoMoreArgs(args.slice(1));
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const targets = await this.targets(ctx, 'add a credential to', false);
    const store = this.store(ctx);
    let cloud: CloudDefinition | undefined;
    let remoteCloudFound = false;
    if (targets.controller !== undefined) {
      try {
        const remote = await listControllerClouds(await this.connectTo(ctx, targets.controller));
        const found = Object.hasOwn(remote, this.cloudName) ? remote[this.cloudName] : undefined;
        if (found) {
          ctx.infof(
            `Using cloud ${JSON.stringify(this.cloudName)} from the controller to verify credentials.`,
          );
          cloud = found;
          remoteCloudFound = true;
        }
      } catch (err) {
        ctx.logf('ERROR', 'juju.cmd.juju.cloud', errorMessage(err));
      }
      if (!remoteCloudFound) {
        ctx.infof(
          `Cloud ${JSON.stringify(this.cloudName)} is not found on the controller, looking for a locally stored cloud.`,
        );
      }
    }
    if (!cloud) {
      const all = store.allClouds();
      cloud = Object.hasOwn(all, this.cloudName) ? all[this.cloudName] : undefined;
      if (!cloud) {
        ctx.infof(
          "To view all available clouds, use 'juju clouds'.\nTo add new cloud, use 'juju add-cloud'.",
        );
        throw new SilentError(1);
      }
    }
    let schemas;
    try {
      schemas = providerSchema(cloud.type).credentials;
    } catch (err) {
      throw new JujuError(ErrorCode.NotFound, `getting provider for cloud: ${errorMessage(err)}`);
    }
    if (cloud.authTypes.length === 0)
      throw new JujuError(
        ErrorCode.NotValid,
        `cloud ${JSON.stringify(this.cloudName)} does not require credentials`,
      );
    const region = this.regionFlag?.value ?? '';
    if (region !== '') checkCloudRegion(this.cloudName, cloud, region);

    const existing = store.credentialsForCloud(this.cloudName);
    const file = this.fileFlag?.value ?? '';
    const context: AddContext = { targets, existing, region, remoteCloudFound };
    if (file === '') {
      if (!ctx.isTerminal('stdin')) {
        throw new JujuError(
          ErrorCode.NotValid,
          `no credentials file given and no terminal to ask for a credential: use "juju add-credential ${this.cloudName} -f <credentials.yaml>"`,
        );
      }
      return this.interactiveAdd(ctx, cloud, schemas, context);
    }

    const path = ctx.path(file);
    let fromFile;
    try {
      fromFile = readCredentialsFile(path);
    } catch (err) {
      throw new JujuError(
        err instanceof JujuError ? err.code : '',
        `parsing credentials file: ${errorMessage(err)}`,
      );
    }
    const forCloud = Object.hasOwn(fromFile, this.cloudName) ? fromFile[this.cloudName] : undefined;
    if (!forCloud)
      throw new JujuError(
        ErrorCode.NotFound,
        `no credentials for cloud ${this.cloudName} exist in file ${file}`,
      );
    const validAuthTypes = [...cloud.authTypes];
    if (Object.hasOwn(schemas, 'interactive') && !validAuthTypes.includes('interactive'))
      validAuthTypes.push('interactive');

    const added: Record<string, Credential> = {};
    const addedNames: string[] = [];
    let failed = false;
    for (const [name, cred] of Object.entries(forCloud.credentials)) {
      if (!isValidCloudCredentialName(name))
        throw new JujuError(ErrorCode.NotValid, `${JSON.stringify(name)} is not a valid credential name`);
      if (!validAuthTypes.includes(cred.authType)) {
        throw new JujuError(
          ErrorCode.NotValid,
          `credential ${JSON.stringify(name)} contains invalid auth type ${JSON.stringify(cred.authType)}, valid auth types for cloud ${JSON.stringify(this.cloudName)} are [${cloud.authTypes.join(' ')}]`,
        );
      }
      const expanded = expandFileAttributes(cloneCredential(cred), schemas[cred.authType] ?? [], ctx);
      added[name] = expanded;
      if (Object.hasOwn(existing.credentials, name)) {
        ctx.infof(
          `ERROR credential ${JSON.stringify(name)} for cloud ${JSON.stringify(this.cloudName)} already exists locally, use 'juju update-credential ${this.cloudName} ${name} -f ${file}' to update this local client copy`,
        );
        failed = true;
        continue;
      }
      existing.credentials[name] = expanded;
      addedNames.push(name);
    }
    return this.store_(ctx, 'added', context, added, addedNames, failed);
  }

  /** Save locally and/or upload; the shared end of both ways of adding. */
  private async store_(
    ctx: Context,
    verb: string,
    c: AddContext,
    added: Record<string, Credential>,
    addedNames: string[],
    failedBefore: boolean,
  ): Promise<number | void> {
    let failed = failedBefore;
    if (c.targets.client) {
      if (addedNames.length === 0) {
        ctx.out(`No local credentials for cloud ${JSON.stringify(this.cloudName)} changed.\n`);
      } else {
        const msg =
          addedNames.length === 1
            ? ` ${JSON.stringify(addedNames[0])}`
            : `s ${JSON.stringify(addedNames.join(', '))}`;
        try {
          const store = this.store(ctx);
          store.transaction((s) => {
            for (const name of addedNames)
              s.updateCredential(this.cloudName, name, c.existing.credentials[name] as Credential);
          });
          ctx.out(`Credential${msg} ${verb} locally for cloud ${JSON.stringify(this.cloudName)}.\n\n`);
        } catch (err) {
          ctx.out(
            `Credential${msg} not ${verb} locally for cloud ${JSON.stringify(this.cloudName)}: ${errorMessage(err)}\n\n`,
          );
          failed = true;
        }
      }
    }
    if (c.targets.controller !== undefined) {
      const controller = c.targets.controller;
      if (Object.keys(added).length === 0) {
        ctx.out(
          `No credentials for cloud ${JSON.stringify(this.cloudName)} uploaded to controller ${JSON.stringify(controller)}.\n`,
        );
      } else if (!c.remoteCloudFound) {
        ctx.out(
          `No cloud ${JSON.stringify(this.cloudName)} found on the controller ${JSON.stringify(controller)}: credentials are not uploaded.\n` +
            `Use 'juju clouds -c ${controller}' to see what clouds are available on the controller.\n` +
            `User 'juju add-cloud ${this.cloudName} -c ${controller}' to add your cloud to the controller.\n`,
        );
      } else {
        const ok = await uploadToController(ctx, {
          store: this.store(ctx),
          conn: await this.connectTo(ctx, controller),
          controller,
          cloud: this.cloudName,
          credentials: added,
          op: 'added',
          force: false,
        });
        if (!ok) failed = true;
      }
    }
    if (failed) throw new SilentError(1);
  }

  private async interactiveAdd(
    ctx: Context,
    cloud: CloudDefinition,
    schemas: Readonly<Record<string, readonly CredentialAttribute[]>>,
    c: AddContext,
  ): Promise<number | void> {
    const name = await enter(ctx, 'credential name', (v) =>
      isValidCloudCredentialName(v) ? undefined : `Invalid credential name: ${JSON.stringify(v)}`,
    );
    let verb = 'added';
    if (Object.hasOwn(c.existing.credentials, name)) {
      ctx.out(`A credential ${JSON.stringify(name)} already exists locally on this client.\n`);
      if (!(await askYesNo(ctx, 'Replace local credential', false))) return;
      verb = 'updated';
    }
    const authTypes = [...cloud.authTypes];
    if (Object.hasOwn(schemas, 'interactive') && !authTypes.includes('interactive'))
      authTypes.push('interactive');
    let region = c.region;
    if (cloud.regions.length > 0) {
      if (region !== '') {
        ctx.out(`User specified region ${JSON.stringify(region)}, using it.\n\n`);
      } else {
        const anyRegion = 'any region, credential is not region specific';
        region = await select(
          ctx,
          {
            singular: 'region',
            plural: 'regions',
            options: cloud.regions.map((r) => r.name),
            default: anyRegion,
          },
          (v) =>
            v === anyRegion || cloud.regions.some((r) => r.name === v)
              ? undefined
              : `provided region ${JSON.stringify(v)} for cloud ${JSON.stringify(this.cloudName)} not valid`,
        );
        if (region === anyRegion) region = '';
      }
    }
    let authType: string;
    if (authTypes.length === 1) {
      authType = authTypes[0] as string;
      ctx.out(`Using auth-type ${JSON.stringify(authType)}.\n\n`);
    } else {
      const def = authTypes.includes('interactive') ? 'interactive' : (authTypes[0] as string);
      authType = await select(ctx, {
        singular: 'auth type',
        plural: 'auth types',
        options: authTypes,
        default: def,
      });
    }
    const schema = Object.hasOwn(schemas, authType) ? schemas[authType] : undefined;
    if (!schema)
      throw new JujuError(
        ErrorCode.NotSupported,
        `auth type ${JSON.stringify(authType)} for cloud ${JSON.stringify(this.cloudName)} not supported`,
      );
    const attributes: Record<string, string> = {};
    for (const a of schema) {
      let value: string;
      if (a.options && a.options.length > 0) {
        value = await select(ctx, {
          singular: a.name,
          plural: a.name,
          options: a.options,
          default: a.options[0] as string,
        });
      } else if (a.fileAttr !== undefined) {
        const path = await enter(ctx, `${a.fileAttr}`, undefined, a.optional === true);
        value = path === '' ? '' : readAttributeFile(ctx.path(path), a.fileAttr);
      } else {
        value = await enter(ctx, a.name, undefined, a.optional === true);
      }
      if (value !== '') attributes[a.name] = value;
    }
    const credential: Credential = { authType, attributes };
    c.existing.credentials[name] = credential;
    return this.store_(ctx, verb, { ...c, region }, { [name]: credential }, [name], false);
  }
}

interface AddContext {
  targets: { client: boolean; controller?: string };
  existing: CloudCredentials;
  region: string;
  remoteCloudFound: boolean;
}

/** Replace `<attr>-path`-style file attributes by the file's contents, as Juju expands them. */
function expandFileAttributes(
  cred: Credential,
  schema: readonly CredentialAttribute[],
  ctx: Context,
): Credential {
  for (const a of schema) {
    if (a.fileAttr === undefined) continue;
    const path = cred.attributes[a.fileAttr];
    if (path === undefined || cred.attributes[a.name] !== undefined) continue;
    cred.attributes[a.name] = readAttributeFile(ctx.path(path), a.fileAttr);
    delete cred.attributes[a.fileAttr];
  }
  return cred;
}

function readAttributeFile(path: string, attr: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new JujuError(
      ErrorCode.NotValid,
      `expanding file paths for credential: reading ${attr} ${JSON.stringify(path)}: ${errorMessage(err)}`,
    );
  }
}
