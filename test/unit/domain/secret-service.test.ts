import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { contentChecksum } from '../../../src/domain/secret/service.js';
import { isSecretXid, newSecretXid, secretIdFromUri } from '../../../src/domain/secret/secret-id.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';
import { deployCharm } from './charm-fixtures.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const REL = 'wp:db db:server';
const RELTAG = 'relation-wp.db#db.server';

describe('secret ids', () => {
  it('makes 20-character xids and parses every URI form', () => {
    const id = newSecretXid();
    assert.ok(isSecretXid(id), id);
    assert.notEqual(newSecretXid(), id);
    assert.equal(secretIdFromUri(`secret:${id}`), id);
    assert.equal(secretIdFromUri(`secret://0f6c6c66-1111-4222-8333-444455556666/${id}`), id);
    assert.equal(secretIdFromUri(id), id);
    assertJujuError(
      () => secretIdFromUri('secret:nope'),
      ErrorCode.NotValid,
      'secret URI "secret:nope" not valid',
    );
  });
});

describe('SecretService', () => {
  let f: BootstrappedFixture;
  let model: string;
  let id: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'sec', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, model, 'mysql', 'db', 2);
    deployCharm(f.services, model, 'wordpress', 'wp', 2);
    f.services.leadership.claim(model, 'db', 'db/0');
    f.services.relation.add(model, ['db', 'wp']);
    id = f.services.secret.newSecretIds(1)[0] as string;
  });
  after(() => f.close());

  it('creates an application secret from a hook commit (leader only) and grants it', () => {
    const create = {
      uri: `secret:${id}`,
      'owner-tag': 'application-db',
      label: 'db-pass',
      description: 'the password',
      'rotate-policy': 'daily',
      content: { data: { password: b64('s3cret') } },
    };
    assertJujuError(
      () => f.services.unitState.commitHookChanges(model, 'db/1', { secretCreates: [create] }),
      ErrorCode.NotLeader,
      'this unit is not the leader',
    );
    assert.equal(f.services.secret.list(model).length, 0);
    f.services.unitState.commitHookChanges(model, 'db/0', {
      secretCreates: [create],
      secretGrants: [
        { uri: `secret:${id}`, 'scope-tag': RELTAG, 'subject-tags': ['application-wp'], role: 'view' },
      ],
    });
    const md = f.services.secret.get(model, id);
    assert.deepEqual(md.owner, { kind: 'application', name: 'db' });
    assert.equal(md.label, 'db-pass');
    assert.equal(md.latestRevision, 1);
    assert.equal(md.rotatePolicy, 'daily');
    assert.equal(md.nextRotateTime, '2024-05-02T10:00:00.000Z');
    assert.equal(md.latestChecksum, contentChecksum({ password: b64('s3cret') }));
    const owned = f.services.secret.ownedSecrets(model, 'db/1');
    assert.equal(owned.length, 1);
    assert.deepEqual(
      owned[0]?.access,
      [
        {
          subjectKind: 'application',
          subjectName: 'wp',
          role: 'view',
          scopeRelationId: 0,
          scopeRelationKey: REL,
        },
      ].map((g) => ({ ...g, scopeRelationId: owned[0]?.access[0]?.scopeRelationId })),
    );
    assert.equal(f.services.secret.ownedSecrets(model, 'wp/0').length, 0);
  });

  it('lets grantees and owners read, tracking the revision they saw', () => {
    const r = f.services.secret.getContent(model, 'wp/0', { id, label: 'my-db' });
    assert.deepEqual(r, { revision: 1, data: { password: b64('s3cret') } });
    // The consumer label now names it for wp/0.
    assert.equal(f.services.secret.getContent(model, 'wp/0', { label: 'my-db' }).revision, 1);
    // Owner units read by their owner label.
    assert.equal(f.services.secret.getContent(model, 'db/1', { label: 'db-pass' }).revision, 1);
    assertJujuError(
      () => f.services.secret.getContent(model, 'wp/1', { label: 'my-db' }),
      ErrorCode.NotFound,
      'consumer label "my-db" not found',
    );
    assertJujuError(
      () => f.services.secret.getContent(model, 'wp/0', { id: 'cqpe0a1ig4tc7kc2lhmg' }),
      ErrorCode.NotFound,
      'secret "cqpe0a1ig4tc7kc2lhmg" not found',
    );
    assert.deepEqual(f.services.secret.unitSecretsState(model, 'wp/0'), {
      consumed: [{ id, label: 'my-db', currentRevision: 1, latestRevision: 1 }],
      obsolete: [],
    });
  });

  it('adds a revision only for new content; consumers see it as changed, then obsolete once untracked', () => {
    f.clock.advance(30_000);
    f.services.leadership.claim(model, 'db', 'db/0');
    f.services.unitState.commitHookChanges(model, 'db/0', {
      secretUpdates: [{ uri: `secret:${id}`, content: { data: { password: b64('s3cret') } } }],
    });
    assert.equal(f.services.secret.get(model, id).latestRevision, 1, 'identical content makes no revision');
    f.services.unitState.commitHookChanges(model, 'db/0', {
      secretUpdates: [
        { uri: `secret:${id}`, description: 'rotated', content: { data: { password: b64('n3w') } } },
      ],
    });
    const md = f.services.secret.get(model, id);
    assert.equal(md.latestRevision, 2);
    assert.equal(md.description, 'rotated');
    assert.equal(md.label, 'db-pass');
    assert.deepEqual(f.services.secret.unitSecretsState(model, 'wp/0').consumed, [
      { id, label: 'my-db', currentRevision: 1, latestRevision: 2 },
    ]);
    // Plain reads keep the tracked revision, peek shows the latest without moving.
    assert.equal(f.services.secret.getContent(model, 'wp/0', { id }).data.password, b64('s3cret'));
    assert.equal(f.services.secret.getContent(model, 'wp/0', { id, peek: true }).data.password, b64('n3w'));
    assert.equal(f.services.secret.getContent(model, 'wp/0', { id }).revision, 1);
    // Revision 1 is still tracked (wp/0 and db/1): not obsolete.
    assert.deepEqual(f.services.secret.unitSecretsState(model, 'db/0').obsolete, []);
    f.services.secret.getContent(model, 'wp/0', { id, refresh: true });
    f.services.unitState.commitHookChanges(model, 'db/1', { secretTrackLatest: [`secret:${id}`] });
    assert.deepEqual(f.services.secret.unitSecretsState(model, 'db/0').obsolete, [
      { id, label: 'db-pass', ownerKind: 'application', revisions: [1] },
    ]);
    // Only the leader manages application secrets.
    assert.deepEqual(f.services.secret.unitSecretsState(model, 'db/1').obsolete, []);
    // The owner removes the obsolete revision.
    f.services.unitState.commitHookChanges(model, 'db/0', {
      secretDeletes: [{ uri: `secret:${id}`, revisions: [1] }],
    });
    assert.deepEqual(f.services.secret.get(model, id).latestRevision, 2);
    assert.deepEqual(f.services.secret.unitSecretsState(model, 'db/0').obsolete, []);
    assert.deepEqual(
      f.services.secret.list(model, { id }, true).map((s) => [s.revisions.map((r) => r.revision), s.data]),
      [[[2], { password: b64('n3w') }]],
    );
  });

  it('applies nothing when any part of a hook commit fails', () => {
    const other = f.services.secret.newSecretIds(1)[0] as string;
    assertJujuError(
      () =>
        f.services.unitState.commitHookChanges(model, 'db/0', {
          relationUnitSettings: [
            { relationId: f.services.relation.getByKey(model, REL).id, settings: { a: '1' } },
          ],
          secretCreates: [
            { uri: `secret:${other}`, 'owner-tag': 'unit-db-0', content: { data: { key: b64('v') } } },
          ],
          secretGrants: [
            {
              uri: `secret:${other}`,
              'scope-tag': 'relation-wp.db#nope.server',
              'subject-tags': ['application-wp'],
            },
          ],
        }),
      ErrorCode.NotFound,
      'relation "wp:db nope:server" not found',
    );
    assertJujuError(
      () => f.services.secret.get(model, other),
      ErrorCode.NotFound,
      `secret "${other}" not found`,
    );
    assert.equal(f.services.secret.list(model).length, 1);
  });

  it('refuses readers without a grant, revokes, and drops grants with their relation', () => {
    const unitSecret = f.services.secret.newSecretIds(1)[0] as string;
    f.services.unitState.commitHookChanges(model, 'db/1', {
      secretCreates: [
        {
          uri: `secret:${unitSecret}`,
          'owner-tag': 'unit-db-1',
          label: 'mine',
          content: { data: { key: b64('v') } },
        },
      ],
      secretGrants: [{ uri: `secret:${unitSecret}`, 'scope-tag': RELTAG, 'subject-tags': ['unit-wp-1'] }],
    });
    assertJujuError(
      () => f.services.secret.getContent(model, 'db/0', { id: unitSecret }),
      ErrorCode.Unauthorized,
      'permission denied',
    );
    assertJujuError(
      () => f.services.secret.getContent(model, 'wp/0', { id: unitSecret }),
      ErrorCode.Unauthorized,
      'permission denied',
    );
    assert.equal(f.services.secret.getContent(model, 'wp/1', { id: unitSecret }).revision, 1);
    // Labels are unique per owner.
    assertJujuError(
      () =>
        f.services.unitState.commitHookChanges(model, 'db/1', {
          secretUpdates: [{ uri: `secret:${unitSecret}`, label: 'db-pass' }],
        }),
      ErrorCode.AlreadyExists,
      'secret with label "db-pass" already exists',
    );
    // Another unit cannot manage a unit-owned secret.
    assertJujuError(
      () =>
        f.services.unitState.commitHookChanges(model, 'db/0', {
          secretDeletes: [{ uri: `secret:${unitSecret}` }],
        }),
      ErrorCode.Unauthorized,
      'permission denied',
    );
    f.services.unitState.commitHookChanges(model, 'db/1', {
      secretRevokes: [{ uri: `secret:${unitSecret}`, 'subject-tags': ['application-wp'] }],
    });
    assertJujuError(
      () => f.services.secret.getContent(model, 'wp/1', { id: unitSecret }),
      ErrorCode.Unauthorized,
      'permission denied',
    );
    // A unit that lost its grant no longer counts as a consumer for secret-changed.
    assert.deepEqual(
      f.services.secret.unitSecretsState(model, 'wp/1').consumed.map((c) => c.id),
      [],
    );
    assert.equal(f.services.secret.get(model, id).latestRevision, 2);
    assert.equal(f.services.secret.list(model, { id })[0]?.access.length, 1);
    f.services.relation.destroy(model, ['db', 'wp']);
    assert.equal(f.services.secret.list(model, { id })[0]?.access.length, 0);
    assert.equal(f.services.secret.list(model, { ownerTag: 'unit-db-1' }).length, 1);
    assert.equal(f.services.secret.list(model, { ownerTag: 'db' }).length, 1);
    // Removing the whole secret.
    f.services.unitState.commitHookChanges(model, 'db/1', {
      secretDeletes: [{ uri: `secret:${unitSecret}` }],
    });
    assert.equal(f.services.secret.list(model, { ownerTag: 'unit-db-1' }).length, 0);
  });
});
