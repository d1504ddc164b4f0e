/**
 * The unit agent (uniter). The machine agent's deployer starts one per unit
 * on its machine with {@link startUnitAgent}.
 */
import { errorMessage } from '../../core/errors.js';
import type { StartUnitAgent, UnitAgentHandle, UnitAgentOptions } from './api.js';
import { Uniter } from './uniter.js';

export type { MachineLock, StartUnitAgent, UnitAgentHandle, UnitAgentOptions } from './api.js';
export { DEFAULT_TUNING, Uniter, type UniterTuning } from './uniter.js';

/**
 * Starts the unit agent for `opts.unitName`. `done` settles (never rejects)
 * after `stop()`, or once the unit is dead.
 */
export const startUnitAgent: StartUnitAgent = (opts: UnitAgentOptions): UnitAgentHandle => {
  const uniter = new Uniter(opts, opts.tuning ?? {});
  const done = uniter.run().then(
    () => undefined,
    (err: unknown) => {
      opts.log('ERROR', 'juju.worker.uniter', `unit agent ${opts.unitName} failed: ${errorMessage(err)}`);
    },
  );
  return {
    stop: async () => {
      uniter.stop();
      await done;
    },
    done,
  };
};
