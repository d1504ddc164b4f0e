import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { bsonMapSize } from '../../../src/domain/unitstate/service.js';
import { formatPortRange, mergePortChanges } from '../../../src/domain/unitstate/ports.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';
import { deployCharm, startAgent } from './charm-fixtures.js';

const tcp = (from: number, to = from, endpoint = '') => ({
  endpoint,
  protocol: 'tcp',
  fromPort: from,
  toPort: to,
});

describe('UnitStateService state', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'state', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, model, 'mysql', 'db', 2);
  });
  after(() => f.close());

  it('stores and replaces the charm state and uniter blobs', () => {
    assert.deepEqual(f.services.unitState.get(model, 'db/0'), {
      charmState: {},
      uniterState: '',
      relationState: {},
      storageState: '',
      secretState: '',
    });
    f.services.unitState.set(model, 'db/0', {
      charmState: { a: '1', b: '2' },
      uniterState: 'installed: true\n',
      relationState: { '3': 'members: {}\n' },
    });
    f.services.unitState.set(model, 'db/0', { charmState: { c: '3' } });
    const s = f.services.unitState.get(model, 'db/0');
    assert.deepEqual(s.charmState, { c: '3' });
    assert.equal(s.uniterState, 'installed: true\n');
    assert.deepEqual(s.relationState, { '3': 'members: {}\n' });
    // Empty values clear.
    f.services.unitState.set(model, 'db/0', { uniterState: '', relationState: {} });
    assert.deepEqual(f.services.unitState.get(model, 'db/0').relationState, {});
    assert.equal(f.services.unitState.charmState(model, 'db/0')['c'], '3');
    assertJujuError(
      () => f.services.unitState.get(model, 'db/7'),
      ErrorCode.NotFound,
      'unit "db/7" not found',
    );
  });

  it('enforces the charm and agent state quotas from controller config', () => {
    assert.equal(bsonMapSize({ key: 'val' }), 5 + 1 + 4 + 4 + 4);
    f.services.controller.updateConfig({ 'max-charm-state-size': 64, 'max-agent-state-size': 20 });
    assertJujuError(
      () => f.services.unitState.set(model, 'db/0', { charmState: { k: 'x'.repeat(60) } }),
      'quota limit exceeded',
      'persisting charm state: max allowed size (64) exceeded',
    );
    assertJujuError(
      () => f.services.unitState.set(model, 'db/0', { charmState: { ['k'.repeat(257)]: 'v' } }),
      'quota limit exceeded',
      'persisting charm state: max allowed key length (256) exceeded',
    );
    assertJujuError(
      () => f.services.unitState.set(model, 'db/0', { uniterState: 'y'.repeat(21) }),
      'quota limit exceeded',
      'persisting internal uniter state: max allowed size (20) exceeded',
    );
    // 0 disables the checks.
    f.services.controller.updateConfig({ 'max-charm-state-size': 0, 'max-agent-state-size': 0 });
    f.services.unitState.set(model, 'db/0', {
      charmState: { k: 'x'.repeat(100) },
      uniterState: 'y'.repeat(100),
    });
    f.services.controller.updateConfig({
      'max-charm-state-size': 2_097_152,
      'max-agent-state-size': 524_288,
    });
  });

  it('refuses writes for dead units', () => {
    startAgent(f.services, model, 'db/1');
    f.services.application.destroyUnit(model, 'db/1');
    f.services.unitState.set(model, 'db/1', { uniterState: 'stopped: true\n' });
    f.services.application.ensureUnitDead(model, 'db/1');
    assertJujuError(
      () => f.services.unitState.set(model, 'db/1', { uniterState: 'x' }),
      ErrorCode.Dead,
      'unit "db/1" is dead',
    );
    assert.equal(f.services.unitState.get(model, 'db/1').uniterState, 'stopped: true\n');
  });
});

describe('UnitStateService ports', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'ports', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, model, 'wordpress', 'wp', 1);
    f.services.application.deploy(model, {
      name: 'db',
      charmUrl: deployCharm(f.services, model, 'mysql', 'other', 0).application.charmUrl,
      numUnits: 1,
      placement: [{ machine: '0' }],
    });
  });
  after(() => f.close());

  it('formats and validates ranges', () => {
    assert.equal(formatPortRange(tcp(80)), '80/tcp');
    assert.equal(formatPortRange(tcp(8000, 8080)), '8000-8080/tcp');
    assert.equal(formatPortRange({ protocol: 'icmp', fromPort: -1, toPort: -1 }), 'icmp');
    const merge = (open: Parameters<typeof mergePortChanges>[0]['open']) =>
      mergePortChanges({ unit: 'a/0', endpoints: ['web'], machineRanges: [], open, close: [] });
    assertJujuError(
      () => merge([{ endpoint: '', protocol: 'sctp', fromPort: 1, toPort: 1 }]),
      ErrorCode.NotValid,
      'invalid protocol "sctp", expected "tcp", "udp", or "icmp"',
    );
    assertJujuError(() => merge([tcp(90, 80)]), ErrorCode.NotValid, 'invalid port range 90-80/tcp');
    assertJujuError(
      () => merge([tcp(1, 70000)]),
      ErrorCode.NotValid,
      'port range bounds must be between 0 and 65535, got 1-70000',
    );
    assertJujuError(
      () => merge([{ endpoint: '', protocol: 'icmp', fromPort: 8, toPort: 8 }]),
      ErrorCode.NotValid,
      'protocol "icmp" doesn\'t support any ports; got "8"',
    );
  });

  it('opens, prunes and closes per endpoint', () => {
    let ports = f.services.unitState.changePorts(model, 'wp/0', [tcp(80), tcp(443, 443, 'website'), tcp(80)]);
    assert.deepEqual(ports, [tcp(80), tcp(443, 443, 'website')]);
    // An all-endpoint range supersedes the endpoint-specific one.
    ports = f.services.unitState.changePorts(model, 'wp/0', [tcp(443)]);
    assert.deepEqual(ports, [tcp(80), tcp(443)]);
    // Closing one endpoint of an all-endpoint range keeps it open on the others.
    ports = f.services.unitState.changePorts(model, 'wp/0', [], [tcp(443, 443, 'website')]);
    assert.deepEqual(
      ports.filter((p) => p.fromPort === 443).map((p) => p.endpoint),
      ['admin-api', 'cache', 'db', 'juju-info', 'loadbalancer'],
    );
    ports = f.services.unitState.changePorts(model, 'wp/0', [], [tcp(443), tcp(9999)]);
    assert.deepEqual(ports, [tcp(80)]);
    assertJujuError(
      () => f.services.unitState.changePorts(model, 'wp/0', [tcp(81, 81, 'nope')]),
      ErrorCode.NotFound,
      'cannot open/close ports: open port range: endpoint "nope" for unit "wp/0" not found',
    );
    assert.deepEqual(f.services.unitState.openedPorts(model, 'wp/0'), [tcp(80)]);
  });

  it('refuses ranges conflicting with other units on the machine', () => {
    assertJujuError(
      () => f.services.unitState.changePorts(model, 'db/0', [tcp(70, 90)]),
      ErrorCode.NotValid,
      'cannot open ports 70-90/tcp: port ranges 80/tcp ("wp/0") and 70-90/tcp ("db/0") conflict',
    );
    f.services.unitState.changePorts(model, 'db/0', [
      tcp(3306),
      { endpoint: '', protocol: 'udp', fromPort: 80, toPort: 80 },
    ]);
    assert.deepEqual(f.services.unitState.machineOpenedPorts(model, '0'), {
      'db/0': [tcp(3306), { endpoint: '', protocol: 'udp', fromPort: 80, toPort: 80 }],
      'wp/0': [tcp(80)],
    });
    // Units elsewhere do not conflict.
    f.services.application.addUnits(model, 'db', { count: 1 });
    f.services.unitState.changePorts(model, 'db/1', [tcp(80)]);
    assert.deepEqual(f.services.unitState.openedPorts(model, 'db/1'), [tcp(80)]);
  });
});

describe('UnitStateService.commitHookChanges', () => {
  let f: BootstrappedFixture;
  let model: string;
  let relId: number;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'commit', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, model, 'wordpress', 'wp', 1);
    deployCharm(f.services, model, 'mysql', 'db', 2);
    for (const u of ['wp/0', 'db/0', 'db/1']) startAgent(f.services, model, u);
    relId = f.services.relation.add(model, ['wp', 'db']).id;
    for (const u of ['wp/0', 'db/0', 'db/1'])
      f.services.relation.enterScope(model, relId, u, { 'private-address': u });
    f.services.leadership.claim(model, 'db', 'db/0');
  });
  after(() => f.close());

  it('applies settings, ports and state in one go and returns the versions', () => {
    const result = f.services.unitState.commitHookChanges(model, 'db/0', {
      relationUnitSettings: [
        {
          relationId: relId,
          settings: { host: '10.0.0.5', 'private-address': '' },
          applicationSettings: { token: 't' },
        },
      ],
      openPorts: [tcp(3306)],
      setUnitState: { charmState: { installed: 'yes' }, uniterState: 'op: continue\n' },
    });
    assert.deepEqual(result, {
      relationSettings: [{ relationId: relId, unitVersion: 2, applicationVersion: 1 }],
      openedPorts: [tcp(3306)],
    });
    assert.deepEqual(f.services.relation.unitSettings(model, relId, 'db/0'), {
      settings: { host: '10.0.0.5' },
      version: 2,
    });
    assert.deepEqual(f.services.relation.applicationSettings(model, relId, 'db'), {
      settings: { token: 't' },
      version: 1,
    });
    assert.deepEqual(f.services.unitState.get(model, 'db/0').charmState, { installed: 'yes' });
    assert.equal(f.services.unitState.get(model, 'db/0').uniterState, 'op: continue\n');
  });

  it('rolls everything back when a part fails', () => {
    // db/1 is not the leader: its app-bag write fails, so its unit bag, ports
    // and state stay untouched.
    assertJujuError(
      () =>
        f.services.unitState.commitHookChanges(model, 'db/1', {
          relationUnitSettings: [
            { relationId: relId, settings: { host: 'x' }, applicationSettings: { token: 'u' } },
          ],
          openPorts: [tcp(5432)],
          setUnitState: { charmState: { a: 'b' } },
        }),
      ErrorCode.Unauthorized,
      'permission denied',
    );
    assert.deepEqual(f.services.relation.unitSettings(model, relId, 'db/1'), {
      settings: { 'private-address': 'db/1' },
      version: 1,
    });
    assert.deepEqual(f.services.unitState.openedPorts(model, 'db/1'), []);
    assert.deepEqual(f.services.unitState.get(model, 'db/1').charmState, {});
    // A port conflict undoes the settings written before it.
    assertJujuError(
      () =>
        f.services.unitState.commitHookChanges(model, 'db/0', {
          relationUnitSettings: [{ relationId: relId, settings: { host: 'changed' } }],
          openPorts: [tcp(3300, 3310)],
        }),
      ErrorCode.NotValid,
      'cannot open ports 3300-3310/tcp: port ranges 3306/tcp ("db/0") and 3300-3310/tcp ("db/0") conflict',
    );
    assert.equal(f.services.relation.unitSettings(model, relId, 'db/0').settings['host'], '10.0.0.5');
  });

  it('hands secrets and storage to their domains, which validate them', () => {
    // Secrets go to the secret domain (test/unit/domain/secret-service.test.ts), which validates them.
    assertJujuError(
      () => f.services.unitState.commitHookChanges(model, 'db/0', { secretCreates: [{}] }),
      ErrorCode.NotValid,
      'missing secret value',
    );
    assertJujuError(
      () => f.services.unitState.commitHookChanges(model, 'db/0', { addStorage: [{ name: 'data' }] }),
      ErrorCode.NotFound,
      /charm storage "data" not found for charm/,
    );
    assertJujuError(
      () =>
        f.services.unitState.commitHookChanges(model, 'wp/0', {
          relationUnitSettings: [{ relationId: 999, settings: { a: 'b' } }],
        }),
      ErrorCode.NotFound,
      'relation 999 not found',
    );
    // An empty commit is fine and reports the current ports.
    assert.deepEqual(f.services.unitState.commitHookChanges(model, 'db/0', {}), {
      relationSettings: [],
      openedPorts: [tcp(3306)],
    });
  });
});
