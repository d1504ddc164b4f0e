import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { relationKey } from '../../../src/domain/relation/service.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';
import { addCharm, deployCharm, startAgent } from './charm-fixtures.js';

describe('RelationService endpoint resolution', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'rel', owner: 'admin', cloud: 'local' }).uuid;
    for (const [charm, app] of [
      ['wordpress', 'wp'],
      ['mysql', 'db'],
      ['mariadb', 'maria'],
      ['monitor', 'mon'],
      ['memcached', 'cache'],
    ] as const)
      deployCharm(f.services, model, charm, app, 0);
    deployCharm(f.services, model, 'logging', 'logging', 0);
    deployCharm(f.services, model, 'ntp', 'ntp', 0);
  });
  after(() => f.close());

  it('orders keys requirer, provider, peer', () => {
    assert.equal(
      relationKey([
        { application: 'db', name: 'server', role: 'provider' },
        { application: 'wp', name: 'db', role: 'requirer' },
      ]),
      'wp:db db:server',
    );
    assert.equal(relationKey([{ application: 'wp', name: 'loadbalancer', role: 'peer' }]), 'wp:loadbalancer');
  });

  it('adds a relation from application names in either order', () => {
    const r = f.services.relation.add(model, ['db', 'wp']);
    assert.equal(r.key, 'wp:db db:server');
    assert.equal(r.interface, 'mysql');
    assert.equal(r.scope, 'global');
    assert.equal(r.isPeer, false);
    assert.equal(r.life, 'alive');
    assert.equal(r.suspended, false);
    assert.equal(r.unitCount, 0);
    assert.deepEqual(r.status, { status: 'joining', info: '', since: '2024-05-01T10:00:00.000Z' });
    assert.deepEqual(
      r.endpoints.map((e) => [e.application, e.name, e.role, e.limit]),
      [
        ['wp', 'db', 'requirer', 1],
        ['db', 'server', 'provider', 0],
      ],
    );
    // Peer relations created at deploy took the first ids (wp:loadbalancer 0, db:cluster 1, ntp:peers 2).
    assert.equal(r.id, 3);
    assert.deepEqual(
      f.services.relation.list(model).map((x) => [x.id, x.key]),
      [
        [0, 'wp:loadbalancer'],
        [1, 'db:cluster'],
        [2, 'ntp:peers'],
        [3, 'wp:db db:server'],
      ],
    );
    assert.equal(f.services.relation.find(model, ['wp:db', 'db']).id, 3);
    assert.equal(f.services.relation.getByKey(model, 'wp:db db:server').id, 3);
  });

  it('refuses duplicates with code already exists', () => {
    assertJujuError(
      () => f.services.relation.add(model, ['wp:db', 'db:server']),
      ErrorCode.AlreadyExists,
      'cannot add relation "wp:db db:server": relation wp:db db:server already exists',
    );
  });

  it('reports no match, ambiguity and unknown names', () => {
    assertJujuError(
      () => f.services.relation.add(model, ['db', 'cache']),
      ErrorCode.NotValid,
      'no relations found',
    );
    assertJujuError(
      () => f.services.relation.add(model, ['wp', 'maria']),
      ErrorCode.NotValid,
      'ambiguous relation: "wp maria" could refer to "wp:db maria:legacy"; "wp:db maria:server"',
    );
    assertJujuError(
      () => f.services.relation.add(model, ['wp', 'nope']),
      ErrorCode.NotFound,
      'application "nope" not found',
    );
    assertJujuError(
      () => f.services.relation.add(model, ['wp:nope', 'db']),
      ErrorCode.NotFound,
      'application "wp" has no "nope" relation',
    );
    assertJujuError(
      () => f.services.relation.add(model, ['wp:', 'db']),
      ErrorCode.NotValid,
      'invalid endpoint "wp:"',
    );
    assertJujuError(
      () => f.services.relation.add(model, ['a', 'b', 'c']),
      ErrorCode.NotValid,
      'cannot relate 3 endpoints',
    );
    // Peer endpoints never relate to other applications.
    assertJujuError(
      () => f.services.relation.add(model, ['wp:loadbalancer', 'db']),
      ErrorCode.NotValid,
      'no relations found',
    );
  });

  it('drops implicit juju-info candidates when they make it ambiguous', () => {
    // mon:host-wp:juju-info (implicit) and mon:web-wp:website both fit.
    const r = f.services.relation.add(model, ['mon', 'wp']);
    assert.equal(r.key, 'mon:web wp:website');
    // Explicitly asking for the implicit endpoint works.
    assert.equal(f.services.relation.add(model, ['mon:host', 'wp:juju-info']).key, 'mon:host wp:juju-info');
  });

  it('makes subordinate relations container scoped and needs a subordinate for that', () => {
    const r = f.services.relation.add(model, ['logging', 'db']);
    assert.equal(r.key, 'logging:info db:juju-info');
    assert.equal(r.scope, 'container');
    assert.deepEqual(
      r.endpoints.map((e) => e.scope),
      ['container', 'container'],
    );
    // ntp (subordinate) requires juju-info under the same name as the implicit provider.
    assert.equal(f.services.relation.add(model, ['ntp', 'wp']).key, 'ntp:juju-info wp:juju-info');
    // Container scope between two principals is not a candidate at all ...
    const other = addCharm(f.services, model, 'logging', { subordinate: false });
    f.services.application.deploy(model, { name: 'plain', charmUrl: other.url });
    assertJujuError(
      () => f.services.relation.add(model, ['plain', 'cache']),
      ErrorCode.NotValid,
      'no relations found',
    );
    // ... and refused when the endpoints are given directly.
    const eps = [
      {
        application: 'plain',
        name: 'info',
        role: 'requirer',
        interface: 'juju-info',
        optional: false,
        limit: 0,
        scope: 'container',
      },
      {
        application: 'cache',
        name: 'juju-info',
        role: 'provider',
        interface: 'juju-info',
        optional: false,
        limit: 0,
        scope: 'global',
      },
    ] as const;
    assertJujuError(
      () => f.services.relation.addEndpoints(model, eps),
      ErrorCode.NotValid,
      'cannot add relation "plain:info cache:juju-info": container scoped relation requires at least one subordinate application',
    );
  });

  it('enforces relation limits', () => {
    deployCharm(f.services, model, 'mysql', 'db2', 0);
    assertJujuError(
      () => f.services.relation.add(model, ['wp', 'db2']),
      'quota limit exceeded',
      'cannot add relation "wp:db db2:server": establishing a new relation for wp:db would exceed its maximum relation limit of 1',
    );
  });

  it('refuses relations to dying applications', () => {
    deployCharm(f.services, model, 'mysql', 'olddb', 1);
    startAgent(f.services, model, 'olddb/0');
    f.services.application.destroy(model, 'olddb');
    assert.equal(f.services.application.get(model, 'olddb').life, 'dying');
    deployCharm(f.services, model, 'wordpress', 'wp2', 0);
    assertJujuError(
      () => f.services.relation.add(model, ['wp2', 'olddb']),
      ErrorCode.NotValid,
      'cannot add relation "wp2:db olddb:server": application "olddb" is not alive',
    );
  });
});

describe('RelationService life, scopes and settings', () => {
  let f: BootstrappedFixture;
  let model: string;
  let relId: number;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'scopes', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, model, 'wordpress', 'wp', 2);
    deployCharm(f.services, model, 'mysql', 'db', 2);
    deployCharm(f.services, model, 'logging', 'logging', 0);
    for (const u of ['wp/0', 'wp/1', 'db/0', 'db/1']) startAgent(f.services, model, u);
    relId = f.services.relation.add(model, ['wp', 'db']).id;
  });
  after(() => f.close());

  it('enters and leaves scopes and lists remote units', () => {
    f.clock.advance(1000);
    f.services.relation.enterScope(model, relId, 'wp/0', { 'private-address': '10.0.0.1' });
    const r = f.services.relation.get(model, relId);
    assert.equal(r.unitCount, 1);
    assert.deepEqual(r.status, { status: 'joined', info: '', since: '2024-05-01T10:00:01.000Z' });
    f.services.relation.enterScope(model, relId, 'db/0', { 'private-address': '10.0.0.2' });
    f.services.relation.enterScope(model, relId, 'db/1');
    // Entering twice does nothing.
    f.services.relation.enterScope(model, relId, 'db/1');
    assert.deepEqual(f.services.relation.unitsInScope(model, relId), ['db/0', 'db/1', 'wp/0']);
    assert.deepEqual(f.services.relation.remoteUnits(model, relId, 'wp/0'), ['db/0', 'db/1']);
    assert.deepEqual(f.services.relation.remoteUnits(model, relId, 'db/1'), ['wp/0']);
    // Peers see their own application's units.
    const peer = f.services.relation.getByKey(model, 'wp:loadbalancer');
    f.services.relation.enterScope(model, peer.id, 'wp/0');
    f.services.relation.enterScope(model, peer.id, 'wp/1');
    assert.deepEqual(f.services.relation.remoteUnits(model, peer.id, 'wp/1'), ['wp/0']);
    assertJujuError(
      () => f.services.relation.enterScope(model, peer.id, 'db/0'),
      ErrorCode.Unauthorized,
      'permission denied',
    );
    f.services.relation.leaveScope(model, relId, 'db/1');
    assert.deepEqual(f.services.relation.unitsInScope(model, relId), ['db/0', 'wp/0']);
    assert.deepEqual(
      f.services.relation.forUnit(model, 'wp/0').map((x) => x.key),
      ['wp:loadbalancer', 'wp:db db:server'],
    );
  });

  it('versions unit bags and keeps them readable after leaving', () => {
    const bag = f.services.relation.unitSettings(model, relId, 'wp/0');
    assert.deepEqual(bag, { settings: { 'private-address': '10.0.0.1' }, version: 1 });
    assert.equal(
      f.services.relation.updateUnitSettings(model, relId, 'wp/0', { database: 'wp', user: 'u' }),
      2,
    );
    // No change, no new version.
    assert.equal(f.services.relation.updateUnitSettings(model, relId, 'wp/0', { database: 'wp' }), 2);
    assert.equal(f.services.relation.updateUnitSettings(model, relId, 'wp/0', { user: '', other: null }), 3);
    assert.deepEqual(f.services.relation.unitSettings(model, relId, 'wp/0').settings, {
      'private-address': '10.0.0.1',
      database: 'wp',
    });
    // db/1 left scope but its bag (created when it entered) is still readable.
    assert.deepEqual(f.services.relation.unitSettings(model, relId, 'db/1'), { settings: {}, version: 1 });
    assertJujuError(
      () => f.services.relation.unitSettings(model, relId, 'wp/1'),
      ErrorCode.NotFound,
      'cannot read settings for unit "wp/1" in relation "wp:db db:server": settings not found',
    );
    assert.deepEqual(f.services.relation.settingsVersions(model, relId), {
      units: { 'wp/0': 3, 'db/0': 1, 'db/1': 1 },
      applications: { wp: 0, db: 0 },
    });
  });

  it('lets only the leader write its application bag and read it outside peers', () => {
    assertJujuError(
      () => f.services.relation.updateApplicationSettings(model, relId, 'db/0', { token: 'x' }),
      ErrorCode.Unauthorized,
      'permission denied',
    );
    f.services.leadership.claim(model, 'db', 'db/0');
    assert.equal(f.services.relation.updateApplicationSettings(model, relId, 'db/0', { token: 'x' }), 1);
    assert.deepEqual(f.services.relation.applicationSettings(model, relId, 'db', 'db/0'), {
      settings: { token: 'x' },
      version: 1,
    });
    // The remote side reads it; a non-leader of the same application may not.
    assert.equal(f.services.relation.applicationSettings(model, relId, 'db', 'wp/0').version, 1);
    assertJujuError(
      () => f.services.relation.applicationSettings(model, relId, 'db', 'db/1'),
      ErrorCode.Unauthorized,
      'permission denied',
    );
    // In peer relations every unit reads its own application's bag.
    const peer = f.services.relation.getByKey(model, 'wp:loadbalancer');
    assert.deepEqual(f.services.relation.applicationSettings(model, peer.id, 'wp', 'wp/1'), {
      settings: {},
      version: 0,
    });
    assertJujuError(
      () => f.services.relation.applicationSettings(model, relId, 'logging'),
      ErrorCode.NotFound,
      'application "logging" not found',
    );
    assert.deepEqual(f.services.relation.settingsVersions(model, relId).applications, { wp: 0, db: 1 });
  });

  it('suspends and resumes', () => {
    let r = f.services.relation.setSuspended(model, relId, true, 'maintenance window');
    assert.equal(r.suspended, true);
    assert.equal(r.suspendedReason, 'maintenance window');
    assert.equal(r.status.status, 'suspended');
    r = f.services.relation.setSuspended(model, relId, false);
    assert.equal(r.suspended, false);
    assert.equal(r.status.status, 'joined');
    f.services.relation.setStatus(model, relId, 'error', 'boom');
    assert.deepEqual(f.services.relation.get(model, relId).status.info, 'boom');
    assertJujuError(
      () => f.services.relation.setStatus(model, relId, 'weird'),
      ErrorCode.NotValid,
      'cannot set invalid status "weird" for relation',
    );
  });

  it('creates subordinate units when principals enter container scope', () => {
    const r = f.services.relation.add(model, ['logging', 'wp']);
    f.services.relation.enterScope(model, r.id, 'wp/0');
    f.services.relation.enterScope(model, r.id, 'wp/1');
    // Re-entering does not create a second subordinate.
    f.services.relation.leaveScope(model, r.id, 'wp/1');
    f.services.relation.enterScope(model, r.id, 'wp/1');
    const subs = f.services.application.units(model, 'logging');
    assert.deepEqual(
      subs.map((u) => [u.name, u.principal, u.machineId]),
      [
        ['logging/0', 'wp/0', f.services.application.unit(model, 'wp/0').machineId],
        ['logging/1', 'wp/1', f.services.application.unit(model, 'wp/1').machineId],
      ],
    );
    startAgent(f.services, model, 'logging/0');
    f.services.relation.enterScope(model, r.id, 'logging/0');
    f.services.relation.enterScope(model, r.id, 'logging/1');
    // Container scope: each side sees only its co-located partner.
    assert.deepEqual(f.services.relation.remoteUnits(model, r.id, 'wp/1'), ['logging/1']);
    assert.deepEqual(f.services.relation.remoteUnits(model, r.id, 'logging/0'), ['wp/0']);
    assert.deepEqual(
      f.services.relation.forUnit(model, 'logging/0').map((x) => x.key),
      ['logging:info wp:juju-info'],
    );
  });

  it('destroys relations by endpoints or id and removes them when empty', () => {
    assertJujuError(
      () => f.services.relation.destroy(model, ['wp:loadbalancer']),
      ErrorCode.NotValid,
      'cannot destroy relation "wp:loadbalancer": is a peer relation',
    );
    assertJujuError(
      () => f.services.relation.destroy(model, ['wp:website', 'db']),
      ErrorCode.NotValid,
      'no relations found',
    );
    deployCharm(f.services, model, 'mysql', 'spare', 0);
    deployCharm(f.services, model, 'wordpress', 'blog', 0);
    const spare = f.services.relation.add(model, ['blog', 'spare']);
    assertJujuError(
      () => f.services.relation.destroy(model, ['wp', 'spare']),
      ErrorCode.NotFound,
      'relation "wp:db spare:server" not found',
    );
    assert.deepEqual(f.services.relation.destroy(model, ['blog', 'spare']), { removed: true });
    assertJujuError(
      () => f.services.relation.get(model, spare.id),
      ErrorCode.NotFound,
      `relation ${spare.id} not found`,
    );
    assertJujuError(
      () => f.services.relation.destroyById(model, 999),
      ErrorCode.NotFound,
      'relation 999 not found',
    );
    // With units in scope it stays dying until the last one leaves.
    assert.deepEqual(f.services.relation.destroyById(model, relId), { removed: false });
    assert.equal(f.services.relation.get(model, relId).life, 'dying');
    assertJujuError(
      () => f.services.relation.enterScope(model, relId, 'db/1'),
      ErrorCode.NotValid,
      'cannot enter scope: unit or relation is not alive',
    );
    assertJujuError(
      () => f.services.relation.add(model, ['wp', 'db']),
      ErrorCode.AlreadyExists,
      'cannot add relation "wp:db db:server": relation wp:db db:server is dying, but not yet removed',
    );
    f.services.relation.leaveScope(model, relId, 'wp/0');
    assert.equal(f.services.relation.get(model, relId).unitCount, 1);
    f.services.relation.leaveScope(model, relId, 'db/0');
    assertJujuError(
      () => f.services.relation.get(model, relId),
      ErrorCode.NotFound,
      `relation ${relId} not found`,
    );
    // Its settings went with it; a new relation starts with fresh bags.
    const again = f.services.relation.add(model, ['wp', 'db']);
    assert.notEqual(again.id, relId);
    assert.deepEqual(f.services.relation.settingsVersions(model, again.id), {
      units: {},
      applications: { wp: 0, db: 0 },
    });
  });
});
