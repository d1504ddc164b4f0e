/**
 * goal-state, credential-get, resource-get, the tool registry (names, effects,
 * --help of every tool) and the pieces under the tools: secret URIs, port ranges,
 * the in-memory context's backend hooks and its HookChanges record.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  HOOK_TOOLS,
  HOOK_TOOL_EFFECTS,
  HOOK_TOOL_NAMES,
  isHookTool,
  runHookTool,
} from '../../../src/agent/hooktools/tools/registry.js';
import { formatSecretUri, newSecretId, parseSecretUri } from '../../../src/agent/hooktools/secret-uri.js';
import { formatPortRange, parsePortRange } from '../../../src/agent/hooktools/port-ranges.js';
import { MODEL_UUID, newContext, runTool, toolCases } from './helpers.js';

const since = '2024-01-02 03:04:05Z';

describe('goal-state', () => {
  const data = {
    goalState: {
      units: { 'mysql/1': { status: 'dying', since }, 'mysql/0': { status: 'active', since } },
      relations: {
        db: { wordpress: { status: 'joined', since }, 'wordpress/0': { status: 'active', since } },
      },
    },
  };
  toolCases('goal-state', [
    {
      title: 'ops argv',
      args: ['--format=json'],
      data,
      stdout:
        `{"units":{"mysql/0":{"status":"active","since":"${since}"},"mysql/1":{"status":"dying","since":"${since}"}},` +
        `"relations":{"db":{"wordpress":{"status":"joined","since":"${since}"},"wordpress/0":{"status":"active","since":"${since}"}}}}\n`,
    },
    {
      title: 'yaml by default',
      args: [],
      data: { goalState: { units: { 'mysql/0': { status: 'active', since } }, relations: {} } },
      stdout: `units:\n  mysql/0:\n    status: active\n    since: "${since}"\nrelations: {}\n`,
    },
    { title: 'empty', args: ['--format=json'], stdout: '{"units":{},"relations":{}}\n' },
    {
      title: 'no smart',
      args: ['--format', 'smart'],
      code: 2,
      stderr: 'ERROR invalid value "smart" for option --format: unknown format "smart"\n',
    },
    { title: 'extra args', args: ['x'], code: 2, stderr: 'ERROR unrecognized args: ["x"]\n' },
  ]);
});

describe('credential-get', () => {
  const cloudSpec = {
    type: 'lxd',
    name: 'localhost',
    region: 'default',
    endpoint: 'https://10.0.0.1:8443',
    credential: { 'auth-type': 'certificate', attrs: { 'client-cert': 'c' }, redacted: [] },
    'is-controller-cloud': true,
  };
  toolCases('credential-get', [
    {
      title: 'trusted application',
      args: ['--format=json'],
      data: { cloudSpec },
      stdout:
        '{"type":"lxd","name":"localhost","region":"default","endpoint":"https://10.0.0.1:8443",' +
        '"credential":{"auth-type":"certificate","attrs":{"client-cert":"c"},"redacted":[]},"is-controller-cloud":true}\n',
    },
    {
      title: 'untrusted',
      args: [],
      code: 1,
      stderr: 'ERROR cannot access cloud credentials: permission denied\n',
    },
  ]);
});

describe('resource-get', () => {
  const path = '/var/lib/juju/agents/unit-mysql-0/resources/software/software.zip';
  toolCases('resource-get', [
    {
      title: 'path without newline',
      args: ['software'],
      data: { resources: { software: path } },
      stdout: path,
    },
    {
      title: 'unknown',
      args: ['nope'],
      code: 1,
      stderr: 'ERROR could not download resource: resource "nope" not found\n',
    },
    { title: 'no name', args: [], code: 2, stderr: 'ERROR missing required resource name\n' },
  ]);

  it('downloads through the backend at call time', async () => {
    const ctx = newContext({}, { downloadResource: (name) => Promise.resolve(`/res/${name}/file`) });
    assert.equal((await runTool(ctx, 'resource-get', ['x'])).stdout, '/res/x/file');
  });
});

describe('registry', () => {
  const expected = [
    'action-fail',
    'action-get',
    'action-log',
    'action-set',
    'application-version-set',
    'close-port',
    'config-get',
    'credential-get',
    'goal-state',
    'is-leader',
    'juju-log',
    'juju-reboot',
    'leader-get',
    'leader-set',
    'network-get',
    'open-port',
    'opened-ports',
    'relation-get',
    'relation-ids',
    'relation-list',
    'relation-model-get',
    'relation-set',
    'resource-get',
    'secret-add',
    'secret-get',
    'secret-grant',
    'secret-ids',
    'secret-info-get',
    'secret-remove',
    'secret-revoke',
    'secret-set',
    'state-delete',
    'state-get',
    'state-set',
    'status-get',
    'status-set',
    'storage-add',
    'storage-get',
    'storage-list',
    'unit-get',
  ];

  it('has every Juju 3.6 machine hook tool', () => {
    assert.deepEqual([...HOOK_TOOL_NAMES], expected);
    assert.equal(isHookTool('pod-spec-set'), false);
  });

  it('marks buffered and immediate tools as §5.2 says', () => {
    const of = (effect: string) => expected.filter((n) => HOOK_TOOL_EFFECTS[n] === effect);
    assert.deepEqual(of('buffered'), [
      'close-port',
      'juju-reboot',
      'open-port',
      'relation-set',
      'secret-add',
      'secret-grant',
      'secret-remove',
      'secret-revoke',
      'secret-set',
      'state-delete',
      'state-set',
      'storage-add',
    ]);
    assert.deepEqual(of('immediate'), [
      'action-log',
      'application-version-set',
      'juju-log',
      'leader-set',
      'resource-get',
      'status-set',
    ]);
    assert.deepEqual(of('action'), ['action-fail', 'action-set']);
  });

  it('exposes each tool as run(ctx, args, io)', async () => {
    assert.deepEqual(Object.keys(HOOK_TOOLS).sort(), expected);
    const run = HOOK_TOOLS['config-get'];
    assert.ok(run);
    const r = await run(newContext(), ['title'], { stdin: Buffer.alloc(0), cwd: '/', env: {} });
    assert.deepEqual(r, { code: 0, stdout: 'My Title\n', stderr: '' });
  });

  it('unknown names are rejected', () => {
    assert.throws(
      () => runHookTool('nope', newContext(), [], { stdin: Buffer.alloc(0), cwd: '/', env: {} }),
      {
        message: 'unknown command: nope',
      },
    );
  });

  for (const name of expected) {
    it(`${name} --help`, async () => {
      const r = await runTool(newContext({ action: { name: 'a', id: '1', params: {} } }), name, ['--help']);
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
      assert.ok(r.stdout.startsWith(`Usage: ${name}`), r.stdout);
      assert.match(r.stdout, /\n\nSummary:\n.+\n/);
      assert.ok(!/--help/.test(r.stdout), 'help flag not listed');
    });
  }
});

describe('secret URIs', () => {
  it('accepts the three forms', () => {
    const id = 'cqpe0a1ig4tc7kc2lhmg';
    assert.deepEqual(parseSecretUri(`secret:${id}`), { id, sourceUuid: '' });
    assert.deepEqual(parseSecretUri(`secret://${MODEL_UUID}/${id}`), { id, sourceUuid: MODEL_UUID });
    assert.deepEqual(parseSecretUri(id), { id, sourceUuid: '' });
    assert.equal(formatSecretUri({ id, sourceUuid: MODEL_UUID }), `secret://${MODEL_UUID}/${id}`);
    assert.equal(formatSecretUri({ id, sourceUuid: '' }), `secret:${id}`);
  });

  it('rejects bad ones with Juju wording', () => {
    assert.throws(() => parseSecretUri('x'), { message: 'secret URI "x" not valid' });
    assert.throws(() => parseSecretUri('http:cqpe0a1ig4tc7kc2lhmg'), {
      message: 'secret URI scheme "http" not valid',
    });
  });

  it('generates fresh xids', () => {
    const a = newSecretId();
    const b = newSecretId();
    assert.match(a, /^[0-9a-v]{20}$/);
    assert.notEqual(a, b);
    assert.deepEqual(parseSecretUri(a).id, a);
  });
});

describe('port ranges', () => {
  it('round-trips', () => {
    for (const text of ['80/tcp', '8000-8100/udp', 'icmp', '0/tcp'])
      assert.equal(formatPortRange(parsePortRange(text)), text);
    assert.equal(formatPortRange(parsePortRange('53')), '53/tcp');
  });
});

describe('InMemoryHookContext', () => {
  it('uses the backend for lazy remote reads and caches them per hook', async () => {
    let calls = 0;
    const ctx = newContext(
      {},
      {
        readRemoteUnitSettings: (id, unit) => {
          calls++;
          return Promise.resolve({ from: `${id}/${unit}` });
        },
      },
    );
    assert.equal((await runTool(ctx, 'relation-get', ['from'])).stdout, '1/wordpress/0\n');
    assert.equal((await runTool(ctx, 'relation-get', ['from'])).stdout, '1/wordpress/0\n');
    assert.equal(calls, 1);
  });

  it('sends immediate writes to the backend and fails the tool when it fails', async () => {
    const leader: Record<string, string>[] = [];
    const ctx = newContext(
      {},
      {
        writeLeaderSettings: (c) => Promise.resolve(void leader.push(c)),
        setWorkloadVersion: () => Promise.reject(new Error('connection is shut down')),
        log: () => undefined,
      },
    );
    assert.equal((await runTool(ctx, 'leader-set', ['a=1'])).code, 0);
    assert.deepEqual(leader, [{ a: '1' }]);
    const r = await runTool(ctx, 'application-version-set', ['1.0']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'ERROR connection is shut down\n');
  });

  it('asks the backend for secret content', async () => {
    const asked: unknown[] = [];
    const ctx = newContext(
      {},
      {
        getSecretContent: (args) => {
          asked.push(args);
          return Promise.resolve({ key: Buffer.from('v').toString('base64') });
        },
      },
    );
    const r = await runTool(ctx, 'secret-get', ['cqpe0a1ig4tc7kc2lhmg', '--label', 'l', '--refresh', 'key']);
    assert.equal(r.stdout, 'v\n');
    assert.deepEqual(asked, [{ id: 'cqpe0a1ig4tc7kc2lhmg', label: 'l', refresh: true, peek: false }]);
  });

  it('records a complete HookChanges', async () => {
    const ctx = newContext({ hookName: 'config-changed', machinePorts: { 'mysql/0': { '': [] } } });
    for (const [name, args] of [
      ['relation-set', ['-r', '3', 'x=1']],
      ['relation-set', ['-r', '1', 'y=2']],
      ['open-port', ['80']],
      ['state-set', ['k=v']],
      ['storage-add', ['data']],
      ['status-set', ['active']],
      ['juju-log', ['hi']],
    ] as const) {
      assert.equal((await runTool(ctx, name, args)).code, 0);
    }
    const c = ctx.changes();
    assert.deepEqual(
      c.buffered.relationSettings.map((r) => r.relationId),
      [1, 3],
    );
    assert.equal(c.buffered.updateNetworkInfo, true);
    assert.deepEqual(c.buffered.charmState, { k: 'v' });
    assert.deepEqual(c.buffered.storageAdd, [{ name: 'data', count: 1 }]);
    assert.equal(c.buffered.openPorts.length, 1);
    assert.equal(c.immediate.unitStatus?.status, 'active');
    assert.equal(c.immediate.logs.length, 1);
    assert.equal(c.action, undefined);
  });
});
