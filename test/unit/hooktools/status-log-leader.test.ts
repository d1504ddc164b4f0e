/**
 * Conformance of config-get, status-set, status-get, application-version-set,
 * juju-log, is-leader, leader-get and leader-set (§4.1, §4.2, §6).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { newContext, runTool, toolCases } from './helpers.js';

describe('config-get', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hooktools-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  toolCases('config-get', [
    {
      title: 'ops argv: all set keys as json',
      args: ['--format=json'],
      stdout: '{"debug":false,"ratio":1.5,"skill-level":5,"title":"My Title","username":"admin001"}\n',
    },
    {
      title: '--all includes unset options',
      args: ['--all', '--format=json'],
      stdout:
        '{"debug":false,"ratio":1.5,"skill-level":5,"title":"My Title","unset":null,"username":"admin001"}\n',
    },
    {
      title: 'smart map is YAML',
      args: [],
      stdout: 'debug: false\nratio: 1.5\nskill-level: 5\ntitle: My Title\nusername: admin001\n',
    },
    { title: 'string key', args: ['title'], stdout: 'My Title\n' },
    { title: 'int key', args: ['skill-level'], stdout: '5\n' },
    { title: 'bool key smart', args: ['debug'], stdout: 'False\n' },
    { title: 'bool key json', args: ['--format=json', 'debug'], stdout: 'false\n' },
    { title: 'yaml string', args: ['--format', 'yaml', 'title'], stdout: 'My Title\n' },
    { title: 'unknown key prints nothing', args: ['nope'], stdout: '' },
    { title: 'unknown key json null', args: ['nope', '--format=json'], stdout: 'null\n' },
    { title: 'unset key json null', args: ['unset', '--format=json'], stdout: 'null\n' },
    { title: 'empty config', args: ['--format=json'], data: { config: {} }, stdout: '{}\n' },
    {
      title: '--all with a key',
      args: ['-a', 'title'],
      code: 2,
      stderr: 'ERROR cannot use argument --all together with key "title"\n',
    },
    { title: 'two keys', args: ['a', 'b'], code: 2, stderr: 'ERROR unrecognized args: ["b"]\n' },
    {
      title: 'unknown format',
      args: ['--format=xml'],
      code: 2,
      stderr: 'ERROR invalid value "xml" for option --format: unknown format "xml"\n',
    },
    {
      title: '-o writes the file relative to the caller cwd',
      args: ['-o', 'out.json', '--format=json', 'title'],
      cwd: dir,
      stdout: '',
      check: () => assert.equal(readFileSync(join(dir, 'out.json'), 'utf8'), '"My Title"\n'),
    },
  ]);

  it('--help lists the options juju-style', async () => {
    const r = await runTool(newContext(), 'config-get', ['--help']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.startsWith('Usage: config-get [options] [<key>]\n\nSummary:\n'), r.stdout);
    assert.match(r.stdout, /^-a, --all {2}\(= false\)\n {4}print all keys$/m);
    assert.match(r.stdout, /^--format {2}\(= smart\)\n {4}Specify output format \(json\|smart\|yaml\)$/m);
    assert.match(r.stdout, /^-o, --output \(= ""\)$/m);
  });

  it('-h works anywhere before an unknown flag', async () => {
    const r = await runTool(newContext(), 'config-get', ['title', '-h', '--bogus']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: config-get/);
  });
});

describe('status-set', () => {
  toolCases('status-set', [
    {
      title: 'unit status',
      args: ['maintenance', 'installing'],
      check: (ctx) => {
        const imm = ctx.changes().immediate;
        assert.equal(imm.unitStatusSet, true);
        assert.deepEqual(imm.unitStatus, { status: 'maintenance', message: 'installing', data: {} });
      },
    },
    {
      title: 'ops <= 3.3 argv with empty message',
      args: ['--application=False', 'active', ''],
      check: (ctx) =>
        assert.deepEqual(ctx.changes().immediate.unitStatus, { status: 'active', message: '', data: {} }),
    },
    {
      title: 'ops >= 3.4 argv, application status by the leader',
      args: ['--application=True', 'blocked', '--', '--needs config'],
      check: (ctx) => {
        const imm = ctx.changes().immediate;
        assert.deepEqual(imm.applicationStatus, { status: 'blocked', message: '--needs config', data: {} });
        assert.equal(imm.unitStatusSet, false);
      },
    },
    {
      title: 'application status by a non-leader',
      args: ['--application=True', 'active', 'x'],
      data: { leader: false },
      code: 1,
      stderr: 'ERROR this unit is not the leader\n',
    },
    { title: 'no args', args: [], code: 2, stderr: 'ERROR invalid args, require <status> [message]\n' },
    {
      title: 'error is not settable',
      args: ['error', 'x'],
      code: 2,
      stderr: 'ERROR invalid status "error", expected one of [maintenance blocked waiting active]\n',
    },
    {
      title: 'third positional',
      args: ['active', 'm', 'x'],
      code: 2,
      stderr: 'ERROR unrecognized args: ["x"]\n',
    },
    {
      title: 'bool flag value must be attached',
      args: ['--application', 'false', 'active'],
      code: 2,
      stderr: 'ERROR invalid status "false", expected one of [maintenance blocked waiting active]\n',
    },
    {
      title: 'bad bool',
      args: ['--application=maybe', 'active'],
      code: 2,
      stderr:
        'ERROR invalid value "maybe" for option --application: strconv.ParseBool: parsing "maybe": invalid syntax\n',
    },
  ]);

  it('is immediate: the backend sees it at call time', async () => {
    const seen: string[] = [];
    const ctx = newContext(
      {},
      { setUnitStatus: (s) => Promise.resolve(void seen.push(`${s.status}:${s.message}`)) },
    );
    await runTool(ctx, 'status-set', ['waiting', 'for db']);
    assert.deepEqual(seen, ['waiting:for db']);
  });
});

describe('status-get', () => {
  const data = {
    unitStatus: { status: 'active', message: 'ready', data: {} },
    applicationStatus: {
      application: { status: 'active', message: 'app ok', data: { z: 1, a: 2 } },
      units: {
        'mysql/1': { status: 'waiting', message: 'w', data: {} },
        'mysql/0': { status: 'active', message: 'ready', data: {} },
      },
    },
  };
  toolCases('status-get', [
    { title: 'status word', args: [], data, stdout: 'active\n' },
    { title: 'json without data', args: ['--format=json'], data, stdout: '{"status":"active"}\n' },
    {
      title: 'ops <= 3.3 argv',
      args: ['--include-data', '--application=False', '--format=json'],
      data,
      stdout: '{"message":"ready","status":"active","status-data":{}}\n',
    },
    {
      title: 'include-data smart is YAML',
      args: ['--include-data'],
      data,
      stdout: 'message: ready\nstatus: active\nstatus-data: {}\n',
    },
    {
      title: 'ops >= 3.4 argv, application',
      args: ['--include-data', '--format=json', '--application=true'],
      data,
      stdout:
        '{"application-status":{"message":"app ok","status":"active","status-data":{"a":2,"z":1},' +
        '"units":{"mysql/0":{"message":"ready","status":"active","status-data":{}},' +
        '"mysql/1":{"message":"w","status":"waiting","status-data":{}}}}}\n',
    },
    { title: 'application status word', args: ['--application'], data, stdout: 'active\n' },
    {
      title: 'application json without data',
      args: ['--application', '--format=json'],
      data,
      stdout:
        '{"application-status":{"status":"active","units":{"mysql/0":{"status":"active"},"mysql/1":{"status":"waiting"}}}}\n',
    },
    {
      title: 'application by a non-leader',
      args: ['--application'],
      data: { ...data, leader: false },
      code: 1,
      stderr: 'ERROR finding application status: this unit is not the leader\n',
    },
    {
      title: 'unknown before any status',
      args: ['--include-data', '--format=json'],
      stdout: '{"message":"","status":"unknown","status-data":{}}\n',
    },
    {
      title: 'reads back status-set',
      args: [],
      before: [['status-set', ['blocked', 'x']]],
      stdout: 'blocked\n',
    },
    { title: 'extra args', args: ['x'], code: 2, stderr: 'ERROR unrecognized args: ["x"]\n' },
  ]);
});

describe('application-version-set', () => {
  toolCases('application-version-set', [
    {
      title: 'ops argv',
      args: ['--', '8.0.36-0ubuntu0.22.04.1'],
      check: (ctx) => assert.equal(ctx.changes().immediate.workloadVersion, '8.0.36-0ubuntu0.22.04.1'),
    },
    { title: 'no version', args: [], code: 2, stderr: 'ERROR no version specified\n' },
    { title: 'two versions', args: ['1', '2'], code: 2, stderr: 'ERROR unrecognized args: ["2"]\n' },
  ]);
});

describe('juju-log', () => {
  const logs = (ctx: ReturnType<typeof newContext>): string[] =>
    ctx.changes().immediate.logs.map((l) => `${l.level} ${l.module} ${l.message}`);
  toolCases('juju-log', [
    {
      title: 'ops argv, relation prefix',
      args: ['--log-level', 'DEBUG', '--', 'Emitting custom event <...>.'],
      check: (ctx) =>
        assert.deepEqual(logs(ctx), ['DEBUG unit.mysql/0.juju-log db:1: Emitting custom event <...>.']),
    },
    {
      title: 'args joined, level case-insensitive',
      args: ['-l', 'warning', 'hello', 'world'],
      check: (ctx) => assert.deepEqual(logs(ctx), ['WARNING unit.mysql/0.juju-log db:1: hello world']),
    },
    {
      title: 'no prefix outside relation hooks',
      args: ['plain'],
      data: { hookRelationId: undefined },
      check: (ctx) => assert.deepEqual(logs(ctx), ['INFO unit.mysql/0.juju-log plain']),
    },
    {
      title: '--debug',
      args: ['--debug', 'x'],
      check: (ctx) => assert.deepEqual(logs(ctx), ['DEBUG unit.mysql/0.juju-log db:1: x']),
    },
    {
      title: 'security event at TRACE',
      args: ['--log-level', 'TRACE', '--', '{"type":"security"}'],
      check: (ctx) => assert.deepEqual(logs(ctx), ['TRACE unit.mysql/0.juju-log db:1: {"type":"security"}']),
    },
    {
      title: 'invalid level warns and logs at INFO',
      args: ['-l', 'LOUD', 'x'],
      check: (ctx) =>
        assert.deepEqual(logs(ctx), [
          'WARNING unit.mysql/0.juju-log Specified log level of "LOUD" is not valid',
          'INFO unit.mysql/0.juju-log db:1: x',
        ]),
    },
    {
      title: 'empty message is valid',
      args: [''],
      check: (ctx) => assert.deepEqual(logs(ctx), ['INFO unit.mysql/0.juju-log db:1: ']),
    },
    { title: 'no message', args: [], code: 2, stderr: 'ERROR no message specified\n' },
    {
      title: 'deprecated --format',
      args: ['--format', 'json', 'm'],
      stderr: '--format flag deprecated for command "juju-log"',
    },
  ]);
});

describe('is-leader', () => {
  toolCases('is-leader', [
    { title: 'leader', args: [], stdout: 'True\n' },
    { title: 'not leader', args: [], data: { leader: false }, stdout: 'False\n' },
    { title: 'ops argv', args: ['--format=json'], stdout: 'true\n' },
  ]);

  it('reports leadership errors', async () => {
    const ctx = newContext({}, { claimLeadership: () => Promise.reject(new Error('lease manager stopped')) });
    const r = await runTool(ctx, 'is-leader', []);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'ERROR leadership status unknown: lease manager stopped\n');
  });

  it('stays not-leader for the rest of the hook once a check failed', async () => {
    const answers = [false, true, true];
    const ctx = newContext({}, { claimLeadership: () => Promise.resolve(answers.shift() ?? true) });
    assert.equal((await runTool(ctx, 'is-leader', [])).stdout, 'False\n');
    assert.equal((await runTool(ctx, 'is-leader', [])).stdout, 'False\n');
    const set = await runTool(ctx, 'leader-set', ['a=b']);
    assert.equal(
      set.stderr,
      'ERROR cannot write leadership settings: cannot write settings: not the leader\n',
    );
  });
});

describe('leader-get', () => {
  toolCases('leader-get', [
    { title: 'all as json', args: ['--format=json'], stdout: '{"cluster-address":"10.0.0.1"}\n' },
    { title: '- is all', args: ['-'], stdout: 'cluster-address: 10.0.0.1\n' },
    { title: 'one key', args: ['cluster-address'], stdout: '10.0.0.1\n' },
    { title: 'missing key', args: ['--format=json', 'nope'], stdout: 'null\n' },
    { title: 'key with =', args: ['a=b'], code: 2, stderr: 'ERROR invalid key "a=b"\n' },
    {
      title: 'reads back leader-set',
      args: ['--format=json'],
      before: [['leader-set', ['x=1', 'cluster-address=']]],
      stdout: '{"x":"1"}\n',
    },
  ]);
});

describe('leader-set', () => {
  toolCases('leader-set', [
    {
      title: 'immediate write',
      args: ['x=1', 'cluster-address='],
      check: (ctx) =>
        assert.deepEqual(ctx.changes().immediate.leaderSettings, [{ x: '1', 'cluster-address': '' }]),
    },
    {
      title: 'non-leader',
      args: ['x=1'],
      data: { leader: false },
      code: 1,
      stderr: 'ERROR cannot write leadership settings: cannot write settings: not the leader\n',
    },
    { title: 'bad pair', args: ['x'], code: 2, stderr: 'ERROR expected "key=value", got "x"\n' },
  ]);
});
