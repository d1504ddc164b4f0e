/**
 * `juju deploy <charm or bundle> [<application name>]`: deploys a local
 * charm (directory or `.charm` file) or a local bundle. A charm is checked
 * and packed here, uploaded to the model, then `Application.Deploy` creates
 * the application with its units and machines in one transaction. Bundles
 * are handled by deploy-bundle.ts.
 */
import { stringify as yamlStringify } from 'yaml';

import {
  baseCompatibility,
  charmBases,
  formatBase,
  formatBaseWithRisk,
  isLocalCharmPath,
  parseBase,
  type Base,
  type CharmBase,
} from '../../../charm/index.js';
import { constraintsToJson, isEmptyConstraints, parseConstraints } from '../../../core/constraints.js';
import { ErrorCode, JujuError, errorMessage } from '../../../core/errors.js';
import { applicationNameError, applicationTag } from '../../../core/names.js';
import { errorFromResult, type ErrorResults } from '../../../rpc/errors.js';
import type { ApplicationDeploy, ApplicationInfoResults } from '../../../rpc/params/application.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { readLocalCharm, uploadCharm, urlRevision } from './charm-upload.js';
import { classifyLocal, deployConfig, parseBindings, requestedBase } from './deploy-args.js';
import { deployBundle } from './deploy-bundle.js';
import { LOCAL_PROVIDER, modelFacts } from './model-facts.js';
import { parsePlacements } from './placement.js';
import { storageDirectivesMap } from '../storage/directive.js';

export class DeployCommand extends ModelCommandBase {
  private channel: FlagRef<string> | undefined;
  private revision: FlagRef<number> | undefined;
  private base: FlagRef<string> | undefined;
  private series: FlagRef<string> | undefined;
  private numUnits: FlagRef<number> | undefined;
  private to: FlagRef<string> | undefined;
  private config: FlagRef<string[]> | undefined;
  private constraints: FlagRef<string[]> | undefined;
  private bind: FlagRef<string> | undefined;
  private storage: FlagRef<string[]> | undefined;
  private attachStorage: FlagRef<string[]> | undefined;
  private device: FlagRef<string[]> | undefined;
  private resource: FlagRef<string[]> | undefined;
  private trust: FlagRef<boolean> | undefined;
  private force: FlagRef<boolean> | undefined;
  private dryRun: FlagRef<boolean> | undefined;
  private overlay: FlagRef<string[]> | undefined;
  private mapMachines: FlagRef<string> | undefined;
  private target = '';
  private applicationName: string | undefined;

  info(): CommandInfo {
    return {
      name: 'deploy',
      args: '<charm or bundle> [<application name>]',
      purpose: 'Deploys a new application or bundle.',
      doc: `Deploys a charm as a new application, or every application, machine and
integration of a bundle. This controller deploys local charms and bundles:
give a path starting with "./" or "/" to a charm directory, a packed
.charm file, a bundle YAML file or a directory holding bundle.yaml.

The application is named after the charm unless a name is given. -n sets how
many units to create (one by default, none for subordinate charms); --to
places them on existing machines (comma separated, one per unit), the rest
get new machines. Machines of the local cloud run the host's operating system
and cannot hold containers: placements such as "lxd:0" are refused there.

--config takes key=value pairs (key=@file reads the value from a file) or a
YAML file shaped "<application>: {key: value}"; it may be repeated and later
values win. Values are checked against the charm's config.yaml before
anything is created. --trust grants the application access to cloud
credentials; --constraints, --bind and --base/--series work as usual.

A bundle is checked as a whole first (every charm, option, placement and
integration); if anything is wrong, nothing is deployed. --dry-run shows the
changes a bundle would make without making them; --overlay adds overlay
bundle files.`,
      examples: `    juju deploy ./charms/pinger
    juju deploy ./charms/pinger ping2 -n 3
    juju deploy ./mycharm_ubuntu-22.04-amd64.charm --config port=8080
    juju deploy ./charms/ponger --config ./ponger-config.yaml --to 3
    juju deploy ./charms/bundle.yaml
    juju deploy ./charms/bundle.yaml --dry-run
`,
      seeAlso: ['add-unit', 'config', 'expose', 'integrate', 'refresh', 'remove-application'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.attachStorage = f.stringList(
      'attach-storage',
      'Existing storage to attach to the deployed unit (not available on k8s models)',
    );
    this.base = f.string('base', '', 'The base on which to deploy');
    this.bind = f.string('bind', '', 'Configure application endpoint bindings to spaces');
    this.channel = f.string('channel', '', 'Channel to use when deploying a charm or bundle from Charmhub');
    this.config = f.stringList(
      'config',
      'Either a path to yaml-formatted application config file or a key=value pair',
    );
    this.constraints = f.stringList('constraints', 'Set application constraints');
    this.device = f.stringList('device', 'Charm device constraints');
    this.dryRun = f.bool('dry-run', false, 'Just show what the bundle deploy would do');
    this.force = f.bool(
      'force',
      false,
      'Allow a charm/bundle to be deployed which bypasses checks such as supported base',
    );
    this.mapMachines = f.string(
      'map-machines',
      '',
      'Specify the existing machines to use for bundle deployments',
    );
    this.numUnits = f.int(
      ['n', 'num-units'],
      1,
      'Number of application units to deploy for principal charms',
    );
    this.overlay = f.stringList('overlay', 'Bundles to overlay on the primary bundle, applied in order');
    this.resource = f.stringList('resource', 'Resource to be uploaded to the controller');
    this.revision = f.int('revision', -1, 'The revision to deploy');
    this.series = f.string('series', '', 'The series on which to deploy (deprecated, use --base)');
    this.storage = f.stringList('storage', 'Charm storage directives');
    this.to = f.string('to', '', 'The machine and/or container to deploy the unit in (bypasses constraints)');
    this.trust = f.bool('trust', false, 'Allows charm to run hooks that require access credentials');
  }

  override init(args: string[]): void {
    const [target, name, ...rest] = args;
    if (target === undefined) throw new UsageError('no charm name specified');
    if (rest.length > 0)
      throw new UsageError(`unrecognized args: ${rest.map((a) => JSON.stringify(a)).join(' ')}`);
    if (name !== undefined) {
      const problem = applicationNameError(name);
      if (problem !== undefined) throw new UsageError(problem);
    }
    if ((this.numUnits?.value ?? 1) < 0) throw new UsageError('--num-units must be a positive integer');
    this.target = target;
    this.applicationName = name;
  }

  /** Flags that only make sense for one kind of deployment, as given. */
  private given(names: readonly [string, FlagRef<unknown> | undefined][]): string[] {
    return names.filter(([, ref]) => ref?.given === true).map(([n]) => n);
  }

  protected async execute(ctx: Context): Promise<void> {
    if (!isLocalCharmPath(this.target)) {
      throw new JujuError(
        ErrorCode.NotFound,
        `cannot deploy ${JSON.stringify(this.target)}: this controller deploys local charms and bundles only; give a path such as ./${this.target}`,
      );
    }
    const unsupported = this.given([
      ['--attach-storage', this.attachStorage],
      ['--device', this.device],
      ['--resource', this.resource],
    ]);
    if (unsupported.length > 0)
      throw new JujuError('', `options not supported by this controller: ${unsupported.join(', ')}`);
    const local = await classifyLocal(ctx.path(this.target), this.target);
    if (local.kind === 'bundle') {
      const charmOnly = this.given([
        ['--base', this.base],
        ['--bind', this.bind],
        ['--config', this.config],
        ['--constraints', this.constraints],
        ['-n', this.numUnits],
        ['--revision', this.revision],
        ['--series', this.series],
        ['--storage', this.storage],
        ['--to', this.to],
      ]);
      if (charmOnly.length > 0 || this.applicationName !== undefined) {
        const list = [...charmOnly, ...(this.applicationName !== undefined ? ['<application name>'] : [])];
        throw new JujuError(
          '',
          `options provided but not supported when deploying a bundle: ${list.join(', ')}`,
        );
      }
      if (this.mapMachines?.given)
        throw new JujuError('', 'options not supported by this controller: --map-machines');
      const { conn, target } = await this.modelApi(ctx);
      await deployBundle(ctx, conn, {
        path: local.path,
        shownPath: this.target,
        overlays: (this.overlay?.value ?? []).map((o) => ctx.path(o)),
        dryRun: this.dryRun?.value ?? false,
        force: this.force?.value ?? false,
        modelUuid: target.details.uuid,
        controllerApi: () => this.open(ctx, target.controller),
      });
      return;
    }
    const bundleOnly = this.given([
      ['--dry-run', this.dryRun],
      ['--map-machines', this.mapMachines],
      ['--overlay', this.overlay],
    ]);
    if (bundleOnly.length > 0)
      throw new JujuError(
        '',
        `options provided but not supported when deploying a charm: ${bundleOnly.join(', ')}`,
      );
    if (this.revision?.given) throw new JujuError('', '--revision can only be used with Charmhub charms');
    await this.deployCharm(ctx, local.path);
  }

  private async deployCharm(ctx: Context, fullPath: string): Promise<void> {
    const local = await readLocalCharm(fullPath, this.target);
    const charm = local.charm;
    const name = this.applicationName ?? charm.meta.name;
    const problem = applicationNameError(name);
    if (problem !== undefined) throw new JujuError(ErrorCode.NotValid, problem);

    let numUnits = this.numUnits?.value ?? 1;
    let constraints;
    try {
      constraints = parseConstraints(this.constraints?.value ?? []);
    } catch (err) {
      throw new UsageError(errorMessage(err));
    }
    if (charm.meta.subordinate) {
      if (!isEmptyConstraints(constraints))
        throw new UsageError('cannot use --constraints with subordinate application');
      if (this.numUnits?.given || (this.to?.value ?? '') !== '')
        throw new UsageError('cannot use --num-units or --to with subordinate application');
      numUnits = 0;
    }
    const bindings = parseBindings(this.bind?.value ?? '');
    const config = deployConfig(ctx, this.config?.value ?? [], name);
    if (this.trust?.value) config.strings['trust'] = 'true';

    const { conn, target } = await this.modelApi(ctx);
    const uuid = target.details.uuid;
    const facts = await modelFacts(conn, {
      modelUuid: uuid,
      controllerApi: () => this.open(ctx, target.controller),
    });
    const placement = parsePlacements(this.to?.value ?? '', uuid);
    if (placement.length > numUnits && numUnits > 0)
      ctx.warningf(`${numUnits} unit(s) will be deployed, extra placement directives will be ignored`);
    const base = this.chooseBase(charm, facts.defaultBase);

    const url = await uploadCharm(conn, uuid, local);
    const revision = urlRevision(url);
    ctx.infof(`Located local charm ${JSON.stringify(charm.meta.name)}, revision ${revision}`);
    const arg: ApplicationDeploy = {
      application: name,
      'charm-url': url,
      'charm-origin': {
        source: 'local',
        type: 'charm',
        revision,
        ...(base !== undefined ? { base: { name: base.name, channel: base.channel } } : {}),
      },
      'num-units': numUnits,
      ...(Object.keys(config.strings).length > 0 ? { config: config.strings } : {}),
      ...(Object.keys(config.yaml).length > 0
        ? { 'config-yaml': yamlStringify({ [name]: config.yaml }) }
        : {}),
      constraints: constraintsToJson(constraints),
      ...(placement.length > 0 ? { placement: placement.slice(0, Math.max(numUnits, 0)) } : {}),
      ...(Object.keys(bindings).length > 0 ? { 'endpoint-bindings': bindings } : {}),
      ...((this.storage?.value ?? []).length > 0
        ? { storage: { ...storageDirectivesMap(this.storage?.value ?? []) } }
        : {}),
      force: this.force?.value ?? false,
    };
    const reply = await conn.call<ErrorResults>('Application', 'Deploy', { applications: [arg] });
    const err = reply.results?.[0] === undefined ? null : errorFromResult(reply.results[0]);
    if (err !== null) throw err;

    const deployedBase = await this.deployedBase(conn, name);
    const shownBase = deployedBase ?? base;
    ctx.infof(
      `Deploying ${JSON.stringify(name)} from local charm ${JSON.stringify(charm.meta.name)}, revision ${revision}` +
        (shownBase !== undefined ? ` on ${formatBaseWithRisk(shownBase)}` : ''),
    );
    if (deployedBase !== undefined && facts.providerType === LOCAL_PROVIDER) {
      const declared = charmBases(charm);
      if (declared.length > 0 && !declared.some((b) => formatBase(b) === formatBase(deployedBase))) {
        const check = baseCompatibility(charm, deployedBase, LOCAL_PROVIDER, {
          force: this.force?.value ?? false,
        });
        if (check.ok && check.note !== undefined) ctx.infof(check.note);
      }
    }
  }

  /** `--base`/`--series`, else the model's default-base, else the charm's first base. */
  private chooseBase(
    charm: { readonly bases: readonly CharmBase[] },
    modelDefault: string,
  ): Base | undefined {
    const requested = requestedBase(this.base?.value ?? '', this.series?.value ?? '');
    if (requested !== undefined) return requested;
    if (modelDefault !== '') {
      try {
        return parseBase(modelDefault);
      } catch {
        // an unusable model default is ignored, as the controller would
      }
    }
    const first = charmBases(charm)[0];
    return first;
  }

  /** The base the controller recorded for the new application. */
  private async deployedBase(
    conn: Parameters<typeof modelFacts>[0],
    name: string,
  ): Promise<Base | undefined> {
    try {
      const info = await conn.call<ApplicationInfoResults>('Application', 'ApplicationsInfo', {
        entities: [{ tag: applicationTag(name) }],
      });
      const base = info.results[0]?.result?.base;
      return base !== undefined && base.name !== '' ? { name: base.name, channel: base.channel } : undefined;
    } catch {
      return undefined;
    }
  }
}
