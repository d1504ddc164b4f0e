/**
 * Bounding the status history: identical consecutive statuses only move the
 * latest entry's time, each model's old entries go by its
 * max-status-history-age, removed entities lose their history, and the whole
 * history is kept under max-status-history-size (oldest first), as one pass
 * of the controller's status-history pruner.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { pruneStatusHistoryOnce } from '../../../src/controller/workers/status-history-pruner.js';
import { bootstrappedFixture, type BootstrappedFixture } from './fixture.js';

describe('status history bounds', () => {
  let f: BootstrappedFixture;
  let model: string;
  const rows = (uuid?: string): number =>
    f.db.read(
      (tx) =>
        (uuid === undefined
          ? tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM status_history')
          : tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM status_history WHERE model_uuid = ?', [uuid])
        )?.n ?? 0,
    );
  const record = (entityId: string, status: string, info = ''): void =>
    f.services.status.recordHistory({
      modelUuid: model,
      entityKind: 'unit-workload',
      entityId,
      status,
      info,
    });

  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'bounded', owner: 'admin', cloud: 'local' }).uuid;
  });
  after(() => f.close());

  it('moves the time of an identical latest entry instead of adding one', () => {
    const before = rows(model);
    f.clock.advance(1000);
    record('gone/0', 'active', 'ready');
    f.clock.advance(1000);
    record('gone/0', 'active', 'ready');
    f.clock.advance(1000);
    record('gone/0', 'active', 'ready');
    assert.equal(rows(model), before + 1);
    const hist = f.services.status.history(model, { entityKind: 'unit-workload', entityId: 'gone/0' });
    assert.deepEqual(
      hist.map((h) => [h.status, h.info, h.since]),
      [['active', 'ready', f.clock.now().toISOString()]],
    );
    // A different message is a new entry, and going back is one too.
    record('gone/0', 'active', 'busy');
    record('gone/0', 'active', 'ready');
    assert.deepEqual(
      f.services.status
        .history(model, { entityKind: 'unit-workload', entityId: 'gone/0' })
        .map((h) => h.info),
      ['ready', 'busy', 'ready'],
    );
  });

  it('filters by time (exclusive), message and no limit', () => {
    const all = f.services.status.history(model, {
      entityKind: 'unit-workload',
      entityId: 'gone/0',
      limit: 0,
    });
    assert.equal(all.length, 3);
    const first = all[0];
    assert.ok(first);
    const after = f.services.status.history(model, {
      entityKind: 'unit-workload',
      entityId: 'gone/0',
      limit: 0,
      after: '2024-05-01T09:00:00.000Z',
      exclude: ['busy'],
    });
    assert.deepEqual(
      after.map((h) => h.info),
      ['ready', 'ready'],
    );
  });

  it('drops history of entities that no longer exist, and entries past the model age', () => {
    // "gone/0" never existed as a unit: its history is an orphan.
    const pass = pruneStatusHistoryOnce(f.services);
    assert.ok(pass.orphaned >= 3, JSON.stringify(pass));
    assert.equal(
      f.services.status.history(model, { entityKind: 'unit-workload', entityId: 'gone/0' }).length,
      0,
    );
    // The model's own status is older than a 1h age limit once the clock moves 2h.
    f.services.modelConfig.set(model, { 'max-status-history-age': '1h' });
    assert.equal(f.services.status.history(model, { entityKind: 'model', entityId: model }).length, 1);
    f.clock.advance(2 * 3600 * 1000);
    const controllerRows = rows(f.boot.controllerModel.uuid);
    const second = pruneStatusHistoryOnce(f.services);
    assert.ok(second.expired >= 1, JSON.stringify(second));
    assert.equal(f.services.status.history(model, { entityKind: 'model', entityId: model }).length, 0);
    // Other models keep theirs (default age is two weeks).
    assert.equal(rows(f.boot.controllerModel.uuid), controllerRows);
  });

  it('keeps the whole history under the controller model size limit, oldest first', () => {
    const controller = f.boot.controllerModel.uuid;
    // ~2 KiB messages: 1200 entries are about 2.4 MiB.
    const filler = 'x'.repeat(2000);
    for (let i = 0; i < 1200; i++) {
      f.clock.advance(10);
      f.services.status.recordHistory({
        modelUuid: controller,
        entityKind: 'model',
        entityId: controller,
        status: 'available',
        info: `${i} ${filler}`,
      });
    }
    const size = f.services.status.historySize();
    assert.ok(size.bytes > 2 * 1024 * 1024, JSON.stringify(size));
    assert.equal(f.services.status.pruneHistoryToSize(0), 0);
    f.services.modelConfig.set(controller, { 'max-status-history-size': '1M' });
    const pass = pruneStatusHistoryOnce(f.services);
    assert.ok(pass.oversize > 0, JSON.stringify(pass));
    const after = f.services.status.historySize();
    assert.ok(after.bytes <= 1024 * 1024, JSON.stringify(after));
    // The newest entries are the ones kept.
    const latest = f.services.status.history(controller, {
      entityKind: 'model',
      entityId: controller,
      limit: 1,
    });
    assert.match(latest[0]?.info ?? '', /^1199 /);
    const kept = f.services.status.history(controller, {
      entityKind: 'model',
      entityId: controller,
      limit: 0,
    });
    assert.ok(kept.length > 300 && kept.length < 600, `${kept.length} kept`);
  });
});
