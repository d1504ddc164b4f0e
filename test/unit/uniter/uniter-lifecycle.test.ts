/**
 * Real unit agents against an in-process controller (real database, API
 * server, charm downloads, hook processes and hook tools): the deploy
 * sequence and environment, status bookkeeping, peers and relations between
 * applications, config changes, actions, hook errors with retry and
 * `resolved`, upgrades and teardown.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Harness, waitFor } from './harness.js';

function envFile(h: Harness, unit: string, file: string): Record<string, string> {
  const text = readFileSync(join(h.dataDir, 'agents', `unit-${unit.replace('/', '-')}`, 'hook-env', file), 'utf8');
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
      await waitFor('start', () => (h.hooks('trace/0').some((l) => l.startsWith('start ')) ? true : undefined));
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
