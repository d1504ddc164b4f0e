/**
 * `juju-reboot` on a real machine of the local cloud, where a reboot means
 * the machine agent stops every unit agent on the machine and starts them
 * (and itself) again: units then run `start` once more. Uses
 * ./testcharms/rebooter (config `reboot=after-<x>` or `now-<x>`), two
 * applications on one machine, and checks that `juju-reboot` reboots after
 * the hook committed while `juju-reboot --now` kills the hook and runs it
 * again after the reboot. `juju exec --machine` works afterwards.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-explicit-any -- status JSON is checked key by key. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

function lines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
  } catch {
    return [];
  }
}

describe('juju-reboot on a local machine', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  let dataDir = '';
  const unitDir = (app: string): string => join(dataDir, 'agents', `unit-${app}-0`);
  const starts = (app: string): number => Number(lines(join(unitDir(app), 'starts'))[0] ?? '0');
  const status = async (): Promise<any> =>
    JSON.parse(ok(await c.juju(['status', '--format', 'json']), 'status').stdout);
  /** Both units idle with the expected number of starts. */
  const settled = async (n: number): Promise<true | undefined> => {
    if (starts('rebooter') !== n || starts('other') !== n) return undefined;
    const s = await status();
    for (const app of ['rebooter', 'other']) {
      const u = s.applications?.[app]?.units?.[`${app}/0`];
      if (u?.['juju-status']?.current !== 'idle') return undefined;
    }
    return true;
  };
  /** Machine agent log lines (its stdout) about reboots. */
  const rebootLines = (): string[] =>
    lines(join(dataDir, '..', '..', '..', 'agent.log')).filter((l) => l.includes('juju.worker.reboot'));
  const diagnose = (err: unknown): Error => {
    const agentLog = lines(join(dataDir, '..', '..', '..', 'agent.log'))
      .slice(-30)
      .join('\n');
    const machineLog = lines(join(dataDir, '..', '..', 'log', 'juju', 'machine-0.log'))
      .slice(-40)
      .join('\n');
    return new Error(
      `${(err as Error).message}\nrebooter hooks.log: ${lines(join(unitDir('rebooter'), 'hooks.log')).join(', ')}\n` +
        `other hooks.log: ${lines(join(unitDir('other'), 'hooks.log')).join(', ')}\n` +
        `machine-0.log:\n${machineLog}\nagent.log:\n${agentLog}`,
    );
  };

  before(async () => {
    c = await TestController.bootstrap('reboot');
    ok(await c.juju(['add-model', 'work']), 'add-model');
    ok(await c.juju(['deploy', REBOOTER]), 'deploy rebooter');
    ok(await c.juju(['deploy', REBOOTER, 'other', '--to', '0']), 'deploy other');
    const instance = await waitFor('machine 0', async () => {
      const m = (await status()).machines?.['0'];
      return m?.['juju-status']?.current === 'started' ? (m['instance-id'] as string) : undefined;
    });
    dataDir = join(c.env.JUJU_LOCAL_ROOT as string, 'machines', instance, 'var/lib/juju');
    try {
      await waitFor('both units started once', () => settled(1), 240_000);
    } catch (err) {
      throw diagnose(err);
    }
  });
  after(async () => {
    await c?.destroy();
  });

  it('reboots after the hook committed and runs start again on every unit', async () => {
    ok(await c.juju(['config', 'rebooter', 'reboot=after-1']), 'config');
    try {
      await waitFor('start after the reboot', () => settled(2));
    } catch (err) {
      throw diagnose(err);
    }
    assert.deepEqual(lines(join(unitDir('rebooter'), 'rebooter.trace')), ['after-1 before', 'after-1 after']);
    const reboots = rebootLines();
    assert.equal(
      reboots.filter((l) => l.includes('rebooter/0 requested a machine reboot')).length,
      1,
      reboots.join('\n'),
    );
    assert.equal(reboots.filter((l) => l.includes('rebooting the machine')).length, 1, reboots.join('\n'));
    assert.deepEqual(lines(join(unitDir('rebooter'), 'hooks.log')).slice(-2), ['config-changed', 'start']);
    assert.equal(lines(join(unitDir('other'), 'hooks.log')).at(-1), 'start');
    const s = await status();
    assert.equal(s.applications.rebooter.units['rebooter/0']['workload-status'].message, 'started 2 times');
  });

  it('with --now kills the hook, reboots, and runs the hook again before start', async () => {
    ok(await c.juju(['config', 'rebooter', 'reboot=now-1']), 'config');
    try {
      await waitFor('start after the reboot', () => settled(3));
    } catch (err) {
      throw diagnose(err);
    }
    assert.deepEqual(lines(join(unitDir('rebooter'), 'rebooter.trace')).slice(2), [
      'now-1 before',
      'now-1 resumed',
    ]);
    assert.deepEqual(lines(join(unitDir('rebooter'), 'hooks.log')).slice(-3), [
      'config-changed',
      'config-changed',
      'start',
    ]);
    assert.equal(starts('other'), 3);
    assert.equal(rebootLines().filter((l) => l.includes('rebooting the machine')).length, 2);
  });

  it('still runs commands on the machine after the reboots', async () => {
    const r = ok(
      await c.juju([
        'exec',
        '--machine',
        '0',
        '--format',
        'json',
        '--',
        'cat',
        join(unitDir('rebooter'), 'starts'),
      ]),
      'exec',
    );
    assert.deepEqual(JSON.parse(r.stdout)['0'].results, { 'return-code': 0, stdout: '3\n' });
  });
});
