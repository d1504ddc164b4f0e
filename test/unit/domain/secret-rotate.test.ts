/**
 * Time-driven secret hooks in the secret domain (charm-contract §7): due
 * rotations and expired revisions of the secrets a unit manages, the next
 * due time, and the bookkeeping after `secret-rotate` — on a manual clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { EXPIRE_RETRY_DELAY_MS, ROTATE_RETRY_DELAY_MS } from '../../../src/domain/secret/service.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';
import { deployCharm } from './charm-fixtures.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('SecretService rotation and expiry triggers', () => {
  let f: BootstrappedFixture;
  let model: string;
  const lead = (): void => {
    f.services.leadership.claim(model, 'db', 'db/0');
  };
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'rot', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, model, 'mysql', 'db', 2);
    lead();
  });
  after(() => f.close());

  it('lists a due rotation for the leader, then reschedules: retry without a new revision, a period with one', () => {
    const t0 = f.clock.now().getTime();
    const id = f.services.secret.newSecretIds(1)[0] as string;
    f.services.unitState.commitHookChanges(model, 'db/0', {
      secretCreates: [
        {
          uri: `secret:${id}`,
          'owner-tag': 'application-db',
          label: 'pw',
          'rotate-policy': 'hourly',
          content: { data: { password: b64('one') } },
        },
      ],
    });
    assert.deepEqual(f.services.secret.unitSecretTriggers(model, 'db/0'), {
      rotate: [],
      expired: [],
      nextDueTime: iso(t0 + HOUR),
    });
    // Only the leader manages an application secret.
    assert.deepEqual(f.services.secret.unitSecretTriggers(model, 'db/1'), {
      rotate: [],
      expired: [],
      nextDueTime: '',
    });

    f.clock.advance(HOUR + 30_000);
    lead();
    assert.deepEqual(f.services.secret.unitSecretTriggers(model, 'db/0').rotate, [
      { id, label: 'pw', ownerKind: 'application', nextRotateTime: iso(t0 + HOUR), latestRevision: 1 },
    ]);
    assertJujuError(
      () => f.services.secret.secretRotated(model, 'db/1', id, 1),
      ErrorCode.NotLeader,
      'this unit is not the leader',
    );

    // The hook added nothing: try again shortly.
    f.services.secret.secretRotated(model, 'db/0', id, 1);
    const retryAt = t0 + HOUR + 30_000 + ROTATE_RETRY_DELAY_MS;
    assert.equal(f.services.secret.get(model, id).nextRotateTime, iso(retryAt));
    assert.deepEqual(f.services.secret.unitSecretTriggers(model, 'db/0'), {
      rotate: [],
      expired: [],
      nextDueTime: iso(retryAt),
    });

    f.clock.set(iso(retryAt + 1_000));
    lead();
    assert.equal(f.services.secret.unitSecretTriggers(model, 'db/0').rotate[0]?.nextRotateTime, iso(retryAt));
    // This time the hook made revision 2: the next rotation is one period after the due one.
    f.services.unitState.commitHookChanges(model, 'db/0', {
      secretUpdates: [{ uri: `secret:${id}`, content: { data: { password: b64('two') } } }],
    });
    f.services.secret.secretRotated(model, 'db/0', id, 1);
    assert.equal(f.services.secret.get(model, id).nextRotateTime, iso(retryAt + HOUR));
    assert.deepEqual(f.services.secret.unitSecretTriggers(model, 'db/0').rotate, []);

    // A secret no longer set to rotate is left alone.
    f.services.unitState.commitHookChanges(model, 'db/0', {
      secretUpdates: [{ uri: `secret:${id}`, 'rotate-policy': 'never' }],
    });
    f.services.secret.secretRotated(model, 'db/0', id, 2);
    assert.equal(f.services.secret.get(model, id).nextRotateTime, '');
    f.services.unitState.commitHookChanges(model, 'db/0', { secretDeletes: [{ uri: `secret:${id}` }] });
  });

  it('lists an expired revision once per retry boundary until it is removed', () => {
    const t0 = f.clock.now().getTime();
    const expire = t0 + 10 * 60_000;
    const id = f.services.secret.newSecretIds(1)[0] as string;
    f.services.unitState.commitHookChanges(model, 'db/1', {
      secretCreates: [
        {
          uri: `secret:${id}`,
          'owner-tag': 'unit-db-1',
          label: 'tls',
          'expire-time': iso(expire),
          content: { data: { cert: b64('c1') } },
        },
      ],
    });
    assert.deepEqual(f.services.secret.unitSecretTriggers(model, 'db/1'), {
      rotate: [],
      expired: [],
      nextDueTime: iso(expire),
    });
    f.clock.set(iso(expire + 60_000));
    const first = f.services.secret.unitSecretTriggers(model, 'db/1');
    assert.deepEqual(first.expired, [
      { id, label: 'tls', ownerKind: 'unit', revision: 1, expireTime: iso(expire), dueTime: iso(expire) },
    ]);
    assert.equal(first.nextDueTime, iso(expire + EXPIRE_RETRY_DELAY_MS));
    // Still there after the retry delay: a new due time, so the hook runs again.
    f.clock.set(iso(expire + EXPIRE_RETRY_DELAY_MS + 1_000));
    assert.equal(
      f.services.secret.unitSecretTriggers(model, 'db/1').expired[0]?.dueTime,
      iso(expire + EXPIRE_RETRY_DELAY_MS),
    );
    // The owner adds revision 2 and removes revision 1: nothing expired any more.
    f.services.unitState.commitHookChanges(model, 'db/1', {
      secretUpdates: [{ uri: `secret:${id}`, content: { data: { cert: b64('c2') } } }],
    });
    f.services.unitState.commitHookChanges(model, 'db/1', {
      secretDeletes: [{ uri: `secret:${id}`, revisions: [1] }],
    });
    assert.deepEqual(f.services.secret.unitSecretTriggers(model, 'db/1'), {
      rotate: [],
      expired: [],
      nextDueTime: '',
    });
    // Another unit's secret is not ours to handle.
    assert.deepEqual(f.services.secret.unitSecretTriggers(model, 'db/0').expired, []);
  });

  it('rotates early when the latest revision expires before the next rotation', () => {
    const t0 = f.clock.now().getTime();
    lead();
    const id = f.services.secret.newSecretIds(1)[0] as string;
    f.services.unitState.commitHookChanges(model, 'db/0', {
      secretCreates: [
        {
          uri: `secret:${id}`,
          'owner-tag': 'unit-db-0',
          'rotate-policy': 'daily',
          'expire-time': iso(t0 + HOUR),
          content: { data: { key: b64('k1') } },
        },
      ],
    });
    assert.equal(f.services.secret.get(model, id).nextRotateTime, iso(t0 + HOUR));
    // A new expiry set later also pulls the rotation in.
    f.services.unitState.commitHookChanges(model, 'db/0', {
      secretUpdates: [{ uri: `secret:${id}`, 'expire-time': iso(t0 + 30 * 60_000) }],
    });
    assert.equal(f.services.secret.get(model, id).nextRotateTime, iso(t0 + 30 * 60_000));
    f.clock.set(iso(t0 + 30 * 60_000));
    const due = f.services.secret.unitSecretTriggers(model, 'db/0');
    assert.equal(due.rotate[0]?.id, id);
    assert.equal(due.expired[0]?.revision, 1);
  });
});
