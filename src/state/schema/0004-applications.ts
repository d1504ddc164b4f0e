/**
 * Migration 4: charms on machines. Charms, applications and units, opened
 * ports and unit state, relations (endpoints, scopes, settings bags),
 * leadership leases and leader settings, operations and tasks (actions) and
 * the per-model debug-log store. Every table is model-scoped and goes with
 * its model (ON DELETE CASCADE from `model`).
 */
import type { Migration } from '../migrations.js';

export const migration0004: Migration = {
  version: 4,
  name: 'applications',
  sql: `
-- Charms uploaded to a model. metadata/config/actions are the parsed charm
-- files as JSON (opaque here); endpoints, config_options and extra_bindings
-- are the parts the domain reasons about.
CREATE TABLE charm (
    model_uuid      TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    url             TEXT NOT NULL,
    name            TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    source          TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    archive_key     TEXT NOT NULL,
    subordinate     INTEGER NOT NULL DEFAULT 0,
    endpoints       TEXT NOT NULL DEFAULT '[]',
    extra_bindings  TEXT NOT NULL DEFAULT '[]',
    config_options  TEXT NOT NULL DEFAULT '{}',
    metadata        TEXT NOT NULL DEFAULT '{}',
    config          TEXT NOT NULL DEFAULT '{}',
    actions         TEXT NOT NULL DEFAULT '{}',
    version         TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    PRIMARY KEY (model_uuid, url)
);
CREATE INDEX charm_by_name ON charm (model_uuid, name, revision);

-- config holds only the values the user set (JSON object); defaults come
-- from the charm's options.
CREATE TABLE application (
    model_uuid              TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    name                    TEXT NOT NULL,
    charm_url               TEXT NOT NULL,
    charm_origin            TEXT NOT NULL DEFAULT '{}',
    charm_modified_version  INTEGER NOT NULL DEFAULT 0,
    force_charm             INTEGER NOT NULL DEFAULT 0,
    subordinate             INTEGER NOT NULL DEFAULT 0,
    life                    TEXT NOT NULL,
    exposed                 INTEGER NOT NULL DEFAULT 0,
    exposed_endpoints       TEXT NOT NULL DEFAULT '{}',
    constraints             TEXT NOT NULL DEFAULT '{}',
    base_os                 TEXT NOT NULL DEFAULT '',
    base_channel            TEXT NOT NULL DEFAULT '',
    endpoint_bindings       TEXT NOT NULL DEFAULT '{}',
    config                  TEXT NOT NULL DEFAULT '{}',
    trust                   INTEGER NOT NULL DEFAULT 0,
    status                  TEXT NOT NULL,
    status_info             TEXT NOT NULL DEFAULT '',
    status_data             TEXT NOT NULL DEFAULT '{}',
    status_since            TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    PRIMARY KEY (model_uuid, name),
    FOREIGN KEY (model_uuid, charm_url) REFERENCES charm (model_uuid, url)
);

-- Units. machine_id is '' while unassigned; principal is '' for principals.
CREATE TABLE unit (
    model_uuid              TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    name                    TEXT NOT NULL,
    application             TEXT NOT NULL,
    number                  INTEGER NOT NULL,
    life                    TEXT NOT NULL,
    principal               TEXT NOT NULL DEFAULT '',
    machine_id              TEXT NOT NULL DEFAULT '',
    charm_url               TEXT NOT NULL DEFAULT '',
    password_hash           TEXT NOT NULL DEFAULT '',
    resolved                TEXT NOT NULL DEFAULT '',
    workload_version        TEXT NOT NULL DEFAULT '',
    agent_version           TEXT NOT NULL DEFAULT '',
    agent_status            TEXT NOT NULL,
    agent_status_info       TEXT NOT NULL DEFAULT '',
    agent_status_data       TEXT NOT NULL DEFAULT '{}',
    agent_status_since      TEXT NOT NULL,
    workload_status         TEXT NOT NULL,
    workload_status_info    TEXT NOT NULL DEFAULT '',
    workload_status_data    TEXT NOT NULL DEFAULT '{}',
    workload_status_since   TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    PRIMARY KEY (model_uuid, name),
    FOREIGN KEY (model_uuid, application) REFERENCES application (model_uuid, name) ON DELETE CASCADE
);
CREATE INDEX unit_by_application ON unit (model_uuid, application, number);
CREATE INDEX unit_by_machine ON unit (model_uuid, machine_id);
CREATE INDEX unit_by_principal ON unit (model_uuid, principal);

-- Opened port ranges; endpoint '' means every endpoint. icmp uses -1/-1.
CREATE TABLE unit_port (
    model_uuid  TEXT NOT NULL,
    unit_name   TEXT NOT NULL,
    endpoint    TEXT NOT NULL DEFAULT '',
    protocol    TEXT NOT NULL,
    from_port   INTEGER NOT NULL,
    to_port     INTEGER NOT NULL,
    PRIMARY KEY (model_uuid, unit_name, endpoint, protocol, from_port, to_port),
    FOREIGN KEY (model_uuid, unit_name) REFERENCES unit (model_uuid, name) ON DELETE CASCADE
);

-- What the unit agent keeps on the controller: the charm's state map and
-- the uniter's opaque blobs.
CREATE TABLE unit_state (
    model_uuid      TEXT NOT NULL,
    unit_name       TEXT NOT NULL,
    charm_state     TEXT NOT NULL DEFAULT '{}',
    uniter_state    TEXT NOT NULL DEFAULT '',
    relation_state  TEXT NOT NULL DEFAULT '{}',
    storage_state   TEXT NOT NULL DEFAULT '',
    secret_state    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (model_uuid, unit_name),
    FOREIGN KEY (model_uuid, unit_name) REFERENCES unit (model_uuid, name) ON DELETE CASCADE
);

-- Relations: id from the model's "relation" sequence, key ordered
-- requirer, provider, peer.
CREATE TABLE relation (
    model_uuid        TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    id                INTEGER NOT NULL,
    relation_key      TEXT NOT NULL,
    life              TEXT NOT NULL,
    suspended         INTEGER NOT NULL DEFAULT 0,
    suspended_reason  TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL,
    status_info       TEXT NOT NULL DEFAULT '',
    status_since      TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    PRIMARY KEY (model_uuid, id),
    UNIQUE (model_uuid, relation_key)
);

CREATE TABLE relation_endpoint (
    model_uuid      TEXT NOT NULL,
    relation_id     INTEGER NOT NULL,
    application     TEXT NOT NULL,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    interface_name  TEXT NOT NULL,
    optional        INTEGER NOT NULL DEFAULT 0,
    relation_limit  INTEGER NOT NULL DEFAULT 0,
    scope           TEXT NOT NULL,
    PRIMARY KEY (model_uuid, relation_id, application),
    FOREIGN KEY (model_uuid, relation_id) REFERENCES relation (model_uuid, id) ON DELETE CASCADE,
    FOREIGN KEY (model_uuid, application) REFERENCES application (model_uuid, name)
);
CREATE INDEX relation_endpoint_by_application ON relation_endpoint (model_uuid, application);

-- Units that entered a relation's scope (Juju's unitcount is their number).
CREATE TABLE relation_scope (
    model_uuid   TEXT NOT NULL,
    relation_id  INTEGER NOT NULL,
    unit_name    TEXT NOT NULL,
    entered_at   TEXT NOT NULL,
    PRIMARY KEY (model_uuid, relation_id, unit_name),
    FOREIGN KEY (model_uuid, relation_id) REFERENCES relation (model_uuid, id) ON DELETE CASCADE,
    FOREIGN KEY (model_uuid, unit_name) REFERENCES unit (model_uuid, name) ON DELETE CASCADE
);
CREATE INDEX relation_scope_by_unit ON relation_scope (model_uuid, unit_name);

-- Settings bags. version counts committed changes (0 = never written) so
-- agents can tell which bags changed. Unit bags outlive scope membership
-- until the relation goes.
CREATE TABLE relation_unit_settings (
    model_uuid   TEXT NOT NULL,
    relation_id  INTEGER NOT NULL,
    unit_name    TEXT NOT NULL,
    settings     TEXT NOT NULL DEFAULT '{}',
    version      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (model_uuid, relation_id, unit_name),
    FOREIGN KEY (model_uuid, relation_id) REFERENCES relation (model_uuid, id) ON DELETE CASCADE
);

CREATE TABLE relation_application_settings (
    model_uuid   TEXT NOT NULL,
    relation_id  INTEGER NOT NULL,
    application  TEXT NOT NULL,
    settings     TEXT NOT NULL DEFAULT '{}',
    version      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (model_uuid, relation_id, application),
    FOREIGN KEY (model_uuid, relation_id) REFERENCES relation (model_uuid, id) ON DELETE CASCADE
);

-- One leadership lease per application; times are ISO-8601 UTC.
CREATE TABLE leadership_lease (
    model_uuid   TEXT NOT NULL,
    application  TEXT NOT NULL,
    holder       TEXT NOT NULL,
    start_at     TEXT NOT NULL,
    expiry_at    TEXT NOT NULL,
    PRIMARY KEY (model_uuid, application),
    FOREIGN KEY (model_uuid, application) REFERENCES application (model_uuid, name) ON DELETE CASCADE
);

CREATE TABLE leader_settings (
    model_uuid   TEXT NOT NULL,
    application  TEXT NOT NULL,
    settings     TEXT NOT NULL DEFAULT '{}',
    version      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (model_uuid, application),
    FOREIGN KEY (model_uuid, application) REFERENCES application (model_uuid, name) ON DELETE CASCADE
);

-- Operations and their tasks share the model's "task" sequence (operation 1,
-- task 2, ...). Times are ISO-8601 UTC, '' when not reached.
CREATE TABLE operation (
    model_uuid          TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    id                  INTEGER NOT NULL,
    summary             TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL,
    fail_message        TEXT NOT NULL DEFAULT '',
    spawned_task_count  INTEGER NOT NULL DEFAULT 0,
    enqueued_at         TEXT NOT NULL,
    started_at          TEXT NOT NULL DEFAULT '',
    completed_at        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (model_uuid, id)
);
CREATE INDEX operation_by_status ON operation (model_uuid, status);

CREATE TABLE operation_task (
    model_uuid            TEXT NOT NULL,
    id                    INTEGER NOT NULL,
    operation_id          INTEGER NOT NULL,
    receiver              TEXT NOT NULL,
    receiver_kind         TEXT NOT NULL,
    receiver_application  TEXT NOT NULL DEFAULT '',
    name                  TEXT NOT NULL,
    parameters            TEXT NOT NULL DEFAULT '{}',
    parallel              INTEGER NOT NULL DEFAULT 0,
    execution_group       TEXT NOT NULL DEFAULT '',
    status                TEXT NOT NULL,
    message               TEXT NOT NULL DEFAULT '',
    results               TEXT NOT NULL DEFAULT '{}',
    enqueued_at           TEXT NOT NULL,
    started_at            TEXT NOT NULL DEFAULT '',
    completed_at          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (model_uuid, id),
    FOREIGN KEY (model_uuid, operation_id) REFERENCES operation (model_uuid, id) ON DELETE CASCADE
);
CREATE INDEX operation_task_by_operation ON operation_task (model_uuid, operation_id);
CREATE INDEX operation_task_by_receiver ON operation_task (model_uuid, receiver, status);

CREATE TABLE operation_task_log (
    model_uuid  TEXT NOT NULL,
    task_id     INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    logged_at   TEXT NOT NULL,
    message     TEXT NOT NULL,
    PRIMARY KEY (model_uuid, task_id, seq),
    FOREIGN KEY (model_uuid, task_id) REFERENCES operation_task (model_uuid, id) ON DELETE CASCADE
);

-- debug-log records. ts is microseconds since the epoch; size is the
-- record's approximate footprint in bytes, summed in log_usage so the store
-- can be capped without scanning.
CREATE TABLE log_record (
    model_uuid  TEXT NOT NULL REFERENCES model (uuid) ON DELETE CASCADE,
    id          INTEGER NOT NULL,
    entity      TEXT NOT NULL,
    ts          INTEGER NOT NULL,
    module      TEXT NOT NULL DEFAULT '',
    location    TEXT NOT NULL DEFAULT '',
    level       INTEGER NOT NULL,
    message     TEXT NOT NULL,
    labels      TEXT NOT NULL DEFAULT '[]',
    size        INTEGER NOT NULL,
    PRIMARY KEY (model_uuid, id)
);
CREATE INDEX log_record_by_time ON log_record (model_uuid, ts);

CREATE TABLE log_usage (
    model_uuid  TEXT PRIMARY KEY REFERENCES model (uuid) ON DELETE CASCADE,
    last_id     INTEGER NOT NULL DEFAULT 0,
    bytes       INTEGER NOT NULL DEFAULT 0
);
`,
};
