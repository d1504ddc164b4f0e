/**
 * Crash recovery of unit agents on a real machine: the machine agent (which
 * runs the unit agents) is killed with SIGKILL while a hook sleeps; the
 * supervisor restarts it, the hook runs again from the start, completes
 * once, and what the interrupted run buffered (relation-set, state-set,
 * open-port) never reaches the controller.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestController } from '../helpers/controller-fixture.js';
import { waitFor } from '../helpers/wait.js';

const asRoot = process.getuid?.() === 0;

/** peer-relation-created writes buffered changes, then sleeps on its first run only. */
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
      'if [ "$n" = 1 ]; then echo "$$" > "$UNIT_DIR/leaky.running"; sleep 120; fi\n' +
      'echo "peer-relation-created done" >> "$UNIT_DIR/leaky.done"\n',
    { mode: 0o755 },
  );
  writeFileSync(
    join(dir, 'hooks', 'start'),
    prologue +
      trace +
      'relation-get --format=json -r "$(relation-ids peer)" - "$JUJU_UNIT_NAME" > "$UNIT_DIR/peer-settings.json"\n' +
      'state-get --format=json > "$UNIT_DIR/charm-state.json"\n' +
      'opened-ports --format=json > "$UNIT_DIR/opened-ports.json"\n' +
      'status-set active started\n',
    { mode: 0o755 },
  );
}

function lines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
  } catch {
    return [];
  }
}

/** The pid of the `jujud machine` process serving `dataDir`. */
function machineAgentPid(dataDir: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    // The agent itself, not the supervising shell (whose arguments name it too).
    if (
      argv[1]?.endsWith('jujud.js') &&
      argv[2] === 'machine' &&
      argv[3] === '--data-dir' &&
      argv[4] === dataDir
    )
      return Number(entry);
  }
  return undefined;
}

describe('unit agent crash recovery on a real machine', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  let charmDir = '';

  before(async () => {
    c = await TestController.bootstrap('unitcrash');
    const r = await c.juju(['add-model', 'work']);
    assert.equal(r.code, 0, r.stderr);
    charmDir = mkdtempSync(join(tmpdir(), 'leaky-'));
    writeLeakyCharm(charmDir);
  });
  after(async () => {
    await c?.destroy();
    if (charmDir) rmSync(charmDir, { recursive: true, force: true });
  });

  it('re-runs the interrupted hook after SIGKILL and never commits its buffered changes', async () => {
    const dep = await c.juju(['deploy', charmDir]);
    assert.equal(dep.code, 0, dep.stderr);
    const instance = await waitFor('the machine', async () => {
      const r = await c.juju(['status', '--format=json']);
      const s = JSON.parse(r.stdout) as {
        machines: Record<string, { 'instance-id'?: string; 'juju-status'?: { current: string } }>;
      };
      const m = s.machines['0'];
      return m?.['juju-status']?.current === 'started' ? m['instance-id'] : undefined;
    });
    assert.ok(instance);
    const dataDir = join(c.env.JUJU_LOCAL_ROOT as string, 'machines', instance, 'var/lib/juju');
    const unitDir = join(dataDir, 'agents', 'unit-leaky-0');
    await waitFor(
      'the slow hook',
      () => (lines(join(unitDir, 'leaky.running')).length > 0 ? true : undefined),
      90_000,
    );
    const pid = machineAgentPid(dataDir);
    assert.ok(pid, 'machine agent process found');
    process.kill(pid, 'SIGKILL');

    try {
      await waitFor(
        'start after the restart',
        () => (lines(join(unitDir, 'hooks.log')).includes('start - -') ? true : undefined),
        90_000,
      );
    } catch (err) {
      const agentLog = lines(join(dataDir, '..', '..', '..', 'agent.log'))
        .slice(-40)
        .join('\n');
      throw new Error(
        `${(err as Error).message}\nkilled ${pid}; hooks.log:\n${lines(join(unitDir, 'hooks.log')).join('\n')}\nagent.log:\n${agentLog}`,
      );
    }
    assert.notEqual(machineAgentPid(dataDir), pid, 'the machine agent was restarted');
    assert.deepEqual(lines(join(unitDir, 'hooks.log')), [
      'install - -',
      'peer-relation-created - peer:0',
      'peer-relation-created - peer:0',
      'start - -',
    ]);
    assert.deepEqual(lines(join(unitDir, 'leaky.done')), ['peer-relation-created done']);
    await waitFor('start to finish', () =>
      lines(join(unitDir, 'opened-ports.json')).length > 0 ? true : undefined,
    );
    const settings = JSON.parse(readFileSync(join(unitDir, 'peer-settings.json'), 'utf8')) as Record<
      string,
      string
    >;
    assert.equal(settings['attempt-2'], 'yes');
    assert.equal(settings['attempt-1'], undefined, 'the killed run never committed its relation-set');
    assert.deepEqual(JSON.parse(readFileSync(join(unitDir, 'charm-state.json'), 'utf8')), {
      'state-attempt-2': 'yes',
    });
    assert.deepEqual(JSON.parse(readFileSync(join(unitDir, 'opened-ports.json'), 'utf8')), ['9002/tcp']);
  });
});
