/** Public surface of the local provider. */

export { localCloudDefinition, type LocalCloudDefinition, type LocalCloudRegion } from './cloud.js';
export { collectLocalGarbage, type LocalGcOptions, type LocalGcResult } from './gc.js';
export { checkLocalHost, type HostCheckInputs } from './host-tools.js';
export { LOCAL_PROVIDER_TYPE, LocalProvider, type LocalProviderOptions } from './provider.js';
export {
  DEFAULT_BRIDGE,
  DEFAULT_CIDR,
  DEFAULT_ROOT,
  LocalEnv,
  resolveNetworkSettings,
  resolveStateRoot,
  type LocalNetworkSettings,
} from './settings.js';
