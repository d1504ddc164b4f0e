/** Types of the logs domain: the per-model debug-log store. */

/** Log levels as Juju's loggo numbers them. */
export const LogLevel = {
  TRACE: 1,
  DEBUG: 2,
  INFO: 3,
  WARNING: 4,
  ERROR: 5,
  CRITICAL: 6,
} as const;

/** One record to append. */
export interface LogRecordParams {
  /** Tag of the entity that logged it: `machine-0`, `unit-app-0`. */
  readonly entity: string;
  /** Microseconds since the epoch; defaults to now. */
  readonly timestamp?: number;
  /** e.g. `juju.worker.uniter`. */
  readonly module?: string;
  /** `file.go:123`. */
  readonly location?: string;
  /** Level number (1-6) or name (`INFO`, `WARNING`, ...). */
  readonly level: number | string;
  readonly message: string;
  readonly labels?: readonly string[];
}

/** A stored record. */
export interface LogRecord {
  /** Increasing per model; use as the keyset cursor. */
  readonly id: number;
  readonly modelUuid: string;
  readonly entity: string;
  /** Microseconds since the epoch. */
  readonly timestamp: number;
  readonly module: string;
  readonly location: string;
  readonly level: number;
  /** `TRACE` .. `CRITICAL`. */
  readonly levelName: string;
  readonly message: string;
  readonly labels: readonly string[];
}

/** debug-log filters. Every given filter must match. */
export interface LogQuery {
  /** Entity tags; `*` matches any run of characters (`unit-mysql-*`). */
  readonly includeEntity?: readonly string[];
  readonly excludeEntity?: readonly string[];
  /** Module prefixes. */
  readonly includeModule?: readonly string[];
  readonly excludeModule?: readonly string[];
  readonly includeLabel?: readonly string[];
  readonly excludeLabel?: readonly string[];
  /** Minimum level (number or name). */
  readonly level?: number | string;
  /** Only records with a larger id (the tail's cursor). */
  readonly afterId?: number;
  /** Only records at or after this time (µs). */
  readonly startTime?: number;
  /** At most this many records (default 1000). */
  readonly limit?: number;
  /** The N most recent matching records (still returned oldest first). */
  readonly backlog?: number;
}

/** Size of a model's log store. */
export interface LogUsage {
  readonly records: number;
  readonly bytes: number;
  /** Id of the last record appended (0 when none ever). */
  readonly lastId: number;
}

/** A record ready to insert (state). */
export interface InsertLogArgs {
  readonly entity: string;
  readonly timestamp: number;
  readonly module: string;
  readonly location: string;
  readonly level: number;
  readonly message: string;
  readonly labels: readonly string[];
  readonly size: number;
}

/** SQL-ready form of a query (state): patterns use `*` as wildcard. */
export interface LogFilter {
  readonly includeEntity: readonly string[];
  readonly excludeEntity: readonly string[];
  readonly includeModule: readonly string[];
  readonly excludeModule: readonly string[];
  readonly includeLabel: readonly string[];
  readonly excludeLabel: readonly string[];
  readonly minLevel: number;
  readonly afterId: number;
  readonly startTime: number;
  readonly limit: number;
  /** When > 0: the newest `backlog` matches. */
  readonly backlog: number;
}
