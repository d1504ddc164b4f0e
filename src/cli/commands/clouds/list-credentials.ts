/** `juju credentials [<cloud>]`: the credentials on this client and/or a controller. */
import type { YamlMapping } from '../../../clientstore/index.js';
import { goMap, stringifyYamlV2 } from '../../../clientstore/index.js';
import { errorMessage } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs, SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { formatJson } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { TabWriter } from '../../output/tabwriter.js';
import { controllerCredentials } from './cloud-api.js';
import { byteOrder, sortedObject } from './cloud-details.js';
import { ClientOrControllerCommand } from './client-or-controller.js';
import { withoutSecrets } from './provider-schemas.js';

/** One credential as listed. */
export interface CredentialView {
  authType: string;
  attributes: Record<string, string>;
}

/** A cloud's credentials as listed. */
export interface CloudCredentialsView {
  defaultCredential?: string;
  defaultRegion?: string;
  credentials: Record<string, CredentialView>;
}

interface CredentialsListing {
  /** Whether --client was asked for (picks the "nothing to show" line). */
  clientOnly: boolean;
  client: Record<string, CloudCredentialsView>;
  controller: Record<string, CloudCredentialsView>;
  /** Tabular only: clouds skipped because their secrets could not be told apart. */
  missingClouds: string[];
}

export class ListCredentialsCommand extends ClientOrControllerCommand {
  private readonly output = new OutputOptions('tabular', {
    tabular: (v) => tabularOf(v as CredentialsListing),
    yaml: (v) => yamlOf(v as CredentialsListing),
    json: (v) => jsonOf(v as CredentialsListing),
  });
  private showSecrets: FlagRef<boolean> | undefined;
  private cloudName = '';

  info(): CommandInfo {
    return {
      name: 'credentials',
      args: '[<cloud name>]',
      purpose: 'Lists Juju credentials for a cloud.',
      doc: `Lists the credentials stored on this client and those stored on a controller.

Credentials on this client are used by "juju bootstrap" and "juju add-model";
each client device keeps its own. Credentials on a controller are used by the
models created with them.

A credential has an arbitrary name, given when it is added with
"juju add-credential" or "juju autoload-credentials"; a cloud may have several.
The cloud's default credential is marked with an asterisk (*) in the tabular
output.

Secret attributes (passwords, keys, tokens) are only shown in json or yaml
output, and only with --show-secrets.

The built-in "local" cloud needs no credential.

Use the --controller option to list credentials from a controller.

Use the --client option to list credentials known locally on this client.`,
      examples: `    juju credentials
    juju credentials aws
    juju credentials aws --client
    juju credentials --format yaml --show-secrets
    juju credentials --controller mycontroller
    juju credentials --controller mycontroller --client`,
      seeAlso: [
        'add-credential',
        'update-credential',
        'remove-credential',
        'default-credential',
        'autoload-credentials',
        'show-credential',
      ],
      aliases: ['list-credentials'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.showSecrets = flags.bool(
      'show-secrets',
      false,
      'Show secrets, applicable to yaml or json formats only',
    );
    this.output.setFlags(flags);
  }

  override init(args: string[]): void {
    this.cloudName = args[0] ?? '';
    checkNoMoreArgs(args.slice(1));
  }

  protected async execute(ctx: Context): Promise<number | void> {
    let showSecrets = this.showSecrets?.value ?? false;
    if (showSecrets && this.output.format === 'tabular') {
      ctx.infof('secrets are not shown in tabular format');
      showSecrets = false;
    }
    const listing: CredentialsListing = {
      clientOnly: this.clientFlag?.value ?? false,
      client: {},
      controller: {},
      missingClouds: [],
    };
    const cloudMsg = this.cloudName ? `for cloud ${JSON.stringify(this.cloudName)} ` : '';
    const targets = await this.targets(ctx, `list credentials ${cloudMsg}from`, true);
    let failed = false;
    if (targets.client) this.localCredentials(ctx, showSecrets, listing);
    if (targets.controller !== undefined) {
      try {
        const conn = await this.connectTo(ctx, targets.controller);
        const remote = await controllerCredentials(conn, showSecrets);
        for (const e of remote.errors) ctx.warningf(`error loading remote credential: ${e}`);
        for (const c of remote.credentials) {
          if (this.cloudName && c.cloud !== this.cloudName) continue;
          const entry = (listing.controller[c.cloud] ??= { credentials: {} });
          entry.credentials[c.name] = { authType: c.authType, attributes: c.attributes };
        }
      } catch (err) {
        ctx.infof(`ERROR ${errorMessage(err)}`);
        failed = true;
      }
    }
    this.output.write(ctx, listing);
    if (failed) throw new SilentError(1);
  }

  private localCredentials(ctx: Context, showSecrets: boolean, listing: CredentialsListing): void {
    const store = this.store(ctx);
    const clouds = store.allClouds();
    const all = store.allCredentials();
    const names = this.cloudName ? [this.cloudName] : Object.keys(clouds).sort(byteOrder);
    for (const cloudName of names) {
      const stored = Object.hasOwn(all, cloudName) ? all[cloudName] : undefined;
      if (!stored) continue;
      const cloud = Object.hasOwn(clouds, cloudName) ? clouds[cloudName] : undefined;
      if (!showSecrets && !cloud) {
        // Without the cloud's type, secret attributes cannot be told apart.
        listing.missingClouds.push(cloudName);
        continue;
      }
      const view: CloudCredentialsView = { credentials: {} };
      if (stored.defaultCredential) view.defaultCredential = stored.defaultCredential;
      if (stored.defaultRegion) view.defaultRegion = stored.defaultRegion;
      for (const [name, cred] of Object.entries(stored.credentials)) {
        view.credentials[name] = {
          authType: cred.authType,
          attributes: showSecrets
            ? { ...cred.attributes }
            : withoutSecrets(cloud?.type, cred.authType, cred.attributes),
        };
      }
      listing.client[cloudName] = view;
    }
  }
}

function tabularOf(listing: CredentialsListing): string {
  let text = '';
  if (listing.missingClouds.length > 0) {
    text +=
      'The following clouds have been removed and are omitted from the results to avoid leaking secrets.\n' +
      `Run with --show-secrets to display these clouds' credentials: ${listing.missingClouds.join(', ')}\n\n`;
  }
  const haveClient = Object.keys(listing.client).length > 0;
  const haveController = Object.keys(listing.controller).length > 0;
  if (listing.clientOnly) {
    if (!haveClient) text += 'No credentials from this client to display.\n';
  } else if (!haveController) {
    text += 'No credentials from any controller to display.\n';
  }
  if (!haveClient && !haveController) return text;
  const tw = new TabWriter({ alignRight: new Set([1]) });
  const printGroup = (group: Record<string, CloudCredentialsView>): void => {
    tw.row('Cloud', 'Credentials');
    for (const cloudName of Object.keys(group).sort(byteOrder)) {
      const entry = group[cloudName] as CloudCredentialsView;
      const names = Object.keys(entry.credentials).sort(byteOrder);
      if (names.length === 0) {
        tw.row(`No credentials to display for cloud ${cloudName}`);
        continue;
      }
      const shown = names.filter((n) => n !== entry.defaultCredential);
      if (entry.defaultCredential !== undefined && names.includes(entry.defaultCredential)) {
        shown.unshift(`${entry.defaultCredential}*`);
      }
      tw.row(cloudName, shown.join(', '));
    }
  };
  if (haveController) {
    tw.row('');
    tw.row('Controller Credentials:');
    printGroup(listing.controller);
  }
  if (haveClient) {
    tw.row('');
    tw.row('Client Credentials:');
    printGroup(listing.client);
  }
  return text + tw.toString();
}

/** The YAML of one cloud's credentials: defaults, then each credential inline. */
export function cloudCredentialsYaml(v: CloudCredentialsView): YamlMapping {
  const m: YamlMapping = new Map();
  if (v.defaultCredential) m.set('default-credential', v.defaultCredential);
  if (v.defaultRegion) m.set('default-region', v.defaultRegion);
  for (const [name, cred] of goMap(v.credentials, (c: CredentialView) => {
    const cm: YamlMapping = new Map([['auth-type', c.authType]]);
    for (const [k, val] of goMap(c.attributes, (s: string) => s)) cm.set(k, val);
    return cm;
  })) {
    m.set(name, cred);
  }
  return m;
}

function yamlOf(listing: CredentialsListing): string {
  const root: YamlMapping = new Map();
  if (Object.keys(listing.client).length > 0)
    root.set('client-credentials', goMap(listing.client, cloudCredentialsYaml));
  if (Object.keys(listing.controller).length > 0)
    root.set('controller-credentials', goMap(listing.controller, cloudCredentialsYaml));
  return stringifyYamlV2(root);
}

function cloudCredentialsJson(v: CloudCredentialsView): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (v.defaultCredential) o['default-credential'] = v.defaultCredential;
  if (v.defaultRegion) o['default-region'] = v.defaultRegion;
  if (Object.keys(v.credentials).length > 0) {
    const creds: Record<string, unknown> = {};
    for (const name of Object.keys(v.credentials).sort(byteOrder)) {
      const c = v.credentials[name] as CredentialView;
      const co: Record<string, unknown> = { 'auth-type': c.authType };
      if (Object.keys(c.attributes).length > 0) co['details'] = sortedObject(c.attributes);
      creds[name] = co;
    }
    o['cloud-credentials'] = creds;
  }
  return o;
}

function jsonOf(listing: CredentialsListing): string {
  const out: Record<string, unknown> = {};
  const group = (g: Record<string, CloudCredentialsView>): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (const cloud of Object.keys(g).sort(byteOrder))
      o[cloud] = cloudCredentialsJson(g[cloud] as CloudCredentialsView);
    return o;
  };
  if (Object.keys(listing.client).length > 0) out['client-credentials'] = group(listing.client);
  if (Object.keys(listing.controller).length > 0) out['controller-credentials'] = group(listing.controller);
  return formatJson(out);
}
