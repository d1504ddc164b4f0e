/**
 * The controller agent's own log lines in its model's log store (entity
 * `machine-0` in the controller model), so `juju debug-log -m controller`
 * shows what the controller did, as Juju's does.
 */
import type { ControllerServices } from '../../domain/index.js';
import { LogAppendBatcher } from './log-batcher.js';

/** A `(level, module, message)` logger that also writes to the log store. */
export interface ControllerLogWriter<L extends string = string> {
  (level: L, module: string, message: string): void;
  /** Writes buffered lines now. */
  flush(): void;
  /** Flushes and stops writing to the store (the tee keeps working). */
  close(): void;
}

/** Options of {@link controllerLogWriter}. */
export interface ControllerLogWriterOptions<L extends string> {
  /** Entity the lines belong to. Default `machine-0`. */
  readonly entity?: string;
  /** Lines below this level stay out of the store (Juju's default `<root>=INFO`). Default `INFO`. */
  readonly minLevel?: 'TRACE' | 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
  /** Another logger every line is passed to as well (the agent's log file). */
  readonly tee?: (level: L, module: string, message: string) => void;
  /** Batching interval. Default 50 ms. */
  readonly flushMs?: number;
}

const RANK: Record<string, number> = {
  TRACE: 1,
  DEBUG: 2,
  INFO: 3,
  WARNING: 4,
  WARN: 4,
  ERROR: 5,
  CRITICAL: 6,
};

/**
 * A logger that writes each line (at or above `minLevel`) to `modelUuid`'s log
 * store, batched, and passes every line to `tee`. Store failures are ignored:
 * logging must never break the controller.
 */
export function controllerLogWriter<L extends string = string>(
  services: ControllerServices,
  modelUuid: string,
  opts: ControllerLogWriterOptions<L> = {},
): ControllerLogWriter<L> {
  const entity = opts.entity ?? 'machine-0';
  const min = RANK[opts.minLevel ?? 'INFO'] ?? 3;
  const batcher = new LogAppendBatcher(services, { intervalMs: opts.flushMs ?? 50 });
  const tee = opts.tee;
  const write = (level: L, module: string, message: string): void => {
    tee?.(level, module, message);
    const rank = RANK[level.toUpperCase()];
    if (rank === undefined || rank < min) return;
    batcher.add(modelUuid, {
      entity,
      timestamp: Date.now() * 1000,
      level: rank,
      module,
      location: '',
      message,
    });
  };
  return Object.assign(write, {
    flush: () => batcher.flush(),
    close: () => batcher.close(),
  });
}
