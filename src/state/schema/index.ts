/**
 * The controller database's migration chain, oldest first. Append only:
 * released entries are never edited, reordered or removed.
 */
import type { Migration } from '../migrations.js';
import { migration0001 } from './0001-controller.js';
import { migration0002 } from './0002-models.js';
import { migration0003 } from './0003-status-history.js';
import { migration0004 } from './0004-applications.js';
import { migration0005 } from './0005-secrets.js';
import { migration0006 } from './0006-storage.js';

/** Every controller migration in order. */
export const CONTROLLER_MIGRATIONS: readonly Migration[] = Object.freeze([
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
]);
