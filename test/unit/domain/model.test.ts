import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { JUJU_VERSION } from '../../../src/core/version.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';

describe('ModelService', () => {
  let f: BootstrappedFixture;
  before(() => {
    f = bootstrappedFixture();
    f.services.user.addUser({ name: 'bob', password: 'pw-bob', createdBy: 'admin' });
    f.services.user.addUser({ name: 'carol', password: 'pw-carol', createdBy: 'admin' });
  });
  after(() => f.close());

  it('has the controller model owned by admin', () => {
    const m = f.services.model.controllerModel();
    assert.equal(m.name, 'controller');
    assert.equal(m.owner, 'admin');
    assert.equal(m.isControllerModel, true);
    assert.equal(m.cloudRegion, 'default');
    assert.deepEqual(m.credential, { cloud: 'local', owner: 'admin', name: 'local' });
    assert.equal(m.agentVersion, JUJU_VERSION);
    assert.equal(m.status.current, 'available');
    assert.equal(m.life, 'alive');
  });

  it('creates a model with validation of name and uniqueness per owner', () => {
    const m = f.services.model.create({ name: 'dev', owner: 'bob', cloud: 'local', cloudRegion: 'east' });
    assert.equal(m.owner, 'bob');
    assert.equal(m.type, 'iaas');
    assert.equal(m.cloudRegion, 'east');
    assert.equal(m.credential, null);
    assert.equal(m.status.since, '2024-05-01T10:00:00.000Z');
    assert.equal(f.services.access.directAccess('bob', { kind: 'model', uuid: m.uuid }), 'admin');
    assertJujuError(
      () => f.services.model.create({ name: 'Foo', owner: 'bob', cloud: 'local' }),
      ErrorCode.NotValid,
      '"Foo" is not a valid name: model names may only contain lowercase letters, digits and hyphens',
    );
    assertJujuError(
      () => f.services.model.create({ name: 'dev', owner: 'bob', cloud: 'local' }),
      ErrorCode.AlreadyExists,
      'model "bob/dev" already exists',
    );
    // The same name under another owner is fine.
    f.services.model.create({ name: 'dev', owner: 'carol', cloud: 'local' });
    assertJujuError(
      () => f.services.model.create({ name: 'x', owner: 'ghost', cloud: 'local' }),
      ErrorCode.UserNotFound,
      'user "ghost" not found',
    );
    assertJujuError(
      () => f.services.model.create({ name: 'x', owner: 'bob', cloud: 'nope' }),
      ErrorCode.NotFound,
      'cloud "nope" not found',
    );
    assertJujuError(
      () => f.services.model.create({ name: 'x', owner: 'bob', cloud: 'local', cloudRegion: 'mars' }),
      ErrorCode.NotFound,
      'region "mars" not found (expected one of ["default" "east"])',
    );
    assertJujuError(
      () =>
        f.services.model.create({
          name: 'x',
          owner: 'bob',
          cloud: 'local',
          credential: { owner: 'bob', name: 'none' },
        }),
      ErrorCode.NotFound,
      'cloud credential "local/bob/none" not found',
    );
    assertJujuError(
      () =>
        f.services.model.create({
          name: 'x',
          owner: 'bob',
          cloud: 'local',
          config: { 'update-status-hook-interval': '10s' },
        }),
      ErrorCode.NotValid,
      'update-status-hook-interval cannot be less than 1m',
    );
    assertJujuError(
      () =>
        f.services.model.create({
          name: 'controller',
          owner: 'bob',
          cloud: 'local',
          isControllerModel: true,
        }),
      ErrorCode.AlreadyExists,
      'controller model already exists',
    );
  });

  it('lists the models a user can access', () => {
    const dev = f.services.model.getByName('bob', 'dev');
    assert.deepEqual(
      f.services.model.listForUser('bob').map((m) => `${m.owner}/${m.name}:${m.userAccess}`),
      ['bob/dev:admin'],
    );
    f.services.access.grant({
      user: 'bob',
      target: { kind: 'model', uuid: f.boot.controllerModel.uuid },
      access: 'read',
      grantedBy: 'admin',
    });
    f.clock.advance(1000);
    f.services.user.recordLogin('bob', dev.uuid);
    const list = f.services.model.listForUser('bob');
    assert.deepEqual(
      list.map((m) => `${m.owner}/${m.name}:${m.userAccess}`),
      ['admin/controller:read', 'bob/dev:admin'],
    );
    assert.equal(list[1]?.userLastConnection, '2024-05-01T10:00:01.000Z');
    assert.equal(list[0]?.machineCount, 1);
    assert.deepEqual(
      f.services.model.listForUser('admin').map((m) => `${m.owner}/${m.name}`),
      ['admin/controller'],
    );
    assert.equal(f.services.model.listForUser('admin', { all: true }).length, 3);
    assert.equal(f.services.model.list().length, 3);
  });

  it('shows model info with users and machines', () => {
    const dev = f.services.model.getByName('bob', 'dev');
    f.services.access.grant({
      user: 'carol',
      target: { kind: 'model', uuid: dev.uuid },
      access: 'write',
      grantedBy: 'bob',
    });
    f.services.machine.add(dev.uuid);
    const info = f.services.model.info(dev.uuid);
    assert.equal(info.machineCount, 1);
    assert.equal(info.machines[0]?.id, '0');
    assert.equal(info.machines[0]?.status, 'pending');
    assert.deepEqual(
      info.users.map((u) => `${u.user}:${u.access}`),
      ['bob:admin', 'carol:write'],
    );
    assert.equal(info.users[0]?.lastConnection, '2024-05-01T10:00:01.000Z');
    assert.equal(info.users[1]?.lastConnection, null);
  });

  it('sets model status', () => {
    const dev = f.services.model.getByName('bob', 'dev');
    f.services.model.setStatus(dev.uuid, 'busy', 'upgrading');
    assert.deepEqual(
      { ...f.services.model.get(dev.uuid).status, since: 'x' },
      { current: 'busy', message: 'upgrading', since: 'x' },
    );
    assertJujuError(
      () => f.services.model.setStatus(dev.uuid, 'sleepy'),
      ErrorCode.NotValid,
      'cannot set invalid status "sleepy" for model',
    );
    f.services.model.setStatus(dev.uuid, 'available');
  });

  it('refuses to destroy the controller model', () => {
    assertJujuError(
      () => f.services.model.destroy(f.boot.controllerModel.uuid),
      ErrorCode.NotSupported,
      `"controller" is a controller; use 'juju destroy-controller' to destroy it`,
    );
  });

  it('removes an empty model at once', () => {
    const m = f.services.model.getByName('carol', 'dev');
    const res = f.services.model.destroy(m.uuid);
    assert.deepEqual(res, { modelUuid: m.uuid, removed: true, machinesToRelease: [] });
    assertJujuError(
      () => f.services.model.get(m.uuid),
      ErrorCode.ModelNotFound,
      `model "${m.uuid}" not found`,
    );
    assert.deepEqual(f.services.access.grantsOf('carol', 'model'), [
      { key: f.services.model.getByName('bob', 'dev').uuid, access: 'write' },
    ]);
    assert.throws(() => f.services.modelConfig.get(m.uuid), /not found/);
  });

  it('makes a model with machines dying and returns what to release', () => {
    const dev = f.services.model.getByName('bob', 'dev');
    f.services.machine.setProvisioned(dev.uuid, '0', { instanceId: 'inst-0', nonce: 'n0' });
    f.services.machine.add(dev.uuid);
    const res = f.services.model.destroy(dev.uuid, { force: true });
    assert.equal(res.removed, false);
    assert.deepEqual(res.machinesToRelease, [
      { id: '0', instanceId: 'inst-0' },
      { id: '1', instanceId: null },
    ]);
    const dying = f.services.model.get(dev.uuid);
    assert.equal(dying.life, 'dying');
    assert.equal(dying.status.current, 'destroying');
    assert.ok(f.services.machine.list(dev.uuid).every((m) => m.life === 'dying'));
    // Destroying again is harmless and reports the same machines.
    assert.equal(f.services.model.destroy(dev.uuid).machinesToRelease.length, 2);
    // New machines cannot be added to a dying model.
    assertJujuError(() => f.services.machine.add(dev.uuid), ErrorCode.NotValid, 'model is no longer alive');
    assertJujuError(
      () => f.services.model.reapIfEmpty(dev.uuid),
      ErrorCode.ModelNotEmpty,
      'model not empty, found 2 machine(s)',
    );
    f.services.machine.remove(dev.uuid, '0');
    f.services.machine.remove(dev.uuid, '1');
    assert.equal(f.services.model.reapIfEmpty(dev.uuid), true);
    assertJujuError(
      () => f.services.model.getByName('bob', 'dev'),
      ErrorCode.ModelNotFound,
      'model "bob/dev" not found',
    );
    // The name is free again.
    f.services.model.create({ name: 'dev', owner: 'bob', cloud: 'local' });
  });

  it('does not reap an alive model', () => {
    assert.equal(f.services.model.reapIfEmpty(f.boot.controllerModel.uuid), false);
  });
});
