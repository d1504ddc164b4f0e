/**
 * Where the bootstrap parameters wait in a controller machine's data dir until
 * the controller agent's first start consumes them. Its own small module so
 * `jujud` can tell a controller machine from a workload one without loading
 * the controller.
 */
import { join } from 'node:path';

export const BOOTSTRAP_PARAMS_FILE = 'bootstrap-params';

/** The bootstrap parameters file of the agent data dir `dataDir`. */
export function bootstrapParamsPath(dataDir: string): string {
  return join(dataDir, BOOTSTRAP_PARAMS_FILE);
}
