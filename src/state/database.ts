/**
 * The controller database: one SQLite file in WAL mode, opened per process.
 * All writes go through `txn`, which takes the write lock up front
 * (BEGIN IMMEDIATE) so a transaction never fails half way on a lock upgrade;
 * nested `txn` calls become savepoints so services can be composed into one
 * atomic unit (bootstrap does this).
 */
import BetterSqlite3 from 'better-sqlite3';

import { ErrorCode, JujuError } from '../core/errors.js';
import type { Executor, RunResult, SqlRow, SqlValue } from './executor.js';
import { applyMigrations, type Migration } from './migrations.js';
import { CONTROLLER_MIGRATIONS } from './schema/index.js';

/** Options for {@link Database.open}. */
export interface DatabaseOptions {
  /** How long a statement waits for another connection's lock, in ms. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** How many times a transaction is attempted when the database stays busy. Default 3. */
  readonly maxAttempts?: number;
  /**
   * Migrations to apply on open. Default: every controller migration. Pass an
   * empty list to open without touching the schema.
   */
  readonly migrations?: readonly Migration[];
  /** Clock for `schema_version.applied_at`; defaults to the system clock. */
  readonly now?: () => Date;
}

const STATEMENT_CACHE_LIMIT = 512;

/** SQLite result codes that mean "another connection holds the lock; try again". */
const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED']);

function isBusy(err: unknown): boolean {
  return typeof err === 'object' && err !== null && BUSY_CODES.has(String((err as { code?: unknown }).code));
}

function bindable(params: readonly SqlValue[] | undefined): unknown[] {
  if (params === undefined) return [];
  return params.map((p) => {
    if (p === undefined) return null;
    if (typeof p === 'boolean') return p ? 1 : 0;
    return p;
  });
}

function isThenable(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Executor over one better-sqlite3 connection with a bounded prepared-statement cache. */
class SqliteExecutor implements Executor {
  private readonly cache = new Map<string, BetterSqlite3.Statement>();
  private readonly columnNames = new WeakMap<BetterSqlite3.Statement, string[]>();

  constructor(private readonly conn: BetterSqlite3.Database) {}

  private statement(sql: string): BetterSqlite3.Statement {
    let stmt = this.cache.get(sql);
    if (stmt !== undefined) {
      // Re-insert so the map's insertion order doubles as least-recently-used order.
      this.cache.delete(sql);
      this.cache.set(sql, stmt);
      return stmt;
    }
    stmt = this.conn.prepare(sql);
    this.cache.set(sql, stmt);
    if (this.cache.size > STATEMENT_CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return stmt;
  }

  run(sql: string, params?: readonly SqlValue[]): RunResult {
    const result = this.statement(sql).run(...bindable(params));
    return { changes: result.changes };
  }

  get<T = SqlRow>(sql: string, params?: readonly SqlValue[]): T | undefined {
    return this.statement(sql).get(...bindable(params)) as T | undefined;
  }

  all<T = SqlRow>(sql: string, params?: readonly SqlValue[]): T[] {
    const stmt = this.statement(sql);
    if (!stmt.reader) return stmt.all(...bindable(params)) as T[];
    // Rows as arrays, turned into objects here: better-sqlite3 builds row
    // objects much more slowly than this, and status reads thousands of rows.
    let keys = this.columnNames.get(stmt);
    if (keys === undefined) {
      keys = stmt.columns().map((c) => c.name);
      this.columnNames.set(stmt, keys);
    }
    let rows: unknown[][];
    stmt.raw(true);
    try {
      rows = stmt.all(...bindable(params)) as unknown[][];
    } finally {
      stmt.raw(false);
    }
    const names = keys;
    return rows.map((r) => {
      const row: SqlRow = {};
      for (let i = 0; i < names.length; i++) row[names[i] as string] = r[i];
      return row as T;
    });
  }

  /** Runs a script of several statements (migrations only). */
  exec(sql: string): void {
    this.conn.exec(sql);
  }
}

/** One connection to the controller database. Not shared between threads. */
export class Database {
  /** Path of the database file (or `:memory:`). */
  readonly path: string;
  private readonly conn: BetterSqlite3.Database;
  private readonly executor: SqliteExecutor;
  private readonly maxAttempts: number;
  private depth = 0;
  /** True while the outermost transaction is a `read`. */
  private readOnly = false;
  private savepointSeq = 0;
  private closed = false;
  private readonly commitListeners = new Set<() => void>();

  private constructor(path: string, options: DatabaseOptions) {
    this.path = path;
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.conn = new BetterSqlite3(path, { timeout: busyTimeoutMs });
    try {
      this.conn.pragma('journal_mode = WAL');
      this.conn.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
      this.conn.pragma('foreign_keys = ON');
      this.conn.pragma('synchronous = NORMAL');
    } catch (err) {
      this.conn.close();
      throw err;
    }
    this.executor = new SqliteExecutor(this.conn);
  }

  /** Transaction control statements, prepared once: parsing them per call showed in profiles. */
  private control?: {
    begin: BetterSqlite3.Statement;
    beginImmediate: BetterSqlite3.Statement;
    commit: BetterSqlite3.Statement;
    rollback: BetterSqlite3.Statement;
    totalChanges: BetterSqlite3.Statement;
  };

  private get ctl(): NonNullable<Database['control']> {
    this.control ??= {
      begin: this.conn.prepare('BEGIN'),
      beginImmediate: this.conn.prepare('BEGIN IMMEDIATE'),
      commit: this.conn.prepare('COMMIT'),
      rollback: this.conn.prepare('ROLLBACK'),
      totalChanges: this.conn.prepare('SELECT total_changes() AS n'),
    };
    return this.control;
  }

  /**
   * Opens (creating if needed) the database at `path`, sets WAL mode,
   * busy timeout, foreign keys and synchronous=NORMAL, and applies migrations.
   */
  static open(path: string, options: DatabaseOptions = {}): Database {
    const db = new Database(path, options);
    const migrations = options.migrations ?? CONTROLLER_MIGRATIONS;
    try {
      if (migrations.length > 0) applyMigrations(db, migrations, options.now ?? (() => new Date()));
    } catch (err) {
      db.close();
      throw err;
    }
    return db;
  }

  /** True while a `txn` or `read` is running on this connection. */
  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /**
   * Runs `fn` in a write transaction (BEGIN IMMEDIATE ... COMMIT), rolling back
   * if it throws. Called inside another transaction it runs in a savepoint.
   * `fn` may be run more than once when the database is busy, so it must not
   * have side effects outside the database; it must not return a promise.
   */
  txn<T>(fn: (tx: Executor) => T): T {
    this.ensureOpen();
    if (this.depth > 0) {
      // A write inside a read snapshot could fail to upgrade its lock; refuse it outright.
      if (this.readOnly) throw new Error('cannot start a write transaction inside a read transaction');
      return this.savepoint(fn);
    }
    for (let attempt = 1; ; attempt++) {
      this.depth++;
      try {
        const changesBefore = this.totalChanges();
        this.ctl.beginImmediate.run();
        const result = fn(this.executor);
        if (isThenable(result)) throw new TypeError('transaction functions must be synchronous');
        this.ctl.commit.run();
        // Only a transaction that changed rows wakes watchers (read-only ones would loop them).
        if (this.totalChanges() !== changesBefore) this.notifyCommit();
        return result;
      } catch (err) {
        if (this.conn.inTransaction) this.ctl.rollback.run();
        if (isBusy(err)) {
          if (attempt < this.maxAttempts) continue;
          throw new JujuError(ErrorCode.TryAgain, 'database is busy, try again');
        }
        throw err;
      } finally {
        this.depth--;
      }
    }
  }

  /**
   * Runs `fn` in a read transaction so every query sees one snapshot of the
   * database (WAL readers never block writers). Inside `txn` it simply joins it.
   */
  read<T>(fn: (tx: Executor) => T): T {
    this.ensureOpen();
    if (this.depth > 0) return fn(this.executor);
    this.depth++;
    this.readOnly = true;
    try {
      this.ctl.begin.run();
      const result = fn(this.executor);
      if (isThenable(result)) throw new TypeError('transaction functions must be synchronous');
      this.ctl.commit.run();
      return result;
    } catch (err) {
      if (this.conn.inTransaction) this.ctl.rollback.run();
      if (isBusy(err)) throw new JujuError(ErrorCode.TryAgain, 'database is busy, try again');
      throw err;
    } finally {
      this.depth--;
      this.readOnly = false;
    }
  }

  /** Runs a multi-statement script inside the current transaction (migrations). */
  execScript(sql: string): void {
    this.ensureOpen();
    if (this.depth === 0) throw new Error('execScript must run inside txn');
    this.executor.exec(sql);
  }

  /**
   * Calls `listener` after every committed write transaction on this
   * connection (watchers use it to wake up). Returns an unsubscribe function.
   */
  onCommit(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private totalChanges(): number {
    return (this.ctl.totalChanges.get() as { n: number }).n;
  }

  private notifyCommit(): void {
    for (const listener of this.commitListeners) {
      try {
        listener();
      } catch {
        // A listener's failure must not turn a committed write into an error.
      }
    }
  }

  /** Closes the connection; further calls throw. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.conn.close();
  }

  private savepoint<T>(fn: (tx: Executor) => T): T {
    const name = `sp_${++this.savepointSeq}`;
    this.conn.exec(`SAVEPOINT ${name}`);
    this.depth++;
    try {
      const result = fn(this.executor);
      if (isThenable(result)) throw new TypeError('transaction functions must be synchronous');
      this.conn.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      this.conn.exec(`ROLLBACK TO ${name}`);
      this.conn.exec(`RELEASE ${name}`);
      throw err;
    } finally {
      this.depth--;
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error(`database ${this.path} is closed`);
  }
}
