/**
 * The status-history pruner, as Juju runs it every five minutes: each
 * model's history older than its `max-status-history-age` goes (with the
 * history of entities that were removed), then, controller-wide, the oldest
 * entries go while the history is estimated to be larger than the
 * controller model's `max-status-history-size`.
 */
import { parseDuration } from '../../core/duration.js';
import { errorMessage } from '../../core/errors.js';
import { parseSize } from '../../core/size.js';
import type { ControllerServices } from '../../domain/index.js';
import type { Worker } from './runner.js';

/** Juju's status history pruner interval. */
export const STATUS_HISTORY_PRUNE_INTERVAL_MS = 5 * 60 * 1000;

const DEFAULT_MAX_AGE = '336h';
const DEFAULT_MAX_SIZE = '5G';

export type PrunerLog = (level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', message: string) => void;

/** What one pass removed. */
export interface StatusHistoryPruneSummary {
  readonly expired: number;
  readonly orphaned: number;
  readonly oversize: number;
}

function configString(values: Record<string, unknown>, key: string, fallback: string): string {
  const v = values[key];
  return typeof v === 'string' && v !== '' ? v : fallback;
}

/**
 * One pruning pass over every model. A model whose config cannot be read
 * or parsed is skipped (and logged); the others are still pruned.
 */
export function pruneStatusHistoryOnce(
  services: ControllerServices,
  log: PrunerLog = () => undefined,
): StatusHistoryPruneSummary {
  let expired = 0;
  let orphaned = 0;
  for (const model of services.model.list()) {
    try {
      const values = services.modelConfig.values(model.uuid);
      const maxAgeMs = parseDuration(configString(values, 'max-status-history-age', DEFAULT_MAX_AGE));
      const r = services.status.pruneModelHistory(model.uuid, maxAgeMs);
      expired += r.expired;
      orphaned += r.orphaned;
    } catch (err) {
      log('WARNING', `status history pruning of model ${model.uuid}: ${errorMessage(err)}`);
    }
  }
  let oversize = 0;
  try {
    const controllerModel = services.model.controllerModel();
    const values = services.modelConfig.values(controllerModel.uuid);
    oversize = services.status.pruneHistoryToSize(
      parseSize(configString(values, 'max-status-history-size', DEFAULT_MAX_SIZE)),
    );
  } catch (err) {
    log('WARNING', `status history size pruning: ${errorMessage(err)}`);
  }
  if (expired + orphaned + oversize > 0) {
    log(
      'DEBUG',
      `status history pruned: ${expired} expired, ${orphaned} of removed entities, ${oversize} over size`,
    );
  }
  return { expired, orphaned, oversize };
}

/** The pruner as a {@link Worker}: a pass at start, then one every `intervalMs`. */
export function statusHistoryPruner(
  services: ControllerServices,
  log: PrunerLog,
  intervalMs: number = STATUS_HISTORY_PRUNE_INTERVAL_MS,
): Worker {
  return async (signal: AbortSignal): Promise<void> => {
    while (!signal.aborted) {
      pruneStatusHistoryOnce(services, log);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  };
}
