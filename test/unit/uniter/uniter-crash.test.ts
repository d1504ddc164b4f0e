/**
 * Crash recovery (charm-contract §2.7, §8): the unit agent runs in a child
 * process that is killed with SIGKILL in the middle of a hook. On restart the
 * orphaned hook process is killed, the hook runs again from the start, and
 * nothing the interrupted run buffered (relation-set, state-set, open-port)
 * ever reaches the controller. A clean stop re-queues the hook instead.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Harness, waitFor } from './harness.js';

/** A charm whose peer-relation-created writes buffered changes, then sleeps on its first run only. */
function writeLeakyCharm(dir: string): void {
  mkdirSync(join(dir, 'hooks'), { recursive: true });
  writeFileSync(
    join(dir, 'metadata.yaml'),
    'name: leaky\nsummary: crash test charm\ndescription: crash test charm\npeers:\n  peer:\n    interface: leaky-peer\n',
  );
  const prologue = '#!/bin/bash\nset -eu\nUNIT_DIR="$(dirname "$CHARM_DIR")"\n';
  const trace =
    'echo "$JUJU_HOOK_NAME ${JUJU_REMOTE_UNIT:--} ${JUJU_RELATION_ID:--}" >> "$UNIT_DIR/hooks.log"\n';
  writeFileSync(join(dir, 'hooks', 'install'), prologue + trace, { mode: 0o755 });
  writeFileSync(
    join(dir, 'hooks', 'peer-relation-created'),
    prologue +
      trace +
      'n=$(grep -c "^peer-relation-created" "$UNIT_DIR/hooks.log")\n' +
      'relation-set "attempt-$n=yes"\n' +
      'state-set "state-attempt-$n=yes"\n' +
      'open-port "$((9000 + n))/tcp"\n' +
      'if [ "$n" = 1 ]; then echo "$$" > "$UNIT_DIR/leaky.running"; sleep 60; fi\n' +
      'echo "peer-relation-created done" >> "$UNIT_DIR/leaky.done"\n',
    { mode: 0o755 },
  );
  writeFileSync(join(dir, 'hooks', 'start'), prologue + trace, { mode: 0o755 });
}

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
  } catch {
    return [];
  }
}

/** Running (a zombie left to an init that does not reap counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

describe('uniter: killed with SIGKILL mid-hook', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
  });
  after(async () => {
    await h?.close();
  });

  it('re-runs the hook, and the interrupted run never commits its changes', async () => {
    const charm = join(h.root, 'leaky');
    writeLeakyCharm(charm);
    await h.deploy('leaky', charm);
    const unitDir = join(h.dataDir, 'agents', 'unit-leaky-0');
    const first = h.spawnUnit('leaky/0');
    const hookPid = await waitFor('the slow hook', () => {
      const text = readLines(join(unitDir, 'leaky.running'))[0];
      return text === undefined ? undefined : Number(text);
    });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    // Nothing of the interrupted hook reached the controller.
    const rel = h.services.relation.forApplication(h.modelUuid, 'leaky')[0];
    assert.ok(rel);
    assert.deepEqual(
      Object.keys(h.services.relation.unitSettings(h.modelUuid, rel.id, 'leaky/0').settings).sort(),
      ['egress-subnets', 'ingress-address', 'private-address'],
    );
    assert.deepEqual(h.services.unitState.charmState(h.modelUuid, 'leaky/0'), {});
    assert.deepEqual(h.services.unitState.openedPorts(h.modelUuid, 'leaky/0'), []);
    assert.ok(alive(hookPid), 'the orphaned hook is still running before the agent restarts');

    h.spawnUnit('leaky/0');
    await waitFor(
      'start after the re-run',
      () => (h.hooks('leaky/0').includes('start - -') ? true : undefined),
      30_000,
    );
    assert.equal(alive(hookPid), false, 'the restarted agent killed the orphan');
    assert.deepEqual(h.hooks('leaky/0'), [
      'install - -',
      'peer-relation-created - peer:0',
      'peer-relation-created - peer:0',
      'start - -',
    ]);
    assert.deepEqual(readLines(join(unitDir, 'leaky.done')), ['peer-relation-created done']);
    const settings = h.services.relation.unitSettings(h.modelUuid, rel.id, 'leaky/0').settings;
    assert.equal(settings['attempt-2'], 'yes');
    assert.equal(settings['attempt-1'], undefined);
    assert.deepEqual(h.services.unitState.charmState(h.modelUuid, 'leaky/0'), { 'state-attempt-2': 'yes' });
    assert.deepEqual(
      h.services.unitState.openedPorts(h.modelUuid, 'leaky/0').map((p) => p.fromPort),
      [9002],
    );
    // The restart treated the interrupted hook as failed, then retried it.
    const log = readLines(h.childLogPath('leaky/0')).join('\n');
    assert.match(log, /killed process \d+ left running by a previous agent/);
    assert.match(log, /awaiting error resolution for "peer-relation-created" hook/);
  });
});

describe('uniter: slowhook install interrupted', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
  });
  after(async () => {
    await h?.close();
  });

  it('runs install again after a SIGKILL of the agent; it completes once', async () => {
    await h.deploy('slow', 'testcharms/slowhook', 1, { sleep: '30', 'sleep-hooks': 'install' });
    const unitDir = join(h.dataDir, 'agents', 'unit-slow-0');
    const agent = h.spawnUnit('slow/0');
    await waitFor('install sleeping', () =>
      readLines(join(unitDir, 'slowhook.running')).length > 0 ? true : undefined,
    );
    agent.kill('SIGKILL');
    await new Promise((r) => agent.once('exit', r));
    // Let the re-run be quick.
    await h.admin.call('Application', 'SetConfigs', {
      Args: [{ application: 'slow', config: { sleep: '0' } }],
    });
    h.spawnUnit('slow/0');
    await waitFor('start', () => (h.hooks('slow/0').includes('start - -') ? true : undefined), 30_000);
    assert.deepEqual(h.hooks('slow/0').slice(0, 2), ['install - -', 'install - -']);
    assert.deepEqual(
      readLines(join(unitDir, 'slowhook.done')).filter((l) => l.startsWith('install')),
      ['install done'],
    );
  });

  it('re-queues a hook interrupted by a clean stop, without an error', async () => {
    const unitDir = join(h.dataDir, 'agents', 'unit-slow-0');
    await h.admin.call('Application', 'SetConfigs', {
      Args: [{ application: 'slow', config: { sleep: '30', 'sleep-hooks': 'config-changed' } }],
    });
    await waitFor('config-changed sleeping', () =>
      readLines(join(unitDir, 'slowhook.running'))[0]?.startsWith('config-changed') ? true : undefined,
    );
    const running = h.children[h.children.length - 1];
    assert.ok(running);
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGTERM');
    await exited;
    const runs = h.hooks('slow/0').filter((l) => l === 'config-changed - -').length;
    const state = JSON.parse(readFileSync(join(unitDir, 'state', 'uniter.json'), 'utf8')) as {
      op: { kind: string; step?: string; hook?: { kind: string } };
    };
    assert.deepEqual(
      [state.op.kind, state.op.step, state.op.hook?.kind],
      ['run-hook', 'queued', 'config-changed'],
    );
    await h.admin.call('Application', 'SetConfigs', {
      Args: [{ application: 'slow', config: { sleep: '0' } }],
    });
    h.spawnUnit('slow/0');
    await waitFor('config-changed to run again at once', () =>
      h.hooks('slow/0').filter((l) => l === 'config-changed - -').length > runs ? true : undefined,
    );
    await waitFor('idle', () =>
      h.services.application.unit(h.modelUuid, 'slow/0').agentStatus.status === 'idle' ? true : undefined,
    );
    const log = readLines(h.childLogPath('slow/0')).join('\n');
    assert.match(log, /"config-changed" hook interrupted; it will run again/);
    assert.doesNotMatch(log.slice(log.lastIndexOf('interrupted')), /awaiting error resolution/);
  });
});
