/**
 * Migration 3: status history. seq orders entries within a model (taken from
 * model_sequence so the SQL stays portable, no AUTOINCREMENT/SERIAL).
 */
import type { Migration } from '../migrations.js';

export const migration0003: Migration = {
  version: 3,
  name: 'status-history',
  sql: `
CREATE TABLE status_history (
    model_uuid   TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    entity_kind  TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    status       TEXT NOT NULL,
    info         TEXT NOT NULL DEFAULT '',
    data         TEXT NOT NULL DEFAULT '{}',
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (model_uuid, seq)
);
CREATE INDEX status_history_by_entity ON status_history (model_uuid, entity_kind, entity_id, seq);
CREATE INDEX status_history_by_time ON status_history (updated_at);
`,
};
