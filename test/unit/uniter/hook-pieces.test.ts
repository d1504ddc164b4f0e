/**
 * The uniter's building blocks: the hook environment (charm-contract §3),
 * choosing and running dispatch / hooks / actions (§1.7), local state
 * commits and persistence (§2.3, §8), and the commit argument (§5.2).
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commitArgs, isEmptyCommit } from '../../../src/agent/uniter/commit-args.js';
import { commitHook } from '../../../src/agent/uniter/hook-commit.js';
import { buildHookEnv, type UnitEnvFacts } from '../../../src/agent/uniter/hook-env.js';
import { findExecutable, runCharmProcess } from '../../../src/agent/uniter/hook-runner.js';
import {
  initialLocalState,
  loadLocalState,
  saveLocalState,
  type LocalState,
} from '../../../src/agent/uniter/local-state.js';
import type { BufferedChanges } from '../../../src/agent/hooktools/context.js';
import { unitPaths } from '../../../src/agent/uniter/paths.js';

/** Pids in process group `pgid` that are not zombies. */
function liveGroupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const FACTS: UnitEnvFacts = {
  unitName: 'app/0',
  charmDir: '/var/lib/juju/agents/unit-app-0/charm',
  toolsDir: '/var/lib/juju/tools/unit-app-0',
  modelUuid: 'uuid-1',
  modelName: 'work',
  apiAddresses: ['10.0.0.1:17070', '10.0.0.2:17070'],
  machineId: '3',
  principal: '',
  availabilityZone: '',
  socketAddress: '@/var/lib/juju/agents/unit-app-0/agent.socket',
  socketNetwork: 'unix',
  modelConfig: {
    'juju-http-proxy': 'http://proxy:3128',
    'no-proxy': '127.0.0.1,localhost',
    'http-proxy': '',
  },
  basePath: '/usr/bin:/bin',
};

describe('hook environment', () => {
  it('has exactly the JUJU_* set of a unit hook, and nothing inherited', () => {
    const env = buildHookEnv(FACTS, {
      contextId: 'app/0-install-1',
      dispatchPath: 'hooks/install',
      hookName: 'install',
    });
    assert.equal(env.CHARM_DIR, FACTS.charmDir);
    assert.equal(env.JUJU_CHARM_DIR, FACTS.charmDir);
    assert.equal(env.JUJU_CONTEXT_ID, 'app/0-install-1');
    assert.equal(env.JUJU_HOOK_NAME, 'install');
    assert.equal(env.JUJU_DISPATCH_PATH, 'hooks/install');
    assert.equal(env.JUJU_AGENT_SOCKET_ADDRESS, FACTS.socketAddress);
    assert.equal(env.JUJU_AGENT_SOCKET_NETWORK, 'unix');
    assert.equal(env.JUJU_API_ADDRESSES, '10.0.0.1:17070 10.0.0.2:17070');
    assert.equal(env.JUJU_MACHINE_ID, '3');
    assert.equal(env.JUJU_PRINCIPAL_UNIT, '');
    assert.equal(env.JUJU_VERSION, '3.6.4');
    assert.equal(env.PATH, '/var/lib/juju/tools/unit-app-0:/usr/bin:/bin');
    assert.equal(env.JUJU_CHARM_HTTP_PROXY, 'http://proxy:3128');
    assert.equal(env.JUJU_CHARM_HTTPS_PROXY, '');
    assert.equal(env.no_proxy, '127.0.0.1,localhost');
    assert.equal(env.NO_PROXY, '127.0.0.1,localhost');
    assert.equal(env.http_proxy, undefined, 'legacy proxies only when set');
    assert.equal(env.JUJU_RELATION, undefined);
    assert.equal(env.JUJU_REMOTE_UNIT, undefined);
    assert.equal(env.HOME, undefined);
  });

  it('adds the relation variables (JUJU_REMOTE_UNIT even when empty) and the departing unit', () => {
    const created = buildHookEnv(FACTS, {
      contextId: 'c',
      dispatchPath: 'hooks/db-relation-created',
      hookName: 'db-relation-created',
      relation: { endpoint: 'db', id: 4, remoteUnit: '', remoteApp: 'mysql' },
    });
    assert.equal(created.JUJU_RELATION, 'db');
    assert.equal(created.JUJU_RELATION_ID, 'db:4');
    assert.equal(created.JUJU_REMOTE_UNIT, '');
    assert.equal(created.JUJU_REMOTE_APP, 'mysql');
    assert.equal(created.JUJU_DEPARTING_UNIT, undefined);
    const departed = buildHookEnv(FACTS, {
      contextId: 'c',
      dispatchPath: 'hooks/db-relation-departed',
      hookName: 'db-relation-departed',
      relation: {
        endpoint: 'db',
        id: 4,
        remoteUnit: 'mysql/1',
        remoteApp: 'mysql',
        departingUnit: 'mysql/1',
      },
    });
    assert.equal(departed.JUJU_DEPARTING_UNIT, 'mysql/1');
  });

  it('gives actions an empty hook name and the action variables', () => {
    const env = buildHookEnv(FACTS, {
      contextId: 'c',
      dispatchPath: 'actions/backup',
      hookName: '',
      action: { name: 'backup', id: '7' },
    });
    assert.equal(env.JUJU_HOOK_NAME, '');
    assert.equal(env.JUJU_ACTION_NAME, 'backup');
    assert.equal(env.JUJU_ACTION_UUID, '7');
    assert.equal(env.JUJU_ACTION_TAG, 'action-7');
  });
});

describe('running charm processes', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'uniter-runner-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function charm(name: string, files: Record<string, [string, number]>): string {
    const root = join(dir, name);
    mkdirSync(join(root, 'hooks'), { recursive: true });
    mkdirSync(join(root, 'actions'), { recursive: true });
    writeFileSync(join(root, 'metadata.yaml'), `name: ${name}\n`);
    for (const [path, [text, mode]] of Object.entries(files)) {
      writeFileSync(join(root, path), text);
      chmodSync(join(root, path), mode);
    }
    return root;
  }

  it('prefers dispatch; else hooks/<name>; a missing hook is "missing"; non-executable is an error', () => {
    const withDispatch = charm('d', {
      dispatch: ['#!/bin/sh\n', 0o755],
      'hooks/install': ['#!/bin/sh\n', 0o755],
    });
    assert.deepEqual(findExecutable(withDispatch, 'hooks/install'), {
      kind: 'run',
      path: join(withDispatch, 'dispatch'),
    });
    const hooksOnly = charm('h', {
      'hooks/install': ['#!/bin/sh\n', 0o755],
      'hooks/start': ['#!/bin/sh\n', 0o644],
    });
    assert.deepEqual(findExecutable(hooksOnly, 'hooks/install'), {
      kind: 'run',
      path: join(hooksOnly, 'hooks', 'install'),
    });
    assert.deepEqual(findExecutable(hooksOnly, 'hooks/stop'), { kind: 'missing' });
    assert.equal(findExecutable(hooksOnly, 'hooks/start').kind, 'error');
    const badDispatch = charm('b', { dispatch: ['#!/bin/sh\n', 0o644] });
    assert.equal(findExecutable(badDispatch, 'hooks/install').kind, 'error');
    assert.deepEqual(findExecutable(join(dir, 'nothing'), 'hooks/install'), {
      kind: 'error',
      message: 'charm missing from disk',
    });
  });

  it('runs in the charm dir with only the given environment, reporting lines and the exit code', async () => {
    const root = charm('r', {
      'hooks/install': [
        '#!/bin/sh\npwd\necho "x=${X:-unset} home=${HOME:-unset}"\necho oops >&2\nexit 3\n',
        0o755,
      ],
    });
    const lines: string[] = [];
    const out = await runCharmProcess({
      charmDir: root,
      dispatchPath: 'hooks/install',
      env: { X: '1', PATH: '/usr/bin:/bin' },
      onLine: (stream, line) => lines.push(`${stream}: ${line}`),
      captureOutput: true,
    });
    assert.equal(out.kind, 'exited');
    if (out.kind !== 'exited') return;
    assert.equal(out.code, 3);
    assert.deepEqual(lines.sort(), [`stderr: oops`, `stdout: ${root}`, 'stdout: x=1 home=unset'].sort());
    assert.equal(out.stderr.toString(), 'oops\n');
  });

  it('kills the whole process group when aborted', async () => {
    const root = charm('k', { 'hooks/install': ['#!/bin/sh\nsleep 30 &\nsleep 30\n', 0o755] });
    const abort = new AbortController();
    let pid = 0;
    const running = runCharmProcess({
      charmDir: root,
      dispatchPath: 'hooks/install',
      env: { PATH: '/usr/bin:/bin' },
      onLine: () => undefined,
      onSpawn: (p) => {
        pid = p;
        setTimeout(() => abort.abort(), 100);
      },
      signal: abort.signal,
      killGraceMs: 200,
    });
    const out = await running;
    assert.equal(out.kind, 'exited');
    assert.ok(out.kind === 'exited' && out.aborted);
    assert.ok(pid > 0);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(liveGroupMembers(pid), [], 'no process of the group is left running');
  });
});

describe('local state', () => {
  it('persists atomically and reads back; a missing file is the initial state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uniter-state-'));
    try {
      const path = join(dir, 'state', 'uniter.json');
      assert.deepEqual(loadLocalState(path), initialLocalState());
      const s: LocalState = {
        ...initialLocalState(),
        installed: true,
        op: { kind: 'run-hook', step: 'pending', hook: { kind: 'install' } },
      };
      saveLocalState(path, s);
      assert.deepEqual(loadLocalState(path), s);
      assert.equal((JSON.parse(readFileSync(path, 'utf8')) as { op: { step: string } }).op.step, 'pending');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('commits hooks: start after the first config-changed, config-changed after upgrade-charm', () => {
    const s = { ...initialLocalState(), installed: true };
    const hashes = { config: 'c', trust: 't', addresses: 'a' };
    const afterConfig = commitHook(s, { kind: 'config-changed' }, { hashes });
    assert.deepEqual(afterConfig.op, { kind: 'run-hook', step: 'queued', hook: { kind: 'start' } });
    assert.deepEqual(afterConfig.hashes, hashes);
    const started = commitHook(afterConfig, { kind: 'start' });
    assert.equal(started.started, true);
    assert.deepEqual(commitHook(started, { kind: 'config-changed' }, { hashes }).op, { kind: 'continue' });
    assert.deepEqual(commitHook(started, { kind: 'upgrade-charm' }).op, {
      kind: 'run-hook',
      step: 'queued',
      hook: { kind: 'config-changed' },
    });
    assert.equal(commitHook(started, { kind: 'stop' }, { statusSet: true }).statusSet, true);
  });

  it('advances relation membership: joined queues changed, departed forgets, broken drops the relation', () => {
    const rel = {
      id: 2,
      key: 'app:db mysql:server',
      endpoint: 'db',
      remoteApp: 'mysql',
      isPeer: false,
      implicit: false,
      created: true,
      members: {},
      appMembers: {},
      changedPending: '',
    };
    let s: LocalState = { ...initialLocalState(), installed: true, relations: { '2': rel } };
    s = commitHook(s, { kind: 'relation-joined', relationId: 2, remoteUnit: 'mysql/0', changeVersion: 3 });
    assert.deepEqual(s.relations['2']?.members, { 'mysql/0': 3 });
    assert.equal(s.relations['2']?.changedPending, 'mysql/0');
    s = commitHook(s, { kind: 'relation-changed', relationId: 2, remoteUnit: 'mysql/0', changeVersion: 4 });
    assert.deepEqual([s.relations['2']?.members, s.relations['2']?.changedPending], [{ 'mysql/0': 4 }, '']);
    s = commitHook(s, {
      kind: 'relation-changed',
      relationId: 2,
      remoteUnit: '',
      remoteApp: 'mysql',
      changeVersion: 2,
    });
    assert.deepEqual(s.relations['2']?.appMembers, { mysql: 2 });
    s = commitHook(s, {
      kind: 'relation-departed',
      relationId: 2,
      remoteUnit: 'mysql/0',
      departingUnit: 'mysql/0',
    });
    assert.deepEqual(s.relations['2']?.members, {});
    s = commitHook(s, { kind: 'relation-broken', relationId: 2, remoteApp: 'mysql' });
    assert.equal(s.relations['2'], undefined);
  });
});

describe('commit argument', () => {
  const empty: BufferedChanges = {
    relationSettings: [],
    openPorts: [],
    closePorts: [],
    storageAdd: [],
    secretCreates: [],
    secretUpdates: [],
    secretDeletes: [],
    secretGrants: [],
    secretRevokes: [],
    secretTrackLatest: [],
    reboot: 'none',
    updateNetworkInfo: false,
  };

  it('is empty when the hook buffered nothing', () => {
    assert.equal(isEmptyCommit(commitArgs('unit-app-0', empty, () => undefined)), true);
  });

  it('carries relation settings by relation tag, ports, charm state and the network refresh', () => {
    const arg = commitArgs(
      'unit-app-0',
      {
        ...empty,
        relationSettings: [
          { relationId: 2, unit: { a: '1', gone: '' }, app: { x: 'y' } },
          { relationId: 9, unit: { lost: '1' } },
        ],
        openPorts: [{ endpoint: '', range: { from: 80, to: 81, protocol: 'tcp' } }],
        closePorts: [{ endpoint: 'db', range: { from: -1, to: -1, protocol: 'icmp' } }],
        charmState: { k: 'v' },
        updateNetworkInfo: true,
      },
      (id) => (id === 2 ? 'app:db mysql:server' : undefined),
    );
    assert.deepEqual(arg, {
      'update-network-info': true,
      'relation-unit-settings': [
        {
          relation: 'relation-app.db#mysql.server',
          unit: 'unit-app-0',
          settings: { a: '1', gone: '' },
          'application-settings': { x: 'y' },
        },
      ],
      'open-ports': [
        {
          tag: 'unit-app-0',
          endpoint: '',
          'port-range': { 'from-port': 80, 'to-port': 81, protocol: 'tcp' },
        },
      ],
      'close-ports': [
        {
          tag: 'unit-app-0',
          endpoint: 'db',
          'port-range': { 'from-port': -1, 'to-port': -1, protocol: 'icmp' },
        },
      ],
      'set-unit-state': { tag: 'unit-app-0', 'charm-state': { k: 'v' } },
    });
  });
});

describe('unit paths', () => {
  it('names the hook-tool socket after the agent dir, shortened when too long for a socket', () => {
    const short = unitPaths('/var/lib/juju', 'mysql/0');
    assert.equal(short.socketAddress, '@/var/lib/juju/agents/unit-mysql-0/agent.socket');
    assert.equal(short.charmDir, '/var/lib/juju/agents/unit-mysql-0/charm');
    assert.equal(short.toolsDir, '/var/lib/juju/tools/unit-mysql-0');
    const deep = unitPaths(`/tmp/${'x'.repeat(80)}/var/lib/juju`, 'a-rather-long-application-name/12');
    assert.match(deep.socketAddress, /^@juju-agent-[0-9a-f]{24}\.socket$/);
  });
});
