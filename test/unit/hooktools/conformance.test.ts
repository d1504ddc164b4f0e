/**
 * Hook-tool conformance, one table entry per machine hook tool of Juju 3.6
 * (charm-contract §4–§7): normal output in the default format and, where the tool
 * prints, in `--format=json` and `--format=yaml`; documented error strings with
 * their exit codes (2 = flag/argument error, 1 = run-time error); `--help` where
 * ops parses it (storage-get). A second part checks that every tool is installed
 * as a command in the unit's tools dir, the way the uniter installs them, and that
 * each installed command reaches its own tool.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  HookContextData,
  InMemoryHookContext,
  SecretRecord,
} from '../../../src/agent/hooktools/in-memory-context.js';
import {
  HookToolServer,
  JUJUC_ENTRY_PATH,
  installHookTools,
  newContextId,
} from '../../../src/agent/hooktools/transport.js';
import { HOOK_TOOL_NAMES } from '../../../src/agent/hooktools/tools/registry.js';
import { buildHookEnv } from '../../../src/agent/uniter/hook-env.js';
import { unitPaths } from '../../../src/agent/uniter/paths.js';
import { MODEL_UUID, newContext, runTool } from './helpers.js';

/** The machine hook tools of Juju 3.6 (Kubernetes-only and legacy tools excluded). */
const JUJU_36_MACHINE_TOOLS = [
  'config-get',
  'relation-ids',
  'relation-list',
  'relation-get',
  'relation-set',
  'relation-model-get',
  'unit-get',
  'network-get',
  'open-port',
  'close-port',
  'opened-ports',
  'status-set',
  'status-get',
  'application-version-set',
  'juju-log',
  'is-leader',
  'leader-get',
  'leader-set',
  'action-get',
  'action-set',
  'action-log',
  'action-fail',
  'state-get',
  'state-set',
  'state-delete',
  'storage-list',
  'storage-get',
  'storage-add',
  'secret-add',
  'secret-set',
  'secret-get',
  'secret-info-get',
  'secret-ids',
  'secret-grant',
  'secret-revoke',
  'secret-remove',
  'goal-state',
  'credential-get',
  'resource-get',
  'juju-reboot',
] as const;

type ToolName = (typeof JUJU_36_MACHINE_TOOLS)[number];

interface Case {
  readonly title: string;
  readonly args: readonly string[];
  /** Overrides on top of the tool's data. */
  readonly data?: Partial<HookContextData>;
  /** Tool calls made first on the same context. */
  readonly before?: readonly (readonly [string, readonly string[]])[];
  readonly code?: number;
  /** Exact stdout (or a pattern); '' is implied for failures. */
  readonly stdout?: string | RegExp;
  /** Exact stderr (or a pattern); '' when omitted. */
  readonly stderr?: string | RegExp;
  readonly check?: (ctx: InMemoryHookContext) => void;
}

interface ToolSpec {
  /** Data every case of the tool starts from (on top of helpers' baseData). */
  readonly data?: Partial<HookContextData>;
  readonly cases: readonly Case[];
}

const err = (message: string): string => `ERROR ${message}\n`;
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const since = '2024-01-02 03:04:05Z';
const OWNED = 'cqpe0a1ig4tc7kc2lhmg';
const CONSUMED = 'd0abcdefghijklmnopq0';
const FOREIGN = 'd1abcdefghijklmnopq0';
const UNKNOWN = 'd2abcdefghijklmnopq0';
const noRelationHook = { hookRelationId: undefined, remoteUnit: undefined, remoteApp: undefined };
const inAction = {
  ...noRelationHook,
  hookName: '',
  action: { name: 'backup', id: '7', params: { target: '/srv/backup', compress: true, opts: { level: 3 } } },
};
const dbNetwork = {
  networkInfo: {
    db: {
      bindAddresses: [
        {
          macAddress: '00:16:3e:aa:bb:cc',
          interfaceName: 'eth0',
          addresses: [{ hostname: '', value: '10.0.0.5', cidr: '10.0.0.0/24' }],
        },
      ],
      egressSubnets: ['10.0.0.5/32'],
      ingressAddresses: ['10.0.0.5'],
    },
  },
};
const statuses = {
  unitStatus: { status: 'active', message: 'ready', data: { k: 'v' } },
  applicationStatus: {
    application: { status: 'active', message: 'all good', data: {} },
    units: { 'mysql/0': { status: 'active', message: 'ready', data: {} } },
  },
};

function secretRecords(): SecretRecord[] {
  return [
    {
      id: OWNED,
      ownerKind: 'application',
      ownerName: 'mysql',
      label: 'db-pass',
      rotatePolicy: 'daily',
      expireTime: '2025-01-01T06:06:06Z',
      revisions: { 1: { password: b64('one') }, 2: { password: b64('two') } },
      trackedRevision: 1,
    },
    {
      id: CONSUMED,
      ownerKind: 'application',
      ownerName: 'vault',
      access: [{ target: 'application-mysql', scope: 'relation-mysql.certs#vault.certs', role: 'view' }],
      consumerLabel: 'tls',
      revisions: { 1: { cert: b64('c1') } },
      trackedRevision: 1,
    },
    { id: FOREIGN, ownerKind: 'application', ownerName: 'other', revisions: { 1: { k: b64('v') } } },
  ];
}

const CONFORMANCE: Readonly<Record<ToolName, ToolSpec>> = {
  'config-get': {
    cases: [
      {
        title: 'smart (default): map as YAML, unset keys left out',
        args: [],
        stdout: 'debug: false\nratio: 1.5\nskill-level: 5\ntitle: My Title\nusername: admin001\n',
      },
      {
        title: 'json: compact, keys sorted',
        args: ['--format=json'],
        stdout: '{"debug":false,"ratio":1.5,"skill-level":5,"title":"My Title","username":"admin001"}\n',
      },
      {
        title: 'yaml',
        args: ['--format', 'yaml'],
        stdout: 'debug: false\nratio: 1.5\nskill-level: 5\ntitle: My Title\nusername: admin001\n',
      },
      { title: 'one key, smart', args: ['title'], stdout: 'My Title\n' },
      { title: 'bool key, smart', args: ['debug'], stdout: 'False\n' },
      { title: 'unknown key: json null', args: ['nope', '--format=json'], stdout: 'null\n' },
      { title: 'unknown key: smart prints nothing', args: ['nope'], stdout: '' },
      {
        title: 'key and --all are exclusive',
        args: ['--all', 'title'],
        code: 2,
        stderr: err('cannot use argument --all together with key "title"'),
      },
      { title: 'two keys', args: ['a', 'b'], code: 2, stderr: err('unrecognized args: ["b"]') },
      {
        title: 'undefined option',
        args: ['--foo'],
        code: 2,
        stderr: err('option provided but not defined: --foo'),
      },
    ],
  },
  'relation-ids': {
    cases: [
      { title: 'smart: hook endpoint, sorted as strings, dead left out', args: [], stdout: 'db:1\ndb:10\n' },
      { title: 'json', args: ['--format=json'], stdout: '["db:1","db:10"]\n' },
      { title: 'yaml', args: ['--format=yaml'], stdout: '- db:1\n- db:10\n' },
      { title: 'other endpoint', args: ['cluster', '--format=json'], stdout: '["cluster:3"]\n' },
      { title: 'unknown endpoint is no error', args: ['nope', '--format=json'], stdout: '[]\n' },
      { title: 'unknown endpoint, smart: nothing', args: ['nope'], stdout: '' },
      {
        title: 'no endpoint outside relation hooks',
        args: [],
        data: noRelationHook,
        code: 2,
        stderr: err('no endpoint name specified'),
      },
    ],
  },
  'relation-list': {
    cases: [
      { title: 'smart: remote units, sorted', args: [], stdout: 'wordpress/0\nwordpress/1\n' },
      { title: 'json', args: ['--format=json'], stdout: '["wordpress/0","wordpress/1"]\n' },
      { title: 'yaml', args: ['--format=yaml'], stdout: '- wordpress/0\n- wordpress/1\n' },
      { title: '--app, json', args: ['--app', '--format=json'], stdout: '"wordpress"\n' },
      { title: '-r endpoint:N', args: ['-r', 'cluster:3', '--format=json'], stdout: '["mysql/1"]\n' },
      {
        title: 'unknown relation',
        args: ['-r', 'db:9'],
        code: 2,
        stderr: err('invalid value "db:9" for option -r: relation not found'),
      },
      {
        title: 'non-integer relation id',
        args: ['-r', 'db:x'],
        code: 2,
        stderr: err('invalid value "db:x" for option -r: invalid relation id'),
      },
      {
        title: 'no relation outside relation hooks',
        args: [],
        data: noRelationHook,
        code: 2,
        stderr: err('no relation id specified'),
      },
    ],
  },
  'relation-get': {
    cases: [
      {
        title: 'smart: remote unit map as YAML',
        args: [],
        stdout: 'ingress-address: 10.0.0.5\nprivate-address: 10.0.0.5\ntoken: x\n',
      },
      {
        title: 'json (ops argv)',
        args: ['-r', '1', '-', 'wordpress/0', '--format=json'],
        stdout: '{"ingress-address":"10.0.0.5","private-address":"10.0.0.5","token":"x"}\n',
      },
      {
        title: 'yaml',
        args: ['--format=yaml'],
        stdout: 'ingress-address: 10.0.0.5\nprivate-address: 10.0.0.5\ntoken: x\n',
      },
      { title: 'one key, flags interspersed', args: ['token', '-r', '3', 'mysql/1'], stdout: '' },
      { title: 'one key', args: ['token'], stdout: 'x\n' },
      { title: 'missing key: json null', args: ['missing', '--format=json'], stdout: 'null\n' },
      { title: 'missing key: smart nothing', args: ['missing'], stdout: '' },
      {
        title: 'app bag',
        args: ['--app', '-', 'wordpress', '--format=json'],
        stdout: '{"app-key":"app-value"}\n',
      },
      {
        title: "own unit bag includes this hook's relation-set",
        args: ['-r', 'db:1', 'user', 'mysql/0'],
        before: [['relation-set', ['-r', 'db:1', 'user=alice']]],
        stdout: 'alice\n',
      },
      {
        title: 'application name without --app',
        args: ['-', 'wordpress'],
        code: 2,
        stderr: err('expected unit name, got application name "wordpress"'),
      },
      {
        title: 'unknown relation',
        args: ['-r', 'db:9', '-', 'wordpress/0'],
        code: 2,
        stderr: err('invalid value "db:9" for option -r: relation not found'),
      },
      {
        title: 'no relation outside relation hooks',
        args: [],
        data: noRelationHook,
        code: 2,
        stderr: err('no relation id specified'),
      },
    ],
  },
  'relation-set': {
    cases: [
      {
        title: 'buffered; key= deletes',
        args: ['-r', 'db:1', 'a=b', 'user='],
        check: (ctx) =>
          assert.deepEqual(ctx.changes().buffered.relationSettings, [
            { relationId: 1, unit: { a: 'b', user: '' } },
          ]),
      },
      {
        title: 'deprecated --format: warning on stderr without a newline',
        args: ['--format=json', 'a=b'],
        stderr: '--format flag deprecated for command "relation-set"',
      },
      {
        title: 'duplicate key',
        args: ['a=b', 'a=c'],
        code: 2,
        stderr: err('key "a" specified more than once'),
      },
      {
        title: '--app by a non-leader',
        args: ['--app', 'a=b'],
        data: { leader: false },
        code: 1,
        stderr: err('cannot write relation settings'),
      },
      {
        title: 'unknown relation',
        args: ['-r', '9', 'a=b'],
        code: 2,
        stderr: err('invalid value "9" for option -r: relation not found'),
      },
      {
        title: 'no relation outside relation hooks',
        args: ['a=b'],
        data: noRelationHook,
        code: 2,
        stderr: err('no relation id specified'),
      },
    ],
  },
  'relation-model-get': {
    cases: [
      { title: 'smart: YAML map', args: [], stdout: `uuid: ${MODEL_UUID}\n` },
      { title: 'json', args: ['--format=json'], stdout: `{"uuid":"${MODEL_UUID}"}\n` },
      { title: 'yaml', args: ['--format=yaml'], stdout: `uuid: ${MODEL_UUID}\n` },
      {
        title: 'remote model of a cross-model relation',
        args: ['-r', 'db:10', '--format=json'],
        stdout: '{"uuid":"ffffffff-1111-4222-8333-444455556666"}\n',
      },
      {
        title: 'unknown relation',
        args: ['-r', '9'],
        code: 2,
        stderr: err('invalid value "9" for option -r: relation not found'),
      },
      {
        title: 'no relation outside relation hooks',
        args: [],
        data: noRelationHook,
        code: 2,
        stderr: err('no relation id specified'),
      },
    ],
  },
  'unit-get': {
    cases: [
      { title: 'smart', args: ['private-address'], stdout: '10.0.0.2\n' },
      { title: 'json', args: ['public-address', '--format=json'], stdout: '"203.0.113.9"\n' },
      { title: 'yaml', args: ['public-address', '--format=yaml'], stdout: '203.0.113.9\n' },
      { title: 'no setting', args: [], code: 2, stderr: err('no setting specified') },
      { title: 'unknown setting', args: ['foo'], code: 2, stderr: err('unknown setting "foo"') },
    ],
  },
  'network-get': {
    data: dbNetwork,
    cases: [
      {
        title: 'json: the full structure',
        args: ['db', '--format=json'],
        stdout:
          '{"bind-addresses":[{"mac-address":"00:16:3e:aa:bb:cc","interface-name":"eth0",' +
          '"addresses":[{"hostname":"","value":"10.0.0.5","cidr":"10.0.0.0/24"}]}],' +
          '"egress-subnets":["10.0.0.5/32"],"ingress-addresses":["10.0.0.5"]}\n',
      },
      {
        title: 'smart (default) = yaml, with the legacy duplicate keys',
        args: ['db'],
        stdout:
          /^bind-addresses:\n- mac-address: 00:16:3e:aa:bb:cc\n[^]*\n {2}macaddress: 00:16:3e:aa:bb:cc\n/,
      },
      {
        title: 'yaml has macaddress, interfacename and address',
        args: ['db', '--format=yaml'],
        stdout:
          'bind-addresses:\n- mac-address: 00:16:3e:aa:bb:cc\n  interface-name: eth0\n  addresses:\n' +
          '  - hostname: ""\n    value: 10.0.0.5\n    cidr: 10.0.0.0/24\n    address: 10.0.0.5\n' +
          '  macaddress: 00:16:3e:aa:bb:cc\n  interfacename: eth0\n' +
          'egress-subnets:\n- 10.0.0.5/32\ningress-addresses:\n- 10.0.0.5\n',
      },
      { title: 'one flag: that value', args: ['db', '--ingress-address'], stdout: '10.0.0.5\n' },
      {
        title: 'several flags: a map of them',
        args: ['db', '--ingress-address', '--bind-address', '--format=json'],
        stdout: '{"bind-address":"10.0.0.5","ingress-address":"10.0.0.5"}\n',
      },
      {
        title: 'unknown binding',
        args: ['nope'],
        code: 1,
        stderr: err('no network config found for binding "nope"'),
      },
      {
        title: 'unknown relation',
        args: ['db', '-r', '9'],
        code: 2,
        stderr: err('invalid value "9" for option -r: relation not found'),
      },
    ],
  },
  'open-port': {
    cases: [
      {
        title: 'buffered; protocol defaults to tcp, case-insensitive',
        args: ['80'],
        before: [['open-port', ['8000-8100/UDP']]],
        check: (ctx) =>
          assert.deepEqual(ctx.changes().buffered.openPorts, [
            { endpoint: '', range: { from: 8000, to: 8100, protocol: 'udp' } },
            { endpoint: '', range: { from: 80, to: 80, protocol: 'tcp' } },
          ]),
      },
      {
        title: 'deprecated --format',
        args: ['80', '--format=json'],
        stderr: '--format flag deprecated for command "open-port"',
      },
      { title: 'nothing to open', args: [], code: 2, stderr: err('no port or range specified') },
      { title: 'three-part range', args: ['1-2-3'], code: 2, stderr: err('invalid port range "1-2-3"') },
      {
        title: 'not a number',
        args: ['abc'],
        code: 2,
        stderr: err('invalid port "abc": strconv.Atoi: parsing "abc": invalid syntax'),
      },
      {
        title: 'bad protocol',
        args: ['80/sctp'],
        code: 2,
        stderr: err('invalid protocol "sctp", expected "tcp", "udp", or "icmp"'),
      },
      {
        title: 'icmp with a port',
        args: ['80/icmp'],
        code: 2,
        stderr: err('protocol "icmp" doesn\'t support any ports; got "80"'),
      },
      { title: 'reversed range', args: ['90-80/tcp'], code: 2, stderr: err('invalid port range 90-80/tcp') },
      {
        title: 'out of bounds',
        args: ['0-70000'],
        code: 2,
        stderr: err('port range bounds must be between 0 and 65535, got 0-70000'),
      },
      {
        title: 'overlap with a range requested earlier in the hook',
        args: ['8050'],
        before: [['open-port', ['8000-8100/tcp']]],
        code: 1,
        stderr: err(
          'cannot open 8050/tcp (unit "mysql/0"): port range conflicts with 8000-8100/tcp (unit "mysql/0") requested earlier',
        ),
      },
    ],
  },
  'close-port': {
    cases: [
      {
        title: 'buffered (an open range of the unit)',
        args: ['80/udp'],
        data: { machinePorts: { 'mysql/0': { '': [{ from: 80, to: 80, protocol: 'udp' }] } } },
        check: (ctx) =>
          assert.deepEqual(ctx.changes().buffered.closePorts, [
            { endpoint: '', range: { from: 80, to: 80, protocol: 'udp' } },
          ]),
      },
      {
        title: 'cancels a pending open of the same range',
        args: ['icmp'],
        before: [['open-port', ['icmp']]],
        check: (ctx) => {
          assert.deepEqual(ctx.changes().buffered.openPorts, []);
          assert.deepEqual(ctx.changes().buffered.closePorts, []);
        },
      },
      {
        title: 'deprecated --format',
        args: ['80', '--format=yaml'],
        stderr: '--format flag deprecated for command "close-port"',
      },
      { title: 'nothing to close', args: [], code: 2, stderr: err('no port or range specified') },
      {
        title: 'bad protocol',
        args: ['80/sctp'],
        code: 2,
        stderr: err('invalid protocol "sctp", expected "tcp", "udp", or "icmp"'),
      },
    ],
  },
  'opened-ports': {
    cases: [
      {
        title: 'smart: one per line, sorted by protocol then port, pending opens included',
        args: [],
        before: [
          ['open-port', ['80']],
          ['open-port', ['8000-8999/udp']],
          ['open-port', ['icmp']],
        ],
        stdout: 'icmp\n80/tcp\n8000-8999/udp\n',
      },
      {
        title: 'json: a list of the same strings',
        args: ['--format=json'],
        before: [
          ['open-port', ['80']],
          ['open-port', ['icmp']],
        ],
        stdout: '["icmp","80/tcp"]\n',
      },
      {
        title: 'yaml',
        args: ['--format=yaml'],
        before: [['open-port', ['80']]],
        stdout: '- 80/tcp\n',
      },
      {
        title: '--endpoints: (*) for all endpoints',
        args: ['--endpoints'],
        before: [
          ['open-port', ['80']],
          ['open-port', ['443', '--endpoints', 'db,cluster']],
        ],
        stdout: '80/tcp (*)\n443/tcp (cluster, db)\n',
      },
      { title: 'no args', args: ['x'], code: 2, stderr: err('unrecognized args: ["x"]') },
    ],
  },
  'status-set': {
    cases: [
      {
        title: 'immediate unit status',
        args: ['maintenance', 'installing'],
        check: (ctx) =>
          assert.deepEqual(ctx.changes().immediate.unitStatus, {
            status: 'maintenance',
            message: 'installing',
            data: {},
          }),
      },
      {
        title: 'ops argv for the application status',
        args: ['--application=True', 'blocked', '--', 'needs config'],
        check: (ctx) =>
          assert.deepEqual(ctx.changes().immediate.applicationStatus, {
            status: 'blocked',
            message: 'needs config',
            data: {},
          }),
      },
      { title: 'no args', args: [], code: 2, stderr: err('invalid args, require <status> [message]') },
      {
        title: 'status not settable',
        args: ['error'],
        code: 2,
        stderr: err('invalid status "error", expected one of [maintenance blocked waiting active]'),
      },
      {
        title: 'third positional',
        args: ['active', 'm', 'x'],
        code: 2,
        stderr: err('unrecognized args: ["x"]'),
      },
      {
        title: '--application by a non-leader',
        args: ['--application', 'active'],
        data: { leader: false },
        code: 1,
        stderr: err('this unit is not the leader'),
      },
    ],
  },
  'status-get': {
    data: statuses,
    cases: [
      { title: 'smart: the status word', args: [], stdout: 'active\n' },
      { title: 'json without --include-data', args: ['--format=json'], stdout: '{"status":"active"}\n' },
      {
        title: 'json with --include-data',
        args: ['--include-data', '--format=json'],
        stdout: '{"message":"ready","status":"active","status-data":{"k":"v"}}\n',
      },
      {
        title: 'yaml with --include-data',
        args: ['--include-data', '--format=yaml'],
        stdout: 'message: ready\nstatus: active\nstatus-data:\n  k: v\n',
      },
      {
        title: '--application: units nested inside application-status',
        args: ['--application=true', '--include-data', '--format=json'],
        stdout:
          '{"application-status":{"message":"all good","status":"active","status-data":{},' +
          '"units":{"mysql/0":{"message":"ready","status":"active","status-data":{}}}}}\n',
      },
      {
        title: '--application by a non-leader',
        args: ['--application'],
        data: { leader: false },
        code: 1,
        stderr: err('finding application status: this unit is not the leader'),
      },
      {
        title: 'bool value must be attached',
        args: ['--application', 'false'],
        code: 2,
        stderr: err('unrecognized args: ["false"]'),
      },
    ],
  },
  'application-version-set': {
    cases: [
      {
        title: 'immediate (ops argv)',
        args: ['--', '1.2.3'],
        check: (ctx) => assert.equal(ctx.changes().immediate.workloadVersion, '1.2.3'),
      },
      { title: 'no version', args: [], code: 2, stderr: err('no version specified') },
      { title: 'two versions', args: ['1', '2'], code: 2, stderr: err('unrecognized args: ["2"]') },
    ],
  },
  'juju-log': {
    cases: [
      {
        title: 'message is the args joined by spaces, default INFO',
        args: ['hello', 'world'],
        check: (ctx) => {
          const [entry] = ctx.changes().immediate.logs;
          assert.equal(entry?.level, 'INFO');
          assert.equal(entry?.module, 'unit.mysql/0.juju-log');
          assert.equal(entry?.message, 'db:1: hello world');
        },
      },
      {
        title: 'ops security event at TRACE',
        args: ['--log-level', 'TRACE', '--', '{"type":"security"}'],
        data: noRelationHook,
        check: (ctx) => {
          const [entry] = ctx.changes().immediate.logs;
          assert.equal(entry?.level, 'TRACE');
          assert.equal(entry?.message, '{"type":"security"}');
        },
      },
      {
        title: 'an invalid level logs a warning and uses INFO',
        args: ['-l', 'bogus', 'm'],
        data: noRelationHook,
        check: (ctx) => {
          const logs = ctx.changes().immediate.logs;
          assert.equal(logs.at(-1)?.level, 'INFO');
          assert.equal(logs.at(-1)?.message, 'm');
          assert.ok(
            logs.some((l) => l.level === 'WARNING'),
            'a warning about the level',
          );
        },
      },
      {
        title: '--debug wins over --log-level',
        args: ['--debug', '-l', 'ERROR', 'm'],
        data: noRelationHook,
        check: (ctx) => assert.equal(ctx.changes().immediate.logs.at(-1)?.level, 'DEBUG'),
      },
      {
        title: 'deprecated --format',
        args: ['--format=json', 'm'],
        stderr: '--format flag deprecated for command "juju-log"',
      },
      { title: 'empty-string message is valid', args: [''] },
      { title: 'no message', args: [], code: 2, stderr: err('no message specified') },
    ],
  },
  'is-leader': {
    cases: [
      { title: 'smart: True', args: [], stdout: 'True\n' },
      { title: 'smart: False', args: [], data: { leader: false }, stdout: 'False\n' },
      { title: 'json', args: ['--format=json'], stdout: 'true\n' },
      { title: 'yaml', args: ['--format=yaml'], data: { leader: false }, stdout: 'false\n' },
      { title: 'no args', args: ['x'], code: 2, stderr: err('unrecognized args: ["x"]') },
    ],
  },
  'leader-get': {
    cases: [
      { title: 'smart: map as YAML', args: [], stdout: 'cluster-address: 10.0.0.1\n' },
      { title: 'json', args: ['--format=json'], stdout: '{"cluster-address":"10.0.0.1"}\n' },
      { title: 'yaml, "-" = all', args: ['-', '--format=yaml'], stdout: 'cluster-address: 10.0.0.1\n' },
      { title: 'one key', args: ['cluster-address'], stdout: '10.0.0.1\n' },
      { title: 'missing key: json null', args: ['nope', '--format=json'], stdout: 'null\n' },
      {
        title: 're-read after leader-set',
        args: ['--format=json'],
        before: [['leader-set', ['a=b', 'cluster-address=']]],
        stdout: '{"a":"b"}\n',
      },
      { title: 'two keys', args: ['a', 'b'], code: 2, stderr: err('unrecognized args: ["b"]') },
    ],
  },
  'leader-set': {
    cases: [
      {
        title: 'immediate, merged',
        args: ['a=b', 'c='],
        check: (ctx) => assert.deepEqual(ctx.changes().immediate.leaderSettings, [{ a: 'b', c: '' }]),
      },
      {
        title: 'non-leader',
        args: ['a=b'],
        data: { leader: false },
        code: 1,
        stderr: err('cannot write leadership settings: cannot write settings: not the leader'),
      },
      { title: 'not key=value', args: ['ab'], code: 2, stderr: err('expected "key=value", got "ab"') },
    ],
  },
  'action-get': {
    data: inAction,
    cases: [
      {
        title: 'smart: map as YAML',
        args: [],
        stdout: 'compress: true\nopts:\n  level: 3\ntarget: /srv/backup\n',
      },
      {
        title: 'json',
        args: ['--format=json'],
        stdout: '{"compress":true,"opts":{"level":3},"target":"/srv/backup"}\n',
      },
      {
        title: 'yaml',
        args: ['--format=yaml'],
        stdout: 'compress: true\nopts:\n  level: 3\ntarget: /srv/backup\n',
      },
      { title: 'string value raw', args: ['target'], stdout: '/srv/backup\n' },
      { title: 'dotted path', args: ['opts.level', '--format=json'], stdout: '3\n' },
      { title: 'missing: null', args: ['nope', '--format=json'], stdout: 'null\n' },
      {
        title: 'no params: {}',
        args: ['--format=json'],
        data: { action: { name: 'x', id: '1', params: {} } },
        stdout: '{}\n',
      },
      {
        title: 'not in an action',
        args: [],
        data: { action: undefined },
        code: 1,
        stderr: err('not running an action'),
      },
    ],
  },
  'action-set': {
    data: inAction,
    cases: [
      {
        title: 'dotted keys nest; values are strings',
        args: ['result.size=10', 'result.name=x', 'done=true'],
        check: (ctx) =>
          assert.deepEqual(ctx.changes().action?.results, {
            result: { size: '10', name: 'x' },
            done: 'true',
          }),
      },
      {
        title: 'reserved key',
        args: ['stdout=x'],
        code: 2,
        stderr: err('cannot set reserved action key "stdout"'),
      },
      {
        title: 'bad key',
        args: ['A=x'],
        code: 2,
        stderr: err(
          'key "A" must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods',
        ),
      },
      {
        title: 'not key=value',
        args: ['ab'],
        code: 2,
        stderr: err('argument "ab" must be of the form key...=value'),
      },
      {
        title: 'not in an action',
        args: ['a=b'],
        data: { action: undefined },
        code: 1,
        stderr: err('not running an action'),
      },
    ],
  },
  'action-log': {
    data: inAction,
    cases: [
      {
        title: 'immediate, args joined',
        args: ['step', 'one'],
        check: (ctx) => assert.deepEqual(ctx.changes().immediate.actionLogs, ['step one']),
      },
      { title: 'no message', args: [], code: 2, stderr: err('no message specified') },
      {
        title: 'not in an action',
        args: ['x'],
        data: { action: undefined },
        code: 1,
        stderr: err('not running an action'),
      },
    ],
  },
  'action-fail': {
    data: inAction,
    cases: [
      {
        title: 'no argument: the default message',
        args: [],
        check: (ctx) => {
          assert.equal(ctx.changes().action?.failed, true);
          assert.equal(
            ctx.changes().action?.message,
            'action failed without reason given, check action for errors',
          );
        },
      },
      {
        title: "ops >= 3.4 argv with an empty message: ''",
        args: ['--', ''],
        check: (ctx) => {
          assert.equal(ctx.changes().action?.failed, true);
          assert.equal(ctx.changes().action?.message, '');
        },
      },
      { title: 'two messages', args: ['a', 'b'], code: 2, stderr: err('unrecognized args: ["b"]') },
      {
        title: 'not in an action',
        args: ['x'],
        data: { action: undefined },
        code: 1,
        stderr: err('not running an action'),
      },
    ],
  },
  'state-get': {
    data: { charmState: { a: '1', b: 'two' } },
    cases: [
      { title: 'smart: map as YAML', args: [], stdout: 'a: "1"\nb: two\n' },
      { title: 'json', args: ['--format=json'], stdout: '{"a":"1","b":"two"}\n' },
      { title: 'yaml, "-" = all', args: ['-', '--format=yaml'], stdout: 'a: "1"\nb: two\n' },
      { title: 'one key', args: ['b'], stdout: 'two\n' },
      { title: 'pending state-set is visible', args: ['c'], before: [['state-set', ['c=3']]], stdout: '3\n' },
      // Juju 3.6 writes the zero string for a missing key (state-get.go: Write(value) after NotFound).
      { title: 'missing key, smart: nothing', args: ['z'], stdout: '' },
      {
        title: 'empty state, json: null (nil map)',
        args: ['--format=json'],
        data: { charmState: {} },
        stdout: 'null\n',
      },
      { title: 'empty state, smart: {}', args: [], data: { charmState: {} }, stdout: '{}\n' },
      { title: 'missing key with --strict', args: ['z', '--strict'], code: 1, stderr: err('"z" not found') },
      { title: 'two keys', args: ['a', 'b'], code: 2, stderr: err('unrecognized args: ["b"]') },
    ],
  },
  'state-set': {
    cases: [
      {
        title: 'buffered; args override nothing yet; key= deletes',
        args: ['a=1', 'b=2'],
        before: [['state-set', ['b=9']]],
        check: (ctx) => assert.deepEqual(ctx.changes().buffered.charmState, { a: '1', b: '2' }),
      },
      { title: 'not key=value', args: ['ab'], code: 2, stderr: err('expected "key=value", got "ab"') },
    ],
  },
  'state-delete': {
    data: { charmState: { a: '1', b: '2' } },
    cases: [
      {
        title: 'buffered',
        args: ['a'],
        check: (ctx) => assert.deepEqual(ctx.changes().buffered.charmState, { b: '2' }),
      },
      { title: 'two keys', args: ['a', 'b'], code: 2, stderr: err('unrecognized args: ["b"]') },
    ],
  },
  'storage-list': {
    cases: [
      { title: 'smart: one id per line', args: [], stdout: 'data/0\nlogs/1\n' },
      { title: 'json', args: ['--format=json'], stdout: '["data/0","logs/1"]\n' },
      { title: 'yaml', args: ['--format=yaml'], stdout: '- data/0\n- logs/1\n' },
      { title: 'by storage name', args: ['logs', '--format=json'], stdout: '["logs/1"]\n' },
      { title: 'two names', args: ['a', 'b'], code: 2, stderr: err('unrecognized args: ["b"]') },
    ],
  },
  'storage-get': {
    data: { hookStorageId: 'data/0' },
    cases: [
      {
        title: 'smart: YAML (bash charms grep ^location:)',
        args: [],
        stdout: 'kind: filesystem\nlocation: /srv/data\n',
      },
      { title: 'json', args: ['--format=json'], stdout: '{"kind":"filesystem","location":"/srv/data"}\n' },
      { title: 'yaml', args: ['--format=yaml'], stdout: 'kind: filesystem\nlocation: /srv/data\n' },
      { title: 'one key', args: ['location'], stdout: '/srv/data\n' },
      { title: '-s another instance', args: ['-s', 'logs/1', 'kind'], stdout: 'block\n' },
      {
        title: '--help shows the hook storage as the -s default (ops <= 3.3 parses it)',
        args: ['--help'],
        stdout: /^-s {2}\(= data\/0\)$/m,
      },
      { title: 'unknown attribute', args: ['x'], code: 1, stderr: err('invalid storage attribute "x"') },
      {
        title: 'no storage outside storage hooks',
        args: ['kind'],
        data: { hookStorageId: undefined },
        code: 2,
        stderr: err('no storage instance specified'),
      },
      {
        title: 'bad storage id',
        args: ['-s', 'bad', 'kind'],
        code: 2,
        stderr: err('invalid value "bad" for option -s: invalid storage ID "bad"'),
      },
    ],
  },
  'storage-add': {
    cases: [
      {
        title: 'buffered counts',
        args: ['data=2', 'logs'],
        check: (ctx) =>
          assert.deepEqual(ctx.changes().buffered.storageAdd, [
            { name: 'data', count: 2 },
            { name: 'logs', count: 1 },
          ]),
      },
      {
        title: 'only counts',
        args: ['data=10G'],
        code: 2,
        stderr: err('only count can be specified for "data"'),
      },
    ],
  },
  'secret-add': {
    data: { secrets: secretRecords(), ...noRelationHook },
    cases: [
      {
        title: 'prints the new URI',
        args: ['--owner', 'application', '--label', 'x', 'password=s3cret'],
        stdout: new RegExp(`^secret://${MODEL_UUID}/[0-9a-v]{20}\\n$`),
      },
      { title: 'no content', args: [], code: 2, stderr: err('missing secret value or filename') },
      { title: 'bad key', args: ['A=b'], code: 2, stderr: err('key "A" not valid') },
      {
        title: 'bad rotate',
        args: ['--rotate', 'x', 'abc=1'],
        code: 2,
        stderr: err('rotate policy "x" not valid'),
      },
      {
        title: 'bad owner',
        args: ['--owner', 'x', 'abc=1'],
        code: 2,
        stderr: err('secret owner "x" not valid'),
      },
      {
        title: 'bad expiry',
        args: ['--expire', 'x', 'abc=1'],
        code: 2,
        stderr: err('expire time or duration "x" not valid'),
      },
      {
        title: 'app-owned by a non-leader',
        args: ['abc=1'],
        data: { leader: false },
        code: 1,
        stderr: err('this unit is not the leader'),
      },
    ],
  },
  'secret-set': {
    data: { secrets: secretRecords(), ...noRelationHook },
    cases: [
      { title: 'metadata only', args: [OWNED, '--owner', 'application', '--label', 'renamed'] },
      { title: 'no id', args: [], code: 2, stderr: err('missing secret URI') },
      {
        title: 'app-owned by a non-leader',
        args: [OWNED, 'abc=1'],
        data: { leader: false },
        code: 1,
        stderr: err('this unit is not the leader'),
      },
    ],
  },
  'secret-get': {
    data: { secrets: secretRecords(), ...noRelationHook },
    cases: [
      { title: 'yaml by default', args: [OWNED], stdout: 'password: one\n' },
      { title: 'json', args: [OWNED, '--format=json'], stdout: '{"password":"one"}\n' },
      { title: 'yaml', args: [`secret:${OWNED}`, '--format=yaml'], stdout: 'password: one\n' },
      { title: '--peek: latest', args: [OWNED, '--peek', '--format=json'], stdout: '{"password":"two"}\n' },
      { title: 'by consumer label', args: ['--label', 'tls', '--format=json'], stdout: '{"cert":"c1"}\n' },
      { title: 'one key', args: [OWNED, 'password'], stdout: 'one\n' },
      {
        title: 'no smart format',
        args: [OWNED, '--format=smart'],
        code: 2,
        stderr: err('invalid value "smart" for option --format: unknown format "smart"'),
      },
      {
        title: 'neither id nor label',
        args: [],
        code: 2,
        stderr: err('require either a secret URI or label'),
      },
      {
        title: '--peek and --refresh',
        args: [OWNED, '--peek', '--refresh'],
        code: 2,
        stderr: err('specify one of --peek or --refresh but not both'),
      },
      { title: 'bad URI', args: ['bad!'], code: 2, stderr: err('secret URI "bad!" not valid') },
      {
        title: 'unknown label',
        args: ['--label', 'nope'],
        code: 1,
        stderr: err('consumer label "nope" not found'),
      },
      { title: 'not granted', args: [FOREIGN], code: 1, stderr: err('permission denied') },
      { title: 'unknown secret', args: [UNKNOWN], code: 1, stderr: /^ERROR .*not found\n$/ },
    ],
  },
  'secret-info-get': {
    data: { secrets: secretRecords(), ...noRelationHook },
    cases: [
      {
        title: 'json keyed by the bare id',
        args: [OWNED, '--format=json'],
        stdout:
          `{"${OWNED}":{"revision":2,"label":"db-pass","owner":"application","rotation":"daily",` +
          '"expiry":"2025-01-01T06:06:06Z"}}\n',
      },
      {
        title: 'yaml by default',
        args: ['--label', 'db-pass'],
        stdout: /^cqpe0a1ig4tc7kc2lhmg:\n {2}revision: 2\n {2}label: db-pass\n {2}owner: application\n/,
      },
      { title: 'neither', args: [], code: 2, stderr: err('require either a secret URI or label') },
      {
        title: 'both',
        args: [OWNED, '--label', 'x'],
        code: 2,
        stderr: err('specify either a secret URI or label but not both'),
      },
      { title: 'not owned', args: [FOREIGN], code: 1, stderr: err(`secret "${FOREIGN}" not found`) },
    ],
  },
  'secret-ids': {
    data: { secrets: secretRecords() },
    cases: [
      { title: 'smart: bare ids', args: [], stdout: `${OWNED}\n` },
      { title: 'json', args: ['--format=json'], stdout: `["${OWNED}"]\n` },
      { title: 'yaml', args: ['--format=yaml'], stdout: `- ${OWNED}\n` },
      {
        title: 'none: json null (nil slice)',
        args: ['--format=json'],
        data: { secrets: [] },
        stdout: 'null\n',
      },
      { title: 'no args', args: ['x'], code: 2, stderr: err('unrecognized args: ["x"]') },
    ],
  },
  'secret-grant': {
    data: { secrets: secretRecords() },
    cases: [
      { title: 'to the remote app of a relation', args: [OWNED, '-r', '1'] },
      { title: 'no id', args: [], code: 2, stderr: err('missing secret URI') },
      {
        title: 'no relation outside relation hooks',
        args: [OWNED],
        data: noRelationHook,
        code: 2,
        stderr: err('no relation id specified'),
      },
      {
        title: 'bad unit',
        args: [OWNED, '-r', '1', '--unit', 'x'],
        code: 2,
        stderr: err('unit "x" not valid'),
      },
      {
        title: 'unit of another application',
        args: [OWNED, '-r', '1', '--unit', 'mysql/1'],
        code: 2,
        stderr: err('cannot specify unit "mysql/1" in relation to application "wordpress"'),
      },
      {
        title: 'unknown secret',
        args: [UNKNOWN, '-r', '1'],
        code: 1,
        stderr: err(`secret "${UNKNOWN}" not found`),
      },
      {
        title: 'unknown relation',
        args: [OWNED, '-r', '9'],
        code: 2,
        stderr: err('invalid value "9" for option -r: relation not found'),
      },
    ],
  },
  'secret-revoke': {
    data: { secrets: secretRecords() },
    cases: [
      { title: 'from a relation', args: [OWNED, '-r', '1'] },
      { title: 'from an application', args: [OWNED, '--app', 'wordpress'], data: noRelationHook },
      { title: 'no id', args: [], code: 2, stderr: err('missing secret URI') },
    ],
  },
  'secret-remove': {
    data: { secrets: secretRecords() },
    cases: [
      { title: 'one revision', args: [OWNED, '--revision', '1'] },
      { title: 'no id', args: [], code: 2, stderr: err('missing secret URI') },
      { title: 'unknown secret', args: [UNKNOWN], code: 1, stderr: err(`secret "${UNKNOWN}" not found`) },
    ],
  },
  'goal-state': {
    data: {
      goalState: {
        units: { 'mysql/0': { status: 'active', since } },
        relations: { db: { wordpress: { status: 'joined', since } } },
      },
    },
    cases: [
      {
        title: 'yaml by default, since always present',
        args: [],
        stdout:
          `units:\n  mysql/0:\n    status: active\n    since: "${since}"\n` +
          `relations:\n  db:\n    wordpress:\n      status: joined\n      since: "${since}"\n`,
      },
      {
        title: 'json',
        args: ['--format=json'],
        stdout:
          `{"units":{"mysql/0":{"status":"active","since":"${since}"}},` +
          `"relations":{"db":{"wordpress":{"status":"joined","since":"${since}"}}}}\n`,
      },
      {
        title: 'no smart format',
        args: ['--format=smart'],
        code: 2,
        stderr: err('invalid value "smart" for option --format: unknown format "smart"'),
      },
      { title: 'no args', args: ['x'], code: 2, stderr: err('unrecognized args: ["x"]') },
    ],
  },
  'credential-get': {
    data: { cloudSpec: { type: 'lxd', name: 'localhost', region: 'default' } },
    cases: [
      { title: 'smart: YAML', args: [], stdout: 'type: lxd\nname: localhost\nregion: default\n' },
      {
        title: 'json',
        args: ['--format=json'],
        stdout: '{"type":"lxd","name":"localhost","region":"default"}\n',
      },
      { title: 'yaml', args: ['--format=yaml'], stdout: 'type: lxd\nname: localhost\nregion: default\n' },
      {
        title: 'untrusted application',
        args: [],
        data: { cloudSpec: undefined },
        code: 1,
        stderr: /^ERROR cannot access cloud credentials: .+\n$/,
      },
    ],
  },
  'resource-get': {
    data: { resources: { bin: '/var/lib/juju/agents/unit-mysql-0/resources/bin/bin.tgz' } },
    cases: [
      {
        title: 'the path, without a trailing newline',
        args: ['bin'],
        stdout: '/var/lib/juju/agents/unit-mysql-0/resources/bin/bin.tgz',
      },
      {
        title: 'download failure',
        args: ['nope'],
        code: 1,
        stderr: /^ERROR could not download resource: .+\n$/,
      },
      { title: 'no name', args: [], code: 2, stderr: /^ERROR .+\n$/ },
    ],
  },
  'juju-reboot': {
    cases: [
      {
        title: 'after the hook',
        args: [],
        check: (ctx) => assert.equal(ctx.changes().buffered.reboot, 'after-hook'),
      },
      { title: '--now', args: ['--now'], check: (ctx) => assert.equal(ctx.changes().buffered.reboot, 'now') },
      {
        title: 'not in actions',
        args: [],
        data: inAction,
        code: 1,
        stderr: err('juju-reboot is not supported when running an action.'),
      },
      { title: 'no args', args: ['x'], code: 2, stderr: err('unrecognized args: ["x"]') },
    ],
  },
};

function matches(actual: string, expected: string | RegExp, what: string): void {
  if (typeof expected === 'string') assert.equal(actual, expected, what);
  else assert.match(actual, expected, what);
}

describe('hook tool conformance (Juju 3.6, machines)', () => {
  it('has one entry per tool, each with a success and an error case', () => {
    assert.deepEqual(Object.keys(CONFORMANCE).sort(), [...JUJU_36_MACHINE_TOOLS].sort());
    for (const [tool, spec] of Object.entries(CONFORMANCE)) {
      assert.ok(
        spec.cases.some((c) => (c.code ?? 0) === 0),
        `${tool}: a success case`,
      );
      assert.ok(
        spec.cases.some((c) => (c.code ?? 0) !== 0),
        `${tool}: an error case`,
      );
    }
  });

  it('the registry has exactly these tools', () => {
    assert.deepEqual([...HOOK_TOOL_NAMES].sort(), [...JUJU_36_MACHINE_TOOLS].sort());
  });

  for (const tool of JUJU_36_MACHINE_TOOLS) {
    const spec = CONFORMANCE[tool];
    describe(tool, () => {
      for (const c of spec.cases) {
        it(`${c.title}: ${tool} ${c.args.join(' ')}`.trimEnd(), async () => {
          const ctx = newContext({ ...spec.data, ...c.data });
          for (const [name, args] of c.before ?? []) {
            const r = await runTool(ctx, name, args);
            assert.equal(r.code, 0, `setup ${name} ${args.join(' ')} failed: ${r.stderr}`);
          }
          const result = await runTool(ctx, tool, c.args);
          const code = c.code ?? 0;
          assert.equal(result.code, code, `exit code (stderr: ${result.stderr})`);
          matches(result.stderr, c.stderr ?? '', 'stderr');
          if (c.stdout !== undefined) matches(result.stdout, c.stdout, 'stdout');
          else if (code !== 0) assert.equal(result.stdout, '', 'stdout');
          c.check?.(ctx);
        });
      }
    });
  }
});

interface ProcResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ProcResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('hook tools installed for a unit, as the uniter does', () => {
  let dataDir = '';
  let server: HookToolServer;
  let env: NodeJS.ProcessEnv;
  const paths = (): ReturnType<typeof unitPaths> => unitPaths(dataDir, 'mysql/0');
  const contextId = newContextId('mysql/0', 'install');

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hooktools-install-'));
    // The uniter's start-up: installHookTools(paths.toolsDir, process.execPath, JUJUC_ENTRY_PATH).
    installHookTools(paths().toolsDir, process.execPath, JUJUC_ENTRY_PATH);
    server = new HookToolServer({ address: paths().socketAddress });
    await server.listen();
    server.register(contextId, newContext({ hookName: 'install', ...noRelationHook }));
    const socket = server.env();
    env = buildHookEnv(
      {
        unitName: 'mysql/0',
        charmDir: paths().charmDir,
        toolsDir: paths().toolsDir,
        modelUuid: MODEL_UUID,
        modelName: 'default',
        apiAddresses: ['127.0.0.1:17070'],
        machineId: '0',
        principal: '',
        availabilityZone: '',
        socketAddress: socket.JUJU_AGENT_SOCKET_ADDRESS,
        socketNetwork: socket.JUJU_AGENT_SOCKET_NETWORK,
        modelConfig: {},
        basePath: '/usr/local/bin:/usr/bin:/bin',
      },
      { contextId, dispatchPath: 'hooks/install', hookName: 'install' },
    );
  });

  after(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('puts an executable command for every tool in the tools dir, which is first on PATH', () => {
    const installed = readdirSync(paths().toolsDir).sort();
    assert.deepEqual(installed, [...JUJU_36_MACHINE_TOOLS].sort());
    for (const tool of JUJU_36_MACHINE_TOOLS) accessSync(join(paths().toolsDir, tool), constants.X_OK);
    assert.equal(env.PATH?.split(':')[0], paths().toolsDir);
  });

  it('runs each installed command by name as its own tool', async () => {
    const results = await Promise.all(
      JUJU_36_MACHINE_TOOLS.map(async (tool) => ({ tool, r: await run(tool, ['--help'], env, dataDir) })),
    );
    for (const { tool, r } of results) {
      assert.equal(r.code, 0, `${tool}: ${r.stderr}`);
      assert.equal(r.stderr, '', tool);
      assert.ok(r.stdout.startsWith(`Usage: ${tool}`), `${tool}: ${r.stdout.slice(0, 60)}`);
    }
  });
});
