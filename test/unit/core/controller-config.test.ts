import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  checkControllerConfigUpdate,
  controllerConfigSchema,
  updatableControllerConfigKeys,
} from '../../../src/core/config/controller-config.js';
import { ErrorCode, isJujuError } from '../../../src/core/errors.js';

const expectInvalid = (changes: Record<string, unknown>, message: string): void => {
  assert.throws(
    () => checkControllerConfigUpdate(changes),
    (err: unknown) => isJujuError(err, ErrorCode.NotValid) && err.message === message,
    JSON.stringify(changes),
  );
};

const READ_ONLY = [
  'allow-model-access',
  'api-port',
  'autocert-dns-name',
  'autocert-url',
  'ca-cert',
  'caas-operator-image-path',
  'controller-name',
  'controller-uuid',
  'identity-public-key',
  'identity-url',
  'juju-db-snap-channel',
  'jujud-controller-snap-source',
  'login-token-refresh-url',
  'max-txn-log-size',
  'metering-url',
  'set-numa-control-policy',
  'state-port',
];

const UPDATABLE = [
  'agent-logfile-max-backups',
  'agent-logfile-max-size',
  'agent-ratelimit-max',
  'agent-ratelimit-rate',
  'api-port-open-delay',
  'application-resource-download-limit',
  'audit-log-capture-args',
  'audit-log-exclude-methods',
  'audit-log-max-backups',
  'audit-log-max-size',
  'auditing-enabled',
  'caas-image-repo',
  'controller-api-port',
  'controller-resource-download-limit',
  'features',
  'juju-ha-space',
  'juju-mgmt-space',
  'max-agent-state-size',
  'max-charm-state-size',
  'max-debug-log-duration',
  'max-prune-txn-batch-size',
  'max-prune-txn-passes',
  'migration-agent-wait-time',
  'model-logfile-max-backups',
  'model-logfile-max-size',
  'model-logs-size',
  'mongo-memory-profile',
  'prune-txn-query-count',
  'prune-txn-sleep-time',
  'public-dns-address',
  'query-tracing-enabled',
  'query-tracing-threshold',
];

void describe('controllerConfigSchema', () => {
  void it('holds the full 3.6 key list with read-only flags', () => {
    assert.deepEqual(controllerConfigSchema.keys(), [...READ_ONLY, ...UPDATABLE].sort());
    assert.deepEqual(updatableControllerConfigKeys(), UPDATABLE);
    for (const key of READ_ONLY) assert.equal(controllerConfigSchema.field(key)?.readOnly, true, key);
    for (const f of controllerConfigSchema.fields()) assert.ok(f.description.length > 0, f.key);
  });

  void it('has the documented defaults', () => {
    assert.deepEqual(controllerConfigSchema.defaults(), {
      'agent-logfile-max-backups': 2,
      'agent-logfile-max-size': '100M',
      'agent-ratelimit-max': 10,
      'agent-ratelimit-rate': '250ms',
      'api-port': 17070,
      'api-port-open-delay': '2s',
      'application-resource-download-limit': 0,
      'audit-log-capture-args': false,
      'audit-log-exclude-methods': ['ReadOnlyMethods'],
      'audit-log-max-backups': 10,
      'audit-log-max-size': '300M',
      'auditing-enabled': true,
      'controller-resource-download-limit': 0,
      'juju-db-snap-channel': '4.4/stable',
      'jujud-controller-snap-source': 'legacy',
      'max-agent-state-size': 524288,
      'max-charm-state-size': 2097152,
      'max-debug-log-duration': '24h',
      'max-prune-txn-batch-size': 1000000,
      'max-prune-txn-passes': 100,
      'max-txn-log-size': '10M',
      'metering-url': 'https://api.jujucharms.com/omnibus/v3',
      'migration-agent-wait-time': '15m',
      'model-logfile-max-backups': 2,
      'model-logfile-max-size': '10M',
      'model-logs-size': '20M',
      'mongo-memory-profile': 'default',
      'prune-txn-query-count': 1000,
      'prune-txn-sleep-time': '10ms',
      'query-tracing-enabled': false,
      'query-tracing-threshold': '1s',
      'set-numa-control-policy': false,
      'state-port': 37017,
    });
  });

  void it('coerces values to their types', () => {
    assert.equal(controllerConfigSchema.coerce('audit-log-max-backups', '5'), 5);
    assert.deepEqual(controllerConfigSchema.coerce('features', 'a,b'), ['a', 'b']);
    assert.deepEqual(
      controllerConfigSchema.coerce('audit-log-exclude-methods', ['ReadOnlyMethods', 'Client.FullStatus']),
      ['ReadOnlyMethods', 'Client.FullStatus'],
    );
    assert.equal(controllerConfigSchema.coerce('agent-ratelimit-rate', '500ms'), '500ms');
    assert.throws(
      () => controllerConfigSchema.coerce('api-port', 70000),
      /api-port: port 70000 is out of range/,
    );
    assert.throws(() => controllerConfigSchema.coerce('audit-log-max-backups', -1), /must be non-negative/);
  });
});

void describe('checkControllerConfigUpdate', () => {
  void it('allows updatable keys with good values', () => {
    checkControllerConfigUpdate({});
    checkControllerConfigUpdate({
      'audit-log-max-backups': '5',
      'auditing-enabled': 'false',
      features: 'x,y',
    });
    checkControllerConfigUpdate({ 'mongo-memory-profile': 'low', 'max-debug-log-duration': '1h' });
  });

  void it('refuses read-only keys', () => {
    expectInvalid({ 'api-port': 17071 }, `can't change "api-port" after bootstrap`);
    expectInvalid({ 'controller-uuid': 'x' }, `can't change "controller-uuid" after bootstrap`);
    expectInvalid(
      { 'juju-db-snap-channel': '5.0/stable' },
      `can't change "juju-db-snap-channel" after bootstrap`,
    );
  });

  void it('refuses unknown keys', () => {
    expectInvalid({ 'no-such-key': 1 }, 'unknown controller config setting "no-such-key"');
    expectInvalid({ 'audit-log-max-backups': 3, bogus: true }, 'unknown controller config setting "bogus"');
  });

  void it('refuses badly typed values', () => {
    expectInvalid({ 'audit-log-max-backups': 'ten' }, 'audit-log-max-backups: expected int, got "ten"');
    expectInvalid({ 'agent-ratelimit-rate': 'fast' }, 'agent-ratelimit-rate: expected duration, got "fast"');
    expectInvalid({ 'audit-log-max-size': 'huge' }, 'audit-log-max-size: expected size, got "huge"');
    expectInvalid(
      { 'mongo-memory-profile': 'high' },
      'mongo-memory-profile: expected one of [low default], got "high"',
    );
  });
});
