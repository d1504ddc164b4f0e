/**
 * Unit agents end to end on a real controller and real machines (network
 * namespaces): `juju deploy` of hooktrace, pinger and ponger, `juju
 * integrate`, the hook order each unit ran (hooks.log), `juju status` going
 * active, `juju run`, a failing hook with retry, and removing a relation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestController } from '../helpers/controller-fixture.js';
import { waitFor } from '../helpers/wait.js';

const asRoot = process.getuid?.() === 0;

interface UnitStatus {
  'workload-status': { current: string; message?: string };
  'juju-status': { current: string; message?: string };
  machine: string;
  leader?: boolean;
}

interface Status {
  applications: Record<string, { units?: Record<string, UnitStatus> }>;
  machines: Record<string, { 'instance-id': string }>;
}

describe('unit agents on a real controller', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;

  async function status(): Promise<Status> {
    const r = await c.juju(['status', '--format=json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Status;
  }

  async function unit(name: string): Promise<UnitStatus | undefined> {
    return (await status()).applications[name.split('/')[0] ?? '']?.units?.[name];
  }

  /** hooks.log of a unit, read from its machine's data dir (first three fields per line). */
  async function hooks(name: string): Promise<string[]> {
    return (await c.unitAgentFile(name, 'hooks.log')).map((l) => l.split(' ').slice(0, 3).join(' '));
  }

  async function juju(...args: string[]): Promise<string> {
    const r = await c.juju(args);
    assert.equal(r.code, 0, `juju ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  before(async () => {
    c = await TestController.bootstrap('uniter');
    await juju('add-model', 'work');
  });
  after(async () => {
    await c?.destroy();
  });

  it('deploys hooktrace: install, relation-created, leader-elected, config-changed, start', async () => {
    await juju('deploy', './testcharms/hooktrace');
    await waitFor('hooktrace/0 started', async () =>
      (await hooks('hooktrace/0')).includes('start - -') ? true : undefined,
    );
    assert.deepEqual(await hooks('hooktrace/0'), [
      'install - -',
      'peer-relation-created - peer:0',
      'leader-elected - -',
      'config-changed - -',
      'start - -',
    ]);
    const u = await waitFor('idle', async () => {
      const s = await unit('hooktrace/0');
      return s?.['juju-status'].current === 'idle' ? s : undefined;
    });
    assert.equal(u['workload-status'].current, 'unknown');
    assert.equal(u.leader, true);
  });

  it('relates pinger and ponger and both go active', async () => {
    await juju('deploy', './charms/ponger');
    await juju('deploy', './charms/pinger', '-n', '2');
    await juju('integrate', 'pinger:ping', 'ponger:pong');
    for (const name of ['ponger/0', 'pinger/0', 'pinger/1']) {
      await waitFor(
        `${name} active`,
        async () => ((await unit(name))?.['workload-status'].current === 'active' ? true : undefined),
        90_000,
      );
    }
    assert.equal((await unit('ponger/0'))?.['workload-status'].message, 'ready');
    assert.match((await unit('pinger/0'))?.['workload-status'].message ?? '', /^pong from ponger\/0/);
    const ponger = await hooks('ponger/0');
    // The relation may already exist when ponger installs: its relation-created then
    // comes with the peer one, before leadership and config (charm-contract §2.2).
    const created = ponger.findIndex((l) => l.startsWith('pong-relation-created'));
    assert.deepEqual(ponger.filter((l) => !l.startsWith('pong-relation')).slice(0, 5), [
      'install - -',
      'cluster-relation-created - cluster:1',
      'leader-elected - -',
      'config-changed - -',
      'start - -',
    ]);
    assert.ok(created > 0 && (created < 3 || created > ponger.indexOf('start - -')), ponger.join('\n'));
    const pong = ponger.filter((l) => l.startsWith('pong-relation'));
    assert.match(pong[0] ?? '', /^pong-relation-created - pong:\d+$/);
    for (const p of ['pinger/0', 'pinger/1']) {
      const i = pong.findIndex((l) => l.startsWith(`pong-relation-joined ${p} `));
      assert.ok(i > 0, pong.join('\n'));
      assert.match(pong[i + 1] ?? '', new RegExp(`^pong-relation-changed ${p} `));
    }
    for (const p of ['pinger/0', 'pinger/1']) {
      const h = await hooks(p);
      assert.equal(h[0], 'install - -');
      const created = h.filter((l) => l.endsWith('-relation-created') || l.includes('-relation-created '));
      assert.equal(created.length, 2, h.join('\n'));
      assert.ok(h.includes('start - -'));
      const joined = h.findIndex((l) => l.startsWith('ping-relation-joined ponger/0 '));
      assert.match(h[joined + 1] ?? '', /^ping-relation-changed ponger\/0 /);
    }
    // One pinger leads, the other got leader-settings-changed.
    const leaders = [];
    for (const p of ['pinger/0', 'pinger/1'])
      if ((await hooks(p)).includes('leader-elected - -')) leaders.push(p);
    assert.equal(leaders.length, 1);
  });

  it('runs an action with `juju run`', async () => {
    const out = await juju('run', 'pinger/0', 'ping', 'count=2');
    assert.match(out, /pong: ponger\/0/);
  });

  it('retries a failing hook until it passes', async () => {
    await juju('config', 'ponger', 'fail-hook=config-changed');
    await waitFor('the error', async () => {
      const s = await unit('ponger/0');
      return s?.['workload-status'].message === 'hook failed: "config-changed"' ||
        s?.['juju-status'].message === 'hook failed: "config-changed"'
        ? true
        : undefined;
    });
    await waitFor('a retry', async () =>
      (await hooks('ponger/0')).filter((l) => l === 'config-changed - -').length >= 3 ? true : undefined,
    );
    await juju('config', 'ponger', 'fail-hook=');
    await waitFor(
      'active again',
      async () => {
        const s = await unit('ponger/0');
        return s?.['workload-status'].current === 'active' && s['juju-status'].current === 'idle'
          ? true
          : undefined;
      },
      60_000,
    );
  });

  it('departs and breaks on remove-relation', async () => {
    await juju('remove-relation', 'pinger', 'ponger');
    await waitFor('broken on ponger', async () =>
      (await hooks('ponger/0')).some((l) => l.startsWith('pong-relation-broken')) ? true : undefined,
    );
    const pong = (await hooks('ponger/0')).filter((l) => /^pong-relation-(departed|broken)/.test(l));
    assert.deepEqual(
      pong.map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['pong-relation-departed pinger/0', 'pong-relation-departed pinger/1', 'pong-relation-broken -'],
    );
    await waitFor('pinger blocked', async () =>
      (await unit('pinger/0'))?.['workload-status'].current === 'blocked' ? true : undefined,
    );
  });
});
