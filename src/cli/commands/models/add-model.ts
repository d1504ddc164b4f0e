/**
 * `juju add-model <model name> [cloud|region|(cloud/region)]`: creates a
 * workload model on the controller (`ModelManager.CreateModel`), records it
 * in the client store and makes it current unless --no-switch.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiConnection } from '../../../api/connection.js';
import { ErrorCode, JujuError, errorMessage, isJujuError } from '../../../core/errors.js';
import {
  cloudCredentialTag,
  cloudTag,
  isValidCloudName,
  isValidModelName,
  isValidUser,
  parseCloudCredentialTag,
} from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type {
  Cloud,
  CloudResults,
  CloudsResult,
  StringsResults,
  UpdateCredentialResults,
} from '../../../rpc/params/cloud.js';
import { SilentError } from '../../framework/command.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { TabWriter } from '../../output/tabwriter.js';
import { parseConfigValues } from '../common/config-args.js';
import { createModel } from './create-model.js';

/** Juju's hint when the model name is missing. */
export function missingModelNameMessage(command: string): string {
  return `juju: no model name was passed. See "juju ${command} --help".\n\nDid you mean:\n\tjuju ${command} <model name>`;
}

const NO_AUTHORIZED_KEYS = `
No SSH authorized-keys were found. You must use "juju add-ssh-key"
before "juju ssh", "juju scp", or "juju debug-hooks" will work.`;

const AMBIGUOUS_CREDENTIAL = `
more than one credential is available. List credentials with:

    juju credentials

and then run the add-model command again with the --credential option`;

/** The public keys Juju puts on new machines: the client's own key and the user's. */
function readAuthorizedKeys(env: NodeJS.ProcessEnv, dataDir: string): string {
  const home = env.HOME ?? '';
  const candidates = [
    join(dataDir, 'ssh', 'juju_id_rsa.pub'),
    ...(home === ''
      ? []
      : ['id_ed25519.pub', 'id_ecdsa.pub', 'id_rsa.pub', 'id_dsa.pub'].map((f) => join(home, '.ssh', f))),
  ];
  const keys: string[] = [];
  for (const path of candidates) {
    try {
      if (existsSync(path)) keys.push(readFileSync(path, 'utf8').trim());
    } catch {
      // unreadable key files are skipped, as Juju does
    }
  }
  return keys.filter((k) => k !== '').join('\n');
}

interface CloudChoice {
  name: string;
  cloud: Cloud;
  region: string;
}

export class AddModelCommand extends ControllerCommandBase {
  private name = '';
  private cloudRegion = '';
  private owner: FlagRef<string> | undefined;
  private credential: FlagRef<string> | undefined;
  private config: FlagRef<string[]> | undefined;
  private noSwitch: FlagRef<boolean> | undefined;
  /** The cloud the controller itself runs on, preferred when several are available. */
  private controllerCloud = '';

  info(): CommandInfo {
    return {
      name: 'add-model',
      args: '<model name> [cloud|region|(cloud/region)]',
      purpose: 'Adds a workload model.',
      doc: `Creates a new model on the current controller (or the one given with -c)
and makes it the current model unless --no-switch is given.

A model is an isolated space for applications and their machines. It lives
on one of the controller's clouds and in one of its regions: name the
cloud, the region of the controller's cloud, or both as cloud/region.
Otherwise the controller's cloud and that cloud's default region are used.

If the cloud needs a credential and the user has exactly one on the
controller, it is used; otherwise name one with --credential. A credential
known only to this client is uploaded first.

--config sets model configuration: a YAML file or key=value pairs, and may
be repeated. Values not given are inherited from the model defaults
(see "juju model-defaults").

Controller superusers may create a model for another user with --owner.`,
      examples: `    juju add-model mymodel
    juju add-model mymodel us-east-1
    juju add-model mymodel aws/us-east-1 --credential mycred
    juju add-model mymodel --config image-stream=daily --config cfg.yaml
    juju add-model mymodel --owner bob --no-switch
`,
      seeAlso: [
        'model-config',
        'model-defaults',
        'add-credential',
        'autoload-credentials',
        'models',
        'switch',
      ],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.owner = f.string('owner', '', 'The owner of the new model if not the current user');
    this.credential = f.string('credential', '', 'Credential used to add the model');
    this.config = f.stringList(
      'config',
      'Path to YAML model configuration file or individual options (--config config.yaml [--config key=value ...])',
    );
    this.noSwitch = f.bool('no-switch', false, 'Do not switch to the newly created model');
    // JAAS places models on a controller behind it; a plain controller has only itself.
    f.string('target-controller', '', 'Target controller to host the model (JAAS only)');
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError(missingModelNameMessage('add-model'));
    this.name = args[0] as string;
    this.cloudRegion = args[1] ?? '';
    if (args.length > 2) {
      throw new UsageError(
        `unrecognized args: ${args
          .slice(2)
          .map((a) => JSON.stringify(a))
          .join(' ')}`,
      );
    }
    if (!isValidModelName(this.name)) {
      throw new UsageError(
        `${JSON.stringify(this.name)} is not a valid name: model names may only contain lowercase letters, digits and hyphens`,
      );
    }
    const owner = this.owner?.value ?? '';
    if (owner !== '' && !isValidUser(owner))
      throw new UsageError(`${JSON.stringify(owner)} is not a valid user`);
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const store = this.store(ctx);
    const controller = this.controllerName(ctx);
    const account = store.accountDetails(controller);
    const owner = this.owner?.value || account.user;
    this.controllerCloud = store.controllerByName(controller).cloud;
    const conn = await this.controllerApi(ctx);

    let choice: CloudChoice;
    try {
      choice = await this.chooseCloud(conn);
    } catch (err) {
      ctx.err(`ERROR ${errorMessage(err)}\n`);
      ctx.infof("Use 'juju clouds' to see a list of all available clouds or 'juju add-cloud' to a add one.");
      throw new SilentError(1);
    }
    let credentialTag: string | undefined;
    try {
      credentialTag = await this.chooseCredential(ctx, conn, owner, choice);
    } catch (err) {
      ctx.err(`ERROR ${errorMessage(err)}\n`);
      ctx.infof(
        "Use \n* 'juju add-credential -c' to upload a credential to a controller or\n" +
          "* 'juju autoload-credentials' to add credentials from local files or\n" +
          "* 'juju add-model --credential' to use a local credential.\n" +
          "Use 'juju credentials' to list all available credentials.\n",
      );
      throw new SilentError(1);
    }

    const config = parseConfigValues(this.config?.value ?? [], ctx);
    if (!Object.hasOwn(config, 'authorized-keys')) {
      const keys = readAuthorizedKeys(ctx.env, store.dir);
      if (keys !== '') config['authorized-keys'] = keys;
    }

    let info;
    try {
      info = await createModel({
        store,
        controller,
        conn,
        name: this.name,
        owner,
        cloud: choice.name,
        ...(choice.region !== '' ? { region: choice.region } : {}),
        ...(credentialTag !== undefined ? { credential: credentialTag } : {}),
        config,
        switchTo: !(this.noSwitch?.value ?? false),
      });
    } catch (err) {
      if (isJujuError(err, ErrorCode.Unauthorized)) {
        ctx.err('\nYou do not have permission to add a model.\n');
        ctx.err('You may ask an administrator to grant you access with "juju grant".\n\n');
        throw new JujuError('', err.message);
      }
      throw err;
    }

    let message = `Added '${this.name}' model`;
    const region = info['cloud-region'] ?? '';
    if (this.cloudRegion !== '' || region !== '') {
      const cloud = info['cloud-tag'].replace(/^cloud-/, '');
      message += ` on ${region !== '' ? `${cloud}/${region}` : cloud}`;
    }
    const tag = info['cloud-credential-tag'];
    if (tag) {
      const parts = parseCloudCredentialTag(tag);
      message += ` with credential '${parts.owner === owner ? parts.name : `${parts.owner}/${parts.name}`}'`;
    }
    message += ` for user '${owner.replace(/@local$/, '')}'`;
    ctx.infof(message);
    if (!Object.hasOwn(config, 'authorized-keys')) ctx.infof(NO_AUTHORIZED_KEYS);
  }

  private async cloudDetails(conn: ApiConnection, name: string): Promise<Cloud> {
    const result = (await conn.call<CloudResults>('Cloud', 'Cloud', { entities: [{ tag: cloudTag(name) }] }))
      .results[0];
    const err = result ? errorFromResult(result) : null;
    if (err) throw err;
    if (!result?.cloud) throw new JujuError(ErrorCode.NotFound, `cloud ${JSON.stringify(name)} not found`);
    return result.cloud;
  }

  /** The clouds the user may add models to, and the one used when none is named. */
  private async defaultCloud(
    conn: ApiConnection,
  ): Promise<{ name: string; cloud: Cloud; all: Record<string, Cloud> }> {
    const all: Record<string, Cloud> = {};
    for (const [tag, cloud] of Object.entries(
      (await conn.call<CloudsResult>('Cloud', 'Clouds')).clouds ?? {},
    )) {
      all[tag.replace(/^cloud-/, '')] = cloud;
    }
    const names = Object.keys(all).sort();
    const preferred = this.controllerCloud;
    const name = names.length === 1 ? (names[0] as string) : names.includes(preferred) ? preferred : '';
    if (name === '') {
      throw new JujuError(
        '',
        names.length === 0
          ? 'you do not have add-model access to any clouds on this controller.\nPlease ask the controller administrator to grant you add-model permission\nfor a particular cloud to which you want to add a model.'
          : 'this controller manages more than one cloud.\nPlease specify which cloud/region to use:\n\n    juju add-model [options] <model-name> cloud[/region]',
      );
    }
    return { name, cloud: all[name] as Cloud, all };
  }

  /** Interprets the optional argument as cloud/region, cloud, or a region of the default cloud. */
  private async chooseCloud(conn: ApiConnection): Promise<CloudChoice> {
    const arg = this.cloudRegion;
    if (arg === '') {
      const d = await this.defaultCloud(conn);
      return { name: d.name, cloud: d.cloud, region: '' };
    }
    let name = '';
    let region = '';
    let cloud: Cloud | undefined;
    const slash = arg.indexOf('/');
    if (slash >= 0) {
      name = arg.slice(0, slash);
      region = arg.slice(slash + 1);
      if (!isValidCloudName(name)) throw new JujuError('', `invalid cloud name ${JSON.stringify(name)}`);
      cloud = await this.cloudDetails(conn, name);
    } else {
      if (isValidCloudName(arg)) {
        try {
          cloud = await this.cloudDetails(conn, arg);
          name = arg;
        } catch (err) {
          if (!isJujuError(err, ErrorCode.NotFound)) throw err;
        }
      }
      if (cloud === undefined) region = arg;
    }
    let all: Record<string, Cloud> | undefined;
    if (cloud === undefined) {
      const d = await this.defaultCloud(conn);
      name = d.name;
      cloud = d.cloud;
      all = d.all;
    }
    if (region !== '' && !(cloud.regions ?? []).some((r) => r.name === region)) {
      if (slash < 0) throw new JujuError('', unsupportedCloudOrRegion(arg, name, all ?? { [name]: cloud }));
      const known = (cloud.regions ?? []).map((r) => JSON.stringify(r.name)).join(' ');
      throw new JujuError(ErrorCode.NotFound, `region "${region}" not found (expected one of [${known}])`);
    }
    return { name, cloud, region };
  }

  /**
   * The credential tag to create the model with: the one named (uploaded
   * first when only this client has it), else the owner's only credential
   * on the controller; none for clouds that need none.
   */
  private async chooseCredential(
    ctx: Context,
    conn: ApiConnection,
    owner: string,
    choice: CloudChoice,
  ): Promise<string | undefined> {
    const named = this.credential?.value ?? '';
    const onController = await this.controllerCredentials(conn, owner, choice.name);
    if (named === '') {
      if ((choice.cloud['auth-types'] ?? []).includes('empty')) return undefined;
      if (onController.length === 1) return onController[0];
      if (onController.length > 1) throw new JujuError('', AMBIGUOUS_CREDENTIAL);
      return undefined;
    }
    const tag = cloudCredentialTag(choice.name, owner, named);
    if (onController.includes(tag)) return tag;
    const local = this.store(ctx).allCredentials()[choice.name]?.credentials[named];
    if (local === undefined) return tag; // the controller reports if it does not know it either
    ctx.infof(`Uploading credential '${choice.name}/${owner}/${named}' to controller`);
    const result = await conn.call<UpdateCredentialResults>('Cloud', 'UpdateCredentialsCheckModels', {
      credentials: [{ tag, credential: { 'auth-type': local.authType, attributes: local.attributes } }],
    });
    const err = result.results?.[0] ? errorFromResult(result.results[0]) : null;
    if (err) {
      ctx.infof(`Failed to upload credential: ${err.message}`);
      throw new SilentError(1);
    }
    return tag;
  }

  private async controllerCredentials(conn: ApiConnection, owner: string, cloud: string): Promise<string[]> {
    try {
      const result = await conn.call<StringsResults>('Cloud', 'UserCredentials', {
        'user-clouds': [{ 'user-tag': `user-${owner}`, 'cloud-tag': cloudTag(cloud) }],
      });
      return result.results[0]?.result ?? [];
    } catch {
      return [];
    }
  }
}

/** The error for an argument that is neither a cloud nor a region of the default cloud. */
function unsupportedCloudOrRegion(arg: string, defaultCloud: string, clouds: Record<string, Cloud>): string {
  const tw = new TabWriter();
  tw.row('Cloud', 'Regions');
  for (const name of Object.keys(clouds).sort()) {
    tw.row(name, ((clouds[name] as Cloud).regions ?? []).map((r) => r.name).join(', '));
  }
  const names = Object.keys(clouds);
  const prefix =
    names.length <= 1
      ? `${JSON.stringify(arg)} is neither a cloud supported by this controller,\nnor a region in the controller's default cloud ${JSON.stringify(defaultCloud)}.`
      : 'this controller manages more than one cloud.\nPlease specify which cloud/region to use:\n\n    juju add-model [options] <model-name> cloud[/region]\n';
  return `${prefix}\nThe clouds/regions supported by this controller are:\n\n${tw.toString()}`;
}
