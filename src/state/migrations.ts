/**
 * Numbered, append-only schema migrations. Each applied migration is recorded
 * in `schema_version` with a checksum of its SQL, so editing a migration that
 * a database already ran is detected instead of silently diverging.
 */
import { createHash } from 'node:crypto';

import { ErrorCode, JujuError } from '../core/errors.js';
import type { Database } from './database.js';

/** One schema step. `sql` may hold several statements separated by `;`. */
export interface Migration {
  /** 1, 2, 3, ... with no gaps; never renumbered once released. */
  readonly version: number;
  /** Short kebab-case description, e.g. `initial-controller`. */
  readonly name: string;
  /** Portable DDL/DML (TEXT/INTEGER/REAL, no SQLite-only functions). */
  readonly sql: string;
}

/** A row of `schema_version`. */
export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  readonly appliedAt: string;
}

const CREATE_VERSION_TABLE = `
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)`;

/** SHA-256 of a migration's SQL, hex encoded. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
    }
  });
}

/** Migrations recorded as applied, oldest first. */
export function appliedMigrations(db: Database): AppliedMigration[] {
  return db.txn((tx) => {
    tx.run(CREATE_VERSION_TABLE);
    return tx
      .all<{ version: number; name: string; checksum: string; applied_at: string }>(
        'SELECT version, name, checksum, applied_at FROM schema_version ORDER BY version',
      )
      .map((r) => ({ version: r.version, name: r.name, checksum: r.checksum, appliedAt: r.applied_at }));
  });
}

/** Highest applied migration version, 0 for an empty database. */
export function schemaVersion(db: Database): number {
  const applied = appliedMigrations(db);
  return applied.length === 0 ? 0 : (applied[applied.length - 1]?.version ?? 0);
}

/**
 * Applies every migration the database has not run yet, each in its own
 * transaction. Safe to call repeatedly and from several processes at once:
 * the applied set is re-read under the write lock. Returns the versions applied.
 */
export function applyMigrations(
  db: Database,
  migrations: readonly Migration[],
  now: () => Date = () => new Date(),
): number[] {
  checkSequence(migrations);
  const appliedNow: number[] = [];
  for (const migration of migrations) {
    const checksum = migrationChecksum(migration.sql);
    const applied = db.txn((tx) => {
      tx.run(CREATE_VERSION_TABLE);
      const row = tx.get<{ checksum: string }>('SELECT checksum FROM schema_version WHERE version = ?', [
        migration.version,
      ]);
      if (row !== undefined) {
        if (row.checksum !== checksum) {
          throw new JujuError(
            ErrorCode.NotValid,
            `schema migration ${migration.version} (${migration.name}) was changed after it was applied`,
          );
        }
        return false;
      }
      db.execScript(migration.sql);
      tx.run('INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)', [
        migration.version,
        migration.name,
        checksum,
        now().toISOString(),
      ]);
      return true;
    });
    if (applied) appliedNow.push(migration.version);
  }
  const known = migrations.length;
  const current = schemaVersion(db);
  if (current > known) {
    throw new JujuError(
      ErrorCode.NotSupported,
      `database schema version ${current} is newer than this controller supports (${known})`,
    );
  }
  return appliedNow;
}
