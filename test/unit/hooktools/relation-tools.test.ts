/**
 * Conformance of relation-ids, relation-list, relation-get, relation-set,
 * relation-model-get, unit-get and network-get with charm-contract.md §4.1/§4.2:
 * exact outputs, error texts and exit codes, including the argv ops sends.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { NetworkInfo } from '../../../src/agent/hooktools/context.js';
import { MODEL_UUID, baseData, newContext, runTool, toolCases } from './helpers.js';

const outsideRelationHook = {
  hookName: 'install',
  hookRelationId: undefined,
  remoteUnit: undefined,
  remoteApp: undefined,
};
const dbNetwork: NetworkInfo = {
  bindAddresses: [
    {
      macAddress: '00:16:3e:aa:bb:cc',
      interfaceName: 'eth0',
      addresses: [{ hostname: '', value: '10.0.0.2', cidr: '10.0.0.0/24' }],
    },
  ],
  egressSubnets: ['10.0.0.2/32'],
  ingressAddresses: ['10.0.0.2'],
};

describe('relation-ids', () => {
  toolCases('relation-ids', [
    { title: 'defaults to the hook endpoint, skips dead relations', args: [], stdout: 'db:1\ndb:10\n' },
    { title: 'ops argv', args: ['db', '--format=json'], stdout: '["db:1","db:10"]\n' },
    { title: 'peer endpoint', args: ['cluster', '--format=json'], stdout: '["cluster:3"]\n' },
    { title: 'unknown endpoint is an empty list', args: ['nope'], stdout: '' },
    { title: 'unknown endpoint json', args: ['nope', '--format=json'], stdout: '[]\n' },
    { title: 'yaml', args: ['--format=yaml'], stdout: '- db:1\n- db:10\n' },
    {
      title: 'sorted as strings',
      args: ['db', '--format=json'],
      data: {
        relations: [
          { id: 2, endpoint: 'db', remoteApp: 'a' },
          { id: 10, endpoint: 'db', remoteApp: 'b' },
        ],
        hookRelationId: undefined,
      },
      stdout: '["db:10","db:2"]\n',
    },
    {
      title: 'no endpoint outside relation hooks',
      args: [],
      data: outsideRelationHook,
      code: 2,
      stderr: 'ERROR no endpoint name specified\n',
    },
    { title: 'extra args', args: ['db', 'x'], code: 2, stderr: 'ERROR unrecognized args: ["x"]\n' },
  ]);
});

describe('relation-list', () => {
  toolCases('relation-list', [
    { title: 'hook relation members, sorted', args: [], stdout: 'wordpress/0\nwordpress/1\n' },
    {
      title: 'ops <= 3.3 argv',
      args: ['-r', '1', '--format=json'],
      stdout: '["wordpress/0","wordpress/1"]\n',
    },
    {
      title: 'ops >= 3.7 argv',
      args: ['--format=json', '-r', 'db:1'],
      stdout: '["wordpress/0","wordpress/1"]\n',
    },
    {
      title: 'remote app (ops <= 3.3)',
      args: ['-r', '1', '--app', '--format=json'],
      stdout: '"wordpress"\n',
    },
    {
      title: 'remote app (ops >= 3.4)',
      args: ['--format=json', '--app', '-r', 'db:1'],
      stdout: '"wordpress"\n',
    },
    { title: 'remote app smart', args: ['--app'], stdout: 'wordpress\n' },
    { title: 'no members', args: ['-r', '10'], stdout: '' },
    { title: 'no members json', args: ['-r', '10', '--format=json'], stdout: '[]\n' },
    {
      title: 'endpoint prefix is ignored',
      args: ['-r', 'anything:3', '--format=json'],
      stdout: '["mysql/1"]\n',
    },
    {
      title: 'no relation outside relation hooks',
      args: [],
      data: outsideRelationHook,
      code: 2,
      stderr: 'ERROR no relation id specified\n',
    },
    {
      title: 'unknown relation',
      args: ['-r', 'db:9'],
      code: 2,
      stderr: 'ERROR invalid value "db:9" for option -r: relation not found\n',
    },
    {
      title: 'unknown relation, long flag',
      args: ['--relation=9'],
      code: 2,
      stderr: 'ERROR invalid value "9" for option --relation: relation not found\n',
    },
    {
      title: 'non-numeric id',
      args: ['-r', 'db:x'],
      code: 2,
      stderr: 'ERROR invalid value "db:x" for option -r: invalid relation id\n',
    },
    {
      title: 'unknown flag',
      args: ['--foo'],
      code: 2,
      stderr: 'ERROR option provided but not defined: --foo\n',
    },
    { title: 'missing flag value', args: ['-r'], code: 2, stderr: 'ERROR option needs an argument: -r\n' },
  ]);
});

describe('relation-get', () => {
  toolCases('relation-get', [
    {
      title: 'remote unit of the hook, all keys',
      args: [],
      stdout: 'ingress-address: 10.0.0.5\nprivate-address: 10.0.0.5\ntoken: x\n',
    },
    { title: 'one key', args: ['token'], stdout: 'x\n' },
    { title: 'missing key smart prints nothing', args: ['missing'], stdout: '' },
    { title: 'missing key json is null', args: ['--format=json', 'missing'], stdout: 'null\n' },
    {
      title: 'ops >= 3.4 argv',
      args: ['--format=json', '-r', 'db:1', '-', 'wordpress/1'],
      stdout: '{"private-address":"10.0.0.6"}\n',
    },
    {
      title: 'ops <= 3.3 argv, flags after positionals',
      args: ['-r', '1', '-', 'wordpress/0', '--format=json'],
      stdout: '{"ingress-address":"10.0.0.5","private-address":"10.0.0.5","token":"x"}\n',
    },
    {
      title: 'interspersed key and flags',
      args: ['token', '-r', '1', 'wordpress/0'],
      stdout: 'x\n',
    },
    {
      title: 'remote application bag (ops 2.x order)',
      args: ['-r', '1', '-', 'wordpress', '--app', '--format=json'],
      stdout: '{"app-key":"app-value"}\n',
    },
    {
      title: '--app turns a unit name into its application',
      args: ['--app', '--format=json', '-', 'wordpress/0'],
      stdout: '{"app-key":"app-value"}\n',
    },
    {
      title: 'application name without --app',
      args: ['-', 'wordpress'],
      code: 2,
      stderr: 'ERROR expected unit name, got application name "wordpress"\n',
    },
    {
      title: 'invalid unit name',
      args: ['-', 'Bad/x'],
      code: 2,
      stderr: 'ERROR invalid unit name "Bad/x"\n',
    },
    {
      title: 'departed units stay readable',
      args: ['--format=json', '-', 'wordpress/7'],
      stdout: '{"gone":"departed unit"}\n',
    },
    {
      title: 'own unit includes pending writes',
      args: ['--format=json', '-', 'mysql/0'],
      before: [['relation-set', ['user=alice', 'extra=1', 'private-address=']]],
      stdout: '{"extra":"1","user":"alice"}\n',
    },
    {
      title: 'own app (leader) includes pending writes',
      args: ['--app', '--format=json', '-', 'mysql'],
      before: [['relation-set', ['--app', 'k=v']]],
      stdout: '{"k":"v","password":"pw"}\n',
    },
    {
      title: 'own app bag of a non-peer relation is denied to non-leaders',
      args: ['--app', '-', 'mysql'],
      data: { leader: false },
      code: 1,
      stderr: 'ERROR permission denied\n',
    },
    {
      title: 'non-leader reads the peer app bag',
      args: ['-r', 'cluster:3', '--app', '--format=json', '-', 'mysql'],
      data: { leader: false },
      stdout: '{"primary":"mysql/0"}\n',
    },
    {
      title: 'app-level relation-changed implies --app',
      args: ['--format=json'],
      data: { remoteUnit: '' },
      stdout: '{"app-key":"app-value"}\n',
    },
    {
      title: 'no default target',
      args: ['-r', '1'],
      data: outsideRelationHook,
      code: 2,
      stderr: 'ERROR no unit or application specified\n',
    },
    {
      title: 'removed relation',
      args: ['--format=json', '-r', 'db:42', '-', 'wordpress/0'],
      code: 2,
      stderr: 'ERROR invalid value "db:42" for option -r: relation not found\n',
    },
    {
      title: 'extra args',
      args: ['a', 'wordpress/0', 'b'],
      code: 2,
      stderr: 'ERROR unrecognized args: ["b"]\n',
    },
  ]);
});

describe('relation-set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hooktools-relset-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'settings.yaml'), 'from-file: yes\nnum: 1.0\nempty:\n');

  toolCases('relation-set', [
    {
      title: 'key=value, empty value deletes',
      args: ['a=1', 'user='],
      check: (ctx) => {
        assert.deepEqual(ctx.changes().buffered.relationSettings, [
          { relationId: 1, unit: { a: '1', user: '' } },
        ]);
      },
    },
    {
      title: 'values keep = signs',
      args: ['-r', 'db:1', 'url=http://x/?a=b'],
      check: async (ctx) =>
        assert.equal((await ctx.localRelationSettings(1, 'unit'))['url'], 'http://x/?a=b'),
    },
    {
      title: 'duplicate key',
      args: ['a=1', 'a=2'],
      code: 2,
      stderr: 'ERROR key "a" specified more than once\n',
    },
    { title: 'not key=value', args: ['foo'], code: 2, stderr: 'ERROR expected "key=value", got "foo"\n' },
    { title: 'empty key', args: ['=x'], code: 2, stderr: 'ERROR expected "key=value", got "=x"\n' },
    {
      title: 'ops <= 3.3 stdin YAML',
      args: ['-r', '1', '--file', '-'],
      stdin: "a: '1'\nb: hello world\nuser: ''\n",
      check: (ctx) => {
        assert.deepEqual(ctx.changes().buffered.relationSettings[0]?.unit, {
          a: '1',
          b: 'hello world',
          user: '',
        });
      },
    },
    {
      title: 'ops >= 3.4 stdin JSON with surrogate pairs',
      args: ['-r', 'db:1', '--file', '-'],
      stdin: '{"emoji": "\\ud83d\\ude00", "accent": "caf\\u00e9", "user": ""}',
      check: (ctx) => {
        assert.deepEqual(ctx.changes().buffered.relationSettings[0]?.unit, {
          emoji: '😀',
          accent: 'café',
          user: '',
        });
      },
    },
    {
      title: 'arguments override the file',
      args: ['--file', '-', 'a=override'],
      stdin: 'a: 1\nb: 2\n',
      check: (ctx) =>
        assert.deepEqual(ctx.changes().buffered.relationSettings[0]?.unit, { a: 'override', b: '2' }),
    },
    {
      title: 'file relative to the caller cwd keeps scalar text',
      args: ['--file', 'settings.yaml'],
      cwd: dir,
      check: (ctx) => {
        assert.deepEqual(ctx.changes().buffered.relationSettings[0]?.unit, {
          'from-file': 'yes',
          num: '1.0',
          empty: '',
        });
      },
    },
    {
      title: 'missing file',
      args: ['--file', 'nope.yaml'],
      cwd: '/tmp',
      code: 1,
      stderr: 'ERROR open /tmp/nope.yaml: no such file or directory\n',
    },
    {
      title: 'not a map',
      args: ['--file', '-'],
      stdin: '- a\n- b\n',
      code: 1,
      stderr: /^ERROR yaml: unmarshal errors/,
    },
    {
      title: '--app by the leader',
      args: ['--app', 'k=v'],
      check: (ctx) => {
        assert.deepEqual(ctx.changes().buffered.relationSettings, [
          { relationId: 1, unit: {}, app: { k: 'v' } },
        ]);
      },
    },
    {
      title: '--app by a non-leader',
      args: ['--app', 'k=v'],
      data: { leader: false },
      code: 1,
      stderr: 'ERROR cannot write relation settings\n',
    },
    {
      title: 'deprecated --format',
      args: ['--format', 'json', 'a=1'],
      stderr: '--format flag deprecated for command "relation-set"',
    },
    {
      title: 'no relation',
      args: ['a=1'],
      data: outsideRelationHook,
      code: 2,
      stderr: 'ERROR no relation id specified\n',
    },
  ]);

  it('asks for stdin only when --file - needs it', async () => {
    const ctx = newContext();
    const first = await runTool(ctx, 'relation-set', ['--file', '-'], { stdinSet: false });
    assert.equal(first.stdinRequired, true);
    assert.deepEqual(ctx.changes().buffered.relationSettings, []);
    const plain = await runTool(ctx, 'relation-set', ['a=1'], { stdinSet: false });
    assert.equal(plain.code, 0);
    assert.equal(plain.stdinRequired, undefined);
  });
});

describe('relation-model-get', () => {
  toolCases('relation-model-get', [
    {
      title: 'ops argv, local model',
      args: ['--format=json', '-r', 'db:1'],
      stdout: `{"uuid":"${MODEL_UUID}"}\n`,
    },
    {
      title: 'cross-model relation',
      args: ['-r', '10', '--format=json'],
      stdout: '{"uuid":"ffffffff-1111-4222-8333-444455556666"}\n',
    },
    { title: 'smart is YAML', args: [], stdout: `uuid: ${MODEL_UUID}\n` },
    {
      title: 'no relation',
      args: ['--format=json'],
      data: outsideRelationHook,
      code: 2,
      stderr: 'ERROR no relation id specified\n',
    },
    {
      title: 'removed relation',
      args: ['-r', 'db:7'],
      code: 2,
      stderr: 'ERROR invalid value "db:7" for option -r: relation not found\n',
    },
  ]);
});

describe('unit-get', () => {
  toolCases('unit-get', [
    { title: 'private address fallback', args: ['private-address'], stdout: '10.0.0.2\n' },
    {
      title: 'private address from the default binding (hostname wins)',
      args: ['private-address'],
      data: {
        networkInfo: {
          '': {
            bindAddresses: [
              {
                macAddress: '',
                interfaceName: 'eth0',
                addresses: [{ hostname: 'host.example', value: '10.1.1.1', cidr: '' }],
              },
            ],
            egressSubnets: [],
            ingressAddresses: [],
          },
        },
      },
      stdout: 'host.example\n',
    },
    { title: 'public address', args: ['public-address'], stdout: '203.0.113.9\n' },
    { title: 'json', args: ['--format=json', 'private-address'], stdout: '"10.0.0.2"\n' },
    {
      title: 'no public address',
      args: ['public-address'],
      data: { publicAddress: undefined },
      code: 1,
      stderr: 'ERROR public address not found\n',
    },
    { title: 'unknown setting', args: ['foo'], code: 2, stderr: 'ERROR unknown setting "foo"\n' },
    { title: 'no setting', args: [], code: 2, stderr: 'ERROR no setting specified\n' },
  ]);
});

describe('network-get', () => {
  const data = { networkInfo: { db: dbNetwork } };
  toolCases('network-get', [
    {
      title: 'full structure, json',
      args: ['--format=json', 'db'],
      data,
      stdout:
        '{"bind-addresses":[{"mac-address":"00:16:3e:aa:bb:cc","interface-name":"eth0","addresses":' +
        '[{"hostname":"","value":"10.0.0.2","cidr":"10.0.0.0/24"}]}],"egress-subnets":["10.0.0.2/32"],' +
        '"ingress-addresses":["10.0.0.2"]}\n',
    },
    {
      title: 'full structure, yaml has the legacy keys',
      args: ['db'],
      data,
      stdout:
        'bind-addresses:\n- mac-address: 00:16:3e:aa:bb:cc\n  interface-name: eth0\n  addresses:\n' +
        '  - hostname: ""\n    value: 10.0.0.2\n    cidr: 10.0.0.0/24\n    address: 10.0.0.2\n' +
        '  macaddress: 00:16:3e:aa:bb:cc\n  interfacename: eth0\negress-subnets:\n- 10.0.0.2/32\n' +
        'ingress-addresses:\n- 10.0.0.2\n',
    },
    {
      title: 'ops >= 3.4 argv',
      args: ['--format=json', '-r', '1', 'db'],
      data,
      stdout: /^\{"bind-addresses":/,
    },
    { title: 'one value', args: ['db', '--ingress-address'], data, stdout: '10.0.0.2\n' },
    { title: 'egress subnets list', args: ['--egress-subnets', 'db'], data, stdout: '10.0.0.2/32\n' },
    {
      title: 'several values as a map',
      args: ['--bind-address', '--ingress-address', '--egress-subnets', '--format=json', 'db'],
      data,
      stdout: '{"bind-address":"10.0.0.2","egress-subnets":["10.0.0.2/32"],"ingress-address":"10.0.0.2"}\n',
    },
    { title: 'deprecated --primary-address', args: ['--primary-address', 'db'], data, stdout: '10.0.0.2\n' },
    {
      title: 'unknown binding',
      args: ['nope'],
      data,
      code: 1,
      stderr: 'ERROR no network config found for binding "nope"\n',
    },
    { title: 'no binding', args: [], data, code: 2, stderr: 'ERROR no arguments specified\n' },
  ]);
});

describe('relation data defaults', () => {
  it('baseData gives independent copies', () => {
    const a = baseData();
    const b = baseData({ leader: false });
    assert.equal(a.leader, true);
    assert.equal(b.leader, false);
  });
});
