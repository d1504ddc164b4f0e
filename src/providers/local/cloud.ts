/**
 * How the built-in local cloud appears to users (`juju clouds`,
 * `juju show-cloud local`, `juju bootstrap local`).
 */

import { LOCAL_PROVIDER_TYPE } from './provider.js';

export interface LocalCloudRegion {
  readonly name: string;
}

/** A built-in cloud definition, in the shape of a clouds.yaml entry plus its name. */
export interface LocalCloudDefinition {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly authTypes: readonly string[];
  readonly regions: readonly LocalCloudRegion[];
}

/**
 * The local cloud: name and type `local`, one region `localhost` (like Juju's
 * built-in LXD cloud, so `juju bootstrap local` shows `local/localhost` and
 * names the controller `local-localhost`), no credentials needed (`empty`).
 */
export function localCloudDefinition(): LocalCloudDefinition {
  return {
    name: 'local',
    type: LOCAL_PROVIDER_TYPE,
    description: 'Network-namespace machines on this host',
    authTypes: ['empty'],
    regions: [{ name: 'localhost' }],
  };
}
