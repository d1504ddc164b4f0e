import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { initializeController } from '../../../src/domain/bootstrap.js';
import { assertJujuError, bootstrapParams, openFixture } from './fixture.js';

describe('initializeController', () => {
  it('creates the controller, admin, cloud, controller model and machine 0', () => {
    const f = openFixture();
    try {
      const params = bootstrapParams({
        modelDefaults: { 'image-stream': 'daily' },
        modelConfig: { 'logging-config': '<root>=DEBUG' },
        constraints: { mem: 3584 },
        machine: { instanceId: 'juju-ctl-0', base: { os: 'ubuntu', channel: '24.04' }, hostname: 'ctl-0' },
      });
      const res = initializeController(f.services, params);
      assert.equal(res.controller.uuid, params.controllerUuid);
      assert.equal(res.admin.name, 'admin');
      assert.equal(f.services.access.isSuperuser('admin'), true);
      assert.equal(f.services.user.authenticate('admin', 'sekrit-admin').name, 'admin');

      const m = res.controllerModel;
      assert.equal(m.uuid, params.controllerModelUuid);
      assert.equal(m.name, 'controller');
      assert.equal(m.owner, 'admin');
      assert.ok(f.services.access.hasAccess('admin', { kind: 'model', uuid: m.uuid }, 'admin'));
      assert.ok(f.services.access.hasAccess('admin', { kind: 'cloud', name: 'local' }, 'admin'));

      assert.equal(res.machine.id, '0');
      assert.deepEqual(res.machine.jobs, ['JobManageModel', 'JobHostUnits']);
      assert.equal(res.machine.nonce, 'user-admin:bootstrap');
      assert.equal(res.machine.instanceId, 'juju-ctl-0');
      assert.equal(res.machine.instanceStatus.status, 'running');
      assert.deepEqual(res.machine.base, { os: 'ubuntu', channel: '24.04' });

      const cfg = f.services.modelConfig.get(m.uuid);
      assert.deepEqual(cfg['image-stream'], { value: 'daily', source: 'controller' });
      assert.deepEqual(cfg['logging-config'], { value: '<root>=DEBUG', source: 'model' });
      assert.deepEqual(f.services.modelConfig.constraints(m.uuid), { mem: 3584 });
      assert.equal(
        f.services.cloud.credential({ cloud: 'local', owner: 'admin', name: 'local' }).authType,
        'empty',
      );

      assertJujuError(
        () => initializeController(f.services, bootstrapParams()),
        ErrorCode.AlreadyExists,
        'controller already initialized',
      );
    } finally {
      f.close();
    }
  });

  it('leaves nothing behind when a step fails', () => {
    const f = openFixture();
    try {
      assert.throws(
        () =>
          initializeController(
            f.services,
            bootstrapParams({ modelConfig: { 'update-status-hook-interval': '1s' } }),
          ),
        /update-status-hook-interval cannot be less than 1m/,
      );
      assert.equal(f.services.controller.isInitialized(), false);
      assert.equal(f.services.user.exists('admin'), false);
      assert.deepEqual(f.services.cloud.listClouds(), []);
      assert.deepEqual(f.services.model.list(), []);
      // A corrected retry succeeds on the same database.
      const res = initializeController(f.services, bootstrapParams());
      assert.equal(res.machine.id, '0');
    } finally {
      f.close();
    }
  });

  it('refuses unknown controller config keys', () => {
    const f = openFixture();
    try {
      assertJujuError(
        () => initializeController(f.services, bootstrapParams({ controllerConfig: { 'bogus-key': 1 } })),
        ErrorCode.NotValid,
        'unknown controller config setting "bogus-key"',
      );
      assert.equal(f.services.controller.isInitialized(), false);
    } finally {
      f.close();
    }
  });
});
