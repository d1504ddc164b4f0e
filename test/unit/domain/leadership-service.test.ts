import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';
import { deployCharm, startAgent } from './charm-fixtures.js';

describe('LeadershipService', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'lead', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, model, 'mysql', 'db', 3);
    deployCharm(f.services, model, 'wordpress', 'wp', 1);
  });
  after(() => f.close());

  it('grants one leader per application and denies others while the lease lives', () => {
    assert.equal(f.services.leadership.leader(model, 'db'), null);
    const lease = f.services.leadership.claim(model, 'db', 'db/1', 60_000);
    assert.deepEqual(lease, {
      modelUuid: model,
      application: 'db',
      holder: 'db/1',
      start: '2024-05-01T10:00:00.000Z',
      expiry: '2024-05-01T10:01:00.000Z',
    });
    assert.equal(f.services.leadership.isLeader(model, 'db', 'db/1'), true);
    assert.equal(f.services.leadership.isLeader(model, 'db', 'db/0'), false);
    assertJujuError(
      () => f.services.leadership.claim(model, 'db', 'db/0'),
      'leadership claim denied',
      'leadership claim denied',
    );
    assert.deepEqual(f.services.leadership.leaders(model), { db: 'db/1' });
  });

  it('lets the holder extend and lapses with the clock', () => {
    f.clock.advance(30_000);
    const extended = f.services.leadership.claim(model, 'db', 'db/1', 60_000);
    assert.equal(extended.start, '2024-05-01T10:00:00.000Z');
    assert.equal(extended.expiry, '2024-05-01T10:01:30.000Z');
    // A shorter claim never shortens the lease.
    assert.equal(f.services.leadership.claim(model, 'db', 'db/1', 5_000).expiry, '2024-05-01T10:01:30.000Z');
    f.clock.advance(59_999);
    assert.equal(f.services.leadership.leader(model, 'db'), 'db/1');
    f.clock.advance(1);
    assert.equal(f.services.leadership.leader(model, 'db'), null);
    assert.deepEqual(f.services.leadership.leaders(model), {});
    // Another unit may take over the lapsed lease.
    const taken = f.services.leadership.claim(model, 'db', 'db/2', 60_000);
    assert.equal(taken.holder, 'db/2');
    assert.equal(taken.start, '2024-05-01T10:01:30.000Z');
  });

  it('checks the claiming unit', () => {
    assertJujuError(
      () => f.services.leadership.claim(model, 'wp', 'db/0'),
      ErrorCode.Unauthorized,
      'permission denied: unit "db/0" is not a unit of application "wp"',
    );
    assertJujuError(
      () => f.services.leadership.claim(model, 'db', 'db/9'),
      ErrorCode.NotFound,
      'unit "db/9" not found',
    );
    assertJujuError(
      () => f.services.leadership.claim(model, 'db', 'db/0', 0),
      ErrorCode.NotValid,
      'invalid lease duration 0ms',
    );
  });

  it('expires lapsed leases in housekeeping', () => {
    f.services.leadership.claim(model, 'wp', 'wp/0', 1_000);
    f.clock.advance(1_000);
    const expired = f.services.leadership.expire();
    assert.deepEqual(
      expired.map((l) => [l.application, l.holder]),
      [['wp', 'wp/0']],
    );
    assert.equal(f.services.leadership.lease(model, 'wp'), null);
    assert.equal(f.services.leadership.lease(model, 'db')?.holder, 'db/2');
  });

  it('keeps leader settings writable by the leader only', () => {
    assert.deepEqual(f.services.leadership.leaderSettings(model, 'db'), { settings: {}, version: 0 });
    assertJujuError(
      () => f.services.leadership.mergeLeaderSettings(model, 'db', 'db/0', { a: '1' }),
      ErrorCode.NotLeader,
      'cannot write settings: not the leader',
    );
    let s = f.services.leadership.mergeLeaderSettings(model, 'db', 'db/2', { a: '1', b: '2' });
    assert.deepEqual(s, { settings: { a: '1', b: '2' }, version: 1 });
    s = f.services.leadership.mergeLeaderSettings(model, 'db', 'db/2', { a: '1' });
    assert.equal(s.version, 1);
    s = f.services.leadership.mergeLeaderSettings(model, 'db', 'db/2', { a: '', b: '3' });
    assert.deepEqual(s, { settings: { b: '3' }, version: 2 });
    assert.deepEqual(f.services.leadership.leaderSettings(model, 'db'), { settings: { b: '3' }, version: 2 });
    assertJujuError(
      () => f.services.leadership.leaderSettings(model, 'nope'),
      ErrorCode.NotFound,
      'application "nope" not found',
    );
  });

  it('releases the lease when the leader unit is removed', () => {
    startAgent(f.services, model, 'db/2');
    f.services.application.destroyUnit(model, 'db/2');
    f.services.application.ensureUnitDead(model, 'db/2');
    f.services.application.removeUnit(model, 'db/2');
    assert.equal(f.services.leadership.leader(model, 'db'), null);
    assert.equal(f.services.leadership.claim(model, 'db', 'db/0').holder, 'db/0');
    // Leader settings stay with the application.
    assert.equal(f.services.leadership.leaderSettings(model, 'db').version, 2);
    f.services.leadership.releaseUnit(model, 'db/0');
    assert.equal(f.services.leadership.leader(model, 'db'), null);
  });
});
