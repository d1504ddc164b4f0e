/**
 * `juju exec --machine` on a real machine of the local cloud, run by the
 * machine agent's machine-action runner: outputs and return codes, the task
 * timeout, the exec lock of non-parallel commands, `--all`, and agent
 * restarts (a task the agent was running when it died is failed; one queued
 * while it was down runs when it is back).
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument,
   @typescript-eslint/no-explicit-any -- command output is checked key by key. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TestController, type CliRun } from '../helpers/controller-fixture.js';
import { waitFor } from '../helpers/wait.js';

const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const REBOOTER = join(REPO, 'testcharms', 'rebooter');
const asRoot = process.getuid?.() === 0;

function ok(r: CliRun, what: string): CliRun {
  assert.equal(r.code, 0, `${what} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The pid of the `jujud machine` process serving `dataDir` (not its supervising shell). */
function machineAgentPid(dataDir: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (
      argv[1]?.endsWith('jujud.js') &&
      argv[2] === 'machine' &&
      argv[3] === '--data-dir' &&
      argv[4] === dataDir
    ) {
      return Number(entry);
    }
  }
  return undefined;
}

describe('juju exec on machines', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  let dataDir = '';
  const status = async (): Promise<any> =>
    JSON.parse(ok(await c.juju(['status', '--format', 'json']), 'status').stdout);
  const task = async (id: string): Promise<any> =>
    JSON.parse(ok(await c.juju(['show-task', id, '--format', 'json']), 'show-task').stdout);
  /**
   * Enqueues a command on machine 0 and returns its task id without waiting:
   * with `--wait` as the task's timeout, or in the background (no timeout).
   */
  const enqueue = async (command: string[], wait?: string): Promise<string> => {
    const how = wait !== undefined ? ['--verbose', '--wait', wait] : ['--background'];
    const r = await c.juju(['exec', '--machine', '0', ...how, '--', ...command]);
    const id = /- task (\d+) on|with task (\d+)/.exec(r.stderr);
    assert.ok(id, `no task id in:\n${r.stderr}`);
    return (id[1] ?? id[2]) as string;
  };

  before(async () => {
    c = await TestController.bootstrap('mexec');
    ok(await c.juju(['add-model', 'work']), 'add-model');
    ok(await c.juju(['deploy', REBOOTER]), 'deploy');
    const instance = await waitFor(
      'machine 0',
      async () => {
        const m = (await status()).machines?.['0'];
        return m?.['juju-status']?.current === 'started' ? (m['instance-id'] as string) : undefined;
      },
      240_000,
    );
    dataDir = join(c.env.JUJU_LOCAL_ROOT as string, 'machines', instance, 'var/lib/juju');
  });
  after(async () => {
    await c?.destroy();
  });

  it('reports return code, stdout and stderr; a failing command still completes the task', async () => {
    const r = await c.juju([
      'exec',
      '--machine',
      '0',
      '--format',
      'json',
      '--',
      'echo out; echo err >&2; exit 3',
    ]);
    assert.equal(r.code, 1, r.stderr);
    const t = JSON.parse(r.stdout)['0'];
    assert.equal(t.status, 'completed');
    assert.deepEqual(t.results, { 'return-code': 3, stdout: 'out\n', stderr: 'err\n' });
    const quiet = ok(await c.juju(['exec', '--machine', '0', '--format', 'json', '--', 'true']), 'exec true');
    assert.deepEqual(JSON.parse(quiet.stdout)['0'].results, { 'return-code': 0 });
  });

  it('runs inside the machine (its hostname and network namespace)', async () => {
    const r = ok(
      await c.juju(['exec', '--machine', '0', '--', 'hostname; ip -o -4 addr show scope global']),
      'exec',
    );
    const [host, ...addrs] = r.stdout.trim().split('\n');
    const machine = (await status()).machines['0'];
    assert.equal(host, machine.hostname);
    assert.ok(
      addrs.some((l) => l.includes(`${machine['dns-name']}/`)),
      r.stdout,
    );
  });

  it('kills a command that outlives the task timeout', async () => {
    // --wait is also the task timeout: 0.001s kills the command at once.
    const id = await enqueue(['sleep', '30'], '0.001s');
    const t = await waitFor('the task to fail', async () => {
      const v = await task(id);
      return v.status === 'failed' ? v : undefined;
    });
    assert.equal(t.message, 'command cancelled');
  });

  it('takes the exec lock for non-parallel commands', async () => {
    const r = ok(
      await c.juju([
        'exec',
        '--machine',
        '0',
        '--parallel=false',
        '--execution-group',
        'g1',
        '--format',
        'json',
        '--',
        'echo locked',
      ]),
      'exec',
    );
    assert.deepEqual(JSON.parse(r.stdout)['0'].results, { 'return-code': 0, stdout: 'locked\n' });
    const lockLog = readFileSync(join(dataDir, '..', '..', 'log', 'juju', 'machine-lock.log'), 'utf8');
    assert.match(
      lockLog,
      /machine exec command runner \(exec group=g1\) \(action \d+\) acquired the machine lock/,
    );
  });

  it('runs on all machines', async () => {
    const r = ok(await c.juju(['exec', '--all', '--format', 'json', '--', 'echo all']), 'exec --all');
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(doc), ['0']);
    assert.deepEqual(doc['0'].results, { 'return-code': 0, stdout: 'all\n' });
  });

  it('fails what a dead agent was running and runs what was queued meanwhile', async () => {
    // No timeout: only the agent's death ends it.
    const slow = await enqueue(['sleep', '300']);
    await waitFor('the slow task to run', async () =>
      (await task(slow)).status === 'running' ? true : undefined,
    );
    const pid = machineAgentPid(dataDir);
    assert.ok(pid, 'machine agent process found');
    process.kill(pid, 'SIGKILL');
    // Queued while the agent is down (the supervisor restarts it after a second).
    const queued = await enqueue(['echo', 'back']);
    const done = await waitFor('the queued task', async () => {
      const v = await task(queued);
      return v.status === 'completed' ? v : undefined;
    });
    assert.deepEqual(done.results, { 'return-code': 0, stdout: 'back\n' });
    const interrupted = await waitFor('the interrupted task to fail', async () => {
      const v = await task(slow);
      return v.status === 'failed' ? v : undefined;
    });
    assert.equal(interrupted.message, 'action cancelled');
    assert.notEqual(machineAgentPid(dataDir), pid);
  });
});
