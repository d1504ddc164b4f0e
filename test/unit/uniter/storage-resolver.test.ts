/**
 * Storage in the resolver (charm-contract §2.4): storage provisioned with
 * the unit is attached before install, storage added later is attached
 * when idle, dying attachments run -storage-detaching (or are just dropped
 * when never attached) before remove; plus the hook names, the env and
 * where rootfs storage lives on a machine.
 */
import assert from 'node:assert/strict';
import { describe as suite, it } from 'node:test';
import { buildHookEnv } from '../../../src/agent/uniter/hook-env.js';
import { hookName } from '../../../src/agent/uniter/hook-info.js';
import { initialLocalState } from '../../../src/agent/uniter/local-state.js';
import type { RemoteStorageSnapshot } from '../../../src/agent/uniter/remote-state.js';
import { attachmentLocation, machineRoot } from '../../../src/agent/uniter/storage-provision.js';
import { parseNamedDirective, parseStorageDirective } from '../../../src/cli/commands/storage/directive.js';
import { humanSize } from '../../../src/cli/commands/storage/view.js';
import {
  apply,
  decide,
  describe,
  remote,
  runUntilIdle,
  settledLocal,
  sim,
  type SimState,
} from './resolver-sim.js';

const fs = (id: string, life: RemoteStorageSnapshot['life'] = 'alive'): RemoteStorageSnapshot => ({
  id,
  kind: 'filesystem',
  life,
  location: '',
  planned: `/srv/${id}`,
});

/** Runs to idle, dropping an attachment from the remote once its detaching hook ran (as the controller does). */
function runWithController(s: SimState): string[] {
  const out: string[] = [];
  for (let i = 0; i < 100; i++) {
    const d = decide(s);
    if (d.kind === 'wait') return out;
    if (d.kind === 'terminate') {
      out.push('terminate');
      return out;
    }
    if (d.kind === 'run-hook' || d.kind === 'skip-hook')
      out.push(`${d.kind === 'skip-hook' ? 'skip ' : ''}${describe(s.local, d)}`);
    apply(s, d);
    if ((d.kind === 'run-hook' || d.kind === 'skip-hook') && d.hook.kind === 'storage-detaching')
      s.remote = { ...s.remote, storage: (s.remote.storage ?? []).filter((x) => x.id !== d.hook.storageId) };
  }
  throw new Error(`no rest: ${out.join(', ')}`);
}

suite('resolver: storage', () => {
  it('attaches storage provisioned with the unit before install', () => {
    const s = sim(initialLocalState(), remote({ storage: [fs('data/0'), fs('logs/1')] }));
    assert.deepEqual(runUntilIdle(s, { withSteps: true }), [
      'deploy',
      'data-storage-attached',
      'logs-storage-attached',
      'install',
      'leader-elected',
      'config-changed',
      'start',
    ]);
    assert.deepEqual(s.local.storageAttached, ['data/0', 'logs/1']);
    assert.equal(s.local.installed, true);
  });

  it('attaches storage added later when idle', () => {
    const r = remote();
    const s = sim(settledLocal(r), r, { leaderSettingsSeen: 0 });
    assert.deepEqual(runUntilIdle(s), []);
    s.remote = { ...r, storage: [fs('logs/3')] };
    assert.deepEqual(runUntilIdle(s), ['logs-storage-attached']);
  });

  it('runs detaching for attached storage and drops never-attached storage before remove', () => {
    const r = remote({ storage: [fs('data/0')] });
    const s = sim(settledLocal(r, { storageAttached: ['data/0'] }), r, { leaderSettingsSeen: 0 });
    s.remote = { ...r, life: 'dying', storage: [fs('data/0', 'dying'), fs('logs/5', 'dying')] };
    assert.deepEqual(runWithController(s), [
      'data-storage-detaching',
      'skip logs-storage-detaching',
      'stop',
      'remove',
      'terminate',
    ]);
    assert.deepEqual(s.local.storageAttached, []);
  });

  it('names storage hooks and sets JUJU_STORAGE_*', () => {
    assert.equal(
      hookName({ kind: 'storage-attached', storageId: 'data/0' }, undefined),
      'data-storage-attached',
    );
    assert.equal(
      hookName({ kind: 'storage-detaching', storageId: 'my-logs/12' }, undefined),
      'my-logs-storage-detaching',
    );
    const env = buildHookEnv(
      {
        unitName: 'u/0',
        charmDir: '/c',
        toolsDir: '/t',
        modelUuid: 'm',
        modelName: 'n',
        apiAddresses: [],
        machineId: '0',
        principal: '',
        availabilityZone: '',
        socketAddress: '@s',
        socketNetwork: 'unix',
        modelConfig: {},
        basePath: '/bin',
      },
      {
        contextId: 'c',
        dispatchPath: 'hooks/data-storage-attached',
        hookName: 'data-storage-attached',
        storage: { id: 'data/0', kind: 'filesystem', location: '/r/srv/data' },
      },
    );
    assert.equal(env['JUJU_STORAGE_ID'], 'data/0');
    assert.equal(env['JUJU_STORAGE_KIND'], 'filesystem');
    assert.equal(env['JUJU_STORAGE_LOCATION'], '/r/srv/data');
  });

  it('puts rootfs storage under the machine root', () => {
    assert.equal(machineRoot('/var/lib/juju'), '/');
    assert.equal(machineRoot('/x/machines/m-1/var/lib/juju/'), '/x/machines/m-1');
    assert.equal(machineRoot('/tmp/data'), '/tmp/data');
    assert.equal(attachmentLocation('/x/m/var/lib/juju', fs('data/0')), '/x/m/srv/data/0');
    assert.equal(
      attachmentLocation('/x/m/var/lib/juju', { ...fs('data/0'), location: '/elsewhere' }),
      '/elsewhere',
    );
  });
});

suite('storage directives', () => {
  it('parses pool, count and size in any order', () => {
    assert.deepEqual(parseStorageDirective('rootfs,2,1G'), { pool: 'rootfs', count: 2, size: 1024 });
    assert.deepEqual(parseStorageDirective('500M'), { size: 500 });
    assert.deepEqual(parseStorageDirective('3'), { count: 3 });
    assert.deepEqual(parseStorageDirective('1.5T,tmpfs'), { size: 1572864, pool: 'tmpfs' });
    assert.deepEqual(parseNamedDirective('data=rootfs', true), ['data', { pool: 'rootfs' }]);
    assert.deepEqual(parseNamedDirective('data', false), ['data', {}]);
    assert.throws(() => parseNamedDirective('data', true), /expected "key=value"/);
    assert.throws(() => parseStorageDirective('1,2'), /count specified more than once/);
    assert.throws(() => parseStorageDirective('a b'), /unrecognized value/);
  });

  it('prints sizes as Juju does', () => {
    assert.equal(humanSize(1024), '1.0 GiB');
    assert.equal(humanSize(512), '512 MiB');
    assert.equal(humanSize(20480), '20 GiB');
    assert.equal(humanSize(0), '');
  });
});
