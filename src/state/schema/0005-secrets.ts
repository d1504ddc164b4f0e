/**
 * Migration 5: charm and user secrets with the controller's own ("internal")
 * backend: secret metadata, revisions with their content, consumers (the
 * revision each reading unit tracks, and its consumer label) and access
 * grants. Owned secrets go with their owning application or unit; grants
 * scoped to a relation go with the relation.
 */
import type { Migration } from '../migrations.js';

export const migration0005: Migration = {
  version: 5,
  name: 'secrets',
  sql: `
-- owner_kind is application, unit or model; owner_name the application or
-- unit name, or the model uuid. owner_application / owner_unit repeat the
-- owner for the cascades (NULL when not applicable).
CREATE TABLE secret (
    model_uuid          TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    id                  TEXT NOT NULL,
    owner_kind          TEXT NOT NULL,
    owner_name          TEXT NOT NULL,
    owner_application   TEXT,
    owner_unit          TEXT,
    label               TEXT NOT NULL DEFAULT '',
    description         TEXT NOT NULL DEFAULT '',
    rotate_policy       TEXT NOT NULL DEFAULT '',
    next_rotate_time    TEXT NOT NULL DEFAULT '',
    latest_revision     INTEGER NOT NULL,
    auto_prune          INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    PRIMARY KEY (model_uuid, id),
    FOREIGN KEY (model_uuid, owner_application) REFERENCES application (model_uuid, name) ON DELETE CASCADE,
    FOREIGN KEY (model_uuid, owner_unit) REFERENCES unit (model_uuid, name) ON DELETE CASCADE
);
CREATE INDEX secret_by_owner ON secret (model_uuid, owner_kind, owner_name);

-- content is the JSON object key -> base64 value (the internal backend).
CREATE TABLE secret_revision (
    model_uuid    TEXT NOT NULL,
    secret_id     TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    content       TEXT NOT NULL,
    checksum      TEXT NOT NULL,
    backend       TEXT NOT NULL DEFAULT 'internal',
    expire_time   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (model_uuid, secret_id, revision),
    FOREIGN KEY (model_uuid, secret_id) REFERENCES secret (model_uuid, id) ON DELETE CASCADE
);

-- One row per unit that read the secret: the revision it tracks and its
-- consumer label ('' = none).
CREATE TABLE secret_consumer (
    model_uuid        TEXT NOT NULL,
    secret_id         TEXT NOT NULL,
    unit_name         TEXT NOT NULL,
    label             TEXT NOT NULL DEFAULT '',
    current_revision  INTEGER NOT NULL,
    PRIMARY KEY (model_uuid, secret_id, unit_name),
    FOREIGN KEY (model_uuid, secret_id) REFERENCES secret (model_uuid, id) ON DELETE CASCADE,
    FOREIGN KEY (model_uuid, unit_name) REFERENCES unit (model_uuid, name) ON DELETE CASCADE
);
CREATE INDEX secret_consumer_by_unit ON secret_consumer (model_uuid, unit_name);

-- Access: subject (application or unit) with a role, scoped to a relation
-- (scope_relation_id) or to the model (NULL).
CREATE TABLE secret_grant (
    model_uuid         TEXT NOT NULL,
    secret_id          TEXT NOT NULL,
    subject_kind       TEXT NOT NULL,
    subject_name       TEXT NOT NULL,
    role               TEXT NOT NULL,
    scope_relation_id  INTEGER,
    PRIMARY KEY (model_uuid, secret_id, subject_kind, subject_name),
    FOREIGN KEY (model_uuid, secret_id) REFERENCES secret (model_uuid, id) ON DELETE CASCADE,
    FOREIGN KEY (model_uuid, scope_relation_id) REFERENCES relation (model_uuid, id) ON DELETE CASCADE
);
CREATE INDEX secret_grant_by_subject ON secret_grant (model_uuid, subject_kind, subject_name);
`,
};
