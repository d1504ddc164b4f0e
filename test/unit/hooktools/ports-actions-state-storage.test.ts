/**
 * Conformance of open-port, close-port, opened-ports, action-get/set/log/fail,
 * juju-reboot, state-get/set/delete and storage-list/get/add (§4.1, §5.2).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GroupedPortRanges } from '../../../src/agent/hooktools/context.js';
import { newContext, runTool, toolCases } from './helpers.js';

const tcp = (from: number, to = from) => ({ from, to, protocol: 'tcp' as const });
const udp = (from: number, to = from) => ({ from, to, protocol: 'udp' as const });
const opens = (ctx: ReturnType<typeof newContext>): string[] =>
  ctx
    .changes()
    .buffered.openPorts.map((p) => `${p.endpoint}|${p.range.from}-${p.range.to}/${p.range.protocol}`);
const closes = (ctx: ReturnType<typeof newContext>): string[] =>
  ctx
    .changes()
    .buffered.closePorts.map((p) => `${p.endpoint}|${p.range.from}-${p.range.to}/${p.range.protocol}`);

describe('open-port', () => {
  const own = (ports: GroupedPortRanges) => ({ machinePorts: { 'mysql/0': ports } });
  toolCases('open-port', [
    { title: 'tcp by default', args: ['80'], check: (ctx) => assert.deepEqual(opens(ctx), ['|80-80/tcp']) },
    { title: 'ops argv', args: ['443/tcp'], check: (ctx) => assert.deepEqual(opens(ctx), ['|443-443/tcp']) },
    {
      title: 'range, protocol case',
      args: ['8000-8100/UDP'],
      check: (ctx) => assert.deepEqual(opens(ctx), ['|8000-8100/udp']),
    },
    { title: 'icmp', args: ['icmp'], check: (ctx) => assert.deepEqual(opens(ctx), ['|-1--1/icmp']) },
    { title: 'port 0 is accepted', args: ['0'], check: (ctx) => assert.deepEqual(opens(ctx), ['|0-0/tcp']) },
    {
      title: 'per endpoint',
      args: ['80', '--endpoints', 'db, cluster'],
      check: (ctx) => assert.deepEqual(opens(ctx), ['db|80-80/tcp', 'cluster|80-80/tcp']),
    },
    { title: 'no port', args: [], code: 2, stderr: 'ERROR no port or range specified\n' },
    { title: 'too many dashes', args: ['1-2-3'], code: 2, stderr: 'ERROR invalid port range "1-2-3"\n' },
    {
      title: 'not a number',
      args: ['abc'],
      code: 2,
      stderr: 'ERROR invalid port "abc": strconv.Atoi: parsing "abc": invalid syntax\n',
    },
    {
      title: 'bad protocol',
      args: ['80/sctp'],
      code: 2,
      stderr: 'ERROR invalid protocol "sctp", expected "tcp", "udp", or "icmp"\n',
    },
    {
      title: 'icmp with a port',
      args: ['80/icmp'],
      code: 2,
      stderr: 'ERROR protocol "icmp" doesn\'t support any ports; got "80"\n',
    },
    { title: 'reversed range', args: ['90-80/tcp'], code: 2, stderr: 'ERROR invalid port range 90-80/tcp\n' },
    {
      title: 'out of bounds',
      args: ['0-70000'],
      code: 2,
      stderr: 'ERROR port range bounds must be between 0 and 65535, got 0-70000\n',
    },
    { title: 'extra args', args: ['80', '81'], code: 2, stderr: 'ERROR unrecognized args: ["81"]\n' },
    {
      title: 'overlap with an open range of the unit',
      args: ['8050'],
      data: own({ '': [tcp(8000, 8100)] }),
      code: 1,
      stderr:
        'ERROR cannot open 8050/tcp (unit "mysql/0"): port range conflicts with 8000-8100/tcp (unit "mysql/0")\n',
    },
    {
      title: 'overlap with a pending range',
      args: ['8050'],
      before: [['open-port', ['8000-8100']]],
      code: 1,
      stderr:
        'ERROR cannot open 8050/tcp (unit "mysql/0"): port range conflicts with 8000-8100/tcp (unit "mysql/0") requested earlier\n',
    },
    {
      title: 'overlap with another unit on the machine',
      args: ['80'],
      data: { machinePorts: { 'nginx/0': { '': [tcp(80)] } } },
      code: 1,
      stderr:
        'ERROR cannot open 80/tcp (unit "mysql/0"): port range conflicts with 80/tcp (unit "nginx/0")\n',
    },
    {
      title: 'already open is a no-op',
      args: ['80'],
      data: own({ '': [tcp(80)] }),
      check: (ctx) => assert.deepEqual(opens(ctx), []),
    },
    {
      title: 'same range on another endpoint is fine',
      args: ['80', '--endpoints', 'db'],
      data: own({ cluster: [tcp(80)] }),
      check: (ctx) => assert.deepEqual(opens(ctx), ['db|80-80/tcp']),
    },
    {
      title: 'deprecated --format',
      args: ['--format', 'json', '80'],
      stderr: '--format flag deprecated for command "open-port"',
    },
  ]);
});

describe('close-port', () => {
  toolCases('close-port', [
    {
      title: 'close an open port',
      args: ['80'],
      data: { machinePorts: { 'mysql/0': { '': [tcp(80)] } } },
      check: (ctx) => assert.deepEqual(closes(ctx), ['|80-80/tcp']),
    },
    {
      title: 'cancels a pending open',
      args: ['80/tcp'],
      before: [['open-port', ['80/tcp']]],
      check: (ctx) => {
        assert.deepEqual(opens(ctx), []);
        assert.deepEqual(closes(ctx), []);
      },
    },
    {
      title: 'nothing open on the machine: no-op',
      args: ['icmp'],
      check: (ctx) => assert.deepEqual(closes(ctx), []),
    },
    {
      title: 'part of an open range',
      args: ['8050'],
      data: { machinePorts: { 'mysql/0': { '': [tcp(8000, 8100)] } } },
      code: 1,
      stderr:
        'ERROR cannot close 8050/tcp (unit "mysql/0"): port range conflicts with 8000-8100/tcp (unit "mysql/0")\n',
    },
    {
      title: 'bad range',
      args: ['x-1'],
      code: 2,
      stderr: 'ERROR invalid port "x": strconv.Atoi: parsing "x": invalid syntax\n',
    },
  ]);
});

describe('opened-ports', () => {
  const data = {
    machinePorts: { 'mysql/0': { '': [tcp(80)], db: [udp(8000, 8999)] }, 'nginx/0': { '': [tcp(443)] } },
  };
  toolCases('opened-ports', [
    { title: 'committed ranges', args: [], data, stdout: '80/tcp\n8000-8999/udp\n' },
    {
      title: 'includes pending opens and closes',
      args: [],
      data,
      before: [
        ['open-port', ['icmp']],
        ['close-port', ['80']],
      ],
      stdout: 'icmp\n8000-8999/udp\n',
    },
    { title: 'ops >= 3.4 json', args: ['--format=json'], data, stdout: '["80/tcp","8000-8999/udp"]\n' },
    {
      title: 'with endpoints',
      args: ['--endpoints'],
      data: { machinePorts: { 'mysql/0': { '': [tcp(80)], db: [tcp(80), udp(53)], cluster: [udp(53)] } } },
      stdout: '80/tcp (*)\n53/udp (cluster, db)\n',
    },
    { title: 'none', args: [], stdout: '' },
    { title: 'none json', args: ['--format=json'], stdout: '[]\n' },
  ]);
});

describe('actions', () => {
  const action = {
    action: {
      name: 'backup',
      id: '7',
      params: { target: { dir: '/tmp', n: 3 }, compress: true, name: 'x' },
    },
    hookName: '',
  };
  toolCases('action-get', [
    {
      title: 'ops argv',
      args: ['--format=json'],
      data: action,
      stdout: '{"compress":true,"name":"x","target":{"dir":"/tmp","n":3}}\n',
    },
    { title: 'dotted key', args: ['target.dir'], data: action, stdout: '/tmp\n' },
    // go-yaml v2 quotes YAML 1.1 booleans such as `n`, keys included.
    { title: 'map value smart is YAML', args: ['target'], data: action, stdout: 'dir: /tmp\n"n": 3\n' },
    { title: 'missing', args: ['target.nope.x'], data: action, stdout: '' },
    { title: 'missing json', args: ['--format=json', 'nope'], data: action, stdout: 'null\n' },
    {
      title: 'no params',
      args: ['--format=json'],
      data: { action: { name: 'a', id: '1', params: {} } },
      stdout: '{}\n',
    },
    { title: 'outside actions', args: [], code: 1, stderr: 'ERROR not running an action\n' },
  ]);

  toolCases('action-set', [
    {
      title: 'nested keys',
      args: ['outfile.size=10G', 'foo=bar', 'outfile.name=x=y'],
      data: action,
      check: (ctx) =>
        assert.deepEqual(ctx.changes().action?.results, {
          outfile: { size: '10G', name: 'x=y' },
          foo: 'bar',
        }),
    },
    {
      title: 'bad key',
      args: ['Bad=1'],
      data: action,
      code: 2,
      stderr:
        'ERROR key "Bad" must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods\n',
    },
    {
      title: 'reserved key',
      args: ['stdout=x'],
      data: action,
      code: 2,
      stderr: 'ERROR cannot set reserved action key "stdout"\n',
    },
    {
      title: 'not key=value',
      args: ['novalue'],
      data: action,
      code: 2,
      stderr: 'ERROR argument "novalue" must be of the form key...=value\n',
    },
    { title: 'outside actions', args: ['a=b'], code: 1, stderr: 'ERROR not running an action\n' },
  ]);

  toolCases('action-log', [
    {
      title: 'ops >= 3.4 argv',
      args: ['--', 'working', 'hard'],
      data: action,
      check: (ctx) => assert.deepEqual(ctx.changes().immediate.actionLogs, ['working hard']),
    },
    { title: 'no message', args: [], data: action, code: 2, stderr: 'ERROR no message specified\n' },
    { title: 'outside actions', args: ['x'], code: 1, stderr: 'ERROR not running an action\n' },
  ]);

  toolCases('action-fail', [
    {
      title: 'default message only without arguments',
      args: [],
      data: action,
      check: (ctx) =>
        assert.deepEqual(ctx.changes().action, {
          results: {},
          message: 'action failed without reason given, check action for errors',
          failed: true,
        }),
    },
    {
      title: "ops >= 3.4 argv with ''",
      args: ['--', ''],
      data: action,
      check: (ctx) => assert.deepEqual(ctx.changes().action, { results: {}, message: '', failed: true }),
    },
    {
      title: 'message',
      args: ['disk full'],
      data: action,
      check: (ctx) => assert.equal(ctx.changes().action?.message, 'disk full'),
    },
    {
      title: 'two messages',
      args: ['a', 'b'],
      data: action,
      code: 2,
      stderr: 'ERROR unrecognized args: ["b"]\n',
    },
    { title: 'outside actions', args: ['x'], code: 1, stderr: 'ERROR not running an action\n' },
  ]);

  toolCases('juju-reboot', [
    {
      title: 'after the hook',
      args: [],
      check: (ctx) => assert.equal(ctx.changes().buffered.reboot, 'after-hook'),
    },
    { title: '--now', args: ['--now'], check: (ctx) => assert.equal(ctx.changes().buffered.reboot, 'now') },
    {
      title: 'not in actions',
      args: [],
      data: action,
      code: 1,
      stderr: 'ERROR juju-reboot is not supported when running an action.\n',
    },
  ]);

  it('--now calls the backend at once', async () => {
    let killed = 0;
    const ctx = newContext({}, { rebootNow: () => Promise.resolve(void killed++) });
    await runTool(ctx, 'juju-reboot', ['--now']);
    assert.equal(killed, 1);
  });
});

describe('charm state', () => {
  const data = { charmState: { a: '1', b: 'two' } };
  toolCases('state-get', [
    { title: 'all json', args: ['--format=json'], data, stdout: '{"a":"1","b":"two"}\n' },
    { title: 'one key', args: ['a'], data, stdout: '1\n' },
    { title: 'missing key prints nothing', args: ['nope'], data, stdout: '' },
    { title: '--strict', args: ['--strict', 'nope'], data, code: 1, stderr: 'ERROR "nope" not found\n' },
    { title: 'empty state json is null', args: ['--format=json'], stdout: 'null\n' },
    { title: 'empty state smart is {}', args: [], stdout: '{}\n' },
    { title: 'empty state with -', args: ['-', '--format=yaml'], stdout: '{}\n' },
    {
      title: 'reads pending state-set and state-delete',
      args: ['--format=json'],
      data,
      before: [
        ['state-set', ['c=3']],
        ['state-delete', ['a']],
      ],
      stdout: '{"b":"two","c":"3"}\n',
    },
  ]);

  toolCases('state-set', [
    {
      title: 'buffered',
      args: ['c=3', 'b=two'],
      data,
      check: (ctx) => assert.deepEqual(ctx.changes().buffered.charmState, { a: '1', b: 'two', c: '3' }),
    },
    {
      title: 'identical value is a no-op',
      args: ['a=1'],
      data,
      check: (ctx) => assert.equal(ctx.changes().buffered.charmState, undefined),
    },
    {
      title: "ops' controller storage form",
      args: ['--file', '-'],
      stdin: '"StoredStateData[_stored]": |\n  {foo: 1}\n',
      check: async (ctx) => {
        assert.deepEqual(ctx.changes().buffered.charmState, { 'StoredStateData[_stored]': '{foo: 1}\n' });
        const r = await runTool(ctx, 'state-get', ['StoredStateData[_stored]']);
        assert.equal(r.stdout, '{foo: 1}\n\n');
      },
    },
    {
      title: 'key too long',
      args: [`${'k'.repeat(257)}=v`],
      code: 1,
      stderr: 'ERROR max allowed key length (256) exceeded\n',
    },
    { title: 'bad pair', args: ['x'], code: 2, stderr: 'ERROR expected "key=value", got "x"\n' },
  ]);

  toolCases('state-delete', [
    {
      title: 'buffered',
      args: ['a'],
      data,
      check: (ctx) => assert.deepEqual(ctx.changes().buffered.charmState, { b: 'two' }),
    },
    {
      title: 'missing key is a no-op',
      args: ['nope'],
      data,
      check: (ctx) => assert.equal(ctx.changes().buffered.charmState, undefined),
    },
    { title: 'no key is a no-op', args: [] },
    { title: 'two keys', args: ['a', 'b'], code: 2, stderr: 'ERROR unrecognized args: ["b"]\n' },
  ]);
});

describe('storage', () => {
  const hook = { hookStorageId: 'data/0', hookName: 'data-storage-attached' };
  toolCases('storage-list', [
    { title: 'all', args: ['--format=json'], stdout: '["data/0","logs/1"]\n' },
    { title: 'ops <= 3.3 argv', args: ['data', '--format=json'], stdout: '["data/0"]\n' },
    { title: 'smart', args: ['logs'], stdout: 'logs/1\n' },
    { title: 'none of that name', args: ['--format=json', 'nope'], stdout: '[]\n' },
    { title: 'two names', args: ['a', 'b'], code: 2, stderr: 'ERROR unrecognized args: ["b"]\n' },
  ]);

  toolCases('storage-get', [
    { title: 'hook storage, smart', args: [], data: hook, stdout: 'kind: filesystem\nlocation: /srv/data\n' },
    {
      title: 'ops >= 3.4 argv',
      args: ['--format=json', '-s', 'logs/1'],
      data: hook,
      stdout: '{"kind":"block","location":"/dev/vdb"}\n',
    },
    {
      title: 'ops <= 3.3 argv',
      args: ['-s', 'data/0', 'location', '--format=json'],
      stdout: '"/srv/data"\n',
    },
    {
      title: 'bad key',
      args: ['foo'],
      data: hook,
      code: 1,
      stderr: 'ERROR invalid storage attribute "foo"\n',
    },
    { title: 'no storage', args: [], code: 2, stderr: 'ERROR no storage instance specified\n' },
    {
      title: 'bad id',
      args: ['-s', 'bad'],
      code: 2,
      stderr: 'ERROR invalid value "bad" for option -s: invalid storage ID "bad"\n',
    },
    {
      title: 'not attached',
      args: ['-s', 'data/9'],
      code: 2,
      stderr: 'ERROR invalid value "data/9" for option -s: storage "data/9" not found\n',
    },
    {
      title: 'two keys',
      args: ['kind', 'x'],
      data: hook,
      code: 2,
      stderr: 'ERROR unrecognized args: ["x"]\n',
    },
  ]);

  it('storage-get --help shows the hook storage the way ops <= 3.3 parses it', async () => {
    const r = await runTool(newContext(hook), 'storage-get', ['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\s*-s\s+\(=\s*(\S+)\)\s*$/m);
    assert.equal(/^\s*-s\s+\(=\s*(\S+)\)\s*$/m.exec(r.stdout)?.[1], 'data/0');
  });

  toolCases('storage-add', [
    {
      title: 'ops argv',
      args: ['data=2', 'logs'],
      check: (ctx) =>
        assert.deepEqual(ctx.changes().buffered.storageAdd, [
          { name: 'data', count: 2 },
          { name: 'logs', count: 1 },
        ]),
    },
    { title: 'nothing', args: [], code: 2, stderr: 'ERROR storage add requires a storage directive\n' },
    { title: 'size', args: ['data=10G'], code: 2, stderr: 'ERROR only count can be specified for "data"\n' },
  ]);
});
