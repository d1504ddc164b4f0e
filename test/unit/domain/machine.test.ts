import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { agentPasswordHash, newAgentPassword } from '../../../src/domain/machine/password.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';

describe('MachineService', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'work', owner: 'admin', cloud: 'local' }).uuid;
  });
  after(() => f.close());

  it('numbers machines per model from 0', () => {
    const m0 = f.services.machine.add(model, {
      base: { os: 'ubuntu', channel: '22.04' },
      constraints: { mem: 2048 },
    });
    const m1 = f.services.machine.add(model);
    assert.equal(m0.id, '0');
    assert.equal(m1.id, '1');
    assert.deepEqual(m0.base, { os: 'ubuntu', channel: '22.04' });
    assert.deepEqual(m0.constraints, { mem: 2048 });
    assert.deepEqual(m0.jobs, ['JobHostUnits']);
    assert.equal(m0.agentStatus.status, 'pending');
    assert.equal(m0.instanceStatus.status, 'pending');
    assert.equal(m0.instanceId, null);
    assert.equal(m0.life, 'alive');
    // The controller model has its own sequence (machine 0 exists there).
    assert.equal(f.services.machine.add(f.boot.controllerModel.uuid).id, '1');
    assertJujuError(() => f.services.machine.get(model, '9'), ErrorCode.NotFound, 'machine 9 not found');
    assertJujuError(
      () => f.services.machine.add(model, { jobs: ['JobFly'] }),
      ErrorCode.NotValid,
      'invalid machine job "JobFly"',
    );
  });

  it('records provisioning once', () => {
    const m = f.services.machine.setProvisioned(model, '0', {
      instanceId: 'juju-abc-0',
      nonce: 'machine-0:nonce',
      hardware: { arch: 'amd64', mem: 2048, cpuCores: 2 },
    });
    assert.equal(m.instanceId, 'juju-abc-0');
    assert.deepEqual(m.hardware, { arch: 'amd64', mem: 2048, cpuCores: 2 });
    assertJujuError(
      () => f.services.machine.setProvisioned(model, '0', { instanceId: 'other', nonce: 'n' }),
      ErrorCode.AlreadyExists,
      'cannot set instance data for machine "0": already set',
    );
  });

  it('stores addresses, hostname and agent version', () => {
    f.services.machine.setAddresses(model, '0', [
      { value: '10.1.0.5', type: 'ipv4', scope: 'local-cloud' },
      { value: '203.0.113.9', type: 'ipv4', scope: 'public' },
    ]);
    f.services.machine.setHostname(model, '0', 'juju-abc-0');
    f.services.machine.setAgentVersion(model, '0', '3.6.4');
    const m = f.services.machine.get(model, '0');
    assert.equal(m.addresses.length, 2);
    assert.equal(m.hostname, 'juju-abc-0');
    assert.equal(m.agentVersion, '3.6.4');
  });

  it('sets statuses and keeps history', () => {
    f.clock.advance(5000);
    f.services.machine.setInstanceStatus(model, '0', { status: 'running', info: 'Running' });
    f.services.machine.setAgentStatus(model, '0', { status: 'started', data: { pid: 42 } });
    const m = f.services.machine.get(model, '0');
    assert.deepEqual(m.agentStatus, {
      status: 'started',
      info: '',
      data: { pid: 42 },
      since: '2024-05-01T10:00:05.000Z',
    });
    assert.equal(m.instanceStatus.status, 'running');
    const hist = f.services.status.history(model, { entityKind: 'machine', entityId: '0' });
    assert.deepEqual(
      hist.map((h) => h.status),
      ['pending', 'started'],
    );
    assertJujuError(
      () => f.services.machine.setAgentStatus(model, '0', { status: 'running' }),
      ErrorCode.NotValid,
      'cannot set invalid status "running" for machine agent',
    );
  });

  it('checks agent passwords and nonces', () => {
    const pw = newAgentPassword();
    assert.equal(Buffer.from(agentPasswordHash(pw), 'base64').length, 18);
    assertJujuError(
      () => f.services.machine.setPassword(model, '0', 'short'),
      ErrorCode.NotValid,
      'password is only 5 bytes long, and is not a valid Agent password',
    );
    f.services.machine.setPassword(model, '0', pw);
    assert.equal(f.services.machine.get(model, '0').hasPassword, true);
    assert.equal(f.services.machine.authenticate(model, '0', pw, 'machine-0:nonce').id, '0');
    assertJujuError(
      () => f.services.machine.authenticate(model, '0', `${pw}x`),
      ErrorCode.Unauthorized,
      'invalid entity name or password',
    );
    assertJujuError(
      () => f.services.machine.authenticate(model, '0', pw, 'wrong-nonce'),
      ErrorCode.NotProvisioned,
      'machine 0 not provisioned',
    );
    assertJujuError(
      () => f.services.machine.authenticate(model, '1', pw),
      ErrorCode.Unauthorized,
      'invalid entity name or password',
    );
  });

  it('goes alive -> dying -> dead -> removed', () => {
    assertJujuError(
      () => f.services.machine.remove(model, '1'),
      ErrorCode.NotValid,
      'cannot remove machine 1: machine is still alive',
    );
    assert.equal(f.services.machine.destroy(model, '1').life, 'dying');
    f.services.machine.ensureDead(model, '1');
    assert.equal(f.services.machine.get(model, '1').life, 'dead');
    f.services.machine.remove(model, '1');
    assertJujuError(() => f.services.machine.get(model, '1'), ErrorCode.NotFound, 'machine 1 not found');
    // Ids are never reused.
    assert.equal(f.services.machine.add(model).id, '2');
  });

  it('refuses to destroy a controller machine', () => {
    assertJujuError(
      () => f.services.machine.destroy(f.boot.controllerModel.uuid, '0'),
      ErrorCode.NotValid,
      'machine 0 is required by the model',
    );
  });
});
