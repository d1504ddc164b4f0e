/**
 * Provider lookup by type, as named in clouds.yaml and model config. Only the
 * local provider exists today; lxd, manual and kubernetes will be added here.
 */

import { notFound } from '../core/errors.js';
import { LocalProvider } from './local/provider.js';
import type { Provider } from './types.js';

type ProviderEnv = Readonly<Record<string, string | undefined>>;

const factories: Readonly<Record<string, (env?: ProviderEnv) => Provider>> = {
  local: (env) => new LocalProvider(env ? { env } : {}),
};

const instances = new Map<string, Provider>();

/** Provider types this build knows, sorted. */
export function providerTypes(): string[] {
  return Object.keys(factories).sort();
}

/**
 * The provider for `type`; throws a `not found` JujuError for an unknown type.
 * With `env`, a fresh provider reading its settings (e.g. JUJU_LOCAL_*) from
 * that environment instead of the process's.
 */
export function getProvider(type: string, env?: ProviderEnv): Provider {
  const existing = env ? undefined : instances.get(type);
  if (existing) return existing;
  const factory = Object.hasOwn(factories, type) ? factories[type] : undefined;
  if (!factory) throw notFound(`no registered provider for "${type}"`);
  const provider = factory(env);
  if (env) return provider;
  instances.set(type, provider);
  return provider;
}
