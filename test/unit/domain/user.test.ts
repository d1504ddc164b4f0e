import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { passwordMatches, randomSalt, userPasswordHash } from '../../../src/domain/user/password.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';

describe('password hashing', () => {
  it('uses a 16-character salt and an 18-byte base64 key', () => {
    const salt = randomSalt();
    assert.equal(salt.length, 16);
    const hash = userPasswordHash('hunter2', salt);
    assert.equal(Buffer.from(hash, 'base64').length, 18);
    assert.equal(hash, userPasswordHash('hunter2', salt));
    assert.notEqual(hash, userPasswordHash('hunter2', randomSalt()));
    assert.ok(passwordMatches('hunter2', hash, salt));
    assert.ok(!passwordMatches('hunter3', hash, salt));
  });
});

describe('UserService', () => {
  let f: BootstrappedFixture;
  before(() => {
    f = bootstrappedFixture();
  });
  after(() => f.close());

  it('adds a user with a password who can then log in', () => {
    const { user, secretKey } = f.services.user.addUser({
      name: 'bob',
      displayName: 'Bob',
      password: 'pw-bob',
      createdBy: 'admin',
    });
    assert.equal(secretKey, null);
    assert.equal(user.name, 'bob');
    assert.equal(user.displayName, 'Bob');
    assert.equal(user.createdBy, 'admin');
    assert.equal(user.dateCreated, '2024-05-01T10:00:00.000Z');
    assert.equal(user.lastLogin, null);
    assert.equal(user.hasPassword, true);
    assert.equal(f.services.user.authenticate('bob', 'pw-bob').name, 'bob');
    // New users get controller login, nothing more.
    assert.equal(f.services.access.directAccess('bob', { kind: 'controller' }), 'login');
  });

  it('adds a user without a password and returns a 32-byte registration key', () => {
    const { user, secretKey } = f.services.user.addUser({ name: 'carol', createdBy: 'admin' });
    assert.ok(secretKey);
    assert.equal(secretKey.length, 32);
    assert.equal(user.hasPassword, false);
    assert.deepEqual(f.services.user.secretKey('carol'), secretKey);
    assertJujuError(
      () => f.services.user.authenticate('carol', ''),
      ErrorCode.Unauthorized,
      'invalid entity name or password',
    );
    // Setting the password clears the key.
    f.services.user.setPassword('carol', 'pw-carol');
    assert.equal(f.services.user.secretKey('carol'), null);
    assert.equal(f.services.user.authenticate('carol', 'pw-carol').name, 'carol');
  });

  it('validates names and refuses taken ones', () => {
    assertJujuError(
      () => f.services.user.addUser({ name: 'x', createdBy: 'admin' }),
      ErrorCode.NotValid,
      'invalid user name "x"',
    );
    assertJujuError(
      () => f.services.user.addUser({ name: 'bad name', createdBy: 'admin' }),
      ErrorCode.NotValid,
      'invalid user name "bad name"',
    );
    assertJujuError(
      () => f.services.user.addUser({ name: 'bob', createdBy: 'admin' }),
      ErrorCode.AlreadyExists,
      'username unavailable',
    );
    assertJujuError(
      () => f.services.user.addUser({ name: 'BOB', createdBy: 'admin' }),
      ErrorCode.AlreadyExists,
      'username unavailable',
    );
    assertJujuError(
      () => f.services.user.addUser({ name: 'dave', password: '', createdBy: 'admin' }),
      ErrorCode.NotValid,
      'cannot use an empty password',
    );
  });

  it('rejects wrong passwords and unknown users the same way', () => {
    assertJujuError(
      () => f.services.user.authenticate('bob', 'nope'),
      ErrorCode.Unauthorized,
      'invalid entity name or password',
    );
    assertJujuError(
      () => f.services.user.authenticate('nobody', 'x'),
      ErrorCode.Unauthorized,
      'invalid entity name or password',
    );
  });

  it('resets a password: new key, password cleared', () => {
    f.services.user.addUser({ name: 'erin', password: 'pw-erin', createdBy: 'admin' });
    const key = f.services.user.resetPassword('erin');
    assert.equal(key.length, 32);
    assert.deepEqual(f.services.user.secretKey('erin'), key);
    assert.equal(f.services.user.get('erin').hasPassword, false);
    assertJujuError(
      () => f.services.user.authenticate('erin', 'pw-erin'),
      ErrorCode.Unauthorized,
      'invalid entity name or password',
    );
    assert.notDeepEqual(f.services.user.resetPassword('erin'), key);
  });

  it('disables and enables users; disabled users never authenticate', () => {
    f.services.user.addUser({ name: 'frank', password: 'pw-frank', createdBy: 'admin' });
    f.services.user.disable('frank');
    f.services.user.disable('frank'); // idempotent
    assert.equal(f.services.user.get('frank').disabled, true);
    assertJujuError(
      () => f.services.user.authenticate('frank', 'pw-frank'),
      ErrorCode.Unauthorized,
      'invalid entity name or password',
    );
    assertJujuError(() => f.services.user.resetPassword('frank'), ErrorCode.Unauthorized, 'user deactivated');
    assert.ok(!f.services.user.list().some((u) => u.name === 'frank'));
    assert.ok(f.services.user.list({ includeDisabled: true }).some((u) => u.name === 'frank'));
    f.services.user.enable('frank');
    assert.equal(f.services.user.authenticate('frank', 'pw-frank').name, 'frank');
  });

  it('refuses to disable or remove the controller owner', () => {
    assertJujuError(
      () => f.services.user.disable('admin'),
      ErrorCode.Unauthorized,
      'cannot disable controller model owner',
    );
    assertJujuError(
      () => f.services.user.remove('admin'),
      ErrorCode.Unauthorized,
      'cannot delete controller owner "admin"',
    );
  });

  it('removes users permanently', () => {
    f.services.user.addUser({ name: 'gina', password: 'pw-gina', createdBy: 'admin' });
    f.services.access.grant({
      user: 'gina',
      target: { kind: 'controller' },
      access: 'superuser',
      grantedBy: 'admin',
    });
    f.services.user.remove('gina');
    assertJujuError(
      () => f.services.user.get('gina'),
      ErrorCode.UserNotFound,
      'user "gina" is permanently deleted',
    );
    assertJujuError(
      () => f.services.user.authenticate('gina', 'pw-gina'),
      ErrorCode.Unauthorized,
      'invalid entity name or password',
    );
    assertJujuError(
      () => f.services.user.addUser({ name: 'gina', createdBy: 'admin' }),
      ErrorCode.AlreadyExists,
      'username unavailable',
    );
    assert.equal(f.services.access.directAccess('gina', { kind: 'controller' }), null);
    assert.ok(!f.services.user.list({ includeDisabled: true }).some((u) => u.name === 'gina'));
    assert.equal(f.services.user.exists('gina'), false);
    assertJujuError(() => f.services.user.get('nobody'), ErrorCode.UserNotFound, 'user "nobody" not found');
  });

  it('records last login and model connection', () => {
    f.clock.advance(60_000);
    f.services.user.recordLogin('bob', f.boot.controllerModel.uuid);
    assert.equal(f.services.user.get('bob').lastLogin, '2024-05-01T10:01:00.000Z');
    f.services.access.grant({
      user: 'bob',
      target: { kind: 'model', uuid: f.boot.controllerModel.uuid },
      access: 'read',
      grantedBy: 'admin',
    });
    const bob = f.services.access
      .usersWithAccess({ kind: 'model', uuid: f.boot.controllerModel.uuid })
      .find((u) => u.user === 'bob');
    assert.equal(bob?.lastConnection, '2024-05-01T10:01:00.000Z');
  });

  it('lists users sorted by name', () => {
    const names = f.services.user.list().map((u) => u.name);
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes('admin'));
  });
});
