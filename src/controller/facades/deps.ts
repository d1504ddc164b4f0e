/**
 * What every facade may use: the domain services and facts about this
 * controller process. Facades get these from the daemon, never from globals.
 */
import type { ControllerServices } from '../../domain/index.js';
import type { ChangeHub } from '../events/change-hub.js';
import type { WatcherRegistry } from './watchers.js';

export interface FacadeDeps {
  readonly services: ControllerServices;
  /** `host:port` addresses clients and agents use to reach this controller. */
  apiAddresses(): string[];
  /** Stop and delete cloud instances (provider ids); unknown ids are ignored. */
  stopInstances(instanceIds: readonly string[]): Promise<void>;
  /** Wakes watchers after state changes (every committed write bumps it). */
  readonly hub: ChangeHub;
  /** Watchers registered by `Watch*` methods, served by the NotifyWatcher facade. */
  readonly watchers: WatcherRegistry;
  /** Directory where the controller keeps uploaded charm archives and other blobs. */
  readonly objectStoreDir: string;
  /** Log a line to the controller's log. */
  log(level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', module: string, message: string): void;
}
