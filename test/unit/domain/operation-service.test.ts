import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode } from '../../../src/core/errors.js';
import { operationStatus } from '../../../src/domain/operation/service.js';
import { assertJujuError, bootstrappedFixture, type BootstrappedFixture } from './fixture.js';
import { deployCharm } from './charm-fixtures.js';

describe('OperationService', () => {
  let f: BootstrappedFixture;
  let model: string;
  before(() => {
    f = bootstrappedFixture();
    model = f.services.model.create({ name: 'ops', owner: 'admin', cloud: 'local' }).uuid;
    deployCharm(f.services, model, 'mysql', 'db', 2);
    deployCharm(f.services, model, 'wordpress', 'wp', 1);
  });
  after(() => f.close());

  it('enqueues an operation with task ids from one sequence', () => {
    const r = f.services.operation.enqueue(model, {
      tasks: [
        {
          receiver: 'db/0',
          name: 'backup',
          parameters: { path: '/tmp' },
          parallel: true,
          executionGroup: 'g',
        },
        { receiver: 'db/1', name: 'backup' },
      ],
    });
    assert.equal(r.operation.id, '1');
    assert.equal(r.operation.summary, 'backup run on db/0,db/1');
    assert.equal(r.operation.status, 'pending');
    assert.equal(r.operation.fail, '');
    assert.equal(r.operation.spawnedTaskCount, 2);
    assert.equal(r.operation.enqueued, '2024-05-01T10:00:00.000Z');
    assert.equal(r.operation.started, null);
    const t = r.tasks[0];
    assert.ok(t !== undefined && 'task' in t);
    assert.deepEqual(t.task, {
      modelUuid: model,
      id: '2',
      operationId: '1',
      receiver: 'db/0',
      receiverKind: 'unit',
      name: 'backup',
      parameters: { path: '/tmp' },
      parallel: true,
      executionGroup: 'g',
      status: 'pending',
      message: '',
      results: {},
      enqueued: '2024-05-01T10:00:00.000Z',
      started: null,
      completed: null,
      log: [],
    });
    assert.deepEqual(
      r.operation.tasks.map((x) => x.id),
      ['2', '3'],
    );
    const next = f.services.operation.enqueue(model, {
      summary: 'exec',
      tasks: [{ receiver: '0', name: 'juju-exec' }],
    });
    assert.equal(next.operation.id, '4');
    assert.equal(next.operation.tasks[0]?.id, '5');
    assert.equal(next.operation.tasks[0]?.receiverKind, 'machine');
  });

  it('reports bad receivers per task and fails an operation without tasks', () => {
    const r = f.services.operation.enqueue(model, {
      tasks: [
        { receiver: 'db/0', name: 'restart' },
        { receiver: 'db/9', name: 'restart' },
        { receiver: 'not a receiver', name: 'restart' },
      ],
    });
    assert.deepEqual(
      r.tasks.map((t) => ('error' in t ? t.error.message : t.task.id)),
      ['7', 'unit "db/9" not found', 'invalid action receiver "not a receiver"'],
    );
    assert.equal(r.operation.fail, 'unit "db/9" not found\ninvalid action receiver "not a receiver"');
    const none = f.services.operation.enqueue(model, { tasks: [{ receiver: '42', name: 'x' }] });
    assert.equal(none.operation.status, 'error');
    assert.deepEqual(none.operation.tasks, []);
    assertJujuError(
      () => f.services.operation.enqueue(model, { tasks: [] }),
      ErrorCode.NotValid,
      'no actions specified',
    );
  });

  it('runs a task from pending to completed and tracks the operation', () => {
    assert.deepEqual(
      f.services.operation.pendingTasks(model, 'db/0').map((t) => t.id),
      ['2', '7'],
    );
    f.clock.advance(1000);
    const begun = f.services.operation.begin(model, '2');
    assert.equal(begun.status, 'running');
    assert.equal(begun.started, '2024-05-01T10:00:01.000Z');
    assert.equal(f.services.operation.getOperation(model, '1').status, 'running');
    assert.equal(f.services.operation.getOperation(model, '1').started, '2024-05-01T10:00:01.000Z');
    assertJujuError(
      () => f.services.operation.begin(model, '2'),
      ErrorCode.NotValid,
      'cannot begin action 2: action has status "running"',
    );
    f.services.operation.log(model, '2', 'dumping');
    f.clock.advance(1000);
    f.services.operation.log(model, '2', 'done');
    assertJujuError(
      () => f.services.operation.log(model, '3', 'early'),
      ErrorCode.NotValid,
      'cannot log message to task "3" with status pending',
    );
    const done = f.services.operation.finish(model, '2', {
      status: 'completed',
      results: { 'return-code': 0, stdout: 'ok' },
      message: '',
    });
    assert.equal(done.status, 'completed');
    assert.equal(done.completed, '2024-05-01T10:00:02.000Z');
    assert.deepEqual(done.results, { 'return-code': 0, stdout: 'ok' });
    assert.deepEqual(done.log, [
      { timestamp: '2024-05-01T10:00:01.000Z', message: 'dumping' },
      { timestamp: '2024-05-01T10:00:02.000Z', message: 'done' },
    ]);
    assertJujuError(
      () => f.services.operation.finish(model, '2', { status: 'completed' }),
      ErrorCode.AlreadyExists,
      'action 2 already has status "completed"',
    );
    assertJujuError(
      () => f.services.operation.finish(model, '2', { status: 'failed' }),
      ErrorCode.AlreadyExists,
      'action 2 is already finished with status "failed"',
    );
    assertJujuError(
      () => f.services.operation.finish(model, '3', { status: 'running' }),
      ErrorCode.NotValid,
      'invalid action status "running"',
    );
    // Still one task to go.
    assert.equal(f.services.operation.getOperation(model, '1').status, 'running');
    f.services.operation.begin(model, '3');
    f.services.operation.finish(model, '3', { status: 'failed', message: 'exit status 1' });
    const op = f.services.operation.getOperation(model, '1');
    assert.equal(op.status, 'failed');
    assert.equal(op.completeTaskCount, 2);
    assert.equal(op.completed, '2024-05-01T10:00:02.000Z');
  });

  it('cancels pending tasks and aborts running ones', () => {
    f.services.operation.begin(model, '5');
    const tasks = f.services.operation.cancel(model, ['5', '7', '2']);
    assert.deepEqual(
      tasks.map((t) => [t.id, t.status, t.message]),
      [
        ['5', 'aborting', ''],
        ['7', 'cancelled', 'action cancelled via the API'],
        ['2', 'completed', ''],
      ],
    );
    assert.deepEqual(
      f.services.operation.runningTasks(model, '0').map((t) => t.id),
      ['5'],
    );
    // The agent kills it and reports it aborted.
    f.services.operation.log(model, '5', 'killing');
    f.services.operation.finish(model, '5', { status: 'aborted' });
    assert.equal(f.services.operation.getOperation(model, '4').status, 'aborted');
    // Operation 6 had one cancelled task and a failed enqueue.
    assert.equal(f.services.operation.getOperation(model, '6').status, 'cancelled');
    assertJujuError(
      () => f.services.operation.getTask(model, '99'),
      ErrorCode.NotFound,
      'action "99" not found',
    );
    assertJujuError(
      () => f.services.operation.getOperation(model, '99'),
      ErrorCode.NotFound,
      'operation "99" not found',
    );
  });

  it('lists with filters and paging', () => {
    for (const u of ['wp/0', 'db/1'])
      f.services.operation.enqueue(model, { tasks: [{ receiver: u, name: 'hello' }] });
    const all = f.services.operation.list(model);
    assert.deepEqual(
      all.operations.map((o) => o.id),
      ['1', '4', '6', '8', '9', '11'],
    );
    assert.equal(all.truncated, false);
    const page = f.services.operation.list(model, { limit: 2, offset: 1 });
    assert.deepEqual(
      page.operations.map((o) => o.id),
      ['4', '6'],
    );
    assert.equal(page.truncated, true);
    assert.deepEqual(
      f.services.operation.list(model, { offset: 4 }).operations.map((o) => o.id),
      ['9', '11'],
    );
    const byApp = f.services.operation.list(model, { applications: ['db'] });
    assert.deepEqual(
      byApp.operations.map((o) => [o.id, o.tasks.map((t) => t.receiver)]),
      [
        ['1', ['db/0', 'db/1']],
        ['6', ['db/0']],
        ['11', ['db/1']],
      ],
    );
    assert.deepEqual(
      f.services.operation.list(model, { units: ['wp/0'], actions: ['hello'] }).operations.map((o) => o.id),
      ['9'],
    );
    assert.deepEqual(
      f.services.operation.list(model, { machines: ['0'] }).operations.map((o) => o.id),
      ['4'],
    );
    assert.deepEqual(
      f.services.operation.list(model, { status: ['pending', 'error'] }).operations.map((o) => o.id),
      ['8', '9', '11'],
    );
    assertJujuError(
      () => f.services.operation.list(model, { status: ['sleeping'] }),
      ErrorCode.NotValid,
      'invalid operation status "sleeping"',
    );
  });

  it('derives operation status from its tasks', () => {
    assert.equal(operationStatus([], ''), 'pending');
    assert.equal(operationStatus([], 'x'), 'error');
    assert.equal(operationStatus(['pending', 'pending'], ''), 'pending');
    assert.equal(operationStatus(['completed', 'pending'], ''), 'running');
    assert.equal(operationStatus(['aborting'], ''), 'running');
    assert.equal(operationStatus(['completed', 'cancelled'], ''), 'cancelled');
    assert.equal(operationStatus(['failed', 'error'], ''), 'error');
    assert.equal(operationStatus(['completed'], 'some failed to enqueue'), 'error');
    assert.equal(operationStatus(['aborted'], ''), 'aborted');
  });
});
