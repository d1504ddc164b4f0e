/** `juju regions <cloud>`: a cloud's regions, from this client and/or a controller. */
import type { CloudDefinition } from '../../../clientstore/index.js';
import { stringifyYamlV2 } from '../../../clientstore/index.js';
import type { YamlMapping } from '../../../clientstore/index.js';
import { errorMessage } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import { checkNoMoreArgs, SilentError } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagSet } from '../../framework/flags.js';
import { UsageError } from '../../framework/flags.js';
import { formatJson } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { TabWriter } from '../../output/tabwriter.js';
import { getControllerCloud } from './cloud-api.js';
import type { RegionView } from './cloud-details.js';
import { regionJson, regionYaml, sortedObject } from './cloud-details.js';
import { ClientOrControllerCommand } from './client-or-controller.js';

interface FoundRegions {
  client?: RegionView[];
  controller?: RegionView[];
}

export class RegionsCommand extends ClientOrControllerCommand {
  private readonly output = new OutputOptions('tabular', {
    tabular: (v) => tabularOf(v as FoundRegions),
    yaml: (v) => yamlOf(v as FoundRegions),
    json: (v) => jsonOf(v as FoundRegions),
  });
  private cloudName = '';

  info(): CommandInfo {
    return {
      name: 'regions',
      args: '<cloud>',
      purpose: 'Lists regions for a given cloud.',
      doc: `Lists the regions of a cloud.

Use the --controller option to list the regions of the cloud as a controller
knows it.

Use the --client option to list the regions known to this client.`,
      examples: `    juju regions local
    juju regions mycloud --controller mycontroller
    juju regions mycloud --client
    juju regions mycloud --client --controller mycontroller`,
      seeAlso: ['add-cloud', 'clouds', 'show-cloud', 'update-cloud'],
      aliases: ['list-regions'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    this.output.setFlags(flags);
  }

  override init(args: string[]): void {
    if (args.length === 0) throw new UsageError('no cloud specified');
    this.cloudName = args[0] as string;
    checkNoMoreArgs(args.slice(1));
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const targets = await this.targets(
      ctx,
      `list regions for cloud ${JSON.stringify(this.cloudName)} from`,
      true,
    );
    const found: FoundRegions = {};
    let failed = false;
    if (targets.client) {
      const all = this.store(ctx).allClouds();
      const def = Object.hasOwn(all, this.cloudName) ? all[this.cloudName] : undefined;
      if (!def) {
        ctx.infof(`ERROR cloud ${this.cloudName} not found`);
        failed = true;
      } else if (def.regions.length === 0) {
        ctx.out(`Cloud ${JSON.stringify(this.cloudName)} has no regions defined locally on this client.\n`);
      } else {
        found.client = regionsOf(def);
      }
    }
    if (targets.controller !== undefined) {
      try {
        const conn = await this.connectTo(ctx, targets.controller);
        const def = await getControllerCloud(conn, this.cloudName);
        if (def.regions.length === 0) {
          ctx.out(
            `Cloud ${JSON.stringify(this.cloudName)} has no regions defined on controller ${JSON.stringify(targets.controller)}.\n`,
          );
        } else {
          found.controller = regionsOf(def);
        }
      } catch (err) {
        ctx.infof(`ERROR on controller ${JSON.stringify(targets.controller)}: ${errorMessage(err)}`);
        failed = true;
      }
    }
    this.output.write(ctx, found);
    if (failed) throw new SilentError(1);
  }
}

/** Regions with the endpoints they inherit from their cloud. */
function regionsOf(def: CloudDefinition): RegionView[] {
  return def.regions.map((r) => {
    const v: RegionView = { name: r.name };
    const endpoint = r.endpoint || def.endpoint;
    if (endpoint) v.endpoint = endpoint;
    const identity = r.identityEndpoint || def.identityEndpoint;
    if (identity) v.identityEndpoint = identity;
    const storage = r.storageEndpoint || def.storageEndpoint;
    if (storage) v.storageEndpoint = storage;
    return v;
  });
}

function tabularOf(found: FoundRegions): string {
  const tw = new TabWriter();
  if (found.client) {
    tw.row('');
    tw.row('Client Cloud Regions');
    for (const r of found.client) tw.row(r.name);
  }
  if (found.controller) {
    tw.row('');
    tw.row('Controller Cloud Regions');
    for (const r of found.controller) tw.row(r.name);
  }
  return tw.toString();
}

function yamlOf(found: FoundRegions): string {
  const root: YamlMapping = new Map();
  const section = (regions: RegionView[]): YamlMapping =>
    new Map(regions.map((r) => [r.name, regionYaml(r)]));
  if (found.client) root.set('client-cloud-regions', section(found.client));
  if (found.controller) root.set('controller-cloud-regions', section(found.controller));
  return stringifyYamlV2(root);
}

function jsonOf(found: FoundRegions): string {
  const out: Record<string, unknown> = {};
  const section = (regions: RegionView[]): Record<string, unknown> =>
    sortedObject(Object.fromEntries(regions.map((r) => [r.name, regionJson(r)])));
  if (found.client) out['client-cloud-regions'] = section(found.client);
  if (found.controller) out['controller-cloud-regions'] = section(found.controller);
  return formatJson(out);
}
