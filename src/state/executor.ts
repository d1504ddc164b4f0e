/**
 * The narrow SQL surface every state module uses. It speaks positional `?`
 * parameters and plain rows so that a PostgreSQL dialect can implement the same
 * interface later (rewriting `?` to `$n`) without touching domain code.
 */

/** A value that can be bound to a `?` parameter. Booleans are stored as 0/1. */
export type SqlValue = string | number | bigint | boolean | null | undefined | Uint8Array;

/** A row as returned by the driver: column name to value. */
export type SqlRow = Record<string, unknown>;

/** Outcome of a write statement. */
export interface RunResult {
  /** Rows inserted, updated or deleted by the statement. */
  readonly changes: number;
}

/** Runs single SQL statements with positional parameters. */
export interface Executor {
  /** Runs a statement that returns no rows (INSERT/UPDATE/DELETE/DDL). */
  run(sql: string, params?: readonly SqlValue[]): RunResult;
  /** Returns the first row of a query, or undefined when there is none. */
  get<T = SqlRow>(sql: string, params?: readonly SqlValue[]): T | undefined;
  /** Returns every row of a query. */
  all<T = SqlRow>(sql: string, params?: readonly SqlValue[]): T[];
}

/** Builds `?, ?, ?` for an IN list of `count` values (count must be > 0). */
export function placeholders(count: number): string {
  if (count <= 0) throw new RangeError('placeholders needs at least one value');
  return new Array<string>(count).fill('?').join(', ');
}
