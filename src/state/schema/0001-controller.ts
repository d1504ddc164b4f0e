/**
 * Migration 1: the controller itself, clouds, credentials, users and the
 * permission table shared by controller, model, cloud and offer access.
 * Never edit once released; add a new numbered file instead.
 */
import type { Migration } from '../migrations.js';

export const migration0001: Migration = {
  version: 1,
  name: 'controller',
  sql: `
CREATE TABLE controller (
    singleton              INTEGER PRIMARY KEY CHECK (singleton = 1),
    uuid                   TEXT NOT NULL,
    name                   TEXT NOT NULL,
    ca_cert                TEXT NOT NULL,
    controller_model_uuid  TEXT NOT NULL,
    api_addresses          TEXT NOT NULL DEFAULT '[]',
    created_at             TEXT NOT NULL
);

-- One row per controller config key; value is JSON.
CREATE TABLE controller_config (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE cloud (
    name               TEXT PRIMARY KEY,
    type               TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    auth_types         TEXT NOT NULL DEFAULT '[]',
    endpoint           TEXT NOT NULL DEFAULT '',
    identity_endpoint  TEXT NOT NULL DEFAULT '',
    storage_endpoint   TEXT NOT NULL DEFAULT '',
    ca_certificates    TEXT NOT NULL DEFAULT '[]',
    config             TEXT NOT NULL DEFAULT '{}',
    created_at         TEXT NOT NULL
);

CREATE TABLE cloud_region (
    cloud_name         TEXT NOT NULL REFERENCES cloud (name) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    position           INTEGER NOT NULL,
    endpoint           TEXT NOT NULL DEFAULT '',
    identity_endpoint  TEXT NOT NULL DEFAULT '',
    storage_endpoint   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (cloud_name, name)
);

CREATE TABLE cloud_credential (
    cloud_name      TEXT NOT NULL REFERENCES cloud (name) ON DELETE CASCADE,
    owner_key       TEXT NOT NULL,
    name            TEXT NOT NULL,
    auth_type       TEXT NOT NULL,
    attributes      TEXT NOT NULL DEFAULT '{}',
    revoked         INTEGER NOT NULL DEFAULT 0,
    invalid         INTEGER NOT NULL DEFAULT 0,
    invalid_reason  TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (cloud_name, owner_key, name)
);

-- Local users. name_key is the lower-cased name; removed users keep their row
-- (and their name) for provenance, as Juju does.
CREATE TABLE user_account (
    uuid           TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL DEFAULT '',
    password_hash  TEXT,
    password_salt  TEXT,
    secret_key     TEXT,
    disabled       INTEGER NOT NULL DEFAULT 0,
    removed        INTEGER NOT NULL DEFAULT 0,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    last_login     TEXT
);

-- Access grants: (object, subject) -> access level. object_kind is
-- controller | model | cloud | offer; subject_key is a lower-cased user name
-- (local or external, e.g. everyone@external).
CREATE TABLE permission (
    object_kind  TEXT NOT NULL,
    object_key   TEXT NOT NULL,
    subject_key  TEXT NOT NULL,
    access       TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (object_kind, object_key, subject_key)
);
CREATE INDEX permission_by_subject ON permission (subject_key, object_kind);
`,
};
