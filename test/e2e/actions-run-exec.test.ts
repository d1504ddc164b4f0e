/**
 * Actions and exec on a real controller (local cloud) with real agents:
 * ./charms/pinger related to ./charms/ponger, `juju run pinger/0 ping` in the
 * formats jubilant reads, app/leader, the failure and timeout rules, unknown
 * units, then `juju exec` on a unit and on a machine, and the task and
 * operation views. Skipped when the unit agent never comes up.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-argument,
   @typescript-eslint/no-explicit-any -- command output is checked key by key as jubilant reads it. */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it, type TestContext } from 'node:test';

import { TestController, type CliRun } from '../helpers/controller-fixture.js';

const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const PINGER = join(REPO, 'charms', 'pinger');
const PONGER = join(REPO, 'charms', 'ponger');
const asRoot = process.getuid?.() === 0;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function ok(r: CliRun, what: string): CliRun {
  assert.equal(r.code, 0, `${what} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe('juju run and juju exec with real agents', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  let skipReason: string | false = false;
  const ready = (t: TestContext): boolean => {
    if (skipReason !== false) t.skip(skipReason);
    return skipReason === false;
  };
  const status = async (): Promise<any> =>
    JSON.parse(ok(await c.juju(['status', '--format', 'json']), 'status').stdout);

  before(async () => {
    c = await TestController.bootstrap('acts');
    ok(await c.juju(['add-model', 'work']), 'add-model');
    ok(await c.juju(['deploy', PINGER]), 'deploy pinger');
    ok(await c.juju(['deploy', PONGER]), 'deploy ponger');
    ok(await c.juju(['integrate', 'pinger', 'ponger']), 'integrate');
    // The pinger goes active once a ponger answered: then `ping` has something to report.
    const deadline = Date.now() + 240_000;
    let last = '';
    for (;;) {
      const s = await status().catch(() => undefined);
      const unit = s?.applications?.pinger?.units?.['pinger/0'];
      last = JSON.stringify(unit ?? s ?? null);
      if (unit?.['workload-status']?.current === 'active' && unit?.['juju-status']?.current === 'idle') break;
      if (Date.now() > deadline) {
        skipReason = `pinger/0 never became active/idle: ${last}`;
        break;
      }
      await sleep(1000);
    }
  });
  after(async () => {
    await c?.destroy();
  });

  it('runs ping and prints JSON as jubilant reads it', async (t) => {
    if (!ready(t)) return;
    const r = await c.juju([
      'run',
      '--model',
      'work',
      '--format',
      'json',
      'pinger/0',
      'ping',
      'count=2',
      '--wait',
      '60.0s',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    const [key, task] = Object.entries<any>(doc)[0] as [string, any];
    assert.equal(key, 'pinger/0');
    assert.equal(typeof task.id, 'string');
    assert.equal(task.status, 'completed');
    assert.equal(task.results['return-code'], 0);
    assert.equal(task.results.count, '2');
    assert.match(task.results.pong, /ponger\/0/);
    assert.equal(task.log.length, 2);
    assert.match(task.log[0], / ping 1\/2: pong from /);
    assert.match(r.stderr, /Waiting for task \d+\.\.\.\n\d\d:\d\d:\d\d ping 1\/2: pong from /);
  });

  it('prints the charm’s results in plain format and resolves app/leader', async (t) => {
    if (!ready(t)) return;
    const r = await c.juju(['run', 'pinger/leader', 'ping']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^address: \S+\ncount: "1"\npong: ponger\/0\n\n$/);
    const json = JSON.parse(
      ok(await c.juju(['run', 'pinger/leader', 'ping', '--format', 'json']), 'run').stdout,
    );
    assert.deepEqual(Object.keys(json), ['pinger/0']);
  });

  it('exits 0 with empty stdout when nothing can be scheduled, and times out', async (t) => {
    if (!ready(t)) return;
    const unknown = await c.juju(['run', 'pinger/42', 'ping', '--format', 'json']);
    assert.equal(unknown.code, 0);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /unit "pinger\/42" not found/);
    const undefinedAction = await c.juju(['run', 'pinger/0', 'pong', '--format', 'json']);
    assert.equal(undefinedAction.code, 0);
    assert.equal(undefinedAction.stdout, '');
    assert.match(undefinedAction.stderr, /action "pong" not defined on unit "pinger\/0"/);
    const timeout = await c.juju(['run', 'pinger/0', 'ping', '--format', 'json', '--wait', '0.001s']);
    assert.equal(timeout.code, 1);
    assert.equal(timeout.stdout, '');
    assert.match(timeout.stderr, /ERROR timed out waiting for results from: unit pinger\/0\n$/);
  });

  it('shows tasks and operations', async (t) => {
    if (!ready(t)) return;
    const r = ok(await c.juju(['run', 'pinger/0', 'ping']), 'run');
    const task = /- task (\d+) on/.exec(r.stderr)?.[1] ?? '';
    const op = /Running operation (\d+)/.exec(r.stderr)?.[1] ?? '';
    const shown = JSON.parse(ok(await c.juju(['show-task', task, '--format', 'json']), 'show-task').stdout);
    assert.equal(shown.status, 'completed');
    assert.equal(shown.unit, 'pinger/0');
    const operation = ok(await c.juju(['show-operation', op]), 'show-operation').stdout;
    assert.match(operation, /^summary: ping run on unit-pinger-0\nstatus: completed\n/);
    const list = ok(await c.juju(['operations']), 'operations').stdout;
    assert.match(list, new RegExp(`\\b${op} +completed +\\S+ +\\S+ +${task} +ping run on unit-pinger-0\\n`));
  });

  it('executes a command on a unit', async (t) => {
    if (!ready(t)) return;
    const plain = await c.juju(['exec', '--unit', 'pinger/0', '--', 'echo', 'hi']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stdout, 'hi\n');
    const json = await c.juju([
      'exec',
      '--model',
      'work',
      '--format',
      'json',
      '--unit',
      'pinger/0',
      '--wait',
      '60.0s',
      '--',
      'echo',
      'foo',
    ]);
    assert.equal(json.code, 0, json.stderr);
    const task = JSON.parse(json.stdout)['pinger/0'];
    assert.equal(task.status, 'completed');
    assert.deepEqual(task.results, { 'return-code': 0, stdout: 'foo\n' });
    const failing = await c.juju(['exec', '--format', 'json', '--unit', 'pinger/0', '--', 'sleep', 'x']);
    assert.equal(failing.code, 1);
    assert.match(failing.stderr, /task failed/);
    const results = JSON.parse(failing.stdout)['pinger/0'].results;
    assert.notEqual(results['return-code'], 0);
    assert.match(results.stderr, /invalid time/);
  });

  it('executes a command on a machine', async (t) => {
    if (!ready(t)) return;
    const machine = (await status()).applications.pinger.units['pinger/0'].machine as string;
    const r = await c.juju([
      'exec',
      '--machine',
      machine,
      '--format',
      'json',
      '--wait',
      '60s',
      '--',
      'echo',
      'hi',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const task = JSON.parse(r.stdout)[machine];
    assert.equal(task.machine, machine);
    assert.deepEqual(task.results, { 'return-code': 0, stdout: 'hi\n' });
  });
});
