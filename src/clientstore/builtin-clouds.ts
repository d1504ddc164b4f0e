/**
 * Clouds every client lists without any configuration. `local` is this
 * project's own provider (machines in network namespaces on this host);
 * `localhost` is LXD, as in Juju.
 */
import { alreadyExists } from '../core/errors.js';
import type { CloudDefinition } from './types.js';

/** The built-in clouds, in the order `juju clouds` lists them. */
export function builtinClouds(): Record<string, CloudDefinition> {
  return {
    local: {
      type: 'local',
      description: 'Network-namespace machines on this host',
      authTypes: ['empty'],
      regions: [{ name: 'localhost' }],
    },
    localhost: {
      type: 'lxd',
      description: 'LXD Container Hypervisor',
      authTypes: ['certificate'],
      regions: [{ name: 'localhost' }],
    },
  };
}

export function isBuiltinCloud(name: string): boolean {
  return Object.hasOwn(builtinClouds(), name);
}

/** The error `juju add-cloud --client` gives for a name that is already defined. */
export function cloudAlreadyExistsError(name: string): Error {
  return alreadyExists(
    `use \`update-cloud ${name} --client\` to override known definition: local cloud ${JSON.stringify(name)} already exists`,
  );
}
