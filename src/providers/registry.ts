/**
 * Provider lookup by type, as named in clouds.yaml and model config. Only the
 * local provider exists today; lxd, manual and kubernetes will be added here.
 */

import { notFound } from '../core/errors.js';
import { LocalProvider } from './local/provider.js';
import type { Provider } from './types.js';

const factories: Readonly<Record<string, () => Provider>> = {
  local: () => new LocalProvider(),
};

const instances = new Map<string, Provider>();

/** Provider types this build knows, sorted. */
export function providerTypes(): string[] {
  return Object.keys(factories).sort();
}

/** The provider for `type`; throws a `not found` JujuError for an unknown type. */
export function getProvider(type: string): Provider {
  const existing = instances.get(type);
  if (existing) return existing;
  const factory = Object.hasOwn(factories, type) ? factories[type] : undefined;
  if (!factory) throw notFound(`no registered provider for "${type}"`);
  const provider = factory();
  instances.set(type, provider);
  return provider;
}
