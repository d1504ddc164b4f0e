import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { LogService } from '../../../src/domain/logs/service.js';
import { SqlLogState } from '../../../src/domain/logs/state-sql.js';
import type { LogRecordParams } from '../../../src/domain/logs/types.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';

const T0 = Date.parse('2024-05-01T10:00:00.000Z') * 1000;

describe('LogService', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'logs', owner: 'admin', cloud: 'local' }).uuid;
    const records: LogRecordParams[] = [
      {
        entity: 'machine-0',
        timestamp: T0,
        module: 'juju.worker.deployer',
        location: 'deployer.go:10',
        level: 'INFO',
        message: 'deploying unit-mysql-0',
      },
      {
        entity: 'unit-mysql-0',
        timestamp: T0 + 1,
        module: 'juju.worker.uniter',
        level: 'DEBUG',
        message: 'starting',
      },
      {
        entity: 'unit-mysql-0',
        timestamp: T0 + 2,
        module: 'unit.mysql/0.juju-log',
        level: 'WARNING',
        message: 'careful',
        labels: ['http'],
      },
      {
        entity: 'unit-mysql-1',
        timestamp: T0 + 3,
        module: 'juju.worker.uniter.operation',
        level: 3,
        message: 'ran "install" hook',
      },
      {
        entity: 'unit-wordpress-0',
        timestamp: T0 + 4,
        module: 'juju.worker.uniter',
        level: 'ERROR',
        message: 'hook failed',
        labels: ['hook', 'install'],
      },
      { entity: 'machine-1', module: 'juju.worker.machiner', level: 'trace', message: 'tick' },
    ];
    assert.equal(f.services.logs.append(model, records), 6);
  });
  after(() => f.close());

  it('stores records with ids, levels and labels', () => {
    const all = f.services.logs.query(model);
    assert.deepEqual(
      all.map((r) => [r.id, r.entity, r.levelName]),
      [
        [1, 'machine-0', 'INFO'],
        [2, 'unit-mysql-0', 'DEBUG'],
        [3, 'unit-mysql-0', 'WARNING'],
        [4, 'unit-mysql-1', 'INFO'],
        [5, 'unit-wordpress-0', 'ERROR'],
        [6, 'machine-1', 'TRACE'],
      ],
    );
    assert.deepEqual(all[0], {
      id: 1,
      modelUuid: model,
      entity: 'machine-0',
      timestamp: T0,
      module: 'juju.worker.deployer',
      location: 'deployer.go:10',
      level: 3,
      levelName: 'INFO',
      message: 'deploying unit-mysql-0',
      labels: [],
    });
    // No timestamp means now (the clock), in microseconds.
    assert.equal(all[5]?.timestamp, T0);
    assert.deepEqual(all[4]?.labels, ['hook', 'install']);
    assert.deepEqual(f.services.logs.usage(model).records, 6);
    assert.equal(f.services.logs.usage(model).lastId, 6);
  });

  it('filters like debug-log', () => {
    const ids = (q: Parameters<LogService['query']>[1]) => f.services.logs.query(model, q).map((r) => r.id);
    assert.deepEqual(ids({ includeEntity: ['unit-mysql-*'] }), [2, 3, 4]);
    assert.deepEqual(ids({ includeEntity: ['machine-0', 'unit-wordpress-0'] }), [1, 5]);
    assert.deepEqual(ids({ excludeEntity: ['unit-*'] }), [1, 6]);
    assert.deepEqual(ids({ includeEntity: ['*-0'] }), [1, 2, 3, 5]);
    assert.deepEqual(ids({ includeModule: ['juju.worker.uniter'] }), [2, 4, 5]);
    assert.deepEqual(ids({ excludeModule: ['juju.worker'] }), [3]);
    // A module names its logger tree, not a string prefix.
    assert.deepEqual(ids({ includeModule: ['juju.work'] }), []);
    assert.deepEqual(ids({ includeModule: ['juju.worker.uniter.'] }), []);
    assert.deepEqual(ids({ includeLabel: ['install'] }), [5]);
    assert.deepEqual(ids({ excludeLabel: ['http', 'hook'] }), [1, 2, 4, 6]);
    assert.deepEqual(ids({ level: 'WARNING' }), [3, 5]);
    assert.deepEqual(ids({ level: 3, includeEntity: ['unit-*'] }), [3, 4, 5]);
    assert.deepEqual(ids({ startTime: T0 + 3 }), [4, 5]);
    // Wildcard characters of LIKE are literal in patterns.
    assert.deepEqual(ids({ includeEntity: ['unit_mysql%'] }), []);
    assertJujuError(
      () => f.services.logs.query(model, { level: 'LOUD' }),
      ErrorCode.NotValid,
      'unknown log level "LOUD"',
    );
  });

  it('pages by id for tails and returns a backlog oldest first', () => {
    const ids = (q: Parameters<LogService['query']>[1]) => f.services.logs.query(model, q).map((r) => r.id);
    assert.deepEqual(ids({ limit: 2 }), [1, 2]);
    assert.deepEqual(ids({ afterId: 2, limit: 2 }), [3, 4]);
    assert.deepEqual(ids({ afterId: 6 }), []);
    assert.deepEqual(ids({ backlog: 2 }), [5, 6]);
    assert.deepEqual(ids({ backlog: 2, includeEntity: ['unit-mysql-*'] }), [3, 4]);
    // A tail picks up what arrives later.
    f.services.logs.append(model, [{ entity: 'unit-mysql-0', level: 'INFO', message: 'later' }]);
    assert.deepEqual(ids({ afterId: 6 }), [7]);
  });

  it('refuses unknown models and levels', () => {
    assertJujuError(
      () =>
        f.services.logs.append('00000000-0000-4000-8000-000000000000', [
          { entity: 'x', level: 3, message: 'm' },
        ]),
      ErrorCode.ModelNotFound,
      'model "00000000-0000-4000-8000-000000000000" not found',
    );
    assertJujuError(
      () => f.services.logs.append(model, [{ entity: 'x', level: 9, message: 'm' }]),
      ErrorCode.NotValid,
      'unknown log level 9',
    );
    assert.equal(f.services.logs.usage(model).lastId, 7);
  });

  it('drops the oldest records beyond the byte budget', () => {
    const m = f.services.model.create({ name: 'capped', owner: 'admin', cloud: 'local' }).uuid;
    const capped = new LogService(new SqlLogState(f.db), f.clock, (fn) => f.services.atomically(fn), {
      maxBytesPerModel: () => 10_000,
    });
    const message = 'x'.repeat(200);
    for (let i = 0; i < 10; i++) {
      capped.append(
        m,
        Array.from({ length: 10 }, (_, j) => ({
          entity: 'unit-a-0',
          level: 'INFO',
          message: `${i * 10 + j} ${message}`,
        })),
      );
    }
    const usage = capped.usage(m);
    assert.equal(usage.lastId, 100);
    assert.ok(usage.bytes <= 10_000, `bytes ${usage.bytes}`);
    assert.ok(usage.records > 30 && usage.records < 50, `records ${usage.records}`);
    const kept = capped.query(m);
    // The newest survive, in order, ending with the last one.
    assert.equal(kept.at(-1)?.id, 100);
    assert.equal(kept[0]?.id, 100 - usage.records + 1);
    // Bytes stay consistent with the rows kept.
    const sum = f.db.read(
      (tx) => tx.get<{ s: number }>('SELECT SUM(size) AS s FROM log_record WHERE model_uuid = ?', [m])?.s,
    );
    assert.equal(sum, usage.bytes);
  });

  it('reads the budget from controller config model-logs-size', () => {
    const m = f.services.model.create({ name: 'configured', owner: 'admin', cloud: 'local' }).uuid;
    f.services.controller.updateConfig({ 'model-logs-size': '1M' });
    const big = 'y'.repeat(100_000);
    for (let i = 0; i < 15; i++)
      f.services.logs.append(m, [{ entity: 'machine-0', level: 'INFO', message: big }]);
    const usage = f.services.logs.usage(m);
    assert.equal(usage.lastId, 15);
    assert.ok(usage.bytes <= 1024 * 1024);
    assert.equal(usage.records, 10);
  });
});
