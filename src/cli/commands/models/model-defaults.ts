/**
 * `juju model-defaults [<cloud>[/<region>]] [<key>[=<value>] ...]` (alias
 * `model-default`): shows or changes the values new models inherit, per
 * cloud and per cloud region (`ModelManager.ModelDefaultsForClouds` /
 * `SetModelDefaults` / `UnsetModelDefaults`).
 */
import type { ApiConnection } from '../../../api/connection.js';
import { modelConfigSchema } from '../../../core/config/model-config.js';
import { JujuError } from '../../../core/errors.js';
import { cloudTag, isValidCloudName } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import type { CloudResults, CloudsResult } from '../../../rpc/params/cloud.js';
import type { ErrorResults, ModelDefaults, ModelDefaultsResults } from '../../../rpc/params/model-manager.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { ControllerCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { TabWriter } from '../../output/tabwriter.js';
import { ConfigAction, ConfigFlags, plainConfigValues, readConfigFile } from './config-actions.js';
import type { ConfigRequest } from './config-actions.js';
import { goValueText } from './value-text.js';

type DefaultAttributes = Record<string, ModelDefaults>;

const NO_CLOUD = `You don't have access to any clouds on this controller.
Only controller administrators can set default model values.
`;

const MANY_CLOUDS = (
  names: readonly string[],
): string => `You haven't specified a cloud and more than one exists on this controller.
Specify one of the following clouds for which to process model defaults:
    ${names.join(',')}
`;

const sorted = (attrs: DefaultAttributes): DefaultAttributes =>
  Object.fromEntries(
    Object.keys(attrs)
      .sort()
      .map((k) => [k, attrs[k] as ModelDefaults]),
  );

/** `Attribute  Default  Controller`; region values on indented rows below their key. */
export function formatDefaultsTabular(value: unknown): string {
  const attrs = value as DefaultAttributes;
  const cell = (v: unknown): string =>
    v === undefined || v === null ? '-' : v === '' ? '""' : goValueText(v);
  const tw = new TabWriter();
  tw.row('Attribute', 'Default', 'Controller');
  for (const key of Object.keys(attrs).sort()) {
    const a = attrs[key] as ModelDefaults;
    tw.row(key, cell(a.default), cell(a.controller));
    for (const r of a.regions ?? []) tw.row(`  ${r.name}`, goValueText(r.value), '-');
  }
  return tw.toString();
}

export class ModelDefaultsCommand extends ControllerCommandBase {
  private readonly config = new ConfigFlags(['agent-version']);
  private readonly out = new OutputOptions('tabular', {
    json: (v) => formatJson(sorted(v as DefaultAttributes)),
    tabular: formatDefaultsTabular,
    yaml: (v) => formatYaml(sorted(v as DefaultAttributes)),
  });
  private cloudFlag: FlagRef<string> | undefined;
  private regionFlag: FlagRef<string> | undefined;
  private ignoreReadOnly: FlagRef<boolean> | undefined;
  private request: ConfigRequest | undefined;
  /** `<cloud>`, `<region>` or `<cloud>/<region>` given as the first argument. */
  private target = '';
  private cloud = '';
  private region = '';

  info(): CommandInfo {
    return {
      name: 'model-defaults',
      args: '[[<cloud/>]<region> ]<model-key>[<=value>] ...]',
      purpose: 'Displays or sets default configuration settings for new models.',
      doc: `Model defaults are the configuration values a new model starts with when
they are not given to add-model. They are kept per cloud, and may be
refined per cloud region; a model's own value (model-config) always wins.

Without arguments, every default of the controller's cloud is listed with
Juju's built-in default, the controller-wide value and any region values.
With a key, only that key is shown. key=value sets defaults, --reset
removes them, and --file reads key: value pairs from a YAML file ("-" for
standard input).

When the controller knows several clouds, pick one with --cloud. Target a
region with --region <region> or --region <cloud>/<region>, or by giving
[<cloud>/]<region> as the first argument.

Changing a default affects existing models only for keys they have not set
themselves.`,
      examples: `    juju model-defaults
    juju model-defaults http-proxy
    juju model-defaults --cloud=aws http-proxy
    juju model-defaults --region=aws/us-east-1 http-proxy
    juju model-defaults ftp-proxy=10.0.0.1:8000
    juju model-defaults us-east-1 ftp-proxy=10.0.0.1:8000
    juju model-defaults --reset default-base,test-mode
`,
      seeAlso: ['models', 'model-config'],
      aliases: ['model-default'],
    };
  }

  override setFlags(f: FlagSet): void {
    super.setFlags(f);
    this.config.setFlags(f);
    this.out.setFlags(f);
    this.ignoreReadOnly = f.bool(
      'ignore-read-only-fields',
      false,
      'Ignore read only fields that might cause errors to be emitted while processing yaml documents',
    );
    this.cloudFlag = f.string('cloud', '', 'The cloud to target');
    this.regionFlag = f.string('region', '', 'The region or cloud/region to target');
  }

  override init(args: string[]): void {
    let rest = args;
    const first = args[0];
    // A first word that is neither key=value nor a config key names the cloud and/or region.
    if (
      first !== undefined &&
      !first.includes('=') &&
      (first.includes('/') || !modelConfigSchema.has(first))
    ) {
      this.target = first;
      rest = args.slice(1);
    }
    this.cloud = this.cloudFlag?.value ?? '';
    const regionFlag = this.regionFlag?.value ?? '';
    if (regionFlag !== '') {
      const slash = regionFlag.indexOf('/');
      if (slash < 0) this.region = regionFlag;
      else {
        if (this.cloud !== '') {
          throw new UsageError(`cannot specify cloud using both --cloud and --region flags; use either
    --cloud=<cloud> --region=<region>
    --region=<cloud>/<region>`);
        }
        this.cloud = regionFlag.slice(0, slash);
        this.region = regionFlag.slice(slash + 1);
      }
    }
    if (this.cloud !== '' && !isValidCloudName(this.cloud))
      throw new UsageError(`cloud ${JSON.stringify(this.cloud)} not valid`);
    this.request = this.config.parse(rest);
  }

  protected async execute(ctx: Context): Promise<void> {
    const request = this.request as ConfigRequest;
    const conn = await this.controllerApi(ctx);
    await this.resolveCloudRegion(conn);
    for (const action of request.actions) {
      switch (action) {
        case ConfigAction.SetFile:
          await this.set(ctx, conn, await readConfigFile(ctx, request.file ?? ''));
          break;
        case ConfigAction.Reset:
          await this.verifyKnownKeys(ctx, conn, request.keysToReset);
          await this.bulk(conn, 'UnsetModelDefaults', {
            keys: [
              { 'cloud-tag': cloudTag(this.cloud), 'cloud-region': this.region, keys: request.keysToReset },
            ],
          });
          break;
        case ConfigAction.SetArgs:
          await this.set(ctx, conn, request.valuesToSet);
          break;
        case ConfigAction.GetOne: {
          const key = request.keyToGet ?? '';
          const attrs = await this.filtered(conn);
          const value = attrs[key];
          if (value === undefined) {
            throw new JujuError(
              '',
              `there are no default model values for ${JSON.stringify(key)}${this.region !== '' ? ` in region ${JSON.stringify(this.region)}` : ''}`,
            );
          }
          this.out.write(ctx, { [key]: value });
          break;
        }
        case ConfigAction.GetAll: {
          const attrs = await this.filtered(conn);
          if (this.region !== '' && Object.keys(attrs).length === 0) {
            throw new JujuError(
              '',
              `there are no default model values in region ${JSON.stringify(this.region)}`,
            );
          }
          this.out.write(ctx, attrs);
        }
      }
    }
  }

  /** Picks the cloud (the only one, when none is named) and checks the region exists. */
  private async resolveCloudRegion(conn: ApiConnection): Promise<void> {
    const clouds = Object.keys((await conn.call<CloudsResult>('Cloud', 'Clouds')).clouds ?? {})
      .map((tag) => tag.replace(/^cloud-/, ''))
      .sort();
    if (this.target !== '') {
      const slash = this.target.indexOf('/');
      if (slash >= 0) {
        this.cloud = this.target.slice(0, slash);
        this.region = this.target.slice(slash + 1);
      } else if (clouds.includes(this.target)) {
        this.cloud = this.target;
      } else {
        this.region = this.target;
      }
    }
    if (this.cloud === '') {
      if (clouds.length === 0) throw new JujuError('', NO_CLOUD);
      if (clouds.length > 1) throw new JujuError('', MANY_CLOUDS(clouds));
      this.cloud = clouds[0] as string;
    }
    const result = (
      await conn.call<CloudResults>('Cloud', 'Cloud', { entities: [{ tag: cloudTag(this.cloud) }] })
    ).results[0];
    const err = result ? errorFromResult(result) : null;
    if (err) throw err;
    const regions = (result?.cloud?.regions ?? []).map((r) => r.name);
    if (this.region !== '' && !regions.includes(this.region)) {
      throw new JujuError('', `invalid region specified: ${JSON.stringify(this.region)}`);
    }
  }

  private async defaults(conn: ApiConnection): Promise<DefaultAttributes> {
    const result = (
      await conn.call<ModelDefaultsResults>('ModelManager', 'ModelDefaultsForClouds', {
        entities: [{ tag: cloudTag(this.cloud) }],
      })
    ).results[0];
    const err = result ? errorFromResult(result) : null;
    if (err) throw err;
    return result?.config ?? {};
  }

  /** All defaults, or with a region only the keys set for it (with just that region's value). */
  private async filtered(conn: ApiConnection): Promise<DefaultAttributes> {
    const attrs = await this.defaults(conn);
    if (this.region === '') return attrs;
    const out: DefaultAttributes = {};
    for (const [key, value] of Object.entries(attrs)) {
      const regional = (value.regions ?? []).find((r) => r.name === this.region);
      if (regional !== undefined) out[key] = { ...value, regions: [regional] };
    }
    return out;
  }

  private async set(
    ctx: Context,
    conn: ApiConnection,
    attrs: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(attrs)) {
      if (key === 'agent-version') {
        if (this.ignoreReadOnly?.value) continue;
        throw new JujuError('', '"agent-version" must be set via "upgrade-model"');
      }
      values[key] = value;
    }
    // Output of `model-defaults --format yaml` holds every layer: take the one being set.
    const plain = plainConfigValues(
      values,
      (entry) => {
        let v = entry['default'];
        if ('controller' in entry && this.region === '') v = entry['controller'];
        for (const r of Array.isArray(entry['regions'])
          ? (entry['regions'] as { name?: unknown; value?: unknown }[])
          : []) {
          if (r.name === this.region) v = r.value;
        }
        return v;
      },
      (entry) => 'default' in entry || 'controller' in entry || 'regions' in entry,
    );
    await this.verifyKnownKeys(ctx, conn, Object.keys(plain));
    await this.bulk(conn, 'SetModelDefaults', {
      config: [{ 'cloud-tag': cloudTag(this.cloud), 'cloud-region': this.region, config: plain }],
    });
  }

  private async verifyKnownKeys(ctx: Context, conn: ApiConnection, keys: readonly string[]): Promise<void> {
    const known = await this.defaults(conn);
    for (const key of keys) {
      if (!Object.hasOwn(known, key) && !modelConfigSchema.has(key)) {
        ctx.warningf(
          `key ${JSON.stringify(key)} is not defined in the known model configuration: possible misspelling`,
        );
      }
    }
  }

  private async bulk(conn: ApiConnection, method: string, params: unknown): Promise<void> {
    const result = await conn.call<ErrorResults>('ModelManager', method, params);
    for (const r of result.results ?? []) {
      const err = errorFromResult(r);
      if (err) throw err;
    }
  }
}
