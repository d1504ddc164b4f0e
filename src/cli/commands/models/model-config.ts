/**
 * `juju model-config [<key>[=<value>] ...]`: shows the model's config with
 * where each value comes from, shows one value, or sets and resets keys
 * (`ModelConfig.ModelGet` / `ModelSet` / `ModelUnset`).
 */
import type { ApiConnection } from '../../../api/connection.js';
import { modelConfigSchema } from '../../../core/config/model-config.js';
import { JujuError } from '../../../core/errors.js';
import type { ConfigValue, ModelConfigResults } from '../../../rpc/params/model-config.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { ModelCommandBase } from '../../modelcmd/base.js';
import { formatJson, formatYaml } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { formatSmart } from '../../output/smart.js';
import { TabWriter } from '../../output/tabwriter.js';
import { ConfigAction, ConfigFlags, plainConfigValues, readConfigFile } from './config-actions.js';
import type { ConfigRequest } from './config-actions.js';
import { yamlValueText } from './value-text.js';

/** Keys that belong to `show-model`, not `model-config`. */
const MODEL_ATTRIBUTES: readonly string[] = ['name', 'type', 'uuid'];
const AGENT_VERSION = 'agent-version';
const CHARMHUB_URL = 'charmhub-url';
const CLOUDINIT_USERDATA = 'cloudinit-userdata';

type ConfigValues = Record<string, ConfigValue>;

/** JSON keys are capitalised (Go fields without tags); YAML keys are lower case. */
function jsonShape(values: ConfigValues): Record<string, { Value: unknown; Source: string }> {
  const out: Record<string, { Value: unknown; Source: string }> = {};
  for (const key of Object.keys(values).sort()) {
    const v = values[key] as ConfigValue;
    out[key] = { Value: v.value, Source: v.source };
  }
  return out;
}

function yamlShape(values: ConfigValues): Record<string, { value: unknown; source: string }> {
  const out: Record<string, { value: unknown; source: string }> = {};
  for (const key of Object.keys(values).sort()) {
    const v = values[key] as ConfigValue;
    out[key] = { value: v.value, source: v.source };
  }
  return out;
}

/** `Attribute  From  Value`, one row per key, values as YAML. */
export function formatConfigTabular(value: unknown): string {
  const values = value as ConfigValues;
  const tw = new TabWriter();
  tw.row('Attribute', 'From', 'Value');
  for (const key of Object.keys(values).sort()) {
    const v = values[key] as ConfigValue;
    tw.row(key, v.source, yamlValueText(v.value));
  }
  return tw.toString();
}

export class ModelConfigCommand extends ModelCommandBase {
  private readonly config = new ConfigFlags([AGENT_VERSION, CHARMHUB_URL]);
  private readonly out = new OutputOptions('tabular', {
    json: (v) => formatJson(jsonShape(v as ConfigValues)),
    tabular: formatConfigTabular,
    yaml: (v) => formatYaml(yamlShape(v as ConfigValues)),
  });
  private ignoreReadOnly: FlagRef<boolean> | undefined;
  private request: ConfigRequest | undefined;

  info(): CommandInfo {
    return {
      name: 'model-config',
      args: '[<model-key>[=<value>] ...]',
      purpose: 'Displays or sets configuration values on a model.',
      doc: `Without arguments, model-config lists every configuration value of the
current model (or the one given with -m) together with where it comes from:
"default" (Juju's own default), "controller" or "region" (set with
model-defaults), or "model" (set on this model).

With a single key, only that value is printed. Arguments of the form
key=value set values, and --reset removes the model's own value of the
listed keys so they inherit again. Values may also be read from a YAML file
with --file ("-" reads standard input); arguments given on the command line
take precedence over the file.

Output of --format=yaml can be fed back with --file; add
--ignore-read-only-fields to skip keys that cannot be set that way
(agent-version, charmhub-url).

The default-series key is deprecated; use default-base (for example
default-base=ubuntu@22.04).`,
      examples: `    juju model-config
    juju model-config default-base
    juju model-config -m mycontroller:mymodel --format json
    juju model-config ftp-proxy=10.0.0.1:8000 test-mode=true
    juju model-config --file path/to/cfg.yaml
    juju model-config --reset default-base,test-mode
`,
      seeAlso: ['models', 'model-defaults', 'show-cloud', 'controller-config'],
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
  }

  override init(args: string[]): void {
    this.request = this.config.parse(args);
  }

  protected async execute(ctx: Context): Promise<void> {
    const request = this.request as ConfigRequest;
    const { conn, target } = await this.modelApi(ctx);
    for (const action of request.actions) {
      switch (action) {
        case ConfigAction.SetFile:
          await this.set(ctx, conn, plainConfigValues(await readConfigFile(ctx, request.file ?? '')));
          break;
        case ConfigAction.Reset:
          await this.verifyKnownKeys(ctx, conn, request.keysToReset);
          await conn.call('ModelConfig', 'ModelUnset', { keys: request.keysToReset });
          break;
        case ConfigAction.SetArgs:
          await this.set(ctx, conn, request.valuesToSet);
          break;
        case ConfigAction.GetOne:
          await this.getOne(ctx, conn, request.keyToGet ?? '', target.model);
          break;
        case ConfigAction.GetAll:
          await this.getAll(ctx, conn);
      }
    }
  }

  /** Refuses read-only keys (or skips them with --ignore-read-only-fields), warns about unknown ones. */
  private async set(
    ctx: Context,
    conn: ApiConnection,
    attrs: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(attrs)) {
      if (key === AGENT_VERSION || key === CHARMHUB_URL) {
        if (this.ignoreReadOnly?.value) continue;
        throw new JujuError(
          '',
          `${JSON.stringify(key)} must be set via "${key === AGENT_VERSION ? 'upgrade-model' : 'add-model'}"`,
        );
      }
      values[key] = value;
    }
    await this.verifyKnownKeys(ctx, conn, Object.keys(values));
    await conn.call('ModelConfig', 'ModelSet', { config: values });
  }

  private async verifyKnownKeys(ctx: Context, conn: ApiConnection, keys: readonly string[]): Promise<void> {
    const known = (await conn.call<ModelConfigResults>('ModelConfig', 'ModelGet')).config;
    for (const key of keys) {
      // authorized-keys is a real key even though ModelGet hides it.
      if (!Object.hasOwn(known, key) && key !== 'authorized-keys' && !modelConfigSchema.has(key)) {
        ctx.warningf(
          `key ${JSON.stringify(key)} is not defined in the current model configuration: possible misspelling`,
        );
      }
    }
  }

  private async filtered(conn: ApiConnection): Promise<ConfigValues> {
    const values = (await conn.call<ModelConfigResults>('ModelConfig', 'ModelGet')).config;
    for (const key of MODEL_ATTRIBUTES) delete values[key];
    return values;
  }

  private async getOne(ctx: Context, conn: ApiConnection, key: string, model: string): Promise<void> {
    const values = await this.filtered(conn);
    const value = values[key];
    if (value === undefined) {
      throw new JujuError(
        '',
        `${JSON.stringify(key)} is not a key of the currently targeted model: ${JSON.stringify(model)}`,
      );
    }
    if (this.out.format === 'tabular') {
      // The bare value, as the "smart" format prints it (nothing at all for "").
      if (value.value !== '') ctx.out(formatSmart(value.value));
      return;
    }
    this.out.write(ctx, { [key]: value });
  }

  private async getAll(ctx: Context, conn: ApiConnection): Promise<void> {
    const values = await this.filtered(conn);
    const userdata = values[CLOUDINIT_USERDATA];
    if (this.out.format === 'tabular' && userdata !== undefined && userdata.value !== '') {
      values[CLOUDINIT_USERDATA] = {
        ...userdata,
        value: '<value set, see juju model-config cloudinit-userdata>',
      };
    }
    this.out.write(ctx, values);
  }
}
