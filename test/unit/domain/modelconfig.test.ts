import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { JUJU_VERSION } from '../../../src/core/version.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';

describe('ModelConfigService', () => {
  let f: BootstrappedFixture;
  let east: string;
  let west: string;
  before(() => {
    f = bootstrappedFixture({
      modelDefaults: { 'logging-config': '<root>=INFO' },
      modelConfig: { development: true },
    });
    east = f.services.model.create({
      name: 'east',
      owner: 'admin',
      cloud: 'local',
      cloudRegion: 'east',
    }).uuid;
    west = f.services.model.create({
      name: 'west',
      owner: 'admin',
      cloud: 'local',
      cloudRegion: 'default',
    }).uuid;
  });
  after(() => f.close());

  it('resolves default < controller < region < model with sources', () => {
    f.services.modelConfig.setDefaults('local', null, { 'image-stream': 'daily', 'ftp-proxy': 'ftp://ctl' });
    f.services.modelConfig.setDefaults('local', 'east', {
      'image-stream': 'region-stream',
      'ftp-proxy': 'ftp://east',
    });
    f.services.modelConfig.set(east, { 'ftp-proxy': 'ftp://model' });

    const cfg = f.services.modelConfig.get(east);
    assert.deepEqual(cfg['firewall-mode'], { value: 'instance', source: 'default' });
    assert.deepEqual(cfg['logging-config'], { value: '<root>=INFO', source: 'controller' });
    assert.deepEqual(cfg['image-stream'], { value: 'region-stream', source: 'region' });
    assert.deepEqual(cfg['ftp-proxy'], { value: 'ftp://model', source: 'model' });
    assert.deepEqual(cfg['name'], { value: 'east', source: 'model' });
    assert.deepEqual(cfg['uuid'], { value: east, source: 'model' });
    assert.deepEqual(cfg['type'], { value: 'iaas', source: 'model' });
    assert.deepEqual(cfg['agent-version'], { value: JUJU_VERSION, source: 'model' });

    // A model in another region sees the controller layer, not east's.
    const w = f.services.modelConfig.get(west);
    assert.deepEqual(w['image-stream'], { value: 'daily', source: 'controller' });
    assert.deepEqual(w['ftp-proxy'], { value: 'ftp://ctl', source: 'controller' });
  });

  it('keeps bootstrap --config on the controller model', () => {
    const cfg = f.services.modelConfig.get(f.boot.controllerModel.uuid);
    assert.deepEqual(cfg['development'], { value: true, source: 'model' });
  });

  it('coerces values on set and reports a model value equal to a default as default', () => {
    f.services.modelConfig.set(east, { 'num-provision-workers': '20', 'automatically-retry-hooks': 'true' });
    const cfg = f.services.modelConfig.get(east);
    assert.deepEqual(cfg['num-provision-workers'], { value: 20, source: 'model' });
    assert.deepEqual(cfg['automatically-retry-hooks'], { value: true, source: 'default' });
    assert.equal(f.services.modelConfig.values(east)['num-provision-workers'], 20);
  });

  it('refuses keys model-config cannot set and invalid values', () => {
    assertJujuError(
      () => f.services.modelConfig.set(east, { 'agent-version': '3.6.5' }),
      ErrorCode.NotValid,
      '"agent-version" must be set via "upgrade-model"',
    );
    assertJujuError(
      () => f.services.modelConfig.set(east, { name: 'other' }),
      ErrorCode.NotValid,
      'cannot change name from "east" to "other"',
    );
    assertJujuError(
      () => f.services.modelConfig.set(east, { 'firewall-mode': 'global' }),
      ErrorCode.NotValid,
      'cannot change firewall-mode from "instance" to "global"',
    );
    assertJujuError(
      () => f.services.modelConfig.set(east, { 'num-provision-workers': 'many' }),
      ErrorCode.NotValid,
      'num-provision-workers: expected int, got "many"',
    );
    assertJujuError(
      () => f.services.modelConfig.set(east, { 'juju-http-proxy': 'http://j' }),
      ErrorCode.NotValid,
      'cannot specify both legacy proxy values and juju proxy values',
    );
    // Setting a name to its current value is allowed.
    f.services.modelConfig.set(east, { name: 'east' });
    // Unknown keys are kept as given.
    f.services.modelConfig.set(east, { 'my-key': 'x' });
    assert.deepEqual(f.services.modelConfig.get(east)['my-key'], { value: 'x', source: 'model' });
  });

  it('unset restores the inherited value', () => {
    f.services.modelConfig.unset(east, ['ftp-proxy', 'my-key']);
    const cfg = f.services.modelConfig.get(east);
    assert.deepEqual(cfg['ftp-proxy'], { value: 'ftp://east', source: 'region' });
    assert.equal(cfg['my-key'], undefined);
    f.services.modelConfig.unsetDefaults('local', 'east', ['ftp-proxy']);
    assert.deepEqual(f.services.modelConfig.get(east)['ftp-proxy'], {
      value: 'ftp://ctl',
      source: 'controller',
    });
    assertJujuError(
      () => f.services.modelConfig.unset(east, ['agent-version']),
      ErrorCode.NotValid,
      'cannot clear agent-version',
    );
    assertJujuError(
      () => f.services.modelConfig.unset(east, ['name']),
      ErrorCode.NotValid,
      /cannot change name from "east"/,
    );
  });

  it('reports model-defaults per key with default, controller and regions', () => {
    const d = f.services.modelConfig.getDefaults('local');
    assert.deepEqual(d['image-stream'], {
      default: 'released',
      controller: 'daily',
      regions: [{ name: 'east', value: 'region-stream' }],
    });
    assert.deepEqual(d['logging-config'], { default: '', controller: '<root>=INFO' });
    assert.deepEqual(d['firewall-mode'], { default: 'instance' });
    assert.equal(d['name'], undefined);
    f.services.modelConfig.setDefaults('local', 'default', { 'image-stream': 'west-stream' });
    assert.deepEqual(f.services.modelConfig.getDefaults('local')['image-stream']?.regions, [
      { name: 'default', value: 'west-stream' },
      { name: 'east', value: 'region-stream' },
    ]);
  });

  it('validates model-defaults changes', () => {
    assertJujuError(
      () => f.services.modelConfig.setDefaults('local', null, { 'agent-version': '3.6.4' }),
      ErrorCode.NotValid,
      'agent-version cannot have a default value',
    );
    assertJujuError(
      () => f.services.modelConfig.setDefaults('local', 'mars', { 'image-stream': 'x' }),
      ErrorCode.NotFound,
      'region "mars" not found (expected one of ["default" "east"])',
    );
    assertJujuError(
      () => f.services.modelConfig.getDefaults('nope'),
      ErrorCode.NotFound,
      'cloud "nope" not found',
    );
    assertJujuError(
      () => f.services.modelConfig.setDefaults('local', null, { 'update-status-hook-interval': '2h' }),
      ErrorCode.NotValid,
      'update-status-hook-interval cannot be greater than 60m',
    );
  });

  it('applies defaults to models created later', () => {
    f.services.modelConfig.setDefaults('local', null, { 'default-base': 'ubuntu@22.04' });
    const m = f.services.model.create({
      name: 'later',
      owner: 'admin',
      cloud: 'local',
      config: { 'default-base': 'ubuntu@24.04' },
    });
    assert.deepEqual(f.services.modelConfig.get(m.uuid)['default-base'], {
      value: 'ubuntu@24.04',
      source: 'model',
    });
    assert.deepEqual(f.services.modelConfig.get(west)['default-base'], {
      value: 'ubuntu@22.04',
      source: 'controller',
    });
  });

  it('stores model constraints', () => {
    assert.deepEqual(f.services.modelConfig.constraints(east), {});
    f.services.modelConfig.setConstraints(east, { mem: 4096, cores: 2 });
    assert.deepEqual(f.services.modelConfig.constraints(east), { mem: 4096, cores: 2 });
    assertJujuError(
      () => f.services.modelConfig.constraints('00000000-0000-4000-8000-000000000000'),
      ErrorCode.ModelNotFound,
      'model "00000000-0000-4000-8000-000000000000" not found',
    );
  });

  it('records a new agent version for upgrade-model', () => {
    f.services.modelConfig.setAgentVersion(east, '3.6.5');
    assert.equal(f.services.model.get(east).agentVersion, '3.6.5');
  });
});
