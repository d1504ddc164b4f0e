/**
 * The debug-log store: records appended by agents (logsink) per model, kept
 * within a byte budget by dropping the oldest, and read with debug-log's
 * filters using the record id as a keyset cursor so a tail polls cheaply.
 */
import { notAtomic, type Atomically } from '../common/atomic.js';
import type { Clock } from '../common/clock.js';
import { modelNotFound } from './errors.js';
import { parseLogLevel } from './levels.js';
import {
  type InsertLogArgs,
  type LogFilter,
  type LogQuery,
  type LogRecord,
  type LogRecordParams,
  type LogUsage,
} from './types.js';

/** Persistence the logs service needs. */
export interface LogState {
  modelExists(modelUuid: string): boolean;
  /** Appends records with the next ids; returns the last id. */
  insertRecords(modelUuid: string, records: readonly InsertLogArgs[]): number;
  /** Drops the oldest records until the model's store is at most `maxBytes`; returns how many went. */
  trimTo(modelUuid: string, maxBytes: number): number;
  query(modelUuid: string, filter: LogFilter): LogRecord[];
  usage(modelUuid: string): LogUsage;
}

/** Collaborators of {@link LogService}. */
export interface LogDeps {
  /** Byte budget per model (`model-logs-size`); 0 = unbounded. */
  readonly maxBytesPerModel: () => number;
}

/** Fixed per-record overhead counted towards the budget (ids, time, level, keys). */
const RECORD_OVERHEAD = 48;
const DEFAULT_PAGE = 1000;

/** Business rules for the debug-log store. */
export class LogService {
  constructor(
    private readonly state: LogState,
    private readonly clock: Clock,
    private readonly atomically: Atomically = notAtomic,
    private readonly deps: LogDeps,
  ) {}

  /**
   * Appends records (one transaction), then trims the model's store to its
   * budget. Returns the id of the last record.
   * @throws `model not found`; `not valid` unknown level.
   */
  append(modelUuid: string, records: readonly LogRecordParams[]): number {
    const nowMicros = this.clock.now().getTime() * 1000;
    const rows: InsertLogArgs[] = records.map((r) => {
      const labels = [...(r.labels ?? [])];
      const module = r.module ?? '';
      const location = r.location ?? '';
      return {
        entity: r.entity,
        timestamp: Math.trunc(r.timestamp ?? nowMicros),
        module,
        location,
        level: parseLogLevel(r.level),
        message: r.message,
        labels,
        size:
          RECORD_OVERHEAD +
          Buffer.byteLength(r.entity) +
          Buffer.byteLength(module) +
          Buffer.byteLength(location) +
          Buffer.byteLength(r.message) +
          Buffer.byteLength(JSON.stringify(labels)),
      };
    });
    return this.atomically(() => {
      if (!this.state.modelExists(modelUuid)) throw modelNotFound(modelUuid);
      const usage = this.state.usage(modelUuid);
      if (rows.length === 0) return usage.lastId;
      const last = this.state.insertRecords(modelUuid, rows);
      const max = this.deps.maxBytesPerModel();
      if (max > 0) this.state.trimTo(modelUuid, max);
      return last;
    });
  }

  /**
   * Records matching the query, oldest first. With `backlog` the newest N
   * matches; otherwise those after `afterId` up to `limit` (default 1000).
   * @throws `not valid` unknown level.
   */
  query(modelUuid: string, q: LogQuery = {}): LogRecord[] {
    return this.state.query(modelUuid, {
      includeEntity: q.includeEntity ?? [],
      excludeEntity: q.excludeEntity ?? [],
      includeModule: q.includeModule ?? [],
      excludeModule: q.excludeModule ?? [],
      includeLabel: q.includeLabel ?? [],
      excludeLabel: q.excludeLabel ?? [],
      minLevel: q.level === undefined ? 0 : parseLogLevel(q.level),
      afterId: Math.max(0, q.afterId ?? 0),
      startTime: q.startTime ?? 0,
      limit: q.limit !== undefined && q.limit > 0 ? q.limit : DEFAULT_PAGE,
      backlog: Math.max(0, q.backlog ?? 0),
    });
  }

  /** Records, bytes and last id of a model's store. */
  usage(modelUuid: string): LogUsage {
    return this.state.usage(modelUuid);
  }
}
