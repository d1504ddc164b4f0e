/**
 * Hook errors with real unit agents (in-process controller): the error
 * status, automatic retry with back-off, `resolved` (retry) and
 * `resolved --no-retry` (skip), actions while in error, and that a failed
 * hook's relation-set/open-port never reach the controller.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Harness, waitFor } from './harness.js';

async function setConfig(h: Harness, app: string, config: Record<string, string>): Promise<void> {
  const res = await h.admin.call<{ results: { error?: { message: string } }[] }>(
    'Application',
    'SetConfigs',
    {
      Args: [{ application: app, config }],
    },
  );
  assert.equal(res.results[0]?.error, undefined);
}

async function resolve(h: Harness, unit: string, retry: boolean): Promise<void> {
  const res = await h.admin.call<{ results: { error?: { message: string } }[] }>(
    'Application',
    'ResolveUnitErrors',
    {
      entities: [{ tag: `unit-${unit.replace('/', '-')}` }],
      retry,
    },
  );
  assert.equal(res.results[0]?.error, undefined, JSON.stringify(res.results[0]?.error));
}

const count = (h: Harness, unit: string, line: string): number =>
  h.hooks(unit).filter((l) => l === line).length;

describe('uniter: a failing install retried automatically', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
  });
  after(async () => {
    await h?.close();
  });

  it('sets the error status, retries with back-off, and carries on once the hook passes', async () => {
    await h.deploy('ponger', 'charms/ponger', 1, { 'fail-hook': 'install' });
    h.startUnit('ponger/0');
    const failed = await waitFor('the install error', () => {
      const u = h.services.application.unit(h.modelUuid, 'ponger/0');
      return u.agentStatus.status === 'error' ? u : undefined;
    });
    assert.equal(failed.agentStatus.info, 'hook failed: "install"');
    assert.deepEqual(failed.agentStatus.data, { hook: 'install' });
    assert.equal(failed.workloadStatus.status, 'maintenance');
    await waitFor('a retry', () => (count(h, 'ponger/0', 'install - -') >= 2 ? true : undefined));
    await setConfig(h, 'ponger', { 'fail-hook': '' });
    await waitFor('start', () => (h.hooks('ponger/0').includes('start - -') ? true : undefined), 30_000);
    const hooks = h.hooks('ponger/0').filter((l) => l !== 'install - -');
    assert.deepEqual(hooks, [
      'cluster-relation-created - cluster:0',
      'leader-elected - -',
      'config-changed - -',
      'start - -',
    ]);
    // The port of a failed install was never opened; the one of config-changed is.
    await waitFor('idle', () =>
      h.services.application.unit(h.modelUuid, 'ponger/0').agentStatus.status === 'idle' ? true : undefined,
    );
    assert.deepEqual(
      h.services.unitState.openedPorts(h.modelUuid, 'ponger/0').map((p) => `${p.fromPort}/${p.protocol}`),
      ['8080/tcp'],
    );
  });
});

describe('uniter: resolved with automatic retry off', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
    h.services.modelConfig.set(h.modelUuid, { 'automatically-retry-hooks': false });
    await h.deploy('ponger', 'charms/ponger');
    h.startUnit('ponger/0');
    await waitFor('start', () => (h.hooks('ponger/0').includes('start - -') ? true : undefined));
    await setConfig(h, 'ponger', { 'fail-hook': 'config-changed' });
    await waitFor('the config-changed error', () =>
      h.services.application.unit(h.modelUuid, 'ponger/0').agentStatus.status === 'error' ? true : undefined,
    );
  });
  after(async () => {
    await h?.close();
  });

  it('does not retry on its own', async () => {
    const n = count(h, 'ponger/0', 'config-changed - -');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(count(h, 'ponger/0', 'config-changed - -'), n);
  });

  it('runs actions while the hook is in error', async () => {
    const res = await h.admin.call<{ actions: { action?: { tag: string } }[] }>(
      'Action',
      'EnqueueOperation',
      {
        actions: [{ tag: '', receiver: 'unit-ponger-0', name: 'list-pings', parameters: {} }],
      },
    );
    const id = (res.actions[0]?.action?.tag ?? '').replace(/^action-/, '');
    const task = await waitFor('the task', () => {
      const t = h.services.operation.getTask(h.modelUuid, id);
      return t.status === 'completed' || t.status === 'failed' ? t : undefined;
    });
    assert.equal(task.status, 'completed', task.message);
    assert.equal(task.results.count, '0');
    // Back in error afterwards.
    await waitFor('error again', () =>
      h.services.application.unit(h.modelUuid, 'ponger/0').agentStatus.status === 'error' ? true : undefined,
    );
  });

  it('retries on `resolved`', async () => {
    const n = count(h, 'ponger/0', 'config-changed - -');
    await resolve(h, 'ponger/0', true);
    await waitFor('the retry', () =>
      count(h, 'ponger/0', 'config-changed - -') === n + 1 ? true : undefined,
    );
    await waitFor('error again', () => {
      const u = h.services.application.unit(h.modelUuid, 'ponger/0');
      return u.agentStatus.status === 'error' && u.resolved === '' ? true : undefined;
    });
  });

  it('skips the hook on `resolved --no-retry`', async () => {
    const n = count(h, 'ponger/0', 'config-changed - -');
    await resolve(h, 'ponger/0', false);
    await waitFor('idle', () => {
      const u = h.services.application.unit(h.modelUuid, 'ponger/0');
      return u.agentStatus.status === 'idle' && u.resolved === '' ? true : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(count(h, 'ponger/0', 'config-changed - -'), n, 'the skipped hook is not run again');
  });
});

describe('uniter: cancelling a running action', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
    await h.deploy('slow', 'testcharms/slowhook');
    h.startUnit('slow/0');
    await waitFor('start', () => (h.hooks('slow/0').includes('start - -') ? true : undefined));
  });
  after(async () => {
    await h?.close();
  });

  it('kills the action process and reports it aborted, with its log so far', async () => {
    const res = await h.admin.call<{ actions: { action?: { tag: string } }[] }>(
      'Action',
      'EnqueueOperation',
      {
        actions: [{ tag: '', receiver: 'unit-slow-0', name: 'nap', parameters: { seconds: 30 } }],
      },
    );
    const tag = res.actions[0]?.action?.tag ?? '';
    const id = tag.replace(/^action-/, '');
    await waitFor('a first log line', () =>
      h.services.operation.getTask(h.modelUuid, id).log.length > 0 ? true : undefined,
    );
    await h.admin.call('Action', 'Cancel', { entities: [{ tag }] });
    const task = await waitFor('the task to end', () => {
      const t = h.services.operation.getTask(h.modelUuid, id);
      return t.status === 'aborted' || t.status === 'completed' || t.status === 'failed' ? t : undefined;
    });
    assert.equal(task.status, 'aborted');
    assert.equal(task.log[0]?.message, 'slept 1s of 30s');
    await waitFor('idle', () =>
      h.services.application.unit(h.modelUuid, 'slow/0').agentStatus.status === 'idle' ? true : undefined,
    );
  });
});
