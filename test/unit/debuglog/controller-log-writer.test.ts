/** controllerLogWriter: the controller's own lines in its model's log store. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { controllerLogWriter } from '../../../src/controller/logs/index.js';
import { bootstrappedFixture, type BootstrappedFixture } from '../domain/fixture.js';

describe('controllerLogWriter', () => {
  let f: BootstrappedFixture;
  before(() => {
    f = bootstrappedFixture();
  });
  after(() => f.close());

  it('stores INFO and above as machine-0 with the time of the call, and tees every line', async () => {
    const model = f.boot.controllerModel.uuid;
    const teed: string[] = [];
    const log = controllerLogWriter<'DEBUG' | 'INFO' | 'WARNING' | 'ERROR'>(f.services, model, {
      tee: (level, module, message) => teed.push(`${level} ${module} ${message}`),
      flushMs: 10_000,
    });
    const before = Date.now() * 1000;
    log('DEBUG', 'juju.apiserver', 'noise');
    log('INFO', 'juju.cmd.jujud', 'started');
    await new Promise((resolve) => setTimeout(resolve, 20));
    log('ERROR', 'juju.worker', 'broke');
    assert.equal(f.services.logs.usage(model).records, 0, 'batched until flushed');
    log.flush();
    const rows = f.services.logs.query(model, {});
    assert.deepEqual(
      rows.map((r) => [r.entity, r.levelName, r.module, r.message]),
      [
        ['machine-0', 'INFO', 'juju.cmd.jujud', 'started'],
        ['machine-0', 'ERROR', 'juju.worker', 'broke'],
      ],
    );
    assert.ok((rows[0]?.timestamp ?? 0) >= before);
    assert.ok(
      (rows[1]?.timestamp ?? 0) - (rows[0]?.timestamp ?? 0) >= 15_000,
      'each line keeps its own time',
    );
    assert.deepEqual(teed, [
      'DEBUG juju.apiserver noise',
      'INFO juju.cmd.jujud started',
      'ERROR juju.worker broke',
    ]);
    log.close();
    log('INFO', 'juju.cmd.jujud', 'after close');
    log.flush();
    assert.equal(f.services.logs.usage(model).records, 2);
    assert.equal(teed.length, 4);
  });

  it('never throws when the store fails', () => {
    const log = controllerLogWriter(f.services, '00000000-0000-4000-8000-000000000000', {
      entity: 'machine-3',
    });
    log('INFO', 'x', 'to a model that does not exist');
    assert.doesNotThrow(() => log.flush());
  });
});
