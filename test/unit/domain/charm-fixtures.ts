/** Test charms and helpers shared by the charms-on-machines domain tests. */
import { createHash } from 'node:crypto';

import type { AddCharmParams, Charm, CharmEndpoint } from '../../../src/domain/charm/types.js';
import type { ControllerServices } from '../../../src/domain/services.js';

const ep = (
  name: string,
  role: CharmEndpoint['role'],
  iface: string,
  extra: Partial<Pick<CharmEndpoint, 'scope' | 'limit' | 'optional'>> = {},
): CharmEndpoint => ({
  name,
  role,
  interface: iface,
  scope: extra.scope ?? 'global',
  limit: extra.limit ?? 0,
  optional: extra.optional ?? false,
});

/** Charm definitions by name (without hash/key, filled in by {@link addCharm}). */
export const CHARMS: Record<string, Omit<AddCharmParams, 'sha256' | 'archiveKey'>> = {
  wordpress: {
    name: 'wordpress',
    endpoints: [
      ep('db', 'requirer', 'mysql', { limit: 1 }),
      ep('website', 'provider', 'http'),
      ep('cache', 'requirer', 'memcache', { optional: true }),
      ep('loadbalancer', 'peer', 'reversenginx'),
    ],
    extraBindings: ['admin-api'],
    configOptions: {
      'blog-title': { type: 'string', default: 'My Title', description: 'Title of the blog' },
      port: { type: 'int', default: 80, description: 'Port to serve on' },
      debug: { type: 'boolean', description: 'Debug mode' },
      ratio: { type: 'float', default: 0.5, description: 'A ratio' },
    },
    metadata: { name: 'wordpress', summary: 'blog' },
    config: { options: { 'blog-title': { type: 'string', default: 'My Title' } } },
    actions: { backup: { description: 'Back up' } },
    version: '6.4',
  },
  mysql: {
    name: 'mysql',
    endpoints: [ep('server', 'provider', 'mysql'), ep('cluster', 'peer', 'mysql-ha')],
    configOptions: { 'max-connections': { type: 'int', default: 100, description: 'connections' } },
  },
  mariadb: {
    name: 'mariadb',
    endpoints: [ep('server', 'provider', 'mysql'), ep('legacy', 'provider', 'mysql')],
  },
  monitor: {
    name: 'monitor',
    endpoints: [ep('host', 'requirer', 'juju-info'), ep('web', 'requirer', 'http')],
  },
  logging: {
    name: 'logging',
    subordinate: true,
    endpoints: [ep('info', 'requirer', 'juju-info', { scope: 'container' })],
  },
  ntp: {
    name: 'ntp',
    subordinate: true,
    endpoints: [
      ep('juju-info', 'requirer', 'juju-info', { scope: 'container' }),
      ep('peers', 'peer', 'ntp-peer'),
    ],
  },
  memcached: {
    name: 'memcached',
    endpoints: [ep('cache', 'provider', 'memcache')],
  },
};

/** Adds a test charm (next local revision) to a model. */
export function addCharm(
  services: ControllerServices,
  modelUuid: string,
  name: string,
  overrides: Partial<AddCharmParams> = {},
): Charm {
  const def = CHARMS[name];
  if (def === undefined) throw new Error(`no test charm ${name}`);
  const sha256 = createHash('sha256')
    .update(`${name}:${JSON.stringify(overrides)}`)
    .digest('hex');
  return services.charm.add(modelUuid, {
    ...def,
    sha256,
    archiveKey: `charms/${sha256}.charm`,
    ...overrides,
  });
}

/** Deploys `name` from a freshly added charm of the same name. */
export function deployCharm(
  services: ControllerServices,
  modelUuid: string,
  charmName: string,
  appName = charmName,
  numUnits = 1,
): ReturnType<ControllerServices['application']['deploy']> {
  const charm = addCharm(services, modelUuid, charmName);
  return services.application.deploy(modelUuid, { name: appName, charmUrl: charm.url, numUnits });
}

/** Marks a unit's agent as started so destroy makes it dying instead of removing it. */
export function startAgent(services: ControllerServices, modelUuid: string, unit: string): void {
  services.application.setUnitAgentStatus(modelUuid, unit, { status: 'idle' });
}
