import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { parseCharmUrl } from '../../../src/domain/charm/service.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';
import { CHARMS, addCharm } from './charm-fixtures.js';

describe('CharmService', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'charms', owner: 'admin', cloud: 'local' }).uuid;
  });
  after(() => f.close());

  it('stores a local charm at the next revision with its parsed data', () => {
    assert.equal(f.services.charm.nextLocalRevision(model, 'wordpress'), 0);
    const c = addCharm(f.services, model, 'wordpress');
    assert.equal(c.url, 'local:wordpress-0');
    assert.equal(c.name, 'wordpress');
    assert.equal(c.revision, 0);
    assert.equal(c.source, 'local');
    assert.equal(c.subordinate, false);
    assert.match(c.sha256, /^[0-9a-f]{64}$/);
    assert.equal(c.archiveKey, `charms/${c.sha256}.charm`);
    assert.deepEqual(c.metadata, { name: 'wordpress', summary: 'blog' });
    assert.deepEqual(c.actions, { backup: { description: 'Back up' } });
    assert.deepEqual(c.configOptions['port'], { type: 'int', default: 80, description: 'Port to serve on' });
    assert.deepEqual(
      c.endpoints.map((e) => `${e.name}:${e.role}:${e.interface}:${e.limit}`),
      [
        'db:requirer:mysql:1',
        'website:provider:http:0',
        'cache:requirer:memcache:0',
        'loadbalancer:peer:reversenginx:0',
      ],
    );
    assert.deepEqual(c.extraBindings, ['admin-api']);
    assert.equal(c.version, '6.4');
    assert.equal(c.createdAt, '2024-05-01T10:00:00.000Z');
    assert.deepEqual(f.services.charm.get(model, 'local:wordpress-0'), c);
    assert.equal(f.services.charm.nextLocalRevision(model, 'wordpress'), 1);
    const c1 = addCharm(f.services, model, 'wordpress', { version: '6.5' });
    assert.equal(c1.url, 'local:wordpress-1');
    assert.equal(f.services.charm.nextLocalRevision(model, 'wordpress'), 2);
    // Other models have their own revisions.
    assert.equal(f.services.charm.nextLocalRevision(f.boot.controllerModel.uuid, 'wordpress'), 0);
    assert.deepEqual(
      f.services.charm.list(model).map((x) => x.url),
      ['local:wordpress-0', 'local:wordpress-1'],
    );
  });

  it('is idempotent for the same archive and refuses a different one', () => {
    const again = f.services.charm.add(model, {
      ...CHARMS['wordpress']!,
      revision: 0,
      sha256: f.services.charm.get(model, 'local:wordpress-0').sha256,
      archiveKey: 'x',
    });
    assert.equal(again.url, 'local:wordpress-0');
    assertJujuError(
      () => f.services.charm.add(model, { name: 'wordpress', revision: 0, sha256: 'ff', archiveKey: 'y' }),
      ErrorCode.AlreadyExists,
      'charm "local:wordpress-0" already exists',
    );
  });

  it('validates names, URLs and endpoints', () => {
    assertJujuError(
      () => f.services.charm.add(model, { name: 'Bad_Name', sha256: 'a', archiveKey: 'k' }),
      ErrorCode.NotValid,
      'charm name "Bad_Name" not valid',
    );
    assertJujuError(
      () =>
        f.services.charm.add(model, {
          name: 'foo',
          url: 'local:bar-3',
          revision: 3,
          sha256: 'a',
          archiveKey: 'k',
        }),
      ErrorCode.NotValid,
      'charm url "local:bar-3" does not match charm name "foo"',
    );
    assertJujuError(
      () => f.services.charm.add(model, { name: 'foo', url: 'cs:foo', sha256: 'a', archiveKey: 'k' }),
      ErrorCode.NotValid,
      'charm url "cs:foo" not valid',
    );
    assertJujuError(
      () =>
        f.services.charm.add(model, {
          name: 'foo',
          sha256: 'a',
          archiveKey: 'k',
          endpoints: [
            { name: 'x', role: 'boss' as 'peer', interface: 'i', scope: 'global', limit: 0, optional: false },
          ],
        }),
      ErrorCode.NotValid,
      'charm relation "x": invalid role "boss"',
    );
    assertJujuError(
      () => f.services.charm.get(model, 'local:nope-0'),
      ErrorCode.NotFound,
      'charm "local:nope-0" not found',
    );
    assert.deepEqual(parseCharmUrl('ch:amd64/jammy/mysql-42'), { schema: 'ch', name: 'mysql', revision: 42 });
    assert.deepEqual(parseCharmUrl('local:dummy-source-7'), {
      schema: 'local',
      name: 'dummy-source',
      revision: 7,
    });
    const store = f.services.charm.add(model, {
      name: 'mysql',
      url: 'ch:amd64/jammy/mysql-42',
      revision: 42,
      sha256: 'b',
      archiveKey: 'k2',
    });
    assert.equal(store.source, 'charm-hub');
    // Store revisions do not move the local revision counter.
    assert.equal(f.services.charm.nextLocalRevision(model, 'mysql'), 0);
  });

  it('refuses dying and unknown models', () => {
    assertJujuError(
      () => addCharm(f.services, '00000000-0000-4000-8000-000000000000', 'mysql'),
      ErrorCode.ModelNotFound,
      'model "00000000-0000-4000-8000-000000000000" not found',
    );
    const m = f.services.model.create({ name: 'dying', owner: 'admin', cloud: 'local' });
    f.services.machine.add(m.uuid);
    f.services.model.destroy(m.uuid);
    assertJujuError(
      () => addCharm(f.services, m.uuid, 'mysql'),
      ErrorCode.NotValid,
      'model is no longer alive',
    );
  });
});
