/**
 * The "local" provider: machines as network namespaces on this host. Needs
 * root, iproute2 and util-linux; see README.md for the settings it reads.
 */

import type { EnvironConfig, Environ, Provider } from '../types.js';
import { AllocationStore } from './allocations.js';
import { LocalEnviron } from './environ.js';
import { hostBase } from './host-os.js';
import { checkLocalHost, type HostTools } from './host-tools.js';
import { DEFAULT_STOP_GRACE_MS } from './machine-teardown.js';
import { resolveNetworkSettings, resolveStateRoot } from './settings.js';

/** Provider type name, as in clouds.yaml and model config. */
export const LOCAL_PROVIDER_TYPE = 'local';

export interface LocalProviderOptions {
  /** Host-wide state directory; defaults to JUJU_LOCAL_ROOT, then /var/lib/juju-ts/local. */
  readonly root?: string;
  /** Environment to read JUJU_LOCAL_* from; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Effective uid for the root check (tests); defaults to process.getuid(). */
  readonly uid?: number;
  /** SIGTERM-to-SIGKILL grace when stopping machines (ms, at most 3000). */
  readonly stopGraceMs?: number;
}

export class LocalProvider implements Provider {
  readonly type = LOCAL_PROVIDER_TYPE;
  private tools: HostTools | undefined;

  constructor(private readonly options: LocalProviderOptions = {}) {}

  checkHost(): Promise<void> {
    // A throw inside the executor becomes the rejection.
    return new Promise((resolve) => {
      this.hostTools();
      resolve();
    });
  }

  open(config: EnvironConfig): Environ {
    const env = this.options.env ?? process.env;
    const settings = resolveNetworkSettings(config.cloudConfig, env);
    const root = this.options.root ?? resolveStateRoot(env);
    return new LocalEnviron(config, {
      store: new AllocationStore(root),
      settings,
      base: hostBase(),
      hostTools: () => this.hostTools(),
      stopGraceMs: Math.min(this.options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS, 3000),
    });
  }

  /** Checks the host once per provider; later calls reuse the result. */
  private hostTools(): HostTools {
    this.tools ??= checkLocalHost(this.options.uid === undefined ? {} : { uid: this.options.uid });
    return this.tools;
  }
}
