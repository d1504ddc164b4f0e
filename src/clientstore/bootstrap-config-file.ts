/** `bootstrap-config.yaml`: per controller, the configuration bootstrap used. */
import type { BootstrapConfig } from './types.js';
import { bool, field, mapEntries, optStr, parseStoreText, plainRecord, str, strList } from './decode.js';
import { anyValue, goMap, stringifyYamlV2 } from './yaml-v2.js';
import type { YamlMapping, YamlTree } from './yaml-v2.js';
import { setIfPresent, setListIfPresent } from './encode.js';

/** Controller name → bootstrap config. */
export type BootstrapConfigFile = Record<string, BootstrapConfig>;

export function parseBootstrapConfigFile(text: string | undefined): BootstrapConfigFile {
  const doc = parseStoreText(text, 'bootstrap config');
  const out: BootstrapConfigFile = {};
  for (const [ctrl, raw] of mapEntries(doc.get('controllers'), 'controllers')) {
    const c: BootstrapConfig = {
      controllerConfig: plainRecord(field(raw, 'controller-config')),
      modelConfig: plainRecord(field(raw, 'model-config')),
      controllerModelUuid: str(field(raw, 'controller-model-uuid')),
      cloud: str(field(raw, 'cloud')),
      type: str(field(raw, 'type')),
    };
    const credential = optStr(field(raw, 'credential'));
    if (credential !== undefined) c.credential = credential;
    const region = optStr(field(raw, 'region'));
    if (region !== undefined) c.region = region;
    const endpoint = optStr(field(raw, 'endpoint'));
    if (endpoint !== undefined) c.endpoint = endpoint;
    const identity = optStr(field(raw, 'identity-endpoint'));
    if (identity !== undefined) c.identityEndpoint = identity;
    const storage = optStr(field(raw, 'storage-endpoint'));
    if (storage !== undefined) c.storageEndpoint = storage;
    const cas = strList(field(raw, 'ca-certificates'));
    if (cas.length > 0) c.caCertificates = cas;
    if (bool(field(raw, 'skip-tls-verify'))) c.skipTlsVerify = true;
    out[ctrl] = c;
  }
  return out;
}

export function formatBootstrapConfigFile(file: BootstrapConfigFile): string {
  const root: YamlMapping = new Map();
  root.set('controllers', goMap(file, encodeBootstrapConfig));
  return stringifyYamlV2(root);
}

function encodeBootstrapConfig(c: BootstrapConfig): YamlTree {
  const m: YamlMapping = new Map();
  m.set('controller-config', anyValue(c.controllerConfig));
  m.set('model-config', anyValue(c.modelConfig));
  m.set('controller-model-uuid', c.controllerModelUuid);
  setIfPresent(m, 'credential', c.credential);
  m.set('cloud', c.cloud);
  m.set('type', c.type);
  setIfPresent(m, 'region', c.region);
  setIfPresent(m, 'endpoint', c.endpoint);
  setIfPresent(m, 'identity-endpoint', c.identityEndpoint);
  setIfPresent(m, 'storage-endpoint', c.storageEndpoint);
  setListIfPresent(m, 'ca-certificates', c.caCertificates);
  if (c.skipTlsVerify) m.set('skip-tls-verify', true);
  return m;
}
