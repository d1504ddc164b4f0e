/**
 * The machine lock: holders in one process and in different processes take
 * turns, a lock whose holder process died is taken over, and every hold is
 * recorded in machine-lock.log.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FileMachineLock, machineLockPath } from '../../../src/agent/common/machine-lock.js';

const LOCK_MODULE = fileURLToPath(new URL('../../../src/agent/common/machine-lock.js', import.meta.url));

/** Another process that takes the lock, says `locked`, and releases after `holdMs` (never when -1). */
function holderProcess(
  dataDir: string,
  logDir: string,
  holdMs: number,
): { child: ChildProcess; locked: Promise<void> } {
  const code = `
    import { FileMachineLock } from ${JSON.stringify(LOCK_MODULE)};
    const lock = new FileMachineLock({ dataDir: ${JSON.stringify(dataDir)}, logDir: ${JSON.stringify(logDir)} });
    const release = await lock.acquire('other-process');
    process.stdout.write('locked\\n');
    if (${holdMs} >= 0) setTimeout(() => { release(); process.exit(0); }, ${holdMs});
    else setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (c) => reject(new Error(`holder exited early (${c})`)));
  });
  return { child, locked };
}

describe('machine lock', () => {
  let dir: string;
  let dataDir: string;
  let logDir: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'machine-lock-'));
    dataDir = join(dir, 'var/lib/juju');
    logDir = join(dir, 'var/log/juju');
  });

  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('serialises holders in one process, in order', async () => {
    const lock = new FileMachineLock({ dataDir, logDir });
    const events: string[] = [];
    const hold = async (name: string, ms: number): Promise<void> => {
      const release = await lock.acquire(name);
      events.push(`${name} in`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`${name} out`);
      release();
    };
    await Promise.all([hold('unit-a-0: hook', 50), hold('unit-b-0: hook', 10), hold('unit-c-0: hook', 1)]);
    assert.deepEqual(events, [
      'unit-a-0: hook in',
      'unit-a-0: hook out',
      'unit-b-0: hook in',
      'unit-b-0: hook out',
      'unit-c-0: hook in',
      'unit-c-0: hook out',
    ]);
    assert.equal(existsSync(machineLockPath(dataDir)), false, 'lock file removed after the last release');
    const log = readFileSync(join(logDir, 'machine-lock.log'), 'utf8');
    assert.match(
      log,
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ unit-a-0: hook acquired the machine lock, waited \d+\.\ds$/m,
    );
    assert.match(log, /^\S+ unit-c-0: hook released the machine lock, held \d+\.\ds$/m);
    assert.equal(log.trim().split('\n').length, 6);
  });

  it('releasing twice is harmless', async () => {
    const lock = new FileMachineLock({ dataDir, logDir });
    const release = await lock.acquire('x');
    release();
    release();
    const again = await lock.acquire('y');
    again();
  });

  it('waits for a holder in another process', async () => {
    const other = holderProcess(dataDir, logDir, 300);
    children.push(other.child);
    await other.locked;
    const lock = new FileMachineLock({ dataDir, logDir });
    const started = Date.now();
    const release = await lock.acquire('this-process');
    const waited = Date.now() - started;
    release();
    assert.ok(waited >= 150, `acquired after ${waited} ms while the other process held the lock`);
  });

  it('takes over a lock whose holder died', async () => {
    const other = holderProcess(dataDir, logDir, -1);
    children.push(other.child);
    await other.locked;
    assert.ok(existsSync(machineLockPath(dataDir)));
    const lock = new FileMachineLock({ dataDir, logDir });
    let acquired = false;
    const pending = lock.acquire('survivor').then((release) => {
      acquired = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(acquired, false, 'the lock is held while its holder lives');
    const exited = new Promise((r) => other.child.once('exit', r));
    other.child.kill('SIGKILL');
    await exited;
    const release = await pending;
    release();
    assert.equal(existsSync(machineLockPath(dataDir)), false);
  });
});
