/**
 * Migration 6: charm storage. Storage instances (`data/0`) with their kind,
 * pool, size and life; their attachments to units (with the location the
 * machine provisioned); the storage directives each application was deployed
 * with; and the model-wide sequence storage numbers come from. Storage does
 * not go with its unit (a detached instance outlives it), only with its
 * model (ON DELETE CASCADE from `model`).
 */
import type { Migration } from '../migrations.js';

export const migration0006: Migration = {
  version: 6,
  name: 'storage',
  sql: `
-- One storage instance. owner is the unit it was created for ('' once that
-- unit is gone). size_mib 0 means "whatever the pool gives".
CREATE TABLE storage_instance (
    model_uuid      TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    id              TEXT NOT NULL,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    pool            TEXT NOT NULL,
    size_mib        INTEGER NOT NULL DEFAULT 0,
    life            TEXT NOT NULL,
    owner           TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    status_info     TEXT NOT NULL DEFAULT '',
    status_since    TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (model_uuid, id)
);
CREATE INDEX storage_instance_by_owner ON storage_instance (model_uuid, owner);

-- An instance attached to a unit. location is '' until the machine made it.
CREATE TABLE storage_attachment (
    model_uuid      TEXT NOT NULL,
    storage_id      TEXT NOT NULL,
    unit_name       TEXT NOT NULL,
    life            TEXT NOT NULL,
    location        TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    PRIMARY KEY (model_uuid, storage_id, unit_name),
    FOREIGN KEY (model_uuid, storage_id) REFERENCES storage_instance (model_uuid, id) ON DELETE CASCADE
);
CREATE INDEX storage_attachment_by_unit ON storage_attachment (model_uuid, unit_name);

-- The directives an application's units get their storage from (deploy
-- --storage merged over the charm's minimums).
CREATE TABLE storage_directive (
    model_uuid      TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    application     TEXT NOT NULL,
    name            TEXT NOT NULL,
    pool            TEXT NOT NULL,
    size_mib        INTEGER NOT NULL DEFAULT 0,
    count           INTEGER NOT NULL,
    PRIMARY KEY (model_uuid, application, name)
);

-- Storage numbers are unique in a model across storage names (data/0, logs/1).
CREATE TABLE storage_sequence (
    model_uuid      TEXT NOT NULL PRIMARY KEY REFERENCES model (uuid) ON DELETE CASCADE,
    next_number     INTEGER NOT NULL
);
`,
};
