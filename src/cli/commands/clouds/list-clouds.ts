/** `juju clouds`: the clouds known to this client and/or to a controller. */
import type { CloudDefinition } from '../../../clientstore/index.js';
import { goMap, stringifyYamlV2 } from '../../../clientstore/index.js';
import { errorMessage } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagSet } from '../../framework/flags.js';
import { formatJson } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { TabWriter } from '../../output/tabwriter.js';
import { listControllerClouds } from './cloud-api.js';
import type { CloudView } from './cloud-details.js';
import {
  byteOrder,
  cloudJson,
  cloudView,
  cloudYaml,
  defaultRegionOf,
  displayCloudType,
} from './cloud-details.js';
import { ClientOrControllerCommand } from './client-or-controller.js';

interface CloudList {
  /** This client's clouds (built-in and personal), by name. */
  local: Map<string, CloudView>;
  /** The controller's clouds, by name. */
  remote: Map<string, CloudView>;
}

export class ListCloudsCommand extends ClientOrControllerCommand {
  private readonly output = new OutputOptions('tabular', {
    tabular: (v) => formatCloudsTabular(v as CloudList),
    yaml: (v) => yamlOf(v as CloudList),
    json: (v) => jsonOf(v as CloudList),
  });

  info(): CommandInfo {
    return {
      name: 'clouds',
      purpose: 'Lists all clouds available to Juju.',
      doc: `Shows the main facts of every cloud known to Juju: its name, how many regions
it has, its default region, its type, how many credentials this client holds
for it, where it is defined and a description.

The clouds known to this client are the built-in ones (the "local" cloud of
machines on this host, and "localhost" for LXD) plus any added with
"juju add-cloud --client"; they can be used to create a controller. Use the
--client option to list them.

Use the --controller option to list the clouds a controller knows.

The default output format is tabular; use json or yaml for machine-readable
output. Use "juju regions" to list a cloud's regions and "juju show-cloud" for
its full details.`,
      examples: `    juju clouds
    juju clouds --format yaml
    juju clouds --controller mycontroller
    juju clouds --controller mycontroller --client
    juju clouds --client`,
      seeAlso: [
        'add-cloud',
        'credentials',
        'controllers',
        'regions',
        'default-credential',
        'default-region',
        'show-cloud',
        'update-cloud',
      ],
      aliases: ['list-clouds'],
    };
  }

  override setFlags(flags: FlagSet): void {
    super.setFlags(flags);
    // Juju hides public clouds without credentials unless --all; this client has
    // no public clouds, so every cloud is always shown.
    flags.bool('all', false, 'Show all available clouds');
    this.output.setFlags(flags);
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const targets = await this.targets(ctx, 'list clouds from', true);
    const store = this.store(ctx);
    const list: CloudList = { local: new Map(), remote: new Map() };
    if (targets.client) {
      const clouds = store.allClouds();
      for (const name of Object.keys(clouds)) {
        const def = clouds[name] as (typeof clouds)[string];
        list.local.set(name, cloudView(store, name, def, def.source));
      }
    }
    let failure: string | undefined;
    if (targets.controller !== undefined) {
      try {
        const conn = await this.connectTo(ctx, targets.controller);
        const remote: Record<string, CloudDefinition> = await listControllerClouds(conn);
        for (const [name, def] of Object.entries(remote))
          list.remote.set(name, cloudView(store, name, def, 'public'));
      } catch (err) {
        failure = `could not get clouds from controller ${JSON.stringify(targets.controller)}: ${errorMessage(err)}`;
      }
    }
    this.output.write(ctx, list);
    if (failure !== undefined) throw new Error(failure);
  }
}

function sortedNames(m: Map<string, CloudView>): string[] {
  return [...m.keys()].sort(byteOrder);
}

function formatCloudsTabular(list: CloudList): string {
  const tw = new TabWriter({ alignRight: new Set([1]) });
  const printClouds = (clouds: Map<string, CloudView>, withTail: boolean): void => {
    for (const name of sortedNames(clouds)) {
      const v = clouds.get(name) as CloudView;
      let description = v.description ?? '';
      if (description.length > 40) description = description.slice(0, 39);
      const head = [name, v.regions.length, defaultRegionOf(v), displayCloudType(v.type)];
      if (withTail) tw.row(...head, v.credentialCount, v.source, description);
      else tw.row(...head, '');
    }
  };
  if (list.remote.size > 0) {
    tw.row('');
    tw.row('Clouds available on the controller:');
    tw.row('Cloud', 'Regions', 'Default', 'Type');
    printClouds(list.remote, false);
  }
  if (list.local.size > 0) {
    if (list.remote.size === 0) tw.row('You can bootstrap a new controller using one of these clouds...');
    tw.row('');
    tw.row('Clouds available on the client:');
    tw.row('Cloud', 'Regions', 'Default', 'Type', 'Credentials', 'Source', 'Description');
    printClouds(list.local, true);
  }
  return tw.toString();
}

function allClouds(list: CloudList): Map<string, CloudView> {
  return new Map([...list.local, ...list.remote]);
}

function yamlOf(list: CloudList): string {
  const all = allClouds(list);
  return stringifyYamlV2(goMap(all, cloudYaml));
}

function jsonOf(list: CloudList): string {
  const all = allClouds(list);
  if (all.size === 0) return formatJson(null);
  const out: Record<string, unknown> = {};
  for (const name of sortedNames(all)) out[name] = cloudJson(all.get(name) as CloudView);
  return formatJson(out);
}
