/**
 * `juju refresh <application> --path <charm>`: uploads a new version of a
 * local charm and switches the application to it (`Application.SetCharm`);
 * the units run upgrade-charm. Refreshing from Charmhub is not available on
 * this controller.
 */
import { stringify as yamlStringify } from 'yaml';

import { parseCharmURL } from '../../../charm/index.js';
import { ErrorCode, JujuError } from '../../../core/errors.js';
import { isValidApplicationName } from '../../../core/names.js';
import type { CharmURLOriginResult } from '../../../rpc/params/application.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { readLocalCharm, uploadCharm, urlRevision } from './charm-upload.js';
import { deployConfig, parseBindings, requestedBase } from './deploy-args.js';

export class RefreshCommand extends ModelCommandBase {
  private path: FlagRef<string> | undefined;
  private channel: FlagRef<string> | undefined;
  private revision: FlagRef<number> | undefined;
  private switchTo: FlagRef<string> | undefined;
  private base: FlagRef<string> | undefined;
  private force: FlagRef<boolean> | undefined;
  private forceBase: FlagRef<boolean> | undefined;
  private forceUnits: FlagRef<boolean> | undefined;
  private config: FlagRef<string[]> | undefined;
  private bind: FlagRef<string> | undefined;
  private trust: FlagRef<boolean> | undefined;
  private resource: FlagRef<string[]> | undefined;
  private storage: FlagRef<string[]> | undefined;
  private application = '';

  info(): CommandInfo {
    return {
      name: 'refresh',
      args: '<application>',
      purpose: "Refresh an application's charm.",
      doc: `Switches an application to a new version of its charm. With --path, the
local charm at that path (directory or .charm file) is uploaded and used;
the units then run their upgrade-charm hook. The charm must have the same
name and still provide every endpoint in use. --config sets options at the
same time (key=value or a YAML file "<application>: {key: value}").

Refreshing from Charmhub (--channel, --revision, --switch) is not available
on this controller.`,
      examples: `    juju refresh pinger --path ./charms/pinger
    juju refresh ponger --path ./ponger.charm --config port=9090
`,
      seeAlso: ['deploy'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.base = f.string('base', '', 'Select a different base than the one the application runs');
    this.bind = f.string('bind', '', 'Configure endpoint bindings to spaces');
    this.channel = f.string('channel', '', 'Channel to use when getting the charm from Charmhub');
    this.config = f.stringList(
      'config',
      'Either a path to yaml-formatted application config file or a key=value pair',
    );
    this.force = f.bool(
      'force',
      false,
      'Allow a charm to be refreshed which bypasses LXD profile allow list',
    );
    this.forceBase = f.bool(
      'force-base',
      false,
      'Refresh even if the base of the deployed application is not supported by the new charm',
    );
    this.forceUnits = f.bool('force-units', false, 'Refresh all units immediately, even if in error state');
    this.path = f.string('path', '', 'Refresh to a charm located at path');
    this.resource = f.stringList('resource', 'Resource to be uploaded to the controller');
    this.revision = f.int('revision', -1, 'Explicit revision of current charm');
    this.storage = f.stringList('storage', 'Charm storage directives');
    this.switchTo = f.string('switch', '', 'Crossgrade to a different charm');
    this.trust = f.bool('trust', false, 'Allows charm to run hooks that require access credentials');
  }

  override init(args: string[]): void {
    const [name, ...rest] = args;
    if (name === undefined) throw new UsageError('no application specified');
    if (rest.length > 0)
      throw new UsageError(`unrecognized args: ${rest.map((a) => JSON.stringify(a)).join(' ')}`);
    if (!isValidApplicationName(name))
      throw new UsageError(`invalid application name ${JSON.stringify(name)}`);
    if (this.switchTo?.given && this.path?.given)
      throw new UsageError('--switch and --path are mutually exclusive');
    this.application = name;
  }

  protected async execute(ctx: Context): Promise<void> {
    const path = this.path?.value ?? '';
    if (path === '' || this.switchTo?.given === true) {
      throw new JujuError(
        ErrorCode.NotSupported,
        'refreshing from Charmhub is not supported by this controller; use --path with a local charm',
      );
    }
    if ((this.resource?.value ?? []).length > 0 || (this.storage?.value ?? []).length > 0)
      throw new JujuError('', 'options not supported by this controller: --resource, --storage');
    requestedBase(this.base?.value ?? '', '');
    const { conn, target } = await this.modelApi(ctx);
    const current = await conn.call<CharmURLOriginResult>('Application', 'GetCharmURLOrigin', {
      application: this.application,
    });
    const currentName = parseCharmURL(current.url).name;
    const local = await readLocalCharm(ctx.path(path), path);
    if (local.charm.meta.name !== currentName) {
      throw new JujuError(
        ErrorCode.NotValid,
        `cannot refresh ${JSON.stringify(this.application)}: the charm at ${JSON.stringify(path)} is ${JSON.stringify(local.charm.meta.name)}, the application runs ${JSON.stringify(currentName)}`,
      );
    }
    const url = await uploadCharm(conn, target.details.uuid, local);
    const revision = urlRevision(url);
    ctx.infof(
      `Added local charm ${JSON.stringify(local.charm.meta.name)}, revision ${revision}, to the model`,
    );
    const config = deployConfig(ctx, this.config?.value ?? [], this.application);
    if (this.trust?.given) config.strings['trust'] = this.trust.value ? 'true' : 'false';
    const base = current['charm-origin']?.base;
    await conn.call('Application', 'SetCharm', {
      application: this.application,
      'charm-url': url,
      'charm-origin': {
        source: 'local',
        type: 'charm',
        revision,
        ...(base !== undefined ? { base } : {}),
      },
      ...(Object.keys(config.strings).length > 0 ? { 'config-settings': config.strings } : {}),
      ...(Object.keys(config.yaml).length > 0
        ? { 'config-settings-yaml': yamlStringify({ [this.application]: config.yaml }) }
        : {}),
      ...(this.bind?.given ? { 'endpoint-bindings': parseBindings(this.bind.value) } : {}),
      force: this.force?.value ?? false,
      'force-base': this.forceBase?.value ?? false,
      'force-units': this.forceUnits?.value ?? false,
    });
  }
}
