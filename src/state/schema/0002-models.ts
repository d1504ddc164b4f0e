/**
 * Migration 2: models, their config layers, constraints, sequences, per-user
 * last connection, and machines. Every model-scoped table is keyed by
 * model_uuid and cascades when the model row is removed.
 */
import type { Migration } from '../migrations.js';

export const migration0002: Migration = {
  version: 2,
  name: 'models',
  sql: `
CREATE TABLE model (
    uuid                 TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,
    owner_key            TEXT NOT NULL,
    type                 TEXT NOT NULL,
    cloud_name           TEXT NOT NULL REFERENCES cloud (name),
    cloud_region         TEXT NOT NULL DEFAULT '',
    credential_owner     TEXT NOT NULL DEFAULT '',
    credential_name      TEXT NOT NULL DEFAULT '',
    life                 TEXT NOT NULL,
    status               TEXT NOT NULL,
    status_info          TEXT NOT NULL DEFAULT '',
    status_since         TEXT NOT NULL,
    is_controller_model  INTEGER NOT NULL DEFAULT 0,
    destroy_force        INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL,
    UNIQUE (owner_key, name)
);

-- The model layer of model config: keys set on the model (including name, type,
-- uuid and agent-version, written at creation); value is JSON.
CREATE TABLE model_config (
    model_uuid  TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (model_uuid, key)
);

-- model-defaults layers: region_name '' is the cloud ("controller") layer.
CREATE TABLE model_defaults (
    cloud_name   TEXT NOT NULL REFERENCES cloud (name) ON DELETE CASCADE,
    region_name  TEXT NOT NULL DEFAULT '',
    key          TEXT NOT NULL,
    value        TEXT NOT NULL,
    PRIMARY KEY (cloud_name, region_name, key)
);

CREATE TABLE model_constraints (
    model_uuid   TEXT PRIMARY KEY REFERENCES model (uuid) ON DELETE CASCADE,
    constraints  TEXT NOT NULL DEFAULT '{}'
);

-- Per-model counters (machine ids, status history order, ...).
CREATE TABLE model_sequence (
    model_uuid  TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    value       INTEGER NOT NULL,
    PRIMARY KEY (model_uuid, name)
);

CREATE TABLE model_last_connection (
    model_uuid       TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    user_key         TEXT NOT NULL,
    last_connection  TEXT NOT NULL,
    PRIMARY KEY (model_uuid, user_key)
);

CREATE TABLE machine (
    model_uuid             TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    id                     TEXT NOT NULL,
    life                   TEXT NOT NULL,
    base_os                TEXT NOT NULL DEFAULT '',
    base_channel           TEXT NOT NULL DEFAULT '',
    jobs                   TEXT NOT NULL DEFAULT '[]',
    nonce                  TEXT NOT NULL DEFAULT '',
    password_hash          TEXT NOT NULL DEFAULT '',
    instance_id            TEXT NOT NULL DEFAULT '',
    hardware               TEXT NOT NULL DEFAULT '{}',
    hostname               TEXT NOT NULL DEFAULT '',
    addresses              TEXT NOT NULL DEFAULT '[]',
    constraints            TEXT NOT NULL DEFAULT '{}',
    placement              TEXT NOT NULL DEFAULT '',
    agent_status           TEXT NOT NULL,
    agent_status_info      TEXT NOT NULL DEFAULT '',
    agent_status_data      TEXT NOT NULL DEFAULT '{}',
    agent_status_since     TEXT NOT NULL,
    instance_status        TEXT NOT NULL,
    instance_status_info   TEXT NOT NULL DEFAULT '',
    instance_status_data   TEXT NOT NULL DEFAULT '{}',
    instance_status_since  TEXT NOT NULL,
    agent_version          TEXT NOT NULL DEFAULT '',
    created_at             TEXT NOT NULL,
    PRIMARY KEY (model_uuid, id)
);
`,
};
