/**
 * Real unit agents against an in-process controller (real database, API
 * server, charm downloads, hook processes and hook tools): the deploy
 * sequence and environment, status bookkeeping, peers and relations between
 * applications, config changes, actions, hook errors with retry and
 * `resolved`, upgrades and teardown.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Harness, REPO, TEST_TUNING, waitFor, type RunningUnit } from './harness.js';

function envFile(h: Harness, unit: string, file: string): Record<string, string> {
  const text = readFileSync(
    join(h.dataDir, 'agents', `unit-${unit.replace('/', '-')}`, 'hook-env', file),
    'utf8',
  );
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

describe('uniter: hooktrace deploy', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
  });
  after(async () => {
    await h?.close();
  });

  it('runs install, relation-created, leader-elected, config-changed, start', async () => {
    await h.deploy('trace', 'testcharms/hooktrace');
    const unit = h.startUnit('trace/0');
    try {
      await waitFor('start', () =>
        h.hooks('trace/0').some((l) => l.startsWith('start ')) ? true : undefined,
      );
    } catch (err) {
      console.log(unit.logs.join('\n'));
      throw err;
    }
    assert.deepEqual(h.hooks('trace/0'), [
      'install - -',
      'peer-relation-created - peer:0',
      'leader-elected - -',
      'config-changed - -',
      'start - -',
    ]);
  });

  it('gives hooks the environment of charm-contract §3', () => {
    const env = envFile(h, 'trace/0', 'install.env');
    const charmDir = join(h.dataDir, 'agents', 'unit-trace-0', 'charm');
    assert.equal(env.CHARM_DIR, charmDir);
    assert.equal(env.JUJU_CHARM_DIR, charmDir);
    assert.equal(env.JUJU_UNIT_NAME, 'trace/0');
    assert.equal(env.JUJU_HOOK_NAME, 'install');
    assert.equal(env.JUJU_DISPATCH_PATH, 'hooks/install');
    assert.equal(env.JUJU_MODEL_UUID, h.modelUuid);
    assert.equal(env.JUJU_MODEL_NAME, 'work');
    assert.equal(env.JUJU_MACHINE_ID, '0');
    assert.equal(env.JUJU_VERSION, '3.6.4');
    assert.match(env.JUJU_CONTEXT_ID ?? '', /^trace\/0-install-\d+$/);
    assert.equal(env.JUJU_AGENT_SOCKET_NETWORK, 'unix');
    assert.equal(env.PATH?.split(':')[0], join(h.dataDir, 'tools', 'unit-trace-0'));
    assert.equal(env.LANG, 'C.UTF-8');
    assert.equal(env.HOME, undefined, 'the agent environment is not inherited');
    const created = envFile(h, 'trace/0', 'peer-relation-created.env');
    assert.equal(created.JUJU_RELATION, 'peer');
    assert.equal(created.JUJU_RELATION_ID, 'peer:0');
    assert.equal(created.JUJU_REMOTE_UNIT, '');
    assert.equal(created.JUJU_REMOTE_APP, 'trace');
  });

  it('reports the unit idle with workload unknown after start', async () => {
    const unit = await waitFor('idle', () => {
      const u = h.services.application.unit(h.modelUuid, 'trace/0');
      return u.agentStatus.status === 'idle' ? u : undefined;
    });
    assert.equal(unit.workloadStatus.status, 'unknown');
    assert.equal(unit.charmUrl, 'local:hooktrace-1');
    assert.equal(h.services.leadership.leader(h.modelUuid, 'trace'), 'trace/0');
  });
});

describe('uniter: config, actions, upgrade and teardown', () => {
  let h: Harness;
  let unit: RunningUnit;
  before(async () => {
    h = await Harness.start();
    await h.deploy('trace', 'testcharms/hooktrace');
    unit = h.startUnit('trace/0');
    await waitFor('start', () => (h.hooks('trace/0').includes('start - -') ? true : undefined));
  });
  after(async () => {
    await h?.close();
  });

  it('runs config-changed when the config changes, with the new values', async () => {
    const res = await h.admin.call<{ results: { error?: { message: string } }[] }>(
      'Application',
      'SetConfigs',
      {
        Args: [{ application: 'trace', config: { token: 'abc', count: '7' } }],
      },
    );
    assert.equal(res.results[0]?.error, undefined);
    // hooks.log gets its line first; config.json is complete once it parses with the new token.
    const config = await waitFor('config-changed to see the new config', () => {
      const c = JSON.parse(readFileSync(join(unit.agentDir, 'hook-env', 'config.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      return c.token === 'abc' ? c : undefined;
    });
    assert.equal(h.hooks('trace/0').filter((l) => l === 'config-changed - -').length, 2);
    assert.equal(config.count, 7);
    assert.equal(config.enabled, true);
  });

  it('runs an action with its environment, parameters and results', async () => {
    const res = await h.admin.call<{ actions: { action?: { tag: string } }[] }>(
      'Action',
      'EnqueueOperation',
      {
        actions: [{ tag: '', receiver: 'unit-trace-0', name: 'trace', parameters: { note: 'hello there' } }],
      },
    );
    const tag = res.actions[0]?.action?.tag ?? '';
    const id = tag.replace(/^action-/, '');
    assert.ok(id !== '');
    const task = await waitFor('the task to finish', () => {
      const t = h.services.operation.getTask(h.modelUuid, id);
      return t.status === 'completed' || t.status === 'failed' ? t : undefined;
    });
    assert.equal(task.status, 'completed', task.message);
    assert.equal(task.results.note, 'hello there');
    assert.equal(task.results['dispatch-path'], 'actions/trace');
    assert.equal(task.results['return-code'], 0);
    const env = envFile(h, 'trace/0', 'action-trace.env');
    assert.equal(env.JUJU_ACTION_NAME, 'trace');
    assert.equal(env.JUJU_ACTION_UUID, id);
    assert.equal(env.JUJU_ACTION_TAG, `action-${id}`);
    assert.equal(env.JUJU_HOOK_NAME, '');
    assert.equal(env.JUJU_DISPATCH_PATH, 'actions/trace');
    assert.ok(!h.hooks('trace/0').some((l) => l.startsWith('trace')), 'actions do not write hooks.log');
  });

  it('upgrades the charm: upgrade-charm then config-changed, keeping runtime files', async () => {
    const charmDir = join(unit.agentDir, 'charm');
    writeFileSync(join(charmDir, 'runtime-state.txt'), 'kept\n');
    const v2 = join(h.root, 'hooktrace-v2');
    cpSync(join(REPO, 'testcharms', 'hooktrace'), v2, { recursive: true });
    rmSync(join(v2, 'actions'), { recursive: true });
    rmSync(join(v2, 'actions.yaml'));
    writeFileSync(join(v2, 'NEW-FILE'), 'v2\n');
    const url = await h.upload(v2);
    const res = await h.admin.call<{ error?: { message: string } }>('Application', 'SetCharm', {
      application: 'trace',
      'charm-url': url,
      'charm-origin': { source: 'local', type: 'charm' },
    });
    assert.equal(res?.error, undefined);
    await waitFor('upgrade-charm and config-changed', () => {
      const hooks = h.hooks('trace/0');
      const i = hooks.indexOf('upgrade-charm - -');
      return i >= 0 && hooks[i + 1] === 'config-changed - -' ? true : undefined;
    });
    assert.equal(readFileSync(join(charmDir, 'runtime-state.txt'), 'utf8'), 'kept\n');
    assert.equal(readFileSync(join(charmDir, 'NEW-FILE'), 'utf8'), 'v2\n');
    assert.equal(existsSync(join(charmDir, 'actions', 'trace')), false);
    assert.equal(readFileSync(join(charmDir, '.juju-charm'), 'utf8').trim(), url);
    assert.equal(h.services.application.unit(h.modelUuid, 'trace/0').charmUrl, url);
  });

  it('tears down a dying unit: stop, remove, terminated, dead', async () => {
    const res = await h.admin.call<{ results: { error?: { message: string } }[] }>(
      'Application',
      'DestroyUnit',
      {
        units: [{ 'unit-tag': 'unit-trace-0' }],
      },
    );
    assert.equal(res.results[0]?.error, undefined);
    await unit.handle.done;
    const hooks = h.hooks('trace/0');
    assert.deepEqual(hooks.slice(-2), ['stop - -', 'remove - -']);
    const u = h.services.application.unit(h.modelUuid, 'trace/0');
    assert.equal(u.life, 'dead');
    assert.equal(u.workloadStatus.status, 'terminated');
  });
});

describe('uniter: update-status', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
  });
  after(async () => {
    await h?.close();
  });

  it('runs on its interval once the unit is idle, without showing as executing', async () => {
    await h.deploy('trace', 'testcharms/hooktrace');
    h.startUnit('trace/0', { ...TEST_TUNING, updateStatusMs: 300 });
    await waitFor('two update-status runs', () =>
      h.hooks('trace/0').filter((l) => l === 'update-status - -').length >= 2 ? true : undefined,
    );
    const hooks = h.hooks('trace/0');
    assert.ok(hooks.indexOf('update-status - -') > hooks.indexOf('start - -'), hooks.join('\n'));
    const agentHistory = h.services.status
      .history(h.modelUuid, { entityKind: 'unit-agent', entityId: 'trace/0' })
      .map((e) => e.info);
    assert.ok(agentHistory.includes('running start hook'), agentHistory.join('\n'));
    assert.ok(!agentHistory.some((i) => i.includes('update-status')), agentHistory.join('\n'));
  });
});

describe('uniter: a dispatch charm', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
  });
  after(async () => {
    await h?.close();
  });

  it('runs every hook and action through dispatch with JUJU_DISPATCH_PATH', async () => {
    await h.deploy('web', 'charms/dispatcher');
    h.startUnit('web/0');
    const u = await waitFor('active', () => {
      const unit = h.services.application.unit(h.modelUuid, 'web/0');
      return unit.workloadStatus.status === 'active' && unit.agentStatus.status === 'idle' ? unit : undefined;
    });
    assert.equal(u.workloadStatus.info, 'ready on port 8000');
    assert.equal(u.workloadVersion, '1.0.0');
    assert.deepEqual(
      h.services.unitState.openedPorts(h.modelUuid, 'web/0').map((p) => `${p.fromPort}/${p.protocol}`),
      ['8000/tcp'],
    );
    const res = await h.admin.call<{ actions: { action?: { tag: string } }[] }>(
      'Action',
      'EnqueueOperation',
      {
        actions: [{ tag: '', receiver: 'unit-web-0', name: 'greet', parameters: { name: 'juju' } }],
      },
    );
    const id = (res.actions[0]?.action?.tag ?? '').replace(/^action-/, '');
    const task = await waitFor('greet', () => {
      const t = h.services.operation.getTask(h.modelUuid, id);
      return t.status === 'completed' || t.status === 'failed' ? t : undefined;
    });
    assert.equal(task.status, 'completed', task.message);
    assert.equal(task.results.greeting, 'Hello, juju!');
  });
});
