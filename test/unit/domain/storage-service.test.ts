import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { parseStorageId } from '../../../src/domain/storage/service.js';
import { charmStorageSpecs, plannedLocation } from '../../../src/domain/storage/pools.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';
import { addCharm, startAgent } from './charm-fixtures.js';

/** Metadata as the charm library parses it (camel-case fields). */
const STORAGE_META = {
  name: 'mysql',
  storage: {
    data: {
      name: 'data',
      type: 'filesystem',
      countMin: 1,
      countMax: 1,
      minimumSize: 0,
      location: '/srv/data',
      readOnly: false,
      shared: false,
    },
    logs: {
      name: 'logs',
      type: 'filesystem',
      countMin: 0,
      countMax: 2,
      minimumSize: 512,
      readOnly: false,
      shared: false,
    },
    disks: {
      name: 'disks',
      type: 'block',
      countMin: 0,
      countMax: -1,
      minimumSize: 0,
      readOnly: false,
      shared: false,
    },
  },
};

describe('StorageService', () => {
  let f: BootstrappedFixture;
  let model: string;
  let charmUrl: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'store', owner: 'admin', cloud: 'local' }).uuid;
    charmUrl = addCharm(f.services, model, 'mysql', { metadata: STORAGE_META }).url;
  });
  after(() => f.close());

  it('reads charm specs and plans locations', () => {
    const specs = charmStorageSpecs(STORAGE_META);
    assert.deepEqual(Object.keys(specs), ['data', 'logs', 'disks']);
    assert.equal(plannedLocation(specs['data'], 'data', 0), '/srv/data');
    assert.equal(plannedLocation(specs['logs'], 'logs', 3), '/var/lib/juju/storage/logs/3');
    assert.equal(plannedLocation({ ...specs['data']!, countMax: 3 }, 'data', 4), '/srv/data/4');
    assert.deepEqual(parseStorageId('data/12'), { name: 'data', number: 12 });
    assertJujuError(() => parseStorageId('data'), ErrorCode.NotValid, 'invalid storage ID "data"');
  });

  it('creates the minimum storage per unit at deploy, numbered model-wide, pending until provisioned', () => {
    const r = f.services.application.deploy(model, { name: 'db', charmUrl, numUnits: 2 });
    assert.equal(r.units.length, 2);
    const list = f.services.storage.list(model);
    assert.deepEqual(
      list.map((s) => [
        s.id,
        s.kind,
        s.pool,
        s.sizeMiB,
        s.owner,
        s.status.status,
        s.attachments.map((a) => a.unit),
      ]),
      [
        ['data/0', 'filesystem', 'rootfs', 1024, 'db/0', 'pending', ['db/0']],
        ['data/1', 'filesystem', 'rootfs', 1024, 'db/1', 'pending', ['db/1']],
      ],
    );
    const att = f.services.storage.unitAttachments(model, 'db/0');
    assert.deepEqual(att, [
      {
        storageId: 'data/0',
        unit: 'db/0',
        life: 'alive',
        location: '',
        name: 'data',
        kind: 'filesystem',
        planned: '/srv/data',
        readOnly: false,
      },
    ]);
    f.services.storage.setAttachmentLocation(model, 'data/0', 'db/0', '/tmp/m0/srv/data');
    const s = f.services.storage.get(model, 'data/0');
    assert.equal(s.status.status, 'attached');
    assert.equal(s.attachments[0]?.location, '/tmp/m0/srv/data');
  });

  it('applies deploy directives and checks them', () => {
    f.services.application.deploy(model, {
      name: 'big',
      charmUrl,
      numUnits: 1,
      storage: { data: { sizeMiB: 2048 }, logs: { count: 2 } },
    });
    const mine = f.services.storage.list(model).filter((s) => s.owner === 'big/0');
    assert.deepEqual(
      mine.map((s) => [s.id, s.sizeMiB]),
      [
        ['data/2', 2048],
        ['logs/3', 512],
        ['logs/4', 512],
      ],
    );
    assertJujuError(
      () =>
        f.services.application.deploy(model, {
          name: 'x1',
          charmUrl,
          numUnits: 1,
          storage: { disks: { count: 1 } },
        }),
      ErrorCode.NotSupported,
      'storage pool "loop" not supported on the local cloud',
    );
    assertJujuError(
      () => f.services.application.deploy(model, { name: 'x2', charmUrl, storage: { nope: { count: 1 } } }),
      ErrorCode.NotFound,
      `charm storage "nope" not found for charm "${charmUrl}"`,
    );
    assertJujuError(
      () => f.services.application.deploy(model, { name: 'x3', charmUrl, storage: { logs: { count: 3 } } }),
      ErrorCode.NotValid,
      /at most 2 instances allowed/,
    );
    assertJujuError(
      () =>
        f.services.application.deploy(model, {
          name: 'x4',
          charmUrl,
          storage: { logs: { sizeMiB: 10, count: 1 } },
        }),
      ErrorCode.NotValid,
      /minimum storage size is 512M/,
    );
    assertJujuError(
      () =>
        f.services.application.deploy(model, { name: 'x5', charmUrl, storage: { data: { pool: 'ebs' } } }),
      ErrorCode.NotFound,
      'pool "ebs" not found',
    );
    // Nothing of the refused deploys was written.
    assert.throws(() => f.services.application.get(model, 'x1'));
    // add-unit uses the stored directives.
    f.services.application.addUnits(model, 'big', { count: 1 });
    assert.deepEqual(
      f.services.storage
        .list(model)
        .filter((s) => s.owner === 'big/1')
        .map((s) => [s.id, s.sizeMiB]),
      [
        ['data/5', 2048],
        ['logs/6', 512],
        ['logs/7', 512],
      ],
    );
  });

  it('adds storage to a unit within the charm maximum, also from a hook commit', () => {
    assert.deepEqual(f.services.storage.addToUnit(model, 'db/0', 'logs'), ['logs/8']);
    assert.deepEqual(
      f.services.unitState.commitHookChanges(model, 'db/0', { addStorage: [{ name: 'logs', count: 1 }] })
        .relationSettings,
      [],
    );
    assert.deepEqual(
      f.services.storage.unitAttachments(model, 'db/0').map((a) => a.storageId),
      ['data/0', 'logs/8', 'logs/9'],
    );
    assertJujuError(
      () => f.services.storage.addToUnit(model, 'db/0', 'logs'),
      ErrorCode.NotValid,
      /at most 2 instances allowed/,
    );
    // A failing hook commit adds nothing.
    assertJujuError(
      () =>
        f.services.unitState.commitHookChanges(model, 'db/1', { addStorage: [{ name: 'logs', count: 3 }] }),
      ErrorCode.NotValid,
      /at most 2/,
    );
    assert.equal(f.services.storage.unitAttachments(model, 'db/1').length, 1);
    assertJujuError(
      () => f.services.storage.addToUnit(model, 'db/9', 'logs'),
      ErrorCode.NotFound,
      'unit "db/9" not found',
    );
  });

  it('detaches on unit removal and keeps or destroys the storage', () => {
    startAgent(f.services, model, 'db/0');
    startAgent(f.services, model, 'db/1');
    // db/0: kept.
    f.services.application.destroyUnit(model, 'db/0');
    assert.deepEqual(
      f.services.storage.unitAttachments(model, 'db/0').map((a) => [a.storageId, a.life]),
      [
        ['data/0', 'dying'],
        ['logs/8', 'dying'],
        ['logs/9', 'dying'],
      ],
    );
    assert.equal(f.services.storage.get(model, 'data/0').status.status, 'detaching');
    f.services.storage.removeAttachment(model, 'data/0', 'db/0');
    f.services.storage.removeAttachment(model, 'data/0', 'db/0');
    assert.equal(f.services.storage.get(model, 'data/0').status.status, 'detached');
    f.services.application.ensureUnitDead(model, 'db/0');
    f.services.application.removeUnit(model, 'db/0');
    const kept = f.services.storage.get(model, 'logs/8');
    assert.equal(kept.status.status, 'detached');
    assert.equal(kept.owner, '');
    assert.deepEqual(kept.attachments, []);
    // db/1: --destroy-storage.
    f.services.atomically(() => {
      f.services.storage.markUnitStorageForDestruction(model, 'db/1');
      f.services.application.destroyUnit(model, 'db/1');
    });
    f.services.application.ensureUnitDead(model, 'db/1');
    f.services.application.removeUnit(model, 'db/1');
    assertJujuError(
      () => f.services.storage.get(model, 'data/1'),
      ErrorCode.NotFound,
      'storage data/1 not found',
    );
    assert.ok(f.services.storage.list(model).some((s) => s.id === 'data/0'));
  });

  it('removes storage of a unit that never started at once', () => {
    const r = f.services.application.addUnits(model, 'big', { count: 1 });
    const unit = r[0]?.name ?? '';
    const ids = f.services.storage.unitStorageIds(model, unit);
    assert.equal(ids.length, 3);
    f.services.atomically(() => {
      f.services.storage.markUnitStorageForDestruction(model, unit);
      f.services.application.destroyUnit(model, unit);
    });
    for (const id of ids)
      assertJujuError(() => f.services.storage.get(model, id), ErrorCode.NotFound, `storage ${id} not found`);
  });
});
