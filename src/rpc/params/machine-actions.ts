/**
 * Wire types of the `MachineActions` facade (v1), which machine agents use to
 * run tasks (`juju exec --machine`) enqueued on their machine, and of the
 * `StringsWatcher` facade its watcher is served by.
 */
import type { ErrorResult } from '../errors.js';
import type { ActionResult } from './uniter.js';

/** One strings watcher: its id and the initial changes. */
export interface StringsWatchResult extends ErrorResult {
  'watcher-id': string;
  changes?: string[];
}

/** `{"results":[...]}` of a bulk `Watch*` returning strings watchers. */
export interface StringsWatchResults {
  results: StringsWatchResult[];
}

/** The tasks of one receiver (`RunningActions`). */
export interface ActionsByReceiver extends ErrorResult {
  receiver?: string;
  actions?: ActionResult[];
}

/** `RunningActions` result. */
export interface ActionsByReceivers {
  actions: ActionsByReceiver[];
}
