import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import type { AccessTarget } from '../../../src/domain/access/types.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';

describe('AccessService', () => {
  let f: BootstrappedFixture;
  let model: AccessTarget;
  const cloud: AccessTarget = { kind: 'cloud', name: 'local' };
  const controller: AccessTarget = { kind: 'controller' };

  before(() => {
    f = bootstrappedFixture();
    for (const name of ['reader', 'writer', 'modeladmin', 'owner', 'boss', 'nobody']) {
      f.services.user.addUser({ name, password: `pw-${name}`, createdBy: 'admin' });
    }
    const m = f.services.model.create({ name: 'work', owner: 'owner', cloud: 'local' });
    model = { kind: 'model', uuid: m.uuid };
    f.services.access.grant({ user: 'reader', target: model, access: 'read', grantedBy: 'owner' });
    f.services.access.grant({ user: 'writer', target: model, access: 'write', grantedBy: 'owner' });
    f.services.access.grant({ user: 'modeladmin', target: model, access: 'admin', grantedBy: 'owner' });
    f.services.access.grant({ user: 'boss', target: controller, access: 'superuser', grantedBy: 'admin' });
  });
  after(() => f.close());

  it('checks the model access matrix', () => {
    const expect: Record<string, [boolean, boolean, boolean]> = {
      // user: [read, write, admin]
      reader: [true, false, false],
      writer: [true, true, false],
      modeladmin: [true, true, true],
      owner: [true, true, true],
      boss: [true, true, true], // controller superuser = model admin
      admin: [true, true, true],
      nobody: [false, false, false],
    };
    for (const [user, [r, w, a]] of Object.entries(expect)) {
      assert.equal(f.services.access.hasAccess(user, model, 'read'), r, `${user} read`);
      assert.equal(f.services.access.hasAccess(user, model, 'write'), w, `${user} write`);
      assert.equal(f.services.access.hasAccess(user, model, 'admin'), a, `${user} admin`);
    }
  });

  it('treats superusers as cloud admins and the cloud owner as admin', () => {
    assert.ok(f.services.access.hasAccess('admin', cloud, 'admin'));
    assert.ok(f.services.access.hasAccess('boss', cloud, 'admin'));
    assert.ok(!f.services.access.hasAccess('reader', cloud, 'add-model'));
    f.services.access.grant({ user: 'reader', target: cloud, access: 'add-model', grantedBy: 'admin' });
    assert.ok(f.services.access.hasAccess('reader', cloud, 'add-model'));
    assert.ok(!f.services.access.hasAccess('reader', cloud, 'admin'));
  });

  it('checks controller levels', () => {
    assert.ok(f.services.access.isSuperuser('admin'));
    assert.ok(f.services.access.isSuperuser('boss'));
    assert.ok(!f.services.access.isSuperuser('writer'));
    assert.ok(f.services.access.hasAccess('writer', controller, 'login'));
    assert.ok(!f.services.access.hasAccess('writer', controller, 'superuser'));
  });

  it('refuses to grant what the user already has or exceeds', () => {
    assertJujuError(
      () => f.services.access.grant({ user: 'writer', target: model, access: 'read', grantedBy: 'owner' }),
      ErrorCode.AlreadyExists,
      'user already has "read" access or greater',
    );
    assertJujuError(
      () => f.services.access.grant({ user: 'writer', target: model, access: 'write', grantedBy: 'owner' }),
      ErrorCode.AlreadyExists,
      'user already has "write" access or greater',
    );
  });

  it('validates levels, targets and users', () => {
    assertJujuError(
      () =>
        f.services.access.grant({ user: 'reader', target: model, access: 'superuser', grantedBy: 'admin' }),
      ErrorCode.NotValid,
      '"superuser" model access not valid',
    );
    assertJujuError(
      () =>
        f.services.access.grant({ user: 'reader', target: controller, access: 'write', grantedBy: 'admin' }),
      ErrorCode.NotValid,
      '"write" controller access not valid',
    );
    assertJujuError(
      () => f.services.access.grant({ user: 'ghost', target: model, access: 'read', grantedBy: 'admin' }),
      ErrorCode.UserNotFound,
      'user "ghost" does not exist locally: user "ghost" not found',
    );
    assertJujuError(
      () =>
        f.services.access.grant({
          user: 'reader',
          target: { kind: 'model', uuid: '00000000-0000-4000-8000-000000000000' },
          access: 'read',
          grantedBy: 'admin',
        }),
      ErrorCode.ModelNotFound,
      'model "00000000-0000-4000-8000-000000000000" not found',
    );
    assertJujuError(
      () =>
        f.services.access.grant({
          user: 'reader',
          target: { kind: 'cloud', name: 'nope' },
          access: 'add-model',
          grantedBy: 'admin',
        }),
      ErrorCode.NotFound,
      'cloud "nope" not found',
    );
  });

  it('raises a grant, and revoke lowers to the level below', () => {
    f.services.user.addUser({ name: 'mover', password: 'pw-mover', createdBy: 'admin' });
    f.services.access.grant({ user: 'mover', target: model, access: 'read', grantedBy: 'owner' });
    f.services.access.grant({ user: 'mover', target: model, access: 'admin', grantedBy: 'owner' });
    assert.equal(f.services.access.directAccess('mover', model), 'admin');
    f.services.access.revoke({ user: 'mover', target: model, access: 'admin' });
    assert.equal(f.services.access.directAccess('mover', model), 'write');
    f.services.access.revoke({ user: 'mover', target: model, access: 'write' });
    assert.equal(f.services.access.directAccess('mover', model), 'read');
    // Revoking a higher level than held never raises.
    f.services.access.revoke({ user: 'mover', target: model, access: 'admin' });
    assert.equal(f.services.access.directAccess('mover', model), 'read');
    f.services.access.revoke({ user: 'mover', target: model, access: 'read' });
    assert.equal(f.services.access.directAccess('mover', model), null);
    assertJujuError(
      () => f.services.access.revoke({ user: 'mover', target: model, access: 'read' }),
      ErrorCode.NotFound,
      'model user "mover" does not exist',
    );
  });

  it('revokes controller superuser down to login, then login entirely', () => {
    f.services.user.addUser({ name: 'temp', password: 'pw-temp', createdBy: 'admin' });
    f.services.access.grant({ user: 'temp', target: controller, access: 'superuser', grantedBy: 'admin' });
    f.services.access.revoke({ user: 'temp', target: controller, access: 'superuser' });
    assert.equal(f.services.access.directAccess('temp', controller), 'login');
    f.services.access.revoke({ user: 'temp', target: controller, access: 'login' });
    assert.equal(f.services.access.directAccess('temp', controller), null);
  });

  it('gives disabled users no effective access', () => {
    f.services.user.addUser({ name: 'sleepy', password: 'pw-sleepy', createdBy: 'admin' });
    f.services.access.grant({ user: 'sleepy', target: model, access: 'write', grantedBy: 'owner' });
    f.services.user.disable('sleepy');
    assert.ok(!f.services.access.hasAccess('sleepy', model, 'read'));
    f.services.user.enable('sleepy');
    assert.ok(f.services.access.hasAccess('sleepy', model, 'write'));
  });

  it('applies everyone@external to external users', () => {
    f.services.access.grant({ user: 'everyone@external', target: model, access: 'read', grantedBy: 'admin' });
    assert.ok(f.services.access.hasAccess('zed@external', model, 'read'));
    assert.ok(!f.services.access.hasAccess('zed@external', model, 'write'));
    f.services.access.grant({ user: 'zed@external', target: model, access: 'write', grantedBy: 'admin' });
    assert.ok(f.services.access.hasAccess('zed@external', model, 'write'));
    // Local users do not inherit the external group.
    assert.ok(!f.services.access.hasAccess('nobody', model, 'read'));
  });

  it('lists the users of a model with their access', () => {
    const users = f.services.access.usersWithAccess(model);
    const byName = new Map(users.map((u) => [u.user, u.access]));
    assert.equal(byName.get('owner'), 'admin');
    assert.equal(byName.get('reader'), 'read');
    assert.equal(byName.get('writer'), 'write');
    assert.equal(byName.get('modeladmin'), 'admin');
    assert.ok(!byName.has('boss'));
    assert.deepEqual(
      f.services.access.grantsOf('reader', 'model').map((g) => g.key),
      [f.services.model.getByName('owner', 'work').uuid],
    );
  });
});
