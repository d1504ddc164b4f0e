/**
 * What every facade may use: the domain services and facts about this
 * controller process. Facades get these from the daemon, never from globals.
 */
import type { ControllerServices } from '../../domain/index.js';

export interface FacadeDeps {
  readonly services: ControllerServices;
  /** `host:port` addresses clients and agents use to reach this controller. */
  apiAddresses(): string[];
  /** Stop and delete cloud instances (provider ids); unknown ids are ignored. */
  stopInstances(instanceIds: readonly string[]): Promise<void>;
  /** Log a line to the controller's log. */
  log(level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', module: string, message: string): void;
}
