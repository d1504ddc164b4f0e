import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  IMMUTABLE_MODEL_CONFIG_KEYS,
  MODEL_CONFIG_SET_REFUSALS,
  baseForSeries,
  loggingConfigError,
  loggingConfigHasTrace,
  modelConfigSchema,
  modelConfigSetRefusal,
  resolveModelConfigSources,
  seriesForBase,
  validateModelConfig,
} from '../../../src/core/config/model-config.js';
import { ErrorCode, isJujuError } from '../../../src/core/errors.js';

const UUID = 'deadbeef-0bad-400d-8000-4b1d0d06f00d';

/** A complete, valid config as a freshly created model would hold it. */
const base = (): Record<string, unknown> => ({
  ...modelConfigSchema.defaults(),
  name: 'default',
  type: 'lxd',
  uuid: UUID,
  'agent-version': '3.6.4',
});

const expectInvalid = (
  changes: Record<string, unknown>,
  message: string,
  old?: Record<string, unknown>,
): void => {
  assert.throws(
    () => validateModelConfig({ ...base(), ...changes }, old),
    (err: unknown) => isJujuError(err, ErrorCode.NotValid) && err.message === message,
    JSON.stringify(changes),
  );
};

void describe('modelConfigSchema', () => {
  void it('holds the full 3.6 key list', () => {
    const expected = [
      'agent-metadata-url',
      'agent-stream',
      'agent-version',
      'apt-ftp-proxy',
      'apt-http-proxy',
      'apt-https-proxy',
      'apt-mirror',
      'apt-no-proxy',
      'authorized-keys',
      'automatically-retry-hooks',
      'backup-dir',
      'charmhub-url',
      'cloudinit-userdata',
      'container-image-metadata-defaults-disabled',
      'container-image-metadata-url',
      'container-image-stream',
      'container-inherit-properties',
      'container-networking-method',
      'default-base',
      'default-series',
      'default-space',
      'development',
      'disable-network-management',
      'disable-telemetry',
      'egress-subnets',
      'enable-os-refresh-update',
      'enable-os-upgrade',
      'extra-info',
      'fan-config',
      'firewall-mode',
      'ftp-proxy',
      'http-proxy',
      'https-proxy',
      'ignore-machine-addresses',
      'image-metadata-defaults-disabled',
      'image-metadata-url',
      'image-stream',
      'juju-ftp-proxy',
      'juju-http-proxy',
      'juju-https-proxy',
      'juju-no-proxy',
      'logforward-enabled',
      'logging-config',
      'logging-output',
      'lxd-snap-channel',
      'max-action-results-age',
      'max-action-results-size',
      'max-status-history-age',
      'max-status-history-size',
      'mode',
      'name',
      'net-bond-reconfigure-delay',
      'no-proxy',
      'num-container-provision-workers',
      'num-provision-workers',
      'provisioner-harvest-mode',
      'proxy-ssh',
      'resource-tags',
      'saas-ingress-allow',
      'secret-backend',
      'snap-http-proxy',
      'snap-https-proxy',
      'snap-store-assertions',
      'snap-store-proxy',
      'snap-store-proxy-url',
      'ssh-allow',
      'ssl-hostname-verification',
      'storage-default-block-source',
      'storage-default-filesystem-source',
      'syslog-ca-cert',
      'syslog-client-cert',
      'syslog-client-key',
      'syslog-host',
      'test-mode',
      'transmit-vendor-metrics',
      'type',
      'update-status-hook-interval',
      'uuid',
    ];
    assert.deepEqual(modelConfigSchema.keys(), expected);
    for (const f of modelConfigSchema.fields()) assert.ok(f.description.length > 0, f.key);
  });

  void it('has the documented defaults and types', () => {
    const d = modelConfigSchema.defaults();
    assert.equal(d['agent-stream'], 'released');
    assert.equal(d['no-proxy'], '127.0.0.1,localhost,::1');
    assert.equal(d['juju-no-proxy'], '127.0.0.1,localhost,::1');
    assert.equal(d['update-status-hook-interval'], '5m');
    assert.equal(d['automatically-retry-hooks'], true);
    assert.equal(d['mode'], 'requires-prompts');
    assert.equal(d['secret-backend'], 'auto');
    assert.equal(d['ssh-allow'], '0.0.0.0/0,::/0');
    assert.equal(d['firewall-mode'], 'instance');
    assert.equal(d['provisioner-harvest-mode'], 'destroyed');
    assert.equal(d['num-provision-workers'], 16);
    assert.equal(d['num-container-provision-workers'], 4);
    assert.equal(d['net-bond-reconfigure-delay'], 17);
    assert.equal(d['lxd-snap-channel'], '5.0/stable');
    assert.equal(d['charmhub-url'], 'https://api.charmhub.io');
    assert.deepEqual(d['resource-tags'], {});
    assert.equal(d['max-status-history-size'], '5G');
    assert.equal(d['max-action-results-age'], '336h');
    assert.equal(d['transmit-vendor-metrics'], true);
    for (const noDefault of ['name', 'type', 'uuid', 'agent-version', 'authorized-keys', 'syslog-host']) {
      assert.equal(noDefault in d, false, noDefault);
    }
    assert.equal(modelConfigSchema.field('update-status-hook-interval')?.type, 'duration');
    assert.equal(modelConfigSchema.field('resource-tags')?.type, 'attrs');
    assert.equal(modelConfigSchema.field('num-provision-workers')?.type, 'int');
    assert.deepEqual(
      modelConfigSchema
        .fields()
        .filter((f) => f.immutable === true)
        .map((f) => f.key),
      [...IMMUTABLE_MODEL_CONFIG_KEYS].sort(),
    );
  });

  void it('coerces CLI values', () => {
    assert.equal(modelConfigSchema.coerce('num-provision-workers', '5'), 5);
    assert.equal(modelConfigSchema.coerce('enable-os-upgrade', 'false'), false);
    assert.deepEqual(modelConfigSchema.coerce('resource-tags', 'owner=bob team=x'), {
      owner: 'bob',
      team: 'x',
    });
    assert.throws(
      () => modelConfigSchema.coerce('update-status-hook-interval', 'abc'),
      /^JujuError: update-status-hook-interval: expected duration, got "abc"$/,
    );
    assert.throws(
      () => modelConfigSchema.coerce('firewall-mode', 'bogus'),
      /^JujuError: firewall-mode: expected one of \[instance global none\], got "bogus"$/,
    );
  });
});

void describe('validateModelConfig', () => {
  void it('accepts a fresh model config and unknown keys', () => {
    validateModelConfig(base());
    validateModelConfig({ ...base(), 'some-provider-key': 'x', project: 'default' });
    validateModelConfig({ 'logging-config': '<root>=INFO' });
  });

  void it('checks types', () => {
    expectInvalid({ 'num-provision-workers': 'many' }, 'num-provision-workers: expected int, got "many"');
    expectInvalid({ 'enable-os-upgrade': 'maybe' }, 'enable-os-upgrade: expected bool, got "maybe"');
    expectInvalid(
      { 'max-status-history-age': 'old' },
      'max-status-history-age: expected duration, got "old"',
    );
    expectInvalid({ 'max-status-history-size': 'big' }, 'max-status-history-size: expected size, got "big"');
  });

  void it('checks enumerations', () => {
    expectInvalid(
      { 'firewall-mode': 'bogus' },
      'firewall-mode: expected one of [instance global none], got "bogus"',
    );
    expectInvalid(
      { 'provisioner-harvest-mode': 'some' },
      'provisioner-harvest-mode: expected one of [all none unknown destroyed], got "some"',
    );
    validateModelConfig({ ...base(), 'provisioner-harvest-mode': 'all', 'firewall-mode': 'global' });
    expectInvalid({ mode: 'strict,bogus,alsobad' }, 'mode(s) "alsobad, bogus" not valid');
    validateModelConfig({ ...base(), mode: 'requires-prompts,strict' });
    validateModelConfig({ ...base(), mode: '' });
    expectInvalid({ 'logging-output': 'database,file' }, 'logging-output "file" not valid');
    validateModelConfig({ ...base(), 'logging-output': 'database, syslog' });
    expectInvalid(
      { 'container-networking-method': 'magic' },
      'Invalid value for container-networking-method - magic',
    );
    expectInvalid(
      { 'container-networking-method': 'fan' },
      "container-networking-method cannot be set to 'fan' without fan-config set",
    );
    validateModelConfig({
      ...base(),
      'container-networking-method': 'fan',
      'fan-config': '10.0.0.0/16=252.0.0.0/8',
    });
    validateModelConfig({ ...base(), 'secret-backend': 'my-vault' });
  });

  void it('keeps update-status-hook-interval within 1m..60m', () => {
    expectInvalid(
      { 'update-status-hook-interval': '30s' },
      'update-status-hook-interval cannot be less than 1m',
    );
    expectInvalid(
      { 'update-status-hook-interval': '61m' },
      'update-status-hook-interval cannot be greater than 60m',
    );
    for (const ok of ['1m', '60m', '1h', '90s'])
      validateModelConfig({ ...base(), 'update-status-hook-interval': ok });
  });

  void it('rejects legacy and juju proxies together', () => {
    expectInvalid(
      { 'http-proxy': 'http://p:3128', 'juju-https-proxy': 'http://p:3128' },
      'cannot specify both legacy proxy values and juju proxy values',
    );
    validateModelConfig({ ...base(), 'http-proxy': 'http://p:3128', 'juju-no-proxy': '10.0.0.0/8' });
    validateModelConfig({ ...base(), 'juju-http-proxy': 'http://p:3128', 'no-proxy': 'x' });
  });

  void it('rejects default-series with default-base', () => {
    expectInvalid(
      { 'default-series': 'jammy', 'default-base': 'ubuntu@22.04' },
      'cannot set both default-series and default-base',
    );
    validateModelConfig({ ...base(), 'default-series': 'jammy' });
    validateModelConfig({ ...base(), 'default-base': 'ubuntu@24.04' });
    expectInvalid({ 'default-base': 'jammy' }, 'invalid default base "jammy": expected <os>@<channel>');
  });

  void it('checks identity values', () => {
    expectInvalid(
      { name: 'Bad Name' },
      '"Bad Name" is not a valid name: model names may only contain lowercase letters, digits and hyphens',
    );
    expectInvalid({ name: '' }, 'empty name in model configuration');
    expectInvalid({ uuid: 'nope' }, 'uuid: expected UUID, got string("nope")');
    expectInvalid({ 'agent-version': '3.x' }, 'invalid agent version in model configuration: "3.x"');
    for (const v of ['3.6', '3.6.4', '3.6-beta1', '3.6.4.1'])
      validateModelConfig({ ...base(), 'agent-version': v });
  });

  void it('checks logging config', () => {
    expectInvalid({ 'logging-config': 'juju' }, `logger specification expected '=', found "juju"`);
    expectInvalid({ 'logging-config': '<root>=LOUD' }, 'unknown severity level "LOUD"');
    validateModelConfig({ ...base(), 'logging-config': '<root>=INFO;unit=DEBUG' });
    validateModelConfig({ ...base(), 'logging-config': 'DEBUG' });
  });

  void it('checks addresses and lists', () => {
    expectInvalid({ 'ssh-allow': '10.0.0.0/8,nope' }, 'cidr "nope" not valid');
    validateModelConfig({ ...base(), 'ssh-allow': '' });
    expectInvalid({ 'saas-ingress-allow': '' }, 'empty cidrs not valid');
    expectInvalid({ 'saas-ingress-allow': '1.2.3.4' }, 'cidr "1.2.3.4" not valid');
    validateModelConfig({ ...base(), 'saas-ingress-allow': '192.168.0.0/16,fd00::/8' });
    expectInvalid(
      { 'egress-subnets': '10.0.0.0/8,bad' },
      'invalid egress subnet: bad: invalid CIDR address: bad',
    );
    expectInvalid({ 'egress-subnets': '0.0.0.0/0' }, 'CIDR "0.0.0.0/0" not allowed');
    validateModelConfig({ ...base(), 'egress-subnets': '10.0.0.0/8, 192.168.1.0/24' });
    expectInvalid({ 'default-space': 'Bad' }, 'default space name "Bad" not valid');
    validateModelConfig({ ...base(), 'default-space': 'alpha' });
    expectInvalid(
      { 'container-inherit-properties': 'apt-sources,foo,bar' },
      'container-inherit-properties: bar, foo not allowed',
    );
    validateModelConfig({ ...base(), 'container-inherit-properties': 'apt-sources, ca-certs' });
    expectInvalid(
      { 'resource-tags': 'owner=bob juju-x=1' },
      'validating resource tags: tag "juju-x" uses reserved prefix "juju-"',
    );
  });

  void it('checks cloudinit-userdata', () => {
    validateModelConfig({ ...base(), 'cloudinit-userdata': 'packages:\n  - jq\npreruncmd:\n  - echo hi\n' });
    expectInvalid(
      { 'cloudinit-userdata': 'runcmd:\n  - ls\n' },
      'cloudinit-userdata: runcmd not allowed, use preruncmd or postruncmd instead',
    );
    expectInvalid({ 'cloudinit-userdata': 'users: []\n' }, 'cloudinit-userdata: users not allowed');
    expectInvalid({ 'cloudinit-userdata': 'bootcmd: []\n' }, 'cloudinit-userdata: bootcmd not allowed');
    expectInvalid(
      { 'cloudinit-userdata': 'packages:\n  - [a]\n' },
      'cloudinit-userdata: packages must be a list of strings',
    );
    assert.throws(
      () => validateModelConfig({ ...base(), 'cloudinit-userdata': 'a: [' }),
      /^JujuError: cloudinit-userdata: must be valid YAML: /,
    );
  });

  void it('caps provisioner workers', () => {
    expectInvalid({ 'num-provision-workers': 101 }, 'num-provision-workers: must be less than 100');
    expectInvalid(
      { 'num-container-provision-workers': '26' },
      'num-container-provision-workers: must be less than 25',
    );
    validateModelConfig({ ...base(), 'num-provision-workers': 100, 'num-container-provision-workers': 25 });
  });

  void it('checks charmhub-url', () => {
    expectInvalid({ 'charmhub-url': '' }, 'charm-hub url not valid');
    expectInvalid({ 'charmhub-url': 'not a url' }, 'charm-hub url "not a url" not valid');
  });

  void it('refuses changes to immutable keys', () => {
    const old = base();
    validateModelConfig(base(), old);
    expectInvalid(
      { 'firewall-mode': 'global' },
      'cannot change firewall-mode from "instance" to "global"',
      old,
    );
    expectInvalid({ name: 'other' }, 'cannot change name from "default" to "other"', old);
    expectInvalid(
      { 'charmhub-url': 'https://example.com' },
      'cannot change charmhub-url from "https://api.charmhub.io" to "https://example.com"',
      old,
    );
    const withoutType = base();
    delete withoutType['type'];
    assert.throws(
      () => validateModelConfig(withoutType, old),
      /^JujuError: cannot change type from "lxd" to <nil>$/,
    );
    // Keys the old config lacked may be set.
    const oldWithoutFirewall = base();
    delete oldWithoutFirewall['firewall-mode'];
    validateModelConfig({ ...base(), 'firewall-mode': 'none' }, oldWithoutFirewall);
  });

  void it('refuses clearing agent-version and apt-mirror', () => {
    const old = { ...base(), 'apt-mirror': 'http://mirror' };
    const cleared = base();
    delete cleared['agent-version'];
    assert.throws(
      () => validateModelConfig({ ...cleared, 'apt-mirror': 'http://mirror' }, old),
      /cannot clear agent-version/,
    );
    expectInvalid({ 'apt-mirror': '' }, 'cannot clear apt-mirror', old);
  });
});

void describe('model-config set refusals', () => {
  void it('has the exact messages', () => {
    assert.equal(
      MODEL_CONFIG_SET_REFUSALS['agent-version'],
      '"agent-version" must be set via "upgrade-model"',
    );
    assert.equal(MODEL_CONFIG_SET_REFUSALS['charmhub-url'], '"charmhub-url" must be set via "add-model"');
    assert.equal(MODEL_CONFIG_SET_REFUSALS['authorized-keys'], 'authorized-keys cannot be set');
    for (const key of ['name', 'type', 'uuid'])
      assert.ok(MODEL_CONFIG_SET_REFUSALS[key]?.startsWith(`cannot change ${key}`));
    assert.equal(MODEL_CONFIG_SET_REFUSALS['logging-config'], undefined);
  });

  void it('modelConfigSetRefusal names both values for identity keys', () => {
    const current = base();
    assert.equal(
      modelConfigSetRefusal('name', 'other', current),
      'cannot change name from "default" to "other"',
    );
    assert.equal(modelConfigSetRefusal('name', 'default', current), undefined);
    assert.equal(modelConfigSetRefusal('type', 'lxd'), 'cannot change type');
    assert.equal(
      modelConfigSetRefusal('agent-version', '3.6.4', current),
      '"agent-version" must be set via "upgrade-model"',
    );
    assert.equal(modelConfigSetRefusal('test-mode', true, current), undefined);
  });
});

void describe('series and bases', () => {
  void it('maps both ways', () => {
    assert.equal(baseForSeries('jammy'), 'ubuntu@22.04');
    assert.equal(baseForSeries('noble'), 'ubuntu@24.04');
    assert.equal(baseForSeries('nope'), undefined);
    assert.equal(seriesForBase('ubuntu@20.04'), 'focal');
    assert.equal(seriesForBase('ubuntu@22.04/stable'), 'jammy');
    assert.equal(seriesForBase('centos@9'), undefined);
  });
});

void describe('logging config helpers', () => {
  void it('parses loggo specs', () => {
    assert.equal(loggingConfigError(''), undefined);
    assert.equal(loggingConfigError('<root>=WARNING; juju.worker=TRACE'), undefined);
    assert.equal(loggingConfigError('a=INFO,b=debug'), undefined);
    assert.equal(loggingConfigError('=INFO'), `logger specification "=INFO" has blank name or level`);
    assert.equal(loggingConfigHasTrace('<root>=INFO;unit=TRACE'), true);
    assert.equal(loggingConfigHasTrace('trace'), true);
    assert.equal(loggingConfigHasTrace('<root>=DEBUG'), false);
  });
});

void describe('resolveModelConfigSources', () => {
  void it('takes the highest layer that sets a key', () => {
    const resolved = resolveModelConfigSources({
      default: { a: 'd', b: 'd', c: 'd', d: 'd' },
      controller: { b: 'c', c: 'c', d: 'c' },
      region: { c: 'r', d: 'r' },
      model: { d: 'm', e: 'm' },
    });
    assert.deepEqual(resolved, {
      a: { value: 'd', source: 'default' },
      b: { value: 'c', source: 'controller' },
      c: { value: 'r', source: 'region' },
      d: { value: 'm', source: 'model' },
      e: { value: 'm', source: 'model' },
    });
    assert.deepEqual(Object.keys(resolved), ['a', 'b', 'c', 'd', 'e']);
  });

  void it('attributes a model value equal to an inherited one to that layer', () => {
    const resolved = resolveModelConfigSources({
      default: { interval: '5m', tags: {}, list: ['a'] },
      controller: { interval: '10m' },
      region: {},
      model: { interval: '10m', tags: {}, list: ['a'], 'agent-stream': 'released' },
    });
    assert.deepEqual(resolved['interval'], { value: '10m', source: 'controller' });
    assert.deepEqual(resolved['tags'], { value: {}, source: 'default' });
    assert.deepEqual(resolved['list'], { value: ['a'], source: 'default' });
    assert.deepEqual(resolved['agent-stream'], { value: 'released', source: 'model' });
  });

  void it('prefers the highest equal layer', () => {
    const resolved = resolveModelConfigSources({
      default: { k: 'same' },
      controller: { k: 'same' },
      region: { k: 'same' },
      model: { k: 'same' },
    });
    assert.deepEqual(resolved['k'], { value: 'same', source: 'region' });
  });

  void it('works with the real schema defaults', () => {
    const resolved = resolveModelConfigSources({
      default: modelConfigSchema.defaults(),
      controller: { 'apt-mirror': 'http://m' },
      region: {},
      model: { name: 'default', 'update-status-hook-interval': '5m', 'logging-config': '<root>=INFO' },
    });
    assert.deepEqual(resolved['update-status-hook-interval'], { value: '5m', source: 'default' });
    assert.deepEqual(resolved['apt-mirror'], { value: 'http://m', source: 'controller' });
    assert.deepEqual(resolved['logging-config'], { value: '<root>=INFO', source: 'model' });
    assert.deepEqual(resolved['name'], { value: 'default', source: 'model' });
    assert.deepEqual(resolved['firewall-mode'], { value: 'instance', source: 'default' });
  });
});
