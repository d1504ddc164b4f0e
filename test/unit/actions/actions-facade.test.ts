/**
 * The Action facade over a real controller database: wire shapes of
 * EnqueueOperation, Actions, Cancel, ListOperations, Operations,
 * ApplicationsCharmsActions, Run and RunOnAllMachines, Juju's error texts,
 * and who may call what.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return,
   @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   replies are checked as the untyped JSON a client would receive. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ErrorCode, isJujuError } from '../../../src/core/errors.js';
import { modelTarget } from '../../../src/domain/index.js';
import { actionsFixture, type ActionsFixture } from './fixture.js';

const ZERO = '0001-01-01T00:00:00Z';
const NOW = '2024-05-01T10:00:00Z';

describe('Action facade', () => {
  let a: ActionsFixture;

  /** Calls a method as `user` and returns the (synchronous) reply as JSON would carry it. */
  const call = (method: string, params?: unknown, user = 'admin'): any => {
    const handler = a.facade.methods[method];
    assert.ok(handler, `no method ${method}`);
    return JSON.parse(JSON.stringify(handler(a.ctx(user), params)));
  };

  const refused = (method: string, params: unknown, user: string): void => {
    assert.throws(
      () => call(method, params, user),
      (err: unknown) => isJujuError(err, ErrorCode.Unauthorized) && err.message === 'permission denied',
    );
  };

  before(async () => {
    a = await actionsFixture();
    const { services } = a.f;
    for (const [name, access] of [
      ['reader', 'read'],
      ['writer', 'write'],
    ] as const) {
      services.user.addUser({ name, password: `pw-${name}`, createdBy: 'admin' });
      services.access.grant({ user: name, target: modelTarget(a.model), access, grantedBy: 'admin' });
    }
    // A second application of the same charm, with no leader.
    const charmUrl = services.application.get(a.model, 'pinger').charmUrl;
    services.application.deploy(a.model, { name: 'lonely', charmUrl, numUnits: 1 });
  });
  after(async () => {
    await a?.close();
  });

  it('is version 7 on model connections', () => {
    assert.equal(a.facade.name, 'Action');
    assert.deepEqual(a.facade.versions, [7]);
    assert.deepEqual(a.facade.kinds, ['model']);
  });

  it('enqueues an operation with defaults filled in, in Juju’s shape', () => {
    const r = call('EnqueueOperation', {
      actions: [{ receiver: 'unit-pinger-1', name: 'ping', parameters: {} }],
    });
    assert.deepEqual(Object.keys(r), ['operation', 'actions']);
    assert.match(r.operation, /^operation-\d+$/);
    const id = Number(r.operation.slice('operation-'.length));
    assert.deepEqual(r.actions, [
      {
        action: {
          tag: `action-${id + 1}`,
          receiver: 'unit-pinger-1',
          name: 'ping',
          parameters: { count: 1 },
          parallel: false,
          'execution-group': '',
        },
        enqueued: NOW,
        started: ZERO,
        completed: ZERO,
        status: 'pending',
      },
    ]);
    const op = a.f.services.operation.getOperation(a.model, String(id));
    assert.equal(op.summary, 'ping run on unit-pinger-1');
    assert.equal(op.status, 'pending');
  });

  it('resolves app/leader to the leader unit', () => {
    const r = call('EnqueueOperation', {
      actions: [
        {
          receiver: 'pinger/leader',
          name: 'ping',
          parameters: { count: 2 },
          parallel: true,
          'execution-group': 'g',
        },
      ],
    });
    const action = r.actions[0].action;
    assert.equal(action.receiver, 'unit-pinger-0');
    assert.deepEqual(action.parameters, { count: 2 });
    assert.equal(action.parallel, true);
    assert.equal(action['execution-group'], 'g');
  });

  it('gives each receiver that cannot run the action an error entry, Juju’s words', () => {
    const r = call('EnqueueOperation', {
      actions: [
        { receiver: 'unit-pinger-42', name: 'ping' },
        { receiver: 'unit-pinger-0', name: 'nope' },
        { receiver: 'unit-pinger-0', name: 'ping', parameters: { count: 'x' } },
        { receiver: 'unit-pinger-0', name: 'ping', parameters: { bogus: 1 } },
        { receiver: 'lonely/leader', name: 'ping' },
        { receiver: 'machine-0', name: 'ping' },
        { receiver: 'unit-pinger-0', name: 'ping' },
      ],
    });
    assert.deepEqual(
      r.actions.slice(0, 6).map((e: any) => e.error),
      [
        { message: 'unit "pinger/42" not found', code: 'not found' },
        { message: 'action "nope" not defined on unit "pinger/0"', code: '' },
        {
          message: 'validation failed: (root).count : invalid type, expected integer, given string',
          code: 'not valid',
        },
        {
          message: 'validation failed: (root) : additional property "bogus" is not allowed',
          code: 'not valid',
        },
        { message: 'could not determine leader for "lonely"', code: '' },
        { message: 'cannot add action "ping" to a machine; only predefined actions allowed', code: '' },
      ],
    );
    assert.equal(r.actions[6].action.receiver, 'unit-pinger-0');
    const op = a.f.services.operation.getOperation(a.model, r.operation.slice('operation-'.length));
    assert.equal(op.tasks.length, 1);
    assert.notEqual(op.fail, '');
  });

  it('records an operation with no tasks when nothing could be enqueued', () => {
    const r = call('EnqueueOperation', { actions: [{ receiver: 'unit-pinger-9', name: 'ping' }] });
    assert.match(r.operation, /^operation-\d+$/);
    assert.equal(r.actions.length, 1);
    assert.equal(r.actions[0].action, undefined);
    const op = a.f.services.operation.getOperation(a.model, r.operation.slice('operation-'.length));
    assert.equal(op.status, 'error');
    assert.equal(op.tasks.length, 0);
  });

  it('reads tasks back with status, message, log and output', () => {
    const r = call('EnqueueOperation', { actions: [{ receiver: 'unit-pinger-0', name: 'ping' }] });
    const tag: string = r.actions[0].action.tag;
    const id = tag.slice('action-'.length);
    const { operation } = a.f.services;
    operation.begin(a.model, id);
    operation.log(a.model, id, 'pinging');
    operation.finish(a.model, id, {
      status: 'failed',
      message: 'no pongers',
      results: { 'return-code': 0, answered: '0' },
    });
    const got = call('Actions', {
      entities: [{ tag }, { tag: 'action-999' }, { tag: 'unit-pinger-0' }, { tag: 'junk' }],
    });
    assert.deepEqual(got.results[0], {
      action: {
        tag,
        receiver: 'unit-pinger-0',
        name: 'ping',
        parameters: { count: 1 },
        parallel: false,
        'execution-group': '',
      },
      enqueued: NOW,
      started: NOW,
      completed: NOW,
      status: 'failed',
      message: 'no pongers',
      log: [{ timestamp: NOW, message: 'pinging' }],
      output: { 'return-code': 0, answered: '0' },
    });
    for (const bad of got.results.slice(1))
      assert.deepEqual(bad, { error: { message: 'id not found', code: 'not found' } });
    // Readers may look.
    assert.equal(call('Actions', { entities: [{ tag }] }, 'reader').results[0].status, 'failed');
  });

  it('cancels a pending task and names the task even when cancelling fails', () => {
    const r = call('EnqueueOperation', { actions: [{ receiver: 'unit-pinger-1', name: 'ping' }] });
    const tag: string = r.actions[0].action.tag;
    const got = call('Cancel', { entities: [{ tag }, { tag: 'action-999' }, { tag: 'bogus' }] });
    assert.equal(got.results[0].status, 'cancelled');
    assert.equal(got.results[0].message, 'action cancelled via the API');
    assert.equal(got.results[0].completed, NOW);
    assert.deepEqual(got.results[1], {
      action: { tag: 'action-999', receiver: '', name: '' },
      error: { message: 'action "999" not found', code: 'not found' },
    });
    assert.deepEqual(got.results[2].error, { message: 'id not found', code: 'not found' });
    refused('Cancel', { entities: [{ tag }] }, 'reader');
  });

  it('lists unit operations by default, machine exec ones only when asked for', () => {
    const exec = call('Run', { commands: 'hostname', timeout: 1_000_000_000, machines: ['0'] });
    const execId = exec.operation.slice('operation-'.length);
    const all = call('ListOperations', {});
    assert.ok(all.results.length > 0);
    assert.ok(all.results.every((op: any) => op.operation !== exec.operation));
    const first = all.results[0];
    assert.deepEqual(Object.keys(first), [
      'operation',
      'summary',
      'enqueued',
      'started',
      'completed',
      'status',
      'actions',
    ]);
    const byAction = call('ListOperations', { actions: ['juju-exec'] });
    assert.deepEqual(
      byAction.results.map((op: any) => op.operation),
      [exec.operation],
    );
    const byMachine = call('ListOperations', { machines: ['0'] }, 'reader');
    assert.equal(byMachine.results[0].operation, `operation-${execId}`);
    assert.equal(byMachine.results[0].actions[0].action.receiver, 'machine-0');
  });

  it('filters operations by unit and status and pages them', () => {
    const page = call('ListOperations', { units: ['pinger/0'], limit: 1 });
    assert.equal(page.results.length, 1);
    assert.equal(page.truncated, true);
    const rest = call('ListOperations', { units: ['pinger/0'], offset: 1 });
    assert.ok(rest.results.length >= 1);
    assert.equal(rest.truncated, undefined);
    const cancelled = call('ListOperations', { status: ['cancelled'] });
    assert.ok(cancelled.results.every((op: any) => op.status === 'cancelled'));
    assert.deepEqual(call('ListOperations', { applications: ['lonely'] }), {});
    assert.throws(
      () => call('ListOperations', { applications: ['nope'] }),
      (err: unknown) =>
        isJujuError(err, ErrorCode.NotFound) && err.message === 'application "nope" not found',
    );
  });

  it('shows operations by tag', () => {
    const r = call('EnqueueOperation', { actions: [{ receiver: 'unit-pinger-1', name: 'ping' }] });
    const got = call('Operations', {
      entities: [{ tag: r.operation }, { tag: 'operation-999' }, { tag: 'x' }],
    });
    assert.equal(got.results[0].operation, r.operation);
    assert.equal(got.results[0].summary, 'ping run on unit-pinger-1');
    assert.equal(got.results[0].status, 'pending');
    assert.equal(got.results[0].actions.length, 1);
    assert.deepEqual(got.results[1].error, { message: 'operation "999" not found', code: 'not found' });
    assert.deepEqual(got.results[2].error, { message: '"x" is not a valid tag', code: 'not valid' });
  });

  it('lists the charm’s action specs', () => {
    const got = call('ApplicationsCharmsActions', {
      entities: [{ tag: 'application-pinger' }, { tag: 'application-nope' }, { tag: 'unit-pinger-0' }],
    });
    assert.deepEqual(got.results[0], {
      'application-tag': 'application-pinger',
      actions: {
        ping: {
          description: 'Ping every related ponger and report who answered.',
          params: {
            description: 'Ping every related ponger and report who answered.',
            type: 'object',
            title: 'ping',
            properties: {
              count: { type: 'integer', description: 'How many pings to send.', default: 1, minimum: 1 },
            },
            additionalProperties: false,
          },
        },
      },
    });
    assert.deepEqual(got.results[1], {
      'application-tag': 'application-nope',
      error: { message: 'application "nope" not found', code: 'not found' },
    });
    assert.deepEqual(got.results[2], { error: { message: 'id not found', code: 'not found' } });
    // Juju asks for write access here.
    refused('ApplicationsCharmsActions', { entities: [{ tag: 'application-pinger' }] }, 'reader');
  });

  it('runs juju-exec on units (sorted, leader resolved), applications and machines', () => {
    const r = call('Run', {
      commands: 'echo hi',
      timeout: 5_000_000_000,
      units: ['pinger/leader', 'pinger/1'],
      applications: ['lonely'],
      machines: ['0'],
      parallel: false,
      'execution-group': 'grp',
    });
    assert.deepEqual(
      r.actions.map((e: any) => e.action.receiver),
      ['unit-lonely-0', 'unit-pinger-0', 'unit-pinger-1', 'machine-0'],
    );
    for (const e of r.actions) {
      assert.equal(e.action.name, 'juju-exec');
      assert.deepEqual(e.action.parameters, { command: 'echo hi', timeout: 5_000_000_000 });
      assert.equal(e.action.parallel, false);
      assert.equal(e.action['execution-group'], 'grp');
    }
    const op = a.f.services.operation.getOperation(a.model, r.operation.slice('operation-'.length));
    assert.equal(op.summary, 'juju-exec run on unit-lonely-0,unit-pinger-0,unit-pinger-1,machine-0');
    // Without --parallel the predefined spec's default (parallel) applies.
    const d = call('Run', { commands: 'true', timeout: 1, units: ['pinger/0'] });
    assert.equal(d.actions[0].action.parallel, true);
  });

  it('refuses bad exec targets and nested juju-exec', () => {
    const fails = (params: unknown, code: string, message: string): void =>
      assert.throws(
        () => call('Run', params),
        (err: unknown) => isJujuError(err) && err.code === code && err.message === message,
      );
    fails({ commands: 'x', timeout: 1, machines: ['0/foo'] }, '', 'invalid machine id "0/foo"');
    fails({ commands: 'x', timeout: 1, applications: ['nope'] }, 'not found', 'application "nope" not found');
    fails(
      { commands: 'x', timeout: 1, units: ['lonely/leader'] },
      '',
      'could not determine leader for "lonely"',
    );
    fails(
      { commands: 'juju-exec pinger/0 hostname', timeout: 1, units: ['pinger/0'] },
      'not supported',
      'cannot use "juju-exec pinger/0 hostname" as an action command',
    );
    const unknown = call('Run', { commands: 'x', timeout: 1, units: ['pinger/7'], machines: ['42'] });
    assert.deepEqual(
      unknown.actions.map((e: any) => e.error.message),
      ['unit "pinger/7" not found', 'machine 42 not found'],
    );
  });

  it('runs on every machine', () => {
    const machines = a.f.services.machine.list(a.model).map((m) => `machine-${m.id}`);
    const r = call('RunOnAllMachines', { commands: 'uptime', timeout: 7 });
    assert.deepEqual(
      r.actions.map((e: any) => e.action.receiver),
      machines,
    );
    assert.deepEqual(r.actions[0].action.parameters, { command: 'uptime', timeout: 7 });
  });

  it('needs write access to enqueue and admin access to exec', () => {
    refused('EnqueueOperation', { actions: [{ receiver: 'unit-pinger-0', name: 'ping' }] }, 'reader');
    const ok = call('EnqueueOperation', { actions: [{ receiver: 'unit-pinger-0', name: 'ping' }] }, 'writer');
    assert.equal(ok.actions[0].action.name, 'ping');
    refused('Run', { commands: 'x', timeout: 1, units: ['pinger/0'] }, 'writer');
    refused('RunOnAllMachines', { commands: 'x', timeout: 1 }, 'writer');
    refused('ListOperations', {}, 'nobody');
  });
});
