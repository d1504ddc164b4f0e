// Runs the charms' hooks and actions against fake hook tools (fake-hook-tools.py)
// to check their logic and the hooks.log contract. Juju's own behaviour (commit
// on exit 0, hook ordering) is not simulated: each test plays the controller by
// running hooks in order and copying relation data between units.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { deliver, FakeUnit, makeToolsDir, REPO } from './fake-unit.js';
import type { FakeState, RunResult } from './fake-unit.js';

let tmp = '';
let tools = '';
let counter = 0;

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'charm-hooks-'));
  tools = makeToolsDir(tmp);
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A fresh unit in its own sub-directory of tmp. */
function unit(charm: string, state: Partial<FakeState> & { unit: string }): FakeUnit {
  counter += 1;
  const dir = join(tmp, `case-${counter}`);
  return new FakeUnit(dir, tools, charm, {
    leader: true,
    config: {},
    addresses: { private: '10.0.0.9', public: '10.0.0.9' },
    relations: {},
    ...state,
  });
}

function ok(res: RunResult, what: string): void {
  assert.equal(res.code, 0, `${what} failed: ${res.stderr}`);
}

function runAll(u: FakeUnit, hooks: string[]): void {
  for (const h of hooks) ok(u.hook(h), h);
}

void describe('pinger and ponger', () => {
  const pingerConfig = { address: '', 'fail-hook': '' };
  const pongerConfig = { message: 'ready', port: 8080, 'fail-hook': '' };

  function pair(): { pinger: FakeUnit; ponger: FakeUnit } {
    const pinger = unit('charms/pinger', {
      unit: 'pinger/0',
      config: pingerConfig,
      addresses: { private: '10.0.0.1', public: '10.0.0.1' },
      relations: { 'cluster:0': { endpoint: 'cluster', app: 'pinger', units: [], data: {} } },
    });
    const ponger = unit('charms/ponger', {
      unit: 'ponger/0',
      config: pongerConfig,
      addresses: { private: '10.0.0.2', public: '10.0.0.2' },
      relations: { 'cluster:0': { endpoint: 'cluster', app: 'ponger', units: [], data: {} } },
    });
    return { pinger, ponger };
  }

  function relate(pinger: FakeUnit, ponger: FakeUnit): void {
    pinger.update((s) => {
      s.relations['ping:2'] = { endpoint: 'ping', app: 'ponger', units: [], data: {} };
    });
    ponger.update((s) => {
      s.relations['pong:2'] = { endpoint: 'pong', app: 'pinger', units: [], data: {} };
    });
  }

  void it('exchange ping-address and pong and go active', () => {
    const { pinger, ponger } = pair();
    const deploy = ['install', 'leader-elected', 'config-changed', 'start'];
    runAll(pinger, deploy);
    runAll(ponger, deploy);
    assert.deepEqual(pinger.state().status, { status: 'blocked', message: 'waiting for ponger' });
    assert.deepEqual(ponger.state().status, { status: 'blocked', message: 'waiting for pinger' });
    assert.deepEqual(ponger.state().ports, ['8080/tcp']);
    assert.equal(ponger.state().version, '1.0.0');
    assert.equal(pinger.state().version, '1.0.0');

    relate(pinger, ponger);
    ok(pinger.hook('ping-relation-created', { id: 'ping:2' }), 'created');
    ok(ponger.hook('pong-relation-created', { id: 'pong:2' }), 'created');
    pinger.update((s) => s.relations['ping:2']?.units.push('ponger/0'));
    ponger.update((s) => s.relations['pong:2']?.units.push('pinger/0'));

    ok(pinger.hook('ping-relation-joined', { id: 'ping:2', remoteUnit: 'ponger/0' }), 'pinger joined');
    assert.deepEqual(pinger.state().relations['ping:2']?.data['pinger/0'], { 'ping-address': '10.0.0.1' });

    deliver(pinger, 'ping:2', ponger, 'pong:2');
    ok(ponger.hook('pong-relation-joined', { id: 'pong:2', remoteUnit: 'pinger/0' }), 'ponger joined');
    assert.deepEqual(ponger.state().relations['pong:2']?.data['ponger/0'], { pong: 'ponger/0' });
    assert.deepEqual(ponger.state().status, { status: 'active', message: 'ready' });
    assert.equal(ponger.file('pings'), 'pinger/0 10.0.0.1\n');

    ok(pinger.hook('ping-relation-changed', { id: 'ping:2', remoteUnit: 'ponger/0' }), 'before pong');
    assert.equal(pinger.state().status?.status, 'blocked');
    deliver(ponger, 'pong:2', pinger, 'ping:2');
    ok(pinger.hook('ping-relation-changed', { id: 'ping:2', remoteUnit: 'ponger/0' }), 'after pong');
    assert.deepEqual(pinger.state().status, { status: 'active', message: 'pong from ponger/0' });

    // Teardown of the relation: departed then broken.
    pinger.update((s) => {
      const r = s.relations['ping:2'];
      if (r) r.units = [];
    });
    ok(
      pinger.hook('ping-relation-departed', { id: 'ping:2', remoteUnit: 'ponger/0', departing: 'ponger/0' }),
      'dep',
    );
    assert.equal(pinger.state().status?.status, 'blocked');
    pinger.update((s) => {
      delete s.relations['ping:2'];
    });
    ok(pinger.hook('ping-relation-broken', { id: 'ping:2', remoteApp: 'ponger' }), 'broken');
    assert.deepEqual(pinger.state().status, { status: 'blocked', message: 'waiting for ponger' });

    assert.deepEqual(pinger.hookLog(), [
      'install - -',
      'leader-elected - -',
      'config-changed - -',
      'start - -',
      'ping-relation-created - ping:2',
      'ping-relation-joined ponger/0 ping:2',
      'ping-relation-changed ponger/0 ping:2',
      'ping-relation-changed ponger/0 ping:2',
      'ping-relation-departed ponger/0 ping:2',
      'ping-relation-broken - ping:2',
    ]);
  });

  void it('ponger moves its port when config changes and closes it on stop', () => {
    const { ponger } = pair();
    runAll(ponger, ['install', 'config-changed']);
    ponger.update((s) => {
      s.config['port'] = 9090;
    });
    ok(ponger.hook('config-changed'), 'config-changed');
    assert.deepEqual(ponger.state().ports, ['9090/tcp']);
    ok(ponger.hook('stop'), 'stop');
    assert.deepEqual(ponger.state().ports, []);
  });

  void it('fail the hooks named in fail-hook, and only those', () => {
    const { ponger } = pair();
    ponger.update((s) => {
      s.config['fail-hook'] = 'config-changed, update-status';
    });
    ok(ponger.hook('install'), 'install');
    const failed = ponger.hook('config-changed');
    assert.equal(failed.code, 1);
    assert.equal(ponger.hook('update-status').code, 1);
    assert.deepEqual(ponger.state().logs?.at(-1), [
      'ERROR',
      'failing update-status on purpose (config fail-hook="config-changed, update-status")',
    ]);
    ponger.update((s) => {
      s.config['fail-hook'] = '';
    });
    ok(ponger.hook('config-changed'), 'retried config-changed');
    // A failed run still leaves its line: one line per execution.
    assert.deepEqual(ponger.hookLog(), [
      'install - -',
      'config-changed - -',
      'update-status - -',
      'config-changed - -',
    ]);
  });

  void it('pinger ping action reports who answered, and fails while nobody did', () => {
    const { pinger } = pair();
    pinger.update((s) => {
      s.relations['ping:3'] = { endpoint: 'ping', app: 'ponger', units: ['ponger/0'], data: {} };
    });
    ok(pinger.action('ping', { count: 2 }), 'ping');
    assert.deepEqual(pinger.state().action?.failed, 'no ponger has answered yet');
    pinger.update((s) => {
      const r = s.relations['ping:3'];
      if (r) r.data['ponger/0'] = { pong: 'ponger/0' };
    });
    ok(pinger.action('ping', { count: 3 }), 'ping');
    const action = pinger.state().action;
    assert.equal(action?.failed, null);
    assert.deepEqual(action?.results, { count: '3', pong: 'ponger/0', address: '10.0.0.1' });
    assert.deepEqual(action?.logs, [
      'ping 1/3: pong from ponger/0',
      'ping 2/3: pong from ponger/0',
      'ping 3/3: pong from ponger/0',
    ]);
    assert.deepEqual(pinger.hookLog(), [], 'actions do not write hooks.log');
  });

  void it('ponger list-pings action lists pinger units', () => {
    const { ponger } = pair();
    ponger.update((s) => {
      s.relations['pong:4'] = {
        endpoint: 'pong',
        app: 'pinger',
        units: ['pinger/0', 'pinger/1'],
        data: { 'pinger/0': { 'ping-address': '10.0.0.1' }, 'pinger/1': { 'ping-address': '10.0.0.3' } },
      };
    });
    ok(ponger.action('list-pings', {}), 'list-pings');
    assert.deepEqual(ponger.state().action?.results, {
      count: '2',
      units: 'pinger/0 pinger/1',
      addresses: '10.0.0.1 10.0.0.3',
    });
  });

  void it('peer hooks record peer units and the published leader', () => {
    const { pinger } = pair();
    ok(pinger.hook('leader-elected'), 'leader-elected');
    assert.deepEqual(pinger.state().relations['cluster:0']?.data['pinger'], { leader: 'pinger/0' });
    pinger.update((s) => s.relations['cluster:0']?.units.push('pinger/1', 'pinger/2'));
    ok(pinger.hook('cluster-relation-joined', { id: 'cluster:0', remoteUnit: 'pinger/2' }), 'joined');
    assert.equal(pinger.file('peers'), 'pinger/1\npinger/2\n');
    assert.equal(pinger.file('cluster-leader'), 'pinger/0\n');
  });

  void it('pinger remembers the website URL from the web relation', () => {
    const { pinger } = pair();
    pinger.update((s) => {
      s.relations['web:5'] = {
        endpoint: 'web',
        app: 'dispatcher',
        units: ['dispatcher/0'],
        data: { 'dispatcher/0': { hostname: '10.0.0.5', port: '8000' } },
      };
    });
    ok(pinger.hook('web-relation-changed', { id: 'web:5', remoteUnit: 'dispatcher/0' }), 'changed');
    assert.equal(pinger.file('web-url'), 'http://10.0.0.5:8000/\n');
    pinger.update((s) => {
      delete s.relations['web:5'];
    });
    ok(pinger.hook('web-relation-broken', { id: 'web:5', remoteApp: 'dispatcher' }), 'broken');
    assert.equal(existsSync(join(pinger.unitDir, 'web-url')), false);
  });
});

void describe('dispatcher', () => {
  function dispatcher(network = true): FakeUnit {
    return unit('charms/dispatcher', {
      unit: 'dispatcher/0',
      network,
      config: { port: 8000, greeting: 'Hello', 'fail-hook': '' },
      addresses: { private: '10.0.0.5', public: '10.0.0.5' },
      relations: {
        'replicas:0': { endpoint: 'replicas', app: 'dispatcher', units: ['dispatcher/1'], data: {} },
        'website:6': { endpoint: 'website', app: 'pinger', units: [], data: {} },
      },
    });
  }

  void it('routes hooks by JUJU_DISPATCH_PATH and calls tools the way ops does', () => {
    const d = dispatcher();
    runAll(d, ['install', 'leader-elected', 'config-changed', 'start']);
    const s = d.state();
    assert.deepEqual(s.status, { status: 'active', message: 'ready on port 8000' });
    assert.deepEqual(s.app_status, { status: 'active', message: '2 unit(s) serving' });
    assert.deepEqual(s.ports, ['8000/tcp']);
    assert.equal(s.version, '1.0.0');
    assert.deepEqual(s.relations['website:6']?.data['dispatcher/0'], { hostname: '10.0.0.5', port: '8000' });
    assert.deepEqual(s.relations['replicas:0']?.data['dispatcher'], { leader: 'dispatcher/0' });
    const calls = (s.calls ?? []).map((c) => c.join(' '));
    assert.ok(calls.includes('config-get --format=json'));
    assert.ok(calls.includes('status-set --application=False active ready on port 8000'));
    assert.ok(calls.includes('relation-set -r 6 --file -'));
    assert.ok(calls.includes('application-version-set -- 1.0.0'));
    assert.ok(calls.some((c) => c.startsWith('juju-log --log-level INFO -- ')));
    assert.deepEqual(d.hookLog(), ['install - -', 'leader-elected - -', 'config-changed - -', 'start - -']);

    ok(d.hook('website-relation-joined', { id: 'website:6', remoteUnit: 'pinger/0' }), 'joined');
    ok(d.hook('replicas-relation-changed', { id: 'replicas:0', remoteUnit: 'dispatcher/1' }), 'peer');
    assert.equal(d.file('peers'), 'dispatcher/1\n');
    assert.equal(d.hookLog().at(-1), 'replicas-relation-changed dispatcher/1 replicas:0');
  });

  void it('falls back to unit-get when network-get fails', () => {
    const d = dispatcher(false);
    ok(d.hook('config-changed'), 'config-changed');
    assert.deepEqual(d.state().relations['website:6']?.data['dispatcher/0'], {
      hostname: '10.0.0.5',
      port: '8000',
    });
  });

  void it('runs the greet action and fails it on request', () => {
    const d = dispatcher();
    ok(d.action('greet', { name: 'juju', fail: false }), 'greet');
    assert.deepEqual(d.state().action?.results, { greeting: 'Hello, juju!', unit: 'dispatcher/0' });
    ok(d.action('greet', { name: 'juju', fail: true }), 'greet');
    assert.equal(d.state().action?.failed, 'greeting refused on request');
    assert.equal(d.action('nope', {}).code, 1);
    assert.deepEqual(d.hookLog(), []);
  });

  void it('fails the hook named in fail-hook', () => {
    const d = dispatcher();
    d.update((s) => {
      s.config['fail-hook'] = 'start';
    });
    ok(d.hook('install'), 'install');
    assert.equal(d.hook('start').code, 1);
    assert.deepEqual(d.hookLog(), ['install - -', 'start - -']);
  });
});

void describe('testcharms', () => {
  void it('hooktrace writes the extended line and saves the environment', () => {
    const t = unit('testcharms/hooktrace', {
      unit: 'hooktrace/0',
      config: { count: 3, ratio: 0.5, enabled: true, label: 'a b' },
      relations: {
        'source:7': { endpoint: 'source', app: 'other', units: ['other/1'], data: {} },
        'peer:1': { endpoint: 'peer', app: 'hooktrace', units: [], data: {} },
      },
    });
    ok(t.hook('install'), 'install');
    ok(t.hook('config-changed'), 'config-changed');
    ok(t.hook('leader-elected'), 'leader-elected');
    ok(
      t.hook('source-relation-departed', { id: 'source:7', remoteUnit: 'other/0', departing: 'other/0' }),
      'departed',
    );
    ok(
      t.hook('data-storage-attached', undefined, {
        JUJU_STORAGE_ID: 'data/0',
        JUJU_STORAGE_KIND: 'filesystem',
        JUJU_STORAGE_LOCATION: '/srv/data 0',
      }),
      'storage',
    );
    ok(
      t.hook('secret-remove', undefined, {
        JUJU_SECRET_ID: 'secret:abc',
        JUJU_SECRET_LABEL: '',
        JUJU_SECRET_REVISION: '2',
      }),
      's',
    );
    assert.deepEqual(t.hookLog(), [
      'install - -',
      'config-changed - -',
      'leader-elected - - leader=True',
      'source-relation-departed other/0 source:7 app=other members=other/1 departing=other/0',
      'data-storage-attached - - storage=data/0 kind=filesystem location=/srv/data%200',
      'secret-remove - - secret=secret:abc revision=2',
    ]);
    const env = readFileSync(join(t.unitDir, 'hook-env/install.env'), 'utf8');
    assert.ok(env.split('\n').includes('JUJU_UNIT_NAME=hooktrace/0'));
    assert.ok(env.split('\n').includes('JUJU_REMOTE_UNIT='));
    assert.ok(existsSync(join(t.unitDir, 'hook-env/0004-source-relation-departed.env')));
    assert.deepEqual(JSON.parse(readFileSync(join(t.unitDir, 'hook-env/config.json'), 'utf8')), {
      count: 3,
      enabled: true,
      label: 'a b',
      ratio: 0.5,
    });
    // config-changed copied `label` into every relation.
    assert.deepEqual(t.state().relations['peer:1']?.data['hooktrace/0'], { label: 'a b' });
    assert.equal(t.state().status, undefined, 'hooktrace never sets a status');

    ok(t.action('trace', { note: 'hi' }), 'trace');
    assert.deepEqual(t.state().action?.results, {
      unit: 'hooktrace/0',
      'action-name': 'trace',
      'dispatch-path': 'actions/trace',
      note: 'hi',
    });
    assert.ok(
      readFileSync(join(t.unitDir, 'hook-env/action-trace.env'), 'utf8').includes('JUJU_HOOK_NAME=\n'),
    );
  });

  void it('toolprobe install records every probe without failing', () => {
    const p = unit('testcharms/toolprobe', {
      unit: 'toolprobe/0',
      config: { count: 7, ratio: 0.25, enabled: true, empty: '' },
      relations: { 'probe-out:8': { endpoint: 'probe-out', app: 'other', units: ['other/0'], data: {} } },
    });
    ok(p.hook('install'), 'install');
    const report = JSON.parse(readFileSync(join(p.unitDir, 'toolprobe/install.json'), 'utf8')) as {
      event: string;
      env: Record<string, string>;
      results: { id: string; argv: string[]; exit: number | null; stdout: string; stderr: string }[];
    };
    assert.equal(report.event, 'install');
    assert.equal(report.env['JUJU_UNIT_NAME'], 'toolprobe/0');
    assert.ok(report.results.length > 150, `only ${report.results.length} probes`);
    const ids = report.results.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'probe ids are unique');
    const byId = new Map(report.results.map((r) => [r.id, r]));
    assert.equal(byId.get('config-get-json')?.stdout, '{"count":7,"empty":"","enabled":true,"ratio":0.25}\n');
    assert.equal(byId.get('status-set-no-args')?.exit, 2);
    assert.equal(byId.get('action-get-outside')?.stderr, 'ERROR not running an action\n');
    // Tools the fake lacks are still recorded, with their error.
    assert.equal(byId.get('goal-state-json')?.exit, 1);
    assert.equal(p.state().status?.message, `probed ${report.results.length} tool calls`);

    ok(p.hook('probe-out-relation-joined', { id: 'probe-out:8', remoteUnit: 'other/0' }), 'joined');
    const relReport = JSON.parse(
      readFileSync(join(p.unitDir, 'toolprobe/probe-out-relation-joined.json'), 'utf8'),
    ) as { results: { id: string; exit: number | null; stdout: string }[] };
    const rel = new Map(relReport.results.map((r) => [r.id, r]));
    assert.equal(rel.get('relation-list-json')?.stdout, '["other/0"]\n');
    assert.equal(rel.get('relation-get-self-key')?.stdout, 'toolprobe/0\n');
    assert.deepEqual(p.state().relations['probe-out:8']?.data['toolprobe/0'], {
      'probe-format': '1',
      'probe-unit': 'toolprobe/0',
    });

    ok(p.action('probe', { label: 'probe', times: 2, fail: true }), 'probe action');
    assert.ok(existsSync(join(p.unitDir, 'toolprobe/action-probe.json')));
    assert.equal(p.state().action?.failed, 'failed on request');
    assert.deepEqual(p.hookLog(), ['install - -', 'probe-out-relation-joined other/0 probe-out:8']);
  });

  void it('slowhook sleeps only in the configured hooks', () => {
    const s = unit('testcharms/slowhook', {
      unit: 'slowhook/0',
      config: { sleep: 1, 'sleep-hooks': 'install,start' },
    });
    const slow = s.hook('install');
    ok(slow, 'install');
    assert.ok(slow.ms >= 1000, `install took ${slow.ms}ms`);
    const fast = s.hook('config-changed');
    ok(fast, 'config-changed');
    assert.equal(existsSync(join(s.unitDir, 'slowhook.running')), false);
    assert.equal(s.file('slowhook.done'), 'install done\nconfig-changed done\n');
    assert.deepEqual(s.hookLog(), ['install - -', 'config-changed - -']);
    ok(s.action('nap', { seconds: 1 }), 'nap');
    assert.deepEqual(s.state().action?.results, { slept: '1' });
  });

  void it('subordinate records its principal unit', () => {
    const sub = unit('testcharms/subordinate', {
      unit: 'subordinate/0',
      config: { message: '' },
      relations: { 'host:9': { endpoint: 'host', app: 'pinger', units: ['pinger/0'], data: {} } },
    });
    const principal = { JUJU_PRINCIPAL_UNIT: 'pinger/0' };
    ok(sub.hook('install', undefined, principal), 'install');
    ok(sub.hook('host-relation-joined', { id: 'host:9', remoteUnit: 'pinger/0' }, principal), 'joined');
    ok(sub.hook('start', undefined, principal), 'start');
    assert.equal(sub.file('principal'), 'pinger/0\n');
    assert.deepEqual(sub.state().status, { status: 'active', message: 'attached to pinger/0' });
    assert.deepEqual(sub.hookLog(), ['install - -', 'host-relation-joined pinger/0 host:9', 'start - -']);
  });

  void it('leaves nothing behind in the repository', () => {
    const stray: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (/^(hooks\.log|__pycache__|hook-env)$|\.tmp$/.test(entry.name)) {
          stray.push(relative(REPO, path));
        }
        if (entry.isDirectory()) walk(path);
      }
    };
    walk(join(REPO, 'charms'));
    walk(join(REPO, 'testcharms'));
    assert.deepEqual(stray, []);
  });
});
