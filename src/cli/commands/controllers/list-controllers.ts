/** `juju controllers`: every controller this client knows, the current one marked. */
import type { ClientStore, ControllerDetails, YamlMapping } from '../../../clientstore/index.js';
import { flow, goMap, NO_CONTROLLERS_REGISTERED, stringifyYamlV2 } from '../../../clientstore/index.js';
import { JujuError, errorMessage } from '../../../core/errors.js';
import type { CommandInfo } from '../../framework/command.js';
import type { Context } from '../../framework/context.js';
import type { FlagRef, FlagSet } from '../../framework/flags.js';
import { formatJson } from '../../output/formats.js';
import { OutputOptions } from '../../output/output-flags.js';
import { TabWriter } from '../../output/tabwriter.js';
import { ApiCommandBase } from './api-command.js';
import { currentControllerName, modelNameForUser } from './current-controller.js';
import { refreshModels } from '../../modelcmd/refresh-models.js';

/** One controller as listed. */
export interface ControllerItem {
  currentModel?: string;
  user?: string;
  access?: string;
  recentServer?: string;
  uuid: string;
  apiEndpoints: string[];
  caCert: string;
  cloud: string;
  region?: string;
  agentVersion?: string;
  modelCount?: number;
  machineCount?: number;
  controllerMachines?: { active: number; total: number };
  nodeCount?: number;
  controllerNodes?: { active: number; total: number };
}

interface ControllerSet {
  controllers: Record<string, ControllerItem> | null;
  currentController: string;
  /** Whether to print the `--refresh` hint (tabular). */
  promptRefresh: boolean;
}

export class ListControllersCommand extends ApiCommandBase {
  private readonly output = new OutputOptions('tabular', {
    tabular: (v) => tabularOf(v as ControllerSet),
    yaml: (v) => yamlOf(v as ControllerSet),
    json: (v) => jsonOf(v as ControllerSet),
  });
  private refresh: FlagRef<boolean> | undefined;

  info(): CommandInfo {
    return {
      name: 'controllers',
      purpose: 'Lists all controllers.',
      doc: `Lists the controllers this client knows. In the default tabular output the
current controller is marked with an asterisk.

The details come from this client's cache; --refresh asks each controller for
its current models first.`,
      examples: `    juju controllers
    juju controllers --format json --output ~/tmp/controllers.json`,
      seeAlso: ['models', 'show-controller'],
      aliases: ['list-controllers'],
    };
  }

  override setFlags(flags: FlagSet): void {
    this.refresh = flags.bool('refresh', false, 'Connect to each controller to download the latest details');
    this.output.setFlags(flags);
  }

  protected async execute(ctx: Context): Promise<number | void> {
    const store = this.store(ctx);
    let controllers = store.allControllers();
    const names = Object.keys(controllers);
    if (names.length === 0 && this.output.format === 'tabular')
      throw new JujuError('', NO_CONTROLLERS_REGISTERED);
    const refresh = this.refresh?.value ?? false;
    if (refresh && names.length > 0) {
      await Promise.all(
        names.map(async (name) => {
          try {
            await refreshModels(store, name, (c) => this.open(ctx, c));
          } catch (err) {
            ctx.err(`error updating cached details for ${JSON.stringify(name)}: ${errorMessage(err)}\n`);
          }
        }),
      );
      controllers = store.allControllers();
    }
    const items: Record<string, ControllerItem> = {};
    for (const name of Object.keys(controllers)) {
      items[name] = controllerItem(store, name, controllers[name] as ControllerDetails);
    }
    this.output.write(ctx, {
      controllers: names.length === 0 ? null : items,
      currentController: currentControllerName(store, ctx.env) ?? '',
      promptRefresh: !refresh,
    } satisfies ControllerSet);
  }
}

/** A controller's listing entry from what the store knows. */
export function controllerItem(store: ClientStore, name: string, details: ControllerDetails): ControllerItem {
  const item: ControllerItem = {
    uuid: details.uuid,
    apiEndpoints: [...details.apiEndpoints],
    caCert: details.caCert,
    cloud: details.cloud,
  };
  if (details.apiEndpoints[0]) item.recentServer = details.apiEndpoints[0];
  let user: string | undefined;
  try {
    const account = store.accountDetails(name);
    user = account.user;
    item.user = account.user;
    if (account.lastKnownAccess) item.access = account.lastKnownAccess;
  } catch {
    // Not logged in: no user or access to show.
  }
  const current = store.currentModel(name);
  if (current !== undefined) item.currentModel = modelNameForUser(current, user);
  if (details.region) item.region = details.region;
  if (details.agentVersion) item.agentVersion = details.agentVersion;
  const modelCount = Object.keys(store.allModels(name)).length;
  if (modelCount > 0) item.modelCount = modelCount;
  const isCaas = details.type === 'kubernetes';
  if (details.machineCount !== undefined && details.machineCount > 0) {
    if (isCaas) item.nodeCount = details.machineCount;
    else item.machineCount = details.machineCount;
  }
  if (details.controllerMachineCount > 0) {
    const machines = { active: details.activeControllerMachineCount, total: details.controllerMachineCount };
    if (isCaas) item.controllerNodes = machines;
    else item.controllerMachines = machines;
  }
  return item;
}

function haStatus(m: ControllerItem['controllerMachines']): string {
  if (!m || m.total === 0) return '-';
  if (m.total === 1) return 'none';
  return m.active < m.total ? `${m.active}/${m.total}` : `${m.total}`;
}

function tabularOf(set: ControllerSet): string {
  const controllers = set.controllers ?? {};
  let text = '';
  if (set.promptRefresh && Object.keys(controllers).length > 0) {
    text += 'Use --refresh option with this command to see the latest information.\n\n';
  }
  const tw = new TabWriter({ alignRight: new Set([5, 6, 7]) });
  tw.row('Controller', 'Model', 'User', 'Access', 'Cloud/Region', 'Models', 'Nodes', 'HA', 'Version');
  for (const name of Object.keys(controllers).sort()) {
    const c = controllers[name] as ControllerItem;
    const user = c.user ?? '-';
    const access = c.user === undefined ? '-' : (c.access ?? '(unknown)');
    const cloudRegion = c.region ? `${c.cloud}/${c.region}` : c.cloud;
    const machines = c.nodeCount ?? c.machineCount;
    tw.row(
      name === set.currentController ? `${name}*` : name,
      c.currentModel ?? '-',
      user,
      access,
      cloudRegion,
      c.modelCount !== undefined && c.modelCount > 0 ? String(c.modelCount) : '-',
      machines !== undefined && machines > 0 ? String(machines) : '-',
      haStatus(c.controllerMachines),
      c.agentVersion ?? '(unknown)',
      '',
    );
  }
  return text + tw.toString();
}

function itemYaml(c: ControllerItem): YamlMapping {
  const m: YamlMapping = new Map();
  if (c.currentModel) m.set('current-model', c.currentModel);
  if (c.user) m.set('user', c.user);
  if (c.access) m.set('access', c.access);
  if (c.recentServer) m.set('recent-server', c.recentServer);
  m.set('controller-uuid', c.uuid);
  m.set('api-endpoints', flow([...c.apiEndpoints]));
  m.set('ca-cert', c.caCert);
  m.set('cloud', c.cloud);
  if (c.region) m.set('region', c.region);
  if (c.agentVersion) m.set('agent-version', c.agentVersion);
  if (c.modelCount !== undefined) m.set('model-count', c.modelCount);
  if (c.machineCount !== undefined) m.set('machine-count', c.machineCount);
  if (c.controllerMachines) {
    m.set(
      'controller-machines',
      new Map<string, number>([
        ['active', c.controllerMachines.active],
        ['total', c.controllerMachines.total],
      ]),
    );
  }
  if (c.nodeCount !== undefined) m.set('node-count', c.nodeCount);
  if (c.controllerNodes) {
    m.set(
      'controller-nodes',
      new Map<string, number>([
        ['active', c.controllerNodes.active],
        ['total', c.controllerNodes.total],
      ]),
    );
  }
  return m;
}

function yamlOf(set: ControllerSet): string {
  const root: YamlMapping = new Map();
  root.set('controllers', goMap(set.controllers ?? {}, itemYaml));
  root.set('current-controller', set.currentController);
  return stringifyYamlV2(root);
}

/** JSON of one item; the machine counts keep Go's field names (`Active`, `Total`) as Juju prints them. */
function itemJson(c: ControllerItem): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (c.currentModel) o['current-model'] = c.currentModel;
  if (c.user) o['user'] = c.user;
  if (c.access) o['access'] = c.access;
  if (c.recentServer) o['recent-server'] = c.recentServer;
  o['uuid'] = c.uuid;
  o['api-endpoints'] = [...c.apiEndpoints];
  o['ca-cert'] = c.caCert;
  o['cloud'] = c.cloud;
  if (c.region) o['region'] = c.region;
  if (c.agentVersion) o['agent-version'] = c.agentVersion;
  if (c.modelCount !== undefined) o['model-count'] = c.modelCount;
  if (c.machineCount !== undefined) o['machine-count'] = c.machineCount;
  if (c.controllerMachines)
    o['controller-machines'] = { Active: c.controllerMachines.active, Total: c.controllerMachines.total };
  if (c.nodeCount !== undefined) o['node-count'] = c.nodeCount;
  if (c.controllerNodes)
    o['controller-nodes'] = { Active: c.controllerNodes.active, Total: c.controllerNodes.total };
  return o;
}

function jsonOf(set: ControllerSet): string {
  let controllers: Record<string, unknown> | null = null;
  if (set.controllers !== null) {
    controllers = {};
    for (const name of Object.keys(set.controllers).sort())
      controllers[name] = itemJson(set.controllers[name] as ControllerItem);
  }
  return formatJson({ controllers, 'current-controller': set.currentController });
}
