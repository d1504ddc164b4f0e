/** `juju show-cloud <cloud>`: one cloud's full definition, from this client and/or a controller. */
import { stringifyYamlV2 } from '../../../clientstore/index.js';
import type { YamlMapping } from '../../../clientstore/index.js';
import { errorMessage } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs, SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { formatJson } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { getControllerCloud } from './cloud-api.js';
import type { CloudView } from './cloud-details.js';
import { byteOrder, cloudJson, cloudView, cloudYaml } from './cloud-details.js';
import { ClientOrControllerCommand } from './client-or-controller.js';
import { cloudConfigSchema } from './cloud-config-schema.js';

/** One cloud to print, with the line that introduces it. */
interface CloudOutput {
  name: string;
  summary: string;
  details: CloudView;
  /** Config options specific to the cloud's type (`--include-config`). */
  config?: Record<string, { type: string; description: string }>;
}

export class ShowCloudCommand extends ClientOrControllerCommand {
  private readonly output = new OutputOptions('display', {
    display: (v) => displayOf(v as CloudOutput[]),
    yaml: (v) => yamlOf(v as CloudOutput[]),
    json: (v) => jsonOf(v as CloudOutput[]),
  });
  private includeConfig: FlagRef<boolean> | undefined;
  private cloudName = '';

  info(): CommandInfo {
    return {
      name: 'show-cloud',
      args: '<cloud name>',
      purpose: 'Shows detailed information for a cloud.',
      doc: `Shows where a cloud is defined (built-in, public, local), its type, auth types,
regions, endpoints and cloud-specific configuration.

With --include-config, the configuration options specific to the cloud's type
(key, type and description) are shown too, where the provider has any.

Use the --controller option to show a cloud known to a controller.

Use the --client option to show a cloud known to this client.`,
      examples: `    juju show-cloud local
    juju show-cloud myopenstack --controller mycontroller
    juju show-cloud myopenstack --client
    juju show-cloud myopenstack --client --controller mycontroller`,
      seeAlso: ['clouds', 'add-cloud', 'update-cloud'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.output.setFlags(flags);
    this.includeConfig = flags.bool(
      'include-config',
      false,
      'Print available config option details specific to the specified cloud',
    );
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError('no cloud specified');
    this.cloudName = args[0] as string;
    checkNoMoreArgs(args.slice(1));
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const targets = await this.targets(ctx, `show cloud ${JSON.stringify(this.cloudName)} from`, true);
    const store = this.store(ctx);
    const includeConfig = this.includeConfig?.value ?? false;
    const outputs: CloudOutput[] = [];
    let failed = false;
    let local: CloudView | undefined;
    let localError: string | undefined;
    if (targets.client) {
      const all = store.allClouds();
      const def = Object.hasOwn(all, this.cloudName) ? all[this.cloudName] : undefined;
      if (def) local = cloudView(store, this.cloudName, def, def.source);
      else {
        const names = Object.keys(all).sort(byteOrder);
        localError =
          names.length === 0
            ? `cloud ${this.cloudName} not found`
            : `cloud ${this.cloudName} not found, possible alternative clouds:\n\n  - ${names.join('\n  - ')}`;
      }
    }
    if (targets.controller !== undefined) {
      try {
        const conn = await this.connectTo(ctx, targets.controller);
        const remote = cloudView(
          store,
          this.cloudName,
          await getControllerCloud(conn, this.cloudName),
          'public',
        );
        // One config listing is enough when both copies have the same type.
        const showConfig = includeConfig && !(local && local.type === remote.type);
        const out: CloudOutput = {
          name: this.cloudName,
          summary: `Cloud ${JSON.stringify(this.cloudName)} from controller ${JSON.stringify(targets.controller)}`,
          details: remote,
        };
        const config = showConfig ? cloudConfigSchema(remote.type) : undefined;
        if (config) out.config = config;
        outputs.push(out);
      } catch (err) {
        ctx.infof(`ERROR ${errorMessage(err)}`);
        failed = true;
      }
    }
    if (targets.client) {
      if (localError !== undefined) {
        ctx.infof(`ERROR ${localError}`);
        failed = true;
      } else if (local) {
        const out: CloudOutput = {
          name: this.cloudName,
          summary: `Client cloud ${JSON.stringify(this.cloudName)}`,
          details: local,
        };
        const config = includeConfig ? cloudConfigSchema(local.type) : undefined;
        if (config) out.config = config;
        outputs.push(out);
      }
    }
    if (outputs.length > 0) this.output.write(ctx, outputs);
    if (failed) throw new SilentError(1);
  }
}

function displayOf(outputs: CloudOutput[]): string {
  let text = '';
  for (const o of outputs) {
    text += `${o.summary}:\n\n`;
    text += stringifyYamlV2(cloudYaml(o.details));
    if (o.config && Object.keys(o.config).length > 0) {
      text += `\nThe available config options specific to ${o.details.type} clouds are:\n`;
      text += stringifyYamlV2(configYaml(o.config));
    }
    if (outputs.length > 1) text += '\n';
  }
  return text;
}

function configYaml(config: NonNullable<CloudOutput['config']>): YamlMapping {
  const m: YamlMapping = new Map();
  for (const key of Object.keys(config).sort(byteOrder)) {
    const c = config[key] as { type: string; description: string };
    m.set(
      key,
      new Map([
        ['type', c.type],
        ['description', c.description],
      ]),
    );
  }
  return m;
}

function outputYaml(o: CloudOutput): YamlMapping {
  const m: YamlMapping = new Map();
  m.set('name', o.name);
  m.set('summary', o.summary);
  for (const [k, v] of cloudYaml(o.details)) m.set(k, v);
  if (o.config && Object.keys(o.config).length > 0) m.set('cloud-config', configYaml(o.config));
  return m;
}

function yamlOf(outputs: CloudOutput[]): string {
  return outputs.map((o) => stringifyYamlV2(outputYaml(o)) + (outputs.length > 1 ? '---\n' : '')).join('');
}

function jsonOf(outputs: CloudOutput[]): string {
  return formatJson(
    outputs.map((o) => {
      const obj: Record<string, unknown> = { name: o.name, summary: o.summary, ...cloudJson(o.details) };
      if (o.config && Object.keys(o.config).length > 0) {
        const cfg: Record<string, unknown> = {};
        for (const key of Object.keys(o.config).sort(byteOrder)) cfg[key] = o.config[key];
        obj['cloud-config'] = cfg;
      }
      return obj;
    }),
  );
}
