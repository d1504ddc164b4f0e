import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { assertJujuError, bootstrappedFixture, openFixture, type BootstrappedFixture } from './fixture.js';

describe('ControllerService', () => {
  let f: BootstrappedFixture;
  before(() => {
    f = bootstrappedFixture({ controllerConfig: { 'api-port': '17071', 'audit-log-max-backups': 5 } });
  });
  after(() => f.close());

  it('records identity and the full config with defaults', () => {
    const info = f.services.controller.info();
    assert.equal(info.name, 'ctl');
    assert.equal(info.controllerModelUuid, f.boot.controllerModel.uuid);
    assert.deepEqual(info.apiAddresses, ['127.0.0.1:17070']);
    const cfg = f.services.controller.config();
    assert.equal(cfg['controller-uuid'], info.uuid);
    assert.equal(cfg['controller-name'], 'ctl');
    assert.equal(cfg['ca-cert'], info.caCert);
    assert.equal(cfg['api-port'], 17071); // coerced from "17071"
    assert.equal(cfg['audit-log-max-backups'], 5);
    assert.equal(cfg['auditing-enabled'], true); // default
  });

  it('updates updatable keys and refuses read-only and unknown keys', () => {
    const cfg = f.services.controller.updateConfig({
      'audit-log-max-backups': '7',
      'auditing-enabled': 'false',
    });
    assert.equal(cfg['audit-log-max-backups'], 7);
    assert.equal(cfg['auditing-enabled'], false);
    assertJujuError(
      () => f.services.controller.updateConfig({ 'api-port': 1234 }),
      ErrorCode.NotValid,
      `can't change "api-port" after bootstrap`,
    );
    assertJujuError(
      () => f.services.controller.updateConfig({ 'ca-cert': 'x' }),
      ErrorCode.NotValid,
      `can't change "ca-cert" after bootstrap`,
    );
    assertJujuError(
      () => f.services.controller.updateConfig({ 'no-such-key': 1 }),
      ErrorCode.NotValid,
      'unknown controller config setting "no-such-key"',
    );
    assert.equal(f.services.controller.config()['api-port'], 17071);
  });

  it('replaces API addresses', () => {
    f.services.controller.setApiAddresses(['10.0.0.5:17070', '127.0.0.1:17070']);
    assert.deepEqual(f.services.controller.apiAddresses(), ['10.0.0.5:17070', '127.0.0.1:17070']);
  });

  it('cannot be initialised twice', () => {
    const info = f.services.controller.info();
    assertJujuError(
      () =>
        f.services.controller.initialize({
          uuid: info.uuid,
          name: 'other',
          caCert: 'x',
          controllerModelUuid: info.controllerModelUuid,
        }),
      ErrorCode.AlreadyExists,
      'controller already initialized',
    );
  });

  it('reports an uninitialised controller', () => {
    const empty = openFixture();
    try {
      assert.equal(empty.services.controller.isInitialized(), false);
      assertJujuError(
        () => empty.services.controller.info(),
        ErrorCode.NotFound,
        'controller not initialized',
      );
    } finally {
      empty.close();
    }
  });
});
