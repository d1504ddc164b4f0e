/**
 * The state layer: the controller database connection, transactions and the
 * numbered schema migrations. Domain `state-sql.ts` modules are its only users.
 */
export { Database, type DatabaseOptions } from './database.js';
export { placeholders, type Executor, type RunResult, type SqlRow, type SqlValue } from './executor.js';
export {
  applyMigrations,
  appliedMigrations,
  migrationChecksum,
  schemaVersion,
  type AppliedMigration,
  type Migration,
} from './migrations.js';
export { CONTROLLER_MIGRATIONS } from './schema/index.js';
