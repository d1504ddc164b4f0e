/**
 * Collects log records and appends them to the store in batches (one
 * transaction per model every few milliseconds) so a chatty agent costs one
 * commit per interval, not one per line.
 */
import { errorMessage } from '../../core/errors.js';
import type { ControllerServices } from '../../domain/index.js';
import type { LogRecordParams } from '../../domain/logs/types.js';

/** Tuning of a {@link LogAppendBatcher}. */
export interface LogBatcherOptions {
  /** Longest a record waits before being written. Default 50 ms. */
  readonly intervalMs?: number;
  /** Pending records that force an immediate write. Default 1000. */
  readonly maxPending?: number;
  /** Where write failures are reported (never thrown to the producer). */
  readonly onError?: (message: string) => void;
}

const DEFAULT_INTERVAL_MS = 50;
const DEFAULT_MAX_PENDING = 1000;

/** See the module comment. */
export class LogAppendBatcher {
  readonly #services: ControllerServices;
  readonly #intervalMs: number;
  readonly #maxPending: number;
  readonly #onError: (message: string) => void;
  readonly #pending = new Map<string, LogRecordParams[]>();
  #count = 0;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(services: ControllerServices, opts: LogBatcherOptions = {}) {
    this.#services = services;
    this.#intervalMs = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.#maxPending = opts.maxPending ?? DEFAULT_MAX_PENDING;
    this.#onError = opts.onError ?? (() => undefined);
  }

  /** Queues one record for `modelUuid`. Never throws. */
  add(modelUuid: string, record: LogRecordParams): void {
    if (this.#closed) return;
    let list = this.#pending.get(modelUuid);
    if (list === undefined) {
      list = [];
      this.#pending.set(modelUuid, list);
    }
    list.push(record);
    this.#count++;
    if (this.#count >= this.#maxPending) {
      this.flush();
      return;
    }
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), this.#intervalMs);
      this.#timer.unref();
    }
  }

  /** Writes everything pending now. */
  flush(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const batches = [...this.#pending];
    this.#pending.clear();
    this.#count = 0;
    for (const [modelUuid, records] of batches) {
      try {
        this.#services.logs.append(modelUuid, records);
      } catch (err) {
        this.#onError(`dropped ${records.length} log records for model ${modelUuid}: ${errorMessage(err)}`);
      }
    }
  }

  /** Flushes and stops accepting records. */
  close(): void {
    this.flush();
    this.#closed = true;
  }
}
