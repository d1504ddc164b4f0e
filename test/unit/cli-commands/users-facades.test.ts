/**
 * The UserManager and Cloud facades over a real controller database: wire
 * shapes, Juju's error texts and who may do what.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return,
   @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   replies are checked as the untyped JSON a client would receive. */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { ChangeHub } from '../../../src/controller/events/change-hub.js';
import { WatcherRegistry } from '../../../src/controller/facades/watchers.js';
import { after, before, describe, it } from 'node:test';

import { ErrorCode, isJujuError } from '../../../src/core/errors.js';
import { cloudCredentialTag } from '../../../src/core/names.js';
import type { CallContext, FacadeDefinition } from '../../../src/controller/apiserver/types.js';
import { cloudFacade } from '../../../src/controller/facades/cloud.js';
import type { FacadeDeps } from '../../../src/controller/facades/deps.js';
import { userManagerFacade } from '../../../src/controller/facades/user-manager.js';
import { bootstrappedFixture, type BootstrappedFixture } from '../domain/fixture.js';

function ctxFor(user: string): CallContext {
  return {
    conn: {
      id: '1',
      kind: 'controller',
      modelUuid: null,
      remoteAddress: '127.0.0.1:40000',
      auth: { tag: `user-${user}`, kind: 'user' },
      signal: new AbortController().signal,
    },
    facade: 'Test',
    version: 0,
    method: 'Test',
    id: '',
    requestId: 1,
  };
}

/** Calls a facade method as `user` (the handlers are synchronous). */
function call<T = any>(facade: FacadeDefinition, user: string, method: string, params?: unknown): T {
  const handler = facade.methods[method];
  assert.ok(handler, `no method ${method}`);
  return handler(ctxFor(user), params) as T;
}

function assertThrowsJuju(fn: () => unknown, code: string, message: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(isJujuError(err), String(err));
    assert.equal(err.message, message);
    assert.equal(err.code, code);
    return true;
  });
}

function depsFor(f: BootstrappedFixture): FacadeDeps {
  const hub = new ChangeHub();
  return {
    services: f.services,
    hub,
    watchers: new WatcherRegistry(hub),
    objectStoreDir: tmpdir(),
    apiAddresses: () => ['127.0.0.1:17070'],
    stopInstances: () => Promise.resolve(),
    log: () => undefined,
  };
}

describe('UserManager facade', () => {
  let f: BootstrappedFixture;
  let um: FacadeDefinition;
  before(() => {
    f = bootstrappedFixture();
    um = userManagerFacade(depsFor(f));
    f.services.user.addUser({ name: 'bob', displayName: 'Bob', password: 'pw-bob', createdBy: 'admin' });
    f.services.user.addUser({
      name: 'root',
      password: 'pw-root',
      createdBy: 'admin',
      controllerAccess: 'superuser',
    });
  });
  after(() => f.close());

  it('is version 3 on controller connections only', () => {
    assert.equal(um.name, 'UserManager');
    assert.deepEqual(um.versions, [3]);
    assert.deepEqual(um.kinds, ['controller']);
  });

  it('adds a user with a registration key', () => {
    const r = call(um, 'admin', 'AddUser', { users: [{ username: 'carol', 'display-name': 'Carol C' }] });
    assert.equal(r.results.length, 1);
    assert.equal(r.results[0].tag, 'user-carol');
    const key = Buffer.from(r.results[0]['secret-key'], 'base64');
    assert.equal(key.length, 32);
    assert.deepEqual(f.services.user.secretKey('carol'), key);
    assert.equal(f.services.access.effectiveAccess('carol', { kind: 'controller' }), 'login');
  });

  it('adds a user with a password and no key', () => {
    const r = call(um, 'admin', 'AddUser', {
      users: [{ username: 'dave', 'display-name': '', password: 'pw-dave' }],
    });
    assert.deepEqual(r.results[0], { tag: 'user-dave' });
    assert.equal(f.services.user.authenticate('dave', 'pw-dave').name, 'dave');
  });

  it('reports per-user failures with Juju wording', () => {
    const r = call(um, 'admin', 'AddUser', {
      users: [
        { username: 'bob', 'display-name': '' },
        { username: 'Bad_Name', 'display-name': '' },
      ],
    });
    assert.deepEqual(r.results[0].error, {
      message: 'failed to create user: username unavailable',
      code: 'already exists',
    });
    assert.equal(r.results[1].error.message, 'failed to create user: invalid user name "Bad_Name"');
  });

  it('refuses user management to non-superusers', () => {
    for (const method of ['AddUser', 'RemoveUser', 'EnableUser', 'DisableUser']) {
      assertThrowsJuju(
        () => call(um, 'bob', method, { users: [], entities: [] }),
        ErrorCode.Unauthorized,
        'permission denied',
      );
    }
  });

  it('lists users with their controller access', () => {
    const r = call(um, 'admin', 'UserInfo', { entities: [], 'include-disabled': false });
    const names = r.results.map((x: any) => x.result.username);
    assert.deepEqual(names, ['admin', 'bob', 'carol', 'dave', 'root']);
    const bob = r.results[1].result;
    assert.deepEqual(bob, {
      username: 'bob',
      'display-name': 'Bob',
      access: 'login',
      'created-by': 'admin',
      'date-created': '2024-05-01T10:00:00.000Z',
      disabled: false,
    });
    assert.equal(r.results[4].result.access, 'superuser');
  });

  it('shows ordinary users only themselves', () => {
    const all = call(um, 'bob', 'UserInfo', { entities: [] });
    assert.deepEqual(
      all.results.map((x: any) => x.result.username),
      ['bob'],
    );
    const r = call(um, 'bob', 'UserInfo', { entities: [{ tag: 'user-admin' }, { tag: 'user-bob' }] });
    assert.deepEqual(r.results[0].error, { message: 'permission denied', code: 'unauthorized access' });
    assert.equal(r.results[1].result.username, 'bob');
    const missing = call(um, 'admin', 'UserInfo', { entities: [{ tag: 'user-nobody' }] });
    assert.deepEqual(missing.results[0].error, {
      message: 'user "nobody" not found',
      code: 'user not found',
    });
  });

  it('lets users change their own password, and superusers anyone', () => {
    let r = call(um, 'bob', 'SetPassword', { changes: [{ tag: 'user-bob', password: 'pw-bob-2' }] });
    assert.deepEqual(r.results, [{}]);
    assert.ok(f.services.user.authenticate('bob', 'pw-bob-2'));
    r = call(um, 'bob', 'SetPassword', { changes: [{ tag: 'user-admin', password: 'x' }] });
    assert.deepEqual(r.results[0].error, { message: 'permission denied', code: 'unauthorized access' });
    r = call(um, 'admin', 'SetPassword', { changes: [{ tag: 'user-bob', password: '' }] });
    assert.equal(r.results[0].error.message, 'cannot use an empty password');
    r = call(um, 'admin', 'SetPassword', { changes: [{ tag: 'user-bob', password: 'pw-bob' }] });
    assert.deepEqual(r.results, [{}]);
    assert.ok(f.services.user.authenticate('bob', 'pw-bob'));
  });

  it('resets other users passwords only', () => {
    const r = call(um, 'admin', 'ResetPassword', { entities: [{ tag: 'user-dave' }, { tag: 'user-admin' }] });
    assert.equal(r.results[0].tag, 'user-dave');
    assert.equal(Buffer.from(r.results[0]['secret-key'], 'base64').length, 32);
    assert.throws(() => f.services.user.authenticate('dave', 'pw-dave'));
    assert.deepEqual(r.results[1], {
      tag: 'user-admin',
      error: { message: 'permission denied', code: 'unauthorized access' },
    });
    const byBob = call(um, 'bob', 'ResetPassword', { entities: [{ tag: 'user-dave' }] });
    assert.equal(byBob.results[0].error.message, 'permission denied');
  });

  it('disables and enables users, never the controller owner or yourself', () => {
    let r = call(um, 'root', 'DisableUser', {
      entities: [{ tag: 'user-dave' }, { tag: 'user-admin' }, { tag: 'user-root' }],
    });
    assert.deepEqual(r.results[0], {});
    assert.deepEqual(r.results[1].error, {
      message: 'failed to disable user: cannot disable controller model owner',
      code: 'unauthorized access',
    });
    assert.equal(r.results[2].error.message, 'failed to disable user: cannot disable yourself');
    const listed = call(um, 'admin', 'UserInfo', { entities: [] });
    assert.ok(!listed.results.some((x: any) => x.result.username === 'dave'));
    const withDisabled = call(um, 'admin', 'UserInfo', { entities: [{ tag: 'user-dave' }] });
    assert.equal(withDisabled.results[0].result.disabled, true);
    assert.equal(withDisabled.results[0].result.access, '');
    r = call(um, 'admin', 'EnableUser', { entities: [{ tag: 'user-dave' }, { tag: 'user-nobody' }] });
    assert.deepEqual(r.results[0], {});
    assert.equal(r.results[1].error.message, 'failed to enable user: user "nobody" not found');
  });

  it('removes users for good', () => {
    let r = call(um, 'root', 'RemoveUser', {
      entities: [{ tag: 'user-admin' }, { tag: 'user-root' }, { tag: 'user-dave' }],
    });
    assert.deepEqual(r.results[0].error, {
      message: 'cannot delete controller owner "admin"',
      code: 'unauthorized access',
    });
    assert.equal(r.results[1].error.message, 'cannot delete yourself');
    assert.deepEqual(r.results[2], {});
    r = call(um, 'admin', 'RemoveUser', { entities: [{ tag: 'user-dave' }] });
    assert.equal(
      r.results[0].error.message,
      'failed to delete user "dave": user "dave" is permanently deleted',
    );
  });

  it('lists the users of a model to those who can read it', () => {
    const uuid = f.boot.controllerModel.uuid;
    const r = call(um, 'admin', 'ModelUserInfo', { entities: [{ tag: `model-${uuid}` }] });
    assert.deepEqual(r.results, [
      {
        result: {
          'model-tag': `model-${uuid}`,
          user: 'admin',
          'display-name': 'admin',
          'last-connection': null,
          access: 'admin',
        },
      },
    ]);
    assertThrowsJuju(
      () => call(um, 'bob', 'ModelUserInfo', { entities: [{ tag: `model-${uuid}` }] }),
      ErrorCode.Unauthorized,
      'permission denied',
    );
  });
});

describe('Cloud facade', () => {
  let f: BootstrappedFixture;
  let cloud: FacadeDefinition;
  before(() => {
    f = bootstrappedFixture();
    cloud = cloudFacade(depsFor(f));
    f.services.user.addUser({ name: 'bob', password: 'pw-bob', createdBy: 'admin' });
    f.services.user.addUser({ name: 'eve', password: 'pw-eve', createdBy: 'admin' });
  });
  after(() => f.close());

  it('is version 7 on controller connections only', () => {
    assert.equal(cloud.name, 'Cloud');
    assert.deepEqual(cloud.versions, [7]);
    assert.deepEqual(cloud.kinds, ['controller']);
  });

  it('lists the clouds a user may use, keyed by tag', () => {
    const r = call(cloud, 'admin', 'Clouds');
    assert.deepEqual(r, {
      clouds: {
        'cloud-local': {
          type: 'local',
          'auth-types': ['empty', 'userpass'],
          regions: [{ name: 'default' }, { name: 'east' }],
        },
      },
    });
    assert.deepEqual(call(cloud, 'bob', 'Clouds'), { clouds: {} });
    assert.deepEqual(call(cloud, 'admin', 'DefaultCloud'), { result: 'cloud-local' });
  });

  it('grants and revokes cloud access', () => {
    const grant = {
      changes: [{ 'user-tag': 'user-bob', 'cloud-tag': 'cloud-local', action: 'grant', access: 'add-model' }],
    };
    assert.deepEqual(call(cloud, 'admin', 'ModifyCloudAccess', grant), { results: [{}] });
    assert.deepEqual(call(cloud, 'admin', 'ModifyCloudAccess', grant).results[0].error, {
      message: 'user already has "add-model" access or greater',
      code: 'already exists',
    });
    assert.ok('cloud-local' in call(cloud, 'bob', 'Clouds').clouds);
    const byBob = call(cloud, 'bob', 'ModifyCloudAccess', {
      changes: [{ 'user-tag': 'user-eve', 'cloud-tag': 'cloud-local', action: 'grant', access: 'add-model' }],
    });
    assert.equal(byBob.results[0].error.message, 'permission denied');
    const missing = call(cloud, 'admin', 'ModifyCloudAccess', {
      changes: [{ 'user-tag': 'user-nobody', 'cloud-tag': 'cloud-local', action: 'grant', access: 'admin' }],
    });
    assert.equal(
      missing.results[0].error.message,
      'could not grant cloud access: user "nobody" does not exist locally: user "nobody" not found',
    );
    const info = call(cloud, 'bob', 'CloudInfo', { entities: [{ tag: 'cloud-local' }] });
    assert.deepEqual(info.results[0].result.users, [
      { user: 'bob', 'display-name': '', access: 'add-model' },
    ]);
    const adminInfo = call(cloud, 'admin', 'CloudInfo', { entities: [{ tag: 'cloud-local' }] });
    assert.deepEqual(
      adminInfo.results[0].result.users.map((u: any) => u.user),
      ['admin', 'bob'],
    );
    const revoke = {
      changes: [
        { 'user-tag': 'user-bob', 'cloud-tag': 'cloud-local', action: 'revoke', access: 'add-model' },
      ],
    };
    assert.deepEqual(call(cloud, 'admin', 'ModifyCloudAccess', revoke), { results: [{}] });
    assert.deepEqual(call(cloud, 'bob', 'Clouds'), { clouds: {} });
    const denied = call(cloud, 'bob', 'Cloud', { entities: [{ tag: 'cloud-local' }, { tag: 'cloud-nope' }] });
    assert.equal(denied.results[0].error.message, 'permission denied');
    assert.deepEqual(denied.results[1].error, { message: 'cloud "nope" not found', code: 'not found' });
  });

  it('adds, updates and removes clouds', () => {
    const manual = { type: 'manual', endpoint: '10.0.0.9', 'auth-types': ['empty'] };
    assertThrowsJuju(
      () => call(cloud, 'bob', 'AddCloud', { name: 'edge', cloud: manual }),
      ErrorCode.Unauthorized,
      'permission denied',
    );
    assertThrowsJuju(
      () => call(cloud, 'admin', 'AddCloud', { name: 'edge', cloud: manual }),
      'incompatible clouds',
      'controller cloud type "local" incompatible with cloud type "manual"',
    );
    assert.deepEqual(call(cloud, 'admin', 'AddCloud', { name: 'edge', cloud: manual, force: true }), {});
    assert.deepEqual(
      call(cloud, 'admin', 'Cloud', { entities: [{ tag: 'cloud-edge' }] }).results[0].cloud,
      manual,
    );
    const updated = call(cloud, 'admin', 'UpdateCloud', {
      clouds: [{ name: 'edge', cloud: { ...manual, endpoint: '10.0.0.10' } }],
    });
    assert.deepEqual(updated, { results: [{}] });
    assert.equal(f.services.cloud.cloud('edge').endpoint, '10.0.0.10');
    const removed = call(cloud, 'admin', 'RemoveClouds', {
      entities: [{ tag: 'cloud-edge' }, { tag: 'cloud-local' }],
    });
    assert.deepEqual(removed.results[0], {});
    assert.equal(removed.results[1].error.message, 'cloud "local" is used by 1 model');
  });

  it('keeps credentials per owner and hides secrets', () => {
    const tag = cloudCredentialTag('local', 'bob', 'mine');
    const up = call(cloud, 'bob', 'UpdateCredentialsCheckModels', {
      credentials: [
        { tag, credential: { 'auth-type': 'userpass', attrs: { username: 'bob', password: 's3cret' } } },
      ],
    });
    assert.deepEqual(up, { results: [{ tag }] });
    const byEve = call(cloud, 'eve', 'UpdateCredentialsCheckModels', {
      credentials: [{ tag, credential: { 'auth-type': 'userpass', attrs: {} } }],
    });
    assert.equal(byEve.results[0].error.message, 'permission denied');
    assert.deepEqual(
      call(cloud, 'bob', 'UserCredentials', {
        'user-clouds': [{ 'user-tag': 'user-bob', 'cloud-tag': 'cloud-local' }],
      }),
      {
        results: [{ result: [tag] }],
      },
    );
    assert.deepEqual(call(cloud, 'bob', 'Credential', { entities: [{ tag }] }).results[0].result, {
      'auth-type': 'userpass',
      attrs: { username: 'bob' },
      redacted: ['password'],
    });
    const hidden = call(cloud, 'bob', 'CredentialContents', {});
    assert.deepEqual(hidden.results, [
      {
        result: {
          content: {
            name: 'mine',
            cloud: 'local',
            'auth-type': 'userpass',
            valid: true,
            attrs: { username: 'bob' },
          },
        },
      },
    ]);
    const shown = call(cloud, 'bob', 'CredentialContents', {
      credentials: [{ 'cloud-name': 'local', 'credential-name': 'mine' }],
      'include-secrets': true,
    });
    assert.deepEqual(shown.results[0].result.content.attrs, { username: 'bob', password: 's3cret' });
    const adminCred = cloudCredentialTag('local', 'admin', 'local');
    const inUse = call(cloud, 'admin', 'CredentialContents', {});
    assert.equal(inUse.results[0].result.models[0].model, 'controller');
    assert.equal(inUse.results[0].result.models[0].access, 'admin');
    const revoked = call(cloud, 'bob', 'RevokeCredentialsCheckModels', {
      credentials: [{ tag }, { tag: adminCred }],
    });
    assert.deepEqual(revoked.results[0], {});
    assert.equal(revoked.results[1].error.message, 'permission denied');
    assert.deepEqual(
      call(cloud, 'bob', 'UserCredentials', {
        'user-clouds': [{ 'user-tag': 'user-bob', 'cloud-tag': 'cloud-local' }],
      }),
      {
        results: [{ result: [] }],
      },
    );
  });
});
