/**
 * The MachineActions facade (and the StringsWatcher facade serving its
 * watcher) over a real controller database: a machine agent watches, reads,
 * begins and finishes the tasks of its own machine, lists its running ones,
 * and cannot see another machine's tasks; other callers are refused.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument,
   @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   replies are checked as the untyped JSON a client would receive. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { CallContext, FacadeDefinition } from '../../../src/controller/apiserver/types.js';
import { machineActionsFacade } from '../../../src/controller/facades/machine-actions.js';
import { stringsWatcherFacade } from '../../../src/controller/facades/strings-watcher.js';
import { ErrorCode, isJujuError } from '../../../src/core/errors.js';
import { actionsFixture, type ActionsFixture } from './fixture.js';

describe('MachineActions facade', () => {
  let a: ActionsFixture;
  let facade: FacadeDefinition;
  let strings: FacadeDefinition;
  const conns = new Map<string, AbortController>();

  /** A call context of the agent of machine `id` (or of a unit agent) on its own connection. */
  const ctx = (id: string, kind: 'machine' | 'unit' = 'machine', watcherId = ''): CallContext => {
    let ctl = conns.get(`${kind}-${id}`);
    if (ctl === undefined) {
      ctl = new AbortController();
      conns.set(`${kind}-${id}`, ctl);
    }
    return {
      conn: {
        id: `${kind}-${id}`,
        kind: 'model',
        modelUuid: a.model,
        remoteAddress: '127.0.0.1:40000',
        auth: {
          tag: kind === 'machine' ? `machine-${id}` : `unit-${id.replace('/', '-')}`,
          kind,
          entityId: id,
        },
        signal: ctl.signal,
      },
      facade: facade.name,
      version: 1,
      method: '',
      id: watcherId,
      requestId: 1,
    };
  };
  const call = async (method: string, params: unknown, machine = '0'): Promise<any> => {
    const handler = facade.methods[method];
    assert.ok(handler, `no method ${method}`);
    return JSON.parse(JSON.stringify(await handler(ctx(machine), params)));
  };
  const enqueue = (machine: string, command: string): string => {
    const r = a.f.services.operation.enqueue(a.model, {
      tasks: [{ receiver: machine, name: 'juju-exec', parameters: { command, timeout: 0 }, parallel: true }],
    });
    const t = r.tasks[0];
    assert.ok(t && 'task' in t);
    return t.task.id;
  };

  before(async () => {
    a = await actionsFixture();
    a.f.services.machine.add(a.model); // machine 1, next to the fixture's machine 0
    facade = machineActionsFacade(a.deps);
    strings = stringsWatcherFacade(a.deps);
  });
  after(async () => {
    for (const c of conns.values()) c.abort();
    await a?.close();
  });

  it('is version 1 on model connections, with a StringsWatcher v1 beside it', () => {
    assert.equal(facade.name, 'MachineActions');
    assert.deepEqual(facade.versions, [1]);
    assert.deepEqual(facade.kinds, ['model']);
    assert.equal(strings.name, 'StringsWatcher');
    assert.equal(strings.acceptsId, true);
  });

  it('runs a task through watch, read, begin, running and finish', async () => {
    const first = enqueue('0', 'echo one');
    const watched = await call('WatchActionNotifications', { entities: [{ tag: 'machine-0' }] });
    const w = watched.results[0];
    assert.equal(typeof w['watcher-id'], 'string');
    assert.deepEqual(w.changes, [first]);

    // A task enqueued later wakes the watcher with just its id.
    const next = strings.methods.Next?.(ctx('0', 'machine', w['watcher-id']), undefined) as Promise<{
      changes: string[];
    }>;
    const second = enqueue('0', 'echo two');
    assert.deepEqual((await next).changes, [second]);

    const read = await call('Actions', { entities: [{ tag: `action-${first}` }] });
    assert.deepEqual(read.results[0], {
      action: {
        tag: `action-${first}`,
        receiver: 'machine-0',
        name: 'juju-exec',
        parameters: { command: 'echo one', timeout: 0 },
        parallel: true,
        'execution-group': '',
      },
      status: 'pending',
    });
    assert.deepEqual(await call('BeginActions', { entities: [{ tag: `action-${first}` }] }), {
      results: [{}],
    });
    const running = await call('RunningActions', { entities: [{ tag: 'machine-0' }] });
    assert.equal(running.actions[0].receiver, 'machine-0');
    assert.deepEqual(
      running.actions[0].actions.map((r: any) => [r.action.tag, r.status]),
      [[`action-${first}`, 'running']],
    );
    const finished = await call('FinishActions', {
      results: [
        {
          'action-tag': `action-${first}`,
          status: 'completed',
          results: { 'return-code': 0, stdout: 'one\n' },
        },
      ],
    });
    assert.deepEqual(finished, { results: [{}] });
    const task = a.f.services.operation.getTask(a.model, first);
    assert.equal(task.status, 'completed');
    assert.deepEqual(task.results, { 'return-code': 0, stdout: 'one\n' });
    const again = await call('FinishActions', {
      results: [{ 'action-tag': `action-${first}`, status: 'failed' }],
    });
    assert.match(again.results[0].error.message, /already/);
  });

  it('keeps machines apart', async () => {
    const theirs = enqueue('0', 'echo secret');
    const read = await call('Actions', { entities: [{ tag: `action-${theirs}` }] }, '1');
    assert.deepEqual(read.results[0].error, { message: 'permission denied', code: ErrorCode.Unauthorized });
    const begin = await call('BeginActions', { entities: [{ tag: `action-${theirs}` }] }, '1');
    assert.equal(begin.results[0].error.code, ErrorCode.Unauthorized);
    const watch = await call('WatchActionNotifications', { entities: [{ tag: 'machine-0' }] }, '1');
    assert.equal(watch.results[0].error.code, ErrorCode.Unauthorized);
    const running = await call('RunningActions', { entities: [{ tag: 'machine-0' }, { tag: 'bogus' }] }, '1');
    assert.equal(running.actions[0].error.code, ErrorCode.Unauthorized);
    assert.equal(running.actions[1].error.message, 'id not found');
    const own = await call('WatchActionNotifications', { entities: [{ tag: 'machine-1' }] }, '1');
    assert.deepEqual(own.results[0].changes, []);
  });

  it('refuses unit agents', () => {
    const handler = facade.methods.Actions;
    assert.ok(handler);
    assert.throws(
      () => handler(ctx('pinger/0', 'unit'), { entities: [] }),
      (err: unknown) => isJujuError(err, ErrorCode.Unauthorized),
    );
  });
});
