/** `juju show-credential [<cloud> <name>]`: credential contents from this client and/or a controller. */
import type { YamlMapping } from '../../../clientstore/index.js';
import { goMap, stringifyYamlV2 } from '../../../clientstore/index.js';
import { errorMessage } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import { SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { OutputOptions } from '../../output/output-flags.js';
import { controllerCredentials } from './cloud-api.js';
import { ClientOrControllerCommand } from './client-or-controller.js';
import { withoutSecrets } from './provider-schemas.js';

interface ShownCredential {
  authType: string;
  validity?: string;
  attributes: Record<string, string>;
  models: Record<string, string>;
}

/** Cloud → credential name → details. */
type ShownByCloud = Record<string, Record<string, ShownCredential>>;

interface Shown {
  controller: ShownByCloud;
  client: ShownByCloud;
}

export class ShowCredentialCommand extends ClientOrControllerCommand {
  private readonly output = new OutputOptions('yaml', { yaml: (v) => yamlOf(v as Shown) });
  private showSecrets: FlagRef<boolean> | undefined;
  private cloudName = '';
  private credentialName = '';

  info(): CommandInfo {
    return {
      name: 'show-credential',
      args: '[<cloud name> <credential name>]',
      purpose: 'Shows credential information stored either on this client or on a controller.',
      doc: `Shows the cloud credentials stored on this client or on a controller for
this user.

Give a cloud and a credential name to see one credential; give no arguments
to see them all.

Secret attributes are only shown with the --show-secrets option.

Use the --client option to see credentials from this client, and the
--controller option to see credentials from a controller.`,
      examples: `    juju show-credential google my-admin-credential
    juju show-credentials
    juju show-credentials --controller mycontroller --client
    juju show-credentials --controller mycontroller
    juju show-credentials --client
    juju show-credentials --show-secrets`,
      seeAlso: [
        'credentials',
        'add-credential',
        'update-credential',
        'remove-credential',
        'autoload-credentials',
      ],
      aliases: ['show-credentials'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.output.setFlags(flags);
    this.showSecrets = flags.bool('show-secrets', false, 'Display credential secret attributes');
  }

  override init(args: string[]): void {
    if (args.length === 1) throw new UsageError('both cloud and credential name are needed');
    if (args.length > 2) throw new UsageError('only cloud and credential names are supported');
    this.cloudName = args[0] ?? '';
    this.credentialName = args[1] ?? '';
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const targets = await this.targets(
      ctx,
      `show credential ${JSON.stringify(this.credentialName)} for cloud ${JSON.stringify(this.cloudName)} from`,
      true,
    );
    const showSecrets = this.showSecrets?.value ?? false;
    const shown: Shown = { controller: {}, client: {} };
    let failed = false;
    if (targets.client) {
      try {
        shown.client = this.localCredentials(ctx, showSecrets);
      } catch (err) {
        ctx.infof(`ERROR client credential content lookup failed: ${errorMessage(err)}`);
        failed = true;
      }
    }
    if (targets.controller !== undefined) {
      try {
        const conn = await this.connectTo(ctx, targets.controller);
        const remote = await controllerCredentials(
          conn,
          showSecrets,
          this.cloudName || undefined,
          this.credentialName || undefined,
        );
        for (const e of remote.errors) ctx.infof(e);
        for (const c of remote.credentials) {
          const byName = (shown.controller[c.cloud] ??= {});
          byName[c.name] = {
            authType: c.authType,
            attributes: c.attributes,
            models: c.models,
            ...(c.valid !== undefined ? { validity: c.valid ? 'valid' : 'invalid' } : {}),
          };
        }
      } catch (err) {
        ctx.infof(`ERROR credential content lookup on the controller failed: ${errorMessage(err)}`);
        failed = true;
      }
    }
    if (Object.keys(shown.client).length === 0 && Object.keys(shown.controller).length === 0) {
      ctx.infof('No credentials from this client or from a controller to display.');
      return failed ? 1 : 0;
    }
    this.output.write(ctx, shown);
    if (failed) throw new SilentError(1);
  }

  private localCredentials(ctx: Context, showSecrets: boolean): ShownByCloud {
    const store = this.store(ctx);
    const all = store.allCredentials();
    const clouds = store.allClouds();
    let selected: string[];
    if (this.cloudName) {
      if (!Object.hasOwn(all, this.cloudName))
        throw new Error(`loading credentials: credentials for cloud ${this.cloudName} not found`);
      selected = [this.cloudName];
    } else {
      selected = Object.keys(all);
    }
    const out: ShownByCloud = {};
    for (const cloudName of selected) {
      const entry = all[cloudName];
      if (!entry) continue;
      const cloud = Object.hasOwn(clouds, cloudName) ? clouds[cloudName] : undefined;
      if (!showSecrets && !cloud) {
        ctx.warningf(
          `removing secrets from credentials for cloud ${this.cloudName}: cloud ${cloudName} not valid`,
        );
        continue;
      }
      for (const [name, cred] of Object.entries(entry.credentials)) {
        if (this.credentialName && name !== this.credentialName) continue;
        const byName = (out[cloudName] ??= {});
        byName[name] = {
          authType: cred.authType,
          attributes: showSecrets
            ? { ...cred.attributes }
            : withoutSecrets(cloud?.type, cred.authType, cred.attributes),
          models: {},
        };
      }
    }
    if (this.credentialName && Object.keys(out).length === 0) {
      throw new Error(
        `credential ${JSON.stringify(this.credentialName)} for cloud ${JSON.stringify(this.cloudName)} in local client not found`,
      );
    }
    return out;
  }
}

function credentialYaml(c: ShownCredential): YamlMapping {
  const content: YamlMapping = new Map([['auth-type', c.authType]]);
  if (c.validity) content.set('validity-check', c.validity);
  for (const [k, v] of goMap(c.attributes, (s: string) => s)) content.set(k, v);
  const m: YamlMapping = new Map([['content', content]]);
  if (Object.keys(c.models).length > 0)
    m.set(
      'models',
      goMap(c.models, (s: string) => s),
    );
  return m;
}

function yamlOf(shown: Shown): string {
  const root: YamlMapping = new Map();
  const group = (g: ShownByCloud): YamlMapping => goMap(g, (byName) => goMap(byName, credentialYaml));
  if (Object.keys(shown.controller).length > 0) root.set('controller-credentials', group(shown.controller));
  if (Object.keys(shown.client).length > 0) root.set('client-credentials', group(shown.client));
  return stringifyYamlV2(root);
}
