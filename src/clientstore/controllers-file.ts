/**
 * `controllers.yaml`: every controller this client knows, and the current one.
 * Keys and their order follow Juju 3.6's ControllerDetails struct.
 */
import type { ControllerDetails } from './types.js';
import {
  field,
  int,
  mapEntries,
  optInt,
  optStr,
  parseStoreText,
  plainRecord,
  str,
  strList,
} from './decode.js';
import { anyValue, flow, goMap, stringifyYamlV2 } from './yaml-v2.js';
import type { YamlMapping, YamlTree } from './yaml-v2.js';
import { setIfPresent } from './encode.js';

export interface ControllersFile {
  controllers: Record<string, ControllerDetails>;
  currentController?: string;
}

export function parseControllersFile(text: string | undefined): ControllersFile {
  const doc = parseStoreText(text, 'yaml controllers metadata');
  const controllers: Record<string, ControllerDetails> = {};
  for (const [name, raw] of mapEntries(doc.get('controllers'), 'controllers')) {
    controllers[name] = decodeController(raw);
  }
  const out: ControllersFile = { controllers };
  const current = optStr(doc.get('current-controller'));
  if (current !== undefined) out.currentController = current;
  return out;
}

function decodeController(raw: unknown): ControllerDetails {
  const d: ControllerDetails = {
    uuid: str(field(raw, 'uuid')),
    apiEndpoints: strList(field(raw, 'api-endpoints')),
    caCert: str(field(raw, 'ca-cert')),
    cloud: str(field(raw, 'cloud')),
    controllerMachineCount: int(field(raw, 'controller-machine-count')),
    activeControllerMachineCount: int(field(raw, 'active-controller-machine-count')),
  };
  const dns = field(raw, 'dns-cache');
  if (dns !== undefined && dns !== null) {
    const cache: Record<string, string[]> = {};
    for (const [host, ips] of mapEntries(dns, 'dns-cache')) cache[host] = strList(ips);
    d.dnsCache = cache;
  }
  const publicHostname = optStr(field(raw, 'public-hostname'));
  if (publicHostname !== undefined) d.publicHostname = publicHostname;
  const region = optStr(field(raw, 'region'));
  if (region !== undefined) d.region = region;
  const type = optStr(field(raw, 'type'));
  if (type !== undefined) d.type = type;
  const agentVersion = optStr(field(raw, 'agent-version'));
  if (agentVersion !== undefined) d.agentVersion = agentVersion;
  const machineCount = optInt(field(raw, 'machine-count'));
  if (machineCount !== undefined) d.machineCount = machineCount;
  const proxy = field(raw, 'proxy-config');
  if (proxy !== undefined && proxy !== null) {
    d.proxyConfig = { type: str(field(proxy, 'type')), config: plainRecord(field(proxy, 'config')) };
  }
  return d;
}

export function formatControllersFile(file: ControllersFile): string {
  const root: YamlMapping = new Map();
  root.set('controllers', goMap(file.controllers, encodeController));
  setIfPresent(root, 'current-controller', file.currentController);
  return stringifyYamlV2(root);
}

function encodeController(d: ControllerDetails): YamlTree {
  const m: YamlMapping = new Map();
  m.set('uuid', d.uuid);
  m.set('api-endpoints', flow([...d.apiEndpoints]));
  if (d.dnsCache && Object.keys(d.dnsCache).length > 0)
    m.set('dns-cache', flow(goMap(d.dnsCache, (ips) => [...ips])));
  setIfPresent(m, 'public-hostname', d.publicHostname);
  m.set('ca-cert', d.caCert);
  m.set('cloud', d.cloud);
  setIfPresent(m, 'region', d.region);
  setIfPresent(m, 'type', d.type);
  setIfPresent(m, 'agent-version', d.agentVersion);
  m.set('controller-machine-count', d.controllerMachineCount);
  m.set('active-controller-machine-count', d.activeControllerMachineCount);
  if (d.machineCount !== undefined) m.set('machine-count', d.machineCount);
  if (d.proxyConfig)
    m.set('proxy-config', anyValue({ type: d.proxyConfig.type, config: d.proxyConfig.config }));
  return m;
}
