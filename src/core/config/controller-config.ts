/**
 * Controller configuration (Juju 3.6 `controller-config`): the key table and the rule
 * for changing it after bootstrap. Read-only keys are fixed at bootstrap; the rest may
 * be updated with `juju controller-config k=v`.
 */

import { notValid } from '../errors.js';
import { ConfigSchema } from './schema.js';
import type { ConfigField, ConfigFieldType } from './schema.js';

/** The literal in `audit-log-exclude-methods` that stands for every read-only facade method. */
export const READ_ONLY_METHODS_WILDCARD = 'ReadOnlyMethods';

/** Memory profiles the (MongoDB) database accepts. */
export const MONGO_MEMORY_PROFILES = ['low', 'default'] as const;

/** Where controller agent binaries come from. */
export const CONTROLLER_SNAP_SOURCES = ['legacy', 'snapstore', 'local', 'local-dangerous'] as const;

/** Default metrics endpoint. */
export const DEFAULT_METERING_URL = 'https://api.jujucharms.com/omnibus/v3';

interface FieldOptions {
  readonly default?: unknown;
  readonly readOnly?: boolean;
  readonly values?: readonly string[];
  readonly secret?: boolean;
  readonly validate?: (v: unknown) => string | undefined;
}

const field = (
  key: string,
  type: ConfigFieldType,
  group: string,
  description: string,
  options: FieldOptions = {},
): ConfigField => ({ key, type, group, description, ...options });

const nonNegative =
  (key: string) =>
  (v: unknown): string | undefined =>
    typeof v === 'number' && v < 0 ? `${key}: must be non-negative, got ${v}` : undefined;

const port =
  (key: string) =>
  (v: unknown): string | undefined =>
    typeof v === 'number' && (v < 0 || v > 65535) ? `${key}: port ${v} is out of range` : undefined;

const CONTROLLER_CONFIG_FIELDS: readonly ConfigField[] = [
  // Identity.
  field('controller-uuid', 'string', 'identity', 'Unique identifier of the controller', { readOnly: true }),
  field('controller-name', 'string', 'identity', 'Name the controller was bootstrapped with', {
    readOnly: true,
  }),
  field('ca-cert', 'string', 'identity', 'PEM certificate of the controller CA', { readOnly: true }),

  // API and database endpoints.
  field('api-port', 'int', 'api', 'Port clients and agents reach the API on', {
    default: 17070,
    readOnly: true,
    validate: port('api-port'),
  }),
  field('controller-api-port', 'int', 'api', 'Separate port for controller-to-controller API traffic', {
    validate: port('controller-api-port'),
  }),
  field(
    'api-port-open-delay',
    'duration',
    'api',
    'Delay before api-port opens when controller-api-port is set',
    {
      default: '2s',
    },
  ),
  field('state-port', 'int', 'database', 'Port of the controller database', {
    default: 37017,
    readOnly: true,
    validate: port('state-port'),
  }),
  field('public-dns-address', 'string', 'api', 'Public DNS name (and port) clients should use'),
  field('agent-ratelimit-max', 'int', 'api', 'Agent logins allowed in a burst before rate limiting', {
    default: 10,
    validate: nonNegative('agent-ratelimit-max'),
  }),
  field('agent-ratelimit-rate', 'duration', 'api', 'Interval at which another agent login is allowed', {
    default: '250ms',
  }),
  field('max-debug-log-duration', 'duration', 'api', 'Longest a debug-log stream may run', {
    default: '24h',
  }),
  field(
    'application-resource-download-limit',
    'int',
    'api',
    'Concurrent resource downloads per application (0 means unlimited)',
    { default: 0, validate: nonNegative('application-resource-download-limit') },
  ),
  field(
    'controller-resource-download-limit',
    'int',
    'api',
    'Concurrent resource downloads across the controller (0 means unlimited)',
    { default: 0, validate: nonNegative('controller-resource-download-limit') },
  ),

  // Auditing.
  field('auditing-enabled', 'bool', 'audit', 'Write the audit log', { default: true }),
  field('audit-log-capture-args', 'bool', 'audit', 'Record API call arguments in the audit log', {
    default: false,
  }),
  field('audit-log-max-size', 'size', 'audit', 'Size at which the audit log is rotated', { default: '300M' }),
  field('audit-log-max-backups', 'int', 'audit', 'Rotated audit logs kept (compressed)', {
    default: 10,
    validate: nonNegative('audit-log-max-backups'),
  }),
  field(
    'audit-log-exclude-methods',
    'list',
    'audit',
    'Facade.Method names whose conversations are left out of the audit log; ReadOnlyMethods means all read-only calls',
    { default: [READ_ONLY_METHODS_WILDCARD] },
  ),

  // Logs.
  field('agent-logfile-max-size', 'size', 'logging', 'Size at which agent log files are rotated', {
    default: '100M',
  }),
  field('agent-logfile-max-backups', 'int', 'logging', 'Rotated agent log files kept', {
    default: 2,
    validate: nonNegative('agent-logfile-max-backups'),
  }),
  field(
    'model-logfile-max-size',
    'size',
    'logging',
    'Size at which per-model log files on the controller rotate',
    {
      default: '10M',
    },
  ),
  field('model-logfile-max-backups', 'int', 'logging', 'Rotated per-model log files kept', {
    default: 2,
    validate: nonNegative('model-logfile-max-backups'),
  }),
  field('model-logs-size', 'size', 'logging', 'Size of the capped per-model log store behind debug-log', {
    default: '20M',
  }),

  // Database housekeeping.
  field('max-txn-log-size', 'size', 'database', 'Size of the capped transaction log', {
    default: '10M',
    readOnly: true,
  }),
  field('max-prune-txn-batch-size', 'int', 'database', 'Transactions pruned per batch (deprecated)', {
    default: 1_000_000,
  }),
  field('max-prune-txn-passes', 'int', 'database', 'Batches per pruning run (deprecated)', { default: 100 }),
  field('prune-txn-query-count', 'int', 'database', 'Transactions read per pruning query', { default: 1000 }),
  field('prune-txn-sleep-time', 'duration', 'database', 'Pause between pruning queries', { default: '10ms' }),
  field('mongo-memory-profile', 'string', 'database', 'Database memory profile: low or default', {
    default: 'default',
    values: MONGO_MEMORY_PROFILES,
  }),
  field(
    'juju-db-snap-channel',
    'string',
    'database',
    'Snap channel the controller database is installed from',
    {
      default: '4.4/stable',
      readOnly: true,
    },
  ),
  field('set-numa-control-policy', 'bool', 'database', 'Run the database under numactl (deprecated)', {
    default: false,
    readOnly: true,
  }),
  field(
    'query-tracing-enabled',
    'bool',
    'database',
    'Log database queries slower than query-tracing-threshold',
    {
      default: false,
    },
  ),
  field(
    'query-tracing-threshold',
    'duration',
    'database',
    'Queries slower than this are logged when tracing',
    {
      default: '1s',
    },
  ),

  // Quotas.
  field(
    'max-charm-state-size',
    'int',
    'quota',
    'Bytes of charm state each unit may store (0 disables the check)',
    {
      default: 2_097_152,
      validate: nonNegative('max-charm-state-size'),
    },
  ),
  field(
    'max-agent-state-size',
    'int',
    'quota',
    'Bytes of agent state each unit may store (0 disables the check)',
    {
      default: 524_288,
      validate: nonNegative('max-agent-state-size'),
    },
  ),

  // Migration, HA and networking.
  field(
    'migration-agent-wait-time',
    'duration',
    'migration',
    'How long a migration waits for agents to report',
    {
      default: '15m',
    },
  ),
  field('juju-ha-space', 'string', 'network', 'Space used for database replication between controllers'),
  field('juju-mgmt-space', 'string', 'network', 'Space agents use to reach controllers'),

  // Identity providers and TLS.
  field('identity-url', 'string', 'identity', 'Address of an external identity manager', { readOnly: true }),
  field('identity-public-key', 'string', 'identity', 'Public key of the external identity manager', {
    readOnly: true,
  }),
  field(
    'login-token-refresh-url',
    'string',
    'identity',
    'Well-known address of the JWT keys used for logins',
    {
      readOnly: true,
    },
  ),
  field('allow-model-access', 'bool', 'identity', 'Let model users in without any controller access', {
    readOnly: true,
  }),
  field('autocert-dns-name', 'string', 'tls', 'DNS name for which a public certificate is requested', {
    readOnly: true,
  }),
  field('autocert-url', 'string', 'tls', 'ACME directory used to obtain the public certificate', {
    readOnly: true,
  }),

  // Kubernetes, features and metrics.
  field('caas-image-repo', 'string', 'caas', 'OCI repository for controller and charm images on Kubernetes'),
  field('caas-operator-image-path', 'string', 'caas', 'Image for application operators (deprecated)', {
    readOnly: true,
  }),
  field('features', 'list', 'features', 'Runtime feature flags'),
  field('metering-url', 'string', 'metrics', 'Endpoint metrics are sent to', {
    default: DEFAULT_METERING_URL,
    readOnly: true,
  }),
  field(
    'jujud-controller-snap-source',
    'string',
    'identity',
    'Where controller agent binaries are installed from',
    {
      default: 'legacy',
      readOnly: true,
      values: CONTROLLER_SNAP_SOURCES,
    },
  ),
];

/** Every controller-config key Juju 3.6 defines; `readOnly` marks keys fixed at bootstrap. */
export const controllerConfigSchema: ConfigSchema = new ConfigSchema(CONTROLLER_CONFIG_FIELDS);

/** Keys `juju controller-config k=v` may change after bootstrap, sorted. */
export function updatableControllerConfigKeys(): string[] {
  return controllerConfigSchema
    .fields()
    .filter((f) => f.readOnly !== true)
    .map((f) => f.key);
}

/**
 * Check a `controller-config` update: every key must be known and updatable, and
 * every value must fit its field (see {@link ConfigSchema.coerce}).
 * @throws JujuError `not valid`: `can't change "<key>" after bootstrap`,
 *   `unknown controller config setting "<key>"`, or a coercion error.
 */
export function checkControllerConfigUpdate(changes: Record<string, unknown>): void {
  for (const key of Object.keys(changes).sort()) {
    const f = controllerConfigSchema.field(key);
    if (f === undefined) throw notValid(`unknown controller config setting ${JSON.stringify(key)}`);
    if (f.readOnly === true) throw notValid(`can't change ${JSON.stringify(key)} after bootstrap`);
  }
  for (const [key, value] of Object.entries(changes)) controllerConfigSchema.coerce(key, value);
}
