import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { JUJU_VERSION } from '../../../src/core/version.js';
import { preferredAddress } from '../../../src/domain/status/service.js';
import { Database } from '../../../src/state/database.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';

describe('StatusService.fullStatus', () => {
  let f: BootstrappedFixture;
  before(() => {
    f = bootstrappedFixture();
  });
  after(() => f.close());

  it('reads an empty model', () => {
    const m = f.services.model.create({ name: 'empty', owner: 'admin', cloud: 'local', cloudRegion: 'east' });
    const s = f.services.status.fullStatus(m.uuid);
    assert.deepEqual(s.model, {
      uuid: m.uuid,
      name: 'empty',
      owner: 'admin',
      type: 'iaas',
      cloud: 'local',
      cloudRegion: 'east',
      version: JUJU_VERSION,
      life: 'alive',
      status: { current: 'available', message: '', since: '2024-05-01T10:00:00.000Z' },
      isControllerModel: false,
    });
    assert.deepEqual(s.machines, []);
    assert.deepEqual(s.applications, []);
    assert.deepEqual(s.relations, []);
    assert.deepEqual(s.offers, []);
    assert.deepEqual(s.remoteApplications, []);
    assert.equal(s.controllerTimestamp, '2024-05-01T10:00:00.000Z');
  });

  it('reads machines with containers nested under their hosts', () => {
    const s0 = f.services.status.fullStatus(f.boot.controllerModel.uuid);
    assert.equal(s0.machines.length, 1);
    assert.deepEqual(s0.machines[0]?.jobs, ['JobManageModel', 'JobHostUnits']);

    const m = f.services.model.create({ name: 'busy', owner: 'admin', cloud: 'local' });
    for (let i = 0; i < 11; i++) f.services.machine.add(m.uuid);
    f.services.machine.setProvisioned(m.uuid, '0', { instanceId: 'i-0', nonce: 'n' });
    f.services.machine.setAddresses(m.uuid, '0', [
      { value: 'fe80::1', type: 'ipv6', scope: 'link-local' },
      { value: '10.0.0.4', type: 'ipv4', scope: 'local-cloud' },
    ]);
    // Containers get ids of the form <host>/lxd/<n>; written directly as the
    // container service does not exist yet.
    f.db.txn((tx) =>
      tx.run(
        `INSERT INTO machine (model_uuid, id, life, agent_status, agent_status_since, instance_status, instance_status_since, created_at)
         VALUES (?, '0/lxd/0', 'alive', 'pending', ?, 'pending', ?, ?)`,
        [m.uuid, '2024-05-01T10:00:00.000Z', '2024-05-01T10:00:00.000Z', '2024-05-01T10:00:00.000Z'],
      ),
    );
    const s = f.services.status.fullStatus(m.uuid);
    assert.deepEqual(
      s.machines.map((x) => x.id),
      ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
    );
    const host = s.machines[0];
    assert.equal(host?.instanceId, 'i-0');
    assert.equal(host?.dnsName, '10.0.0.4');
    assert.deepEqual(
      host?.containers.map((c) => c.id),
      ['0/lxd/0'],
    );
    assert.equal(s.machines[1]?.instanceId, null);
    assert.equal(s.machines[1]?.agentStatus.status, 'pending');
  });

  it('fails for unknown models', () => {
    assertJujuError(
      () => f.services.status.fullStatus('00000000-0000-4000-8000-000000000000'),
      ErrorCode.ModelNotFound,
      'model "00000000-0000-4000-8000-000000000000" not found',
    );
  });

  it('reads one snapshot even while another connection writes', () => {
    const other = Database.open(f.path);
    try {
      const m = f.services.model.create({ name: 'snap', owner: 'admin', cloud: 'local' });
      f.services.machine.add(m.uuid);
      // The status read runs in one read transaction: a write committed by another
      // connection half way through is not seen.
      const s = f.db.read(() => {
        const first = f.services.status.fullStatus(m.uuid);
        other.txn((tx) => tx.run(`UPDATE machine SET hostname = 'changed' WHERE model_uuid = ?`, [m.uuid]));
        const second = f.services.status.fullStatus(m.uuid);
        return { first, second };
      });
      assert.equal(s.first.machines[0]?.hostname, '');
      assert.equal(s.second.machines[0]?.hostname, '');
      assert.equal(f.services.status.fullStatus(m.uuid).machines[0]?.hostname, 'changed');
    } finally {
      other.close();
    }
  });

  it('prefers public, then cloud-local addresses', () => {
    assert.equal(
      preferredAddress([
        { value: '10.0.0.1', type: 'ipv4', scope: 'local-cloud' },
        { value: '1.2.3.4', type: 'ipv4', scope: 'public' },
      ]),
      '1.2.3.4',
    );
    assert.equal(preferredAddress([]), '');
  });
});

describe('StatusService history', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'hist', owner: 'admin', cloud: 'local' }).uuid;
  });
  after(() => f.close());

  it('records and reads entity history, oldest first, limited', () => {
    for (let i = 0; i < 5; i++) {
      f.clock.advance(1000);
      f.services.status.recordHistory({
        modelUuid: model,
        entityKind: 'unit-workload',
        entityId: 'app/0',
        status: 'active',
        info: `n${i}`,
      });
    }
    const last3 = f.services.status.history(model, {
      entityKind: 'unit-workload',
      entityId: 'app/0',
      limit: 3,
    });
    assert.deepEqual(
      last3.map((h) => h.info),
      ['n2', 'n3', 'n4'],
    );
    const since = f.services.status.history(model, {
      entityKind: 'unit-workload',
      entityId: 'app/0',
      since: '2024-05-01T10:00:04.000Z',
    });
    assert.deepEqual(
      since.map((h) => h.info),
      ['n3', 'n4'],
    );
    const modelHist = f.services.status.history(model, { entityKind: 'model', entityId: model });
    assert.deepEqual(
      modelHist.map((h) => h.status),
      ['available'],
    );
  });

  it('prunes by age and by size per model', () => {
    const count = (): number =>
      f.db.read(
        (tx) =>
          tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM status_history WHERE model_uuid = ?', [model])
            ?.n ?? 0,
      );
    const before = count();
    assert.equal(before, 6);
    // Entries older than 2.5s before "now" (10:00:05) go: the model's first status and n0, n1.
    assert.equal(f.services.status.pruneHistory({ maxAgeMs: 2500 }) >= 3, true);
    assert.equal(count(), 3);
    f.services.status.pruneHistory({ maxEntriesPerModel: 2 });
    assert.equal(count(), 2);
    assert.deepEqual(
      f.services.status.history(model, { entityKind: 'unit-workload', entityId: 'app/0' }).map((h) => h.info),
      ['n3', 'n4'],
    );
    // Other models are bounded too, and never below the limit.
    const controllerEntries = f.db.read((tx) =>
      tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM status_history WHERE model_uuid = ?', [
        f.boot.controllerModel.uuid,
      ]),
    );
    assert.ok((controllerEntries?.n ?? 0) <= 2);
    assert.equal(f.services.status.pruneHistory({ maxEntriesPerModel: 0 }) > 0, true);
    assert.equal(count(), 0);
  });
});
