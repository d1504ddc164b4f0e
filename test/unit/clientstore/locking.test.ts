/**
 * Crash safety and cross-process locking, with real child processes: a writer
 * killed before its rename leaves the old file intact; concurrent writers lose
 * no update; locks of dead processes are broken; a live holder makes others
 * wait and then fail with a clear error.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { ClientStore } from '../../../src/clientstore/index.js';
import { ErrorCode, JujuError } from '../../../src/core/errors.js';
import { controller, deadPid, runChild, startChild, tempRoot } from './helpers.js';

let env: ReturnType<typeof tempRoot>;
let store: ClientStore;
beforeEach(() => {
  env = tempRoot();
  store = new ClientStore(env.dataDir);
});
afterEach(() => env.cleanup());

describe('atomic writes', () => {
  it('a writer killed before the rename leaves the old file whole, and its leftovers are cleaned up', async () => {
    store.updateAccount('ctrl', { user: 'admin', password: 'old-password' });
    const before = readFileSync(store.path('accounts.yaml'), 'utf8');

    const result = await runChild({ op: 'crash-before-rename', dir: env.dataDir });
    assert.equal(result.signal, 'SIGKILL', result.stderr);

    assert.equal(readFileSync(store.path('accounts.yaml'), 'utf8'), before);
    assert.equal(store.accountDetails('ctrl').password, 'old-password');
    const leftovers = readdirSync(env.dataDir).filter((n) => n !== 'accounts.yaml');
    assert.ok(
      leftovers.some((n) => n.startsWith('.accounts.yaml.tmp-')),
      `temp file of the dead writer: ${leftovers.join(',')}`,
    );
    assert.ok(leftovers.includes('store.lock'), 'the dead writer still "holds" the lock');

    // The next change breaks the dead writer's lock at once and sweeps its temp file.
    const started = Date.now();
    store.updateAccount('ctrl', { user: 'admin', password: 'newer' });
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(readdirSync(env.dataDir), ['accounts.yaml']);
    assert.equal(store.accountDetails('ctrl').password, 'newer');
  });
});

describe('cross-process lock', () => {
  it('concurrent processes lose no update', async () => {
    store.addController('ctrl', controller('u1', { machineCount: 0 }));
    const workers = 6;
    const count = 20;
    const results = await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        runChild({ op: 'hammer', dir: env.dataDir, id: `w${i}`, count }),
      ),
    );
    for (const r of results) assert.equal(r.code, 0, r.stderr);

    assert.equal(Object.keys(store.allModels('ctrl')).length, workers * count);
    assert.equal(Object.keys(store.credentialsForCloud('shared').credentials).length, workers * count);
    assert.equal(store.controllerByName('ctrl').machineCount, workers * count);
    assert.deepEqual(readdirSync(env.dataDir).sort(), [
      'controllers.yaml',
      'credentials.yaml',
      'models.yaml',
    ]);
  });

  it('breaks a lock left by a dead process', async () => {
    const pid = await deadPid();
    store.updateAccount('ctrl', { user: 'admin' });
    writeFileSync(store.path('store.lock'), JSON.stringify({ pid, operation: 'update model', token: 'x' }));
    store.updateAccount('ctrl', { user: 'bob' });
    assert.equal(store.accountDetails('ctrl').user, 'bob');
    assert.equal(existsSync(store.path('store.lock')), false);
  });

  it('breaks an unreadable lock file once it is old', () => {
    store.updateAccount('ctrl', { user: 'admin' });
    writeFileSync(store.path('store.lock'), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(store.path('store.lock'), old, old);
    store.updateAccount('ctrl', { user: 'bob' });
    assert.equal(store.accountDetails('ctrl').user, 'bob');
  });

  it('waits for a live holder, then fails with an error naming it', async () => {
    store.updateAccount('ctrl', { user: 'admin' });
    let markReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const holder = startChild({ op: 'hold-lock', dir: env.dataDir, holdMs: 3000 }, (out) => {
      if (out.includes('ready')) markReady();
    });
    try {
      await ready;
      const impatient = new ClientStore(env.dataDir, { lockTimeoutMs: 300 });
      const started = Date.now();
      assert.throws(
        () => impatient.updateAccount('ctrl', { user: 'bob' }),
        (err: unknown) => {
          assert.ok(err instanceof JujuError);
          assert.equal(err.code, ErrorCode.TryAgain);
          assert.equal(
            err.message,
            `cannot acquire lock file to update account for controller ctrl: ${store.path('store.lock')} is held by process ${holder.pid} (hold lock); gave up after 0.3s`,
          );
          return true;
        },
      );
      assert.ok(Date.now() - started >= 300);
      // Reads never wait for the lock.
      assert.equal(impatient.accountDetails('ctrl').user, 'admin');
      // A patient writer gets through once the holder finishes.
      const patient = new ClientStore(env.dataDir, { lockTimeoutMs: 10_000 });
      patient.updateAccount('ctrl', { user: 'carol' });
      assert.equal(patient.accountDetails('ctrl').user, 'carol');
      const result = await holder.done;
      assert.equal(result.code, 0, result.stderr);
    } finally {
      try {
        process.kill(holder.pid, 'SIGKILL');
      } catch {
        // already exited
      }
      await holder.done;
    }
  });
});
