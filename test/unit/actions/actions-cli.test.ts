/**
 * The action commands run in-process against a real API server and database,
 * with a fake agent finishing tasks as the uniter would: output formats,
 * progress lines, exit codes, and the rules jubilant parses `juju run` and
 * `juju exec` by (first value of the JSON object; `task failed`, `timed out`;
 * empty stdout with exit 0 when nothing could be scheduled).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { Task } from '../../../src/domain/index.js';
import { actionsFixture, type ActionsFixture, type AgentReply } from './fixture.js';

process.env.TZ = 'UTC';

const TIME = '2024-05-01 10:00:00 +0000 UTC';

/** How the fake agent answers: by `count` for ping, by command for juju-exec. */
function reply(task: Task): AgentReply | undefined {
  if (task.name === 'juju-exec') {
    const command = String(task.parameters['command']);
    if (command === 'hang') return undefined;
    if (command.startsWith('sleep')) {
      return {
        status: 'completed',
        results: { 'return-code': 1, stderr: "sleep: invalid time interval 'x'\n" },
      };
    }
    if (command.startsWith('echo ')) {
      return { status: 'completed', results: { 'return-code': 0, stdout: `${command.slice(5)}\n` } };
    }
    return { status: 'completed', results: { 'return-code': 0 } };
  }
  switch (task.parameters['count']) {
    case 1:
      return { status: 'completed', results: { pong: 'yes', 'return-code': 0, stdout: 'hello\n' } };
    case 2:
      return {
        status: 'failed',
        message: 'exit status 1',
        results: { 'return-code': 1, stderr: 'Traceback (most recent call last):\nboom\n' },
      };
    case 3:
      return { status: 'failed', message: 'failed with error: ERR', results: { 'return-code': 0 } };
    case 4:
      return undefined;
    case 5:
      return { status: 'completed', logs: ['first', 'second'], results: { 'return-code': 0 } };
    case 6:
      return { status: 'completed', delayMs: 150, results: { nested: { b: '2', a: '1' }, 'return-code': 0 } };
    default:
      return { status: 'completed', results: { 'return-code': 0, got: JSON.stringify(task.parameters) } };
  }
}

/** The task id from `juju run`'s progress lines. */
const taskOf = (r: { stderr: string }): string => /- task (\d+) on/.exec(r.stderr)?.[1] ?? '?';

describe('juju run', () => {
  let a: ActionsFixture;
  let stopAgent: () => void;
  before(async () => {
    a = await actionsFixture();
    stopAgent = a.agent(reply);
  });
  after(async () => {
    stopAgent?.();
    await a?.close();
  });

  it('prints the results then stdout in plain format, progress on stderr', async () => {
    const r = await a.juju(['run', 'pinger/0', 'ping']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'pong: "yes"\n\nhello\n');
    assert.match(
      r.stderr,
      /^Running operation (\d+) with 1 task\n {2}- task (\d+) on unit-pinger-0\n\nWaiting for task \2\.\.\.\n$/,
    );
  });

  it('gives jubilant one compact JSON object keyed by unit', async () => {
    const r = await a.juju([
      'run',
      '--model',
      'admin/acts',
      '--format',
      'json',
      'pinger/0',
      'ping',
      '--wait',
      '60.0s',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.endsWith('}\n') && !r.stdout.slice(0, -1).includes('\n'));
    const doc = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    const [key, task] = Object.entries(doc)[0] as [string, Record<string, unknown>];
    assert.equal(key, 'pinger/0');
    assert.deepEqual(Object.keys(task), ['id', 'results', 'status', 'timing', 'unit']);
    assert.equal(typeof task['id'], 'string');
    assert.equal(task['status'], 'completed');
    assert.equal(task['unit'], 'pinger/0');
    assert.deepEqual(task['results'], { pong: 'yes', 'return-code': 0, stdout: 'hello\n' });
    assert.deepEqual(task['timing'], { completed: TIME, enqueued: TIME, started: TIME });
  });

  it('reports app/leader under the leader’s unit name, YAML with sorted keys', async () => {
    const r = await a.juju(['run', 'pinger/leader', 'ping', 'count=6', '--format', 'yaml']);
    assert.equal(r.code, 0, r.stderr);
    const id = taskOf(r);
    assert.equal(
      r.stdout,
      `pinger/0:\n  id: "${id}"\n  results:\n    nested:\n      a: "1"\n      b: "2"\n    return-code: 0\n  status: completed\n` +
        `  timing:\n    completed: ${TIME}\n    enqueued: ${TIME}\n    started: ${TIME}\n  unit: pinger/0\n`,
    );
  });

  it('takes params from a file, key=value over it, read as YAML unless --string-args', async () => {
    const file = join(a.jujuData, 'params.yaml');
    writeFileSync(file, 'count: 7\nextra:\n  deep: x\n');
    const parsed = async (args: string[]): Promise<Record<string, unknown>> => {
      const r = await a.juju(['run', 'pinger/1', 'ping', '--format', 'json', ...args]);
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as Record<string, { results: { got: string } }>;
      return JSON.parse(doc['pinger/1']?.results.got ?? '{}') as Record<string, unknown>;
    };
    // The pinger charm forbids unknown params: the fake agent echoes what passed validation.
    const withFile = await a.juju(['run', 'pinger/1', 'ping', '--params', file, '--format', 'json']);
    assert.equal(withFile.code, 0);
    assert.equal(withFile.stdout, '');
    assert.match(withFile.stderr, /additional property "extra" is not allowed/);
    writeFileSync(file, 'count: 7\n');
    assert.deepEqual(await parsed(['--params', file]), { count: 7 });
    assert.deepEqual(await parsed(['--params', file, 'count=8']), { count: 8 });
    const strings = await a.juju(['run', 'pinger/1', 'ping', '--string-args', 'count=8']);
    assert.equal(strings.code, 0);
    assert.match(strings.stderr, /expected integer, given string/);
  });

  it('prints the results first, then fails with "task failed" on a non-zero return code', async () => {
    const r = await a.juju(['run', 'pinger/0', 'ping', 'count=2', '--format', 'json']);
    const id = taskOf(r);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    const task = doc['pinger/0'] as Record<string, unknown>;
    assert.equal(task['status'], 'failed');
    assert.equal(task['message'], 'exit status 1');
    assert.deepEqual(task['results'], {
      'return-code': 1,
      stderr: 'Traceback (most recent call last):\nboom\n',
    });
    assert.ok(
      r.stderr.endsWith(
        `ERROR the following task failed:\n - id "${id}" with return code 1\n\nuse 'juju show-task' to inspect the failure\n\n`,
      ),
      r.stderr,
    );
    assert.match(r.stderr, /task failed/);
  });

  it('shows a failure line in plain format', async () => {
    const r = await a.juju(['run', 'pinger/0', 'ping', 'count=2']);
    const id = taskOf(r);
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      `Action id ${id} failed: exit status 1\n\nTraceback (most recent call last):\nboom\n`,
    );
  });

  it('exits 0 when the action only called action-fail', async () => {
    const r = await a.juju(['run', 'pinger/0', 'ping', 'count=3', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const task = (JSON.parse(r.stdout) as Record<string, Record<string, unknown>>)['pinger/0'] as Record<
      string,
      unknown
    >;
    assert.equal(task['status'], 'failed');
    assert.equal(task['message'], 'failed with error: ERR');
    assert.deepEqual(task['results'], { 'return-code': 0 });
  });

  it('prints nothing and exits 0 when no task could be scheduled (unknown unit, undefined action)', async () => {
    for (const [args, error] of [
      [['pinger/42', 'ping'], 'unit "pinger/42" not found'],
      [['pinger/0', 'nope'], 'action "nope" not defined on unit "pinger/0"'],
      [['lonely/0', 'ping'], 'unit "lonely/0" not found'],
    ] as const) {
      const r = await a.juju(['run', ...args, '--format', 'json']);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, '');
      assert.match(
        r.stderr,
        new RegExp(`^\\nOperation \\d+ failed to schedule any tasks:\\n${error.replace(/"/g, '"')}\\n$`),
      );
    }
  });

  it('times out with nothing on stdout', async () => {
    const r = await a.juju(['run', 'pinger/0', 'ping', 'count=4', '--format', 'json', '--wait', '0.001s']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.endsWith('ERROR timed out waiting for results from: unit pinger/0\n'), r.stderr);
  });

  it('streams action-log lines of a single task to stderr', async () => {
    const r = await a.juju(['run', 'pinger/0', 'ping', 'count=5', '--utc']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Waiting for task \d+\.\.\.\n10:00:00 first\n10:00:00 second\n\n$/);
    // The agent always reports a return code, so there are results: only the newline is left.
    assert.equal(r.stdout, '\n');
    const json = await a.juju(['run', 'pinger/0', 'ping', 'count=5', '--format', 'json', '--utc']);
    const task = (JSON.parse(json.stdout) as Record<string, Record<string, unknown>>)['pinger/0'] as Record<
      string,
      unknown
    >;
    assert.deepEqual(task['log'], [`${TIME} first`, `${TIME} second`]);
  });

  it('runs on several units and prints a map in plain format', async () => {
    const r = await a.juju(['run', 'pinger/0', 'pinger/1', 'ping']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^pinger\/0:\n {2}id: "\d+"\n {2}output: \|\n {4}pong: "yes"\n {2}status: completed\npinger\/1:\n {2}id: "\d+"\n {2}output: \|\n {4}pong: "yes"\n {2}status: completed\n$/,
    );
    assert.match(r.stderr, /^Running operation \d+ with 2 tasks\n/);
  });

  it('schedules in the background', async () => {
    const one = await a.juju(['run', 'pinger/0', 'ping', 'count=4', '--background']);
    assert.equal(one.code, 0);
    assert.equal(one.stdout, '');
    assert.match(
      one.stderr,
      /^Scheduled operation (\d+) with task (\d+)\nCheck operation status with 'juju show-operation \1'\nCheck task status with 'juju show-task \2'\n$/,
    );
    const two = await a.juju(['run', 'pinger/0', 'pinger/1', 'ping', 'count=4', '--background']);
    assert.match(two.stdout, /^pinger\/0:\n {2}id: "\d+"\npinger\/1:\n {2}id: "\d+"\n$/);
    assert.match(
      two.stderr,
      /^Scheduled operation \d+ with 2 tasks\nCheck operation status with 'juju show-operation \d+'\nCheck task status with 'juju show-task <id>'\n$/,
    );
  });

  it('rejects bad command lines with exit 2', async () => {
    const cases: [string[], string][] = [
      [['run'], 'ERROR no unit specified\n'],
      [['run', 'pinger/0'], 'ERROR no action specified\n'],
      [['run', 'pinger/0', 'lonely/0', 'ping'], 'ERROR all units must be of the same application\n'],
      [['run', 'Pinger/0', 'ping'], 'ERROR invalid unit or action name "Pinger/0"\n'],
      [
        ['run', 'pinger/0', 'ping', 'count'],
        'ERROR argument "count" must be of the form key.key.key...=value\n',
      ],
      [
        ['run', 'pinger/0', 'ping', 'Count=1'],
        'ERROR key "Count" must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric and hyphens\n',
      ],
      [
        ['run', 'pinger/0', 'ping', '--wait', '1s', '--background'],
        'ERROR cannot specify both --wait and --background\n',
      ],
      [
        ['run', 'pinger/0', 'ping', '--wait', 'soon'],
        'ERROR invalid value "soon" for option --wait: time: invalid duration "soon"\n',
      ],
      [
        ['run', 'pinger/0', 'ping', '--format', 'xml'],
        'ERROR invalid value "xml" for option --format: unknown format "xml"\n',
      ],
    ];
    for (const [args, stderr] of cases) {
      const r = await a.juju(args);
      assert.equal(r.stderr, stderr, args.join(' '));
      assert.equal(r.code, 2, args.join(' '));
    }
  });
});

describe('juju exec', () => {
  let a: ActionsFixture;
  let stopAgent: () => void;
  before(async () => {
    a = await actionsFixture();
    stopAgent = a.agent(reply);
  });
  after(async () => {
    stopAgent?.();
    await a?.close();
  });

  it('prints just the command’s output, progress only with --verbose', async () => {
    const r = await a.juju(['exec', '--unit', 'pinger/0', '--', 'echo', 'foo']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'foo\n');
    assert.equal(r.stderr, '');
    const v = await a.juju(['exec', '--verbose', '-u', 'pinger/0', 'echo foo']);
    assert.match(
      v.stderr,
      /^Running operation \d+ with 1 task\n {2}- task \d+ on unit-pinger-0\n\nWaiting for task \d+\.\.\.\n$/,
    );
  });

  it('gives jubilant the JSON it parses', async () => {
    const r = await a.juju([
      'exec',
      '--model',
      'admin/acts',
      '--format',
      'json',
      '--unit',
      'pinger/leader',
      '--wait',
      '60.0s',
      '--',
      'echo',
      'foo',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    const [key, task] = Object.entries(doc)[0] as [string, Record<string, unknown>];
    assert.equal(key, 'pinger/0');
    assert.equal(task['status'], 'completed');
    assert.deepEqual(task['results'], { 'return-code': 0, stdout: 'foo\n' });
    const op = a.f.services.operation.getTask(a.model, String(task['id']));
    assert.deepEqual(op.parameters, { command: 'echo foo', timeout: 60_000_000_000 });
    assert.equal(op.name, 'juju-exec');
  });

  it('quotes words with spaces and shell characters like Juju', async () => {
    const r = await a.juju([
      'exec',
      '--unit',
      'pinger/0',
      '--format',
      'json',
      '--',
      'echo',
      'a b',
      '$HOME',
      'x"y',
    ]);
    const doc = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    const task = a.f.services.operation.getTask(a.model, String(doc['pinger/0']?.['id']));
    assert.equal(task.parameters['command'], 'echo "a b" \\$HOME x\\"y');
  });

  it('keys machine results by machine id', async () => {
    const r = await a.juju(['exec', '--machine', '0', '--format', 'json', 'echo hi']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(doc), ['0']);
    assert.equal(doc['0']?.['machine'], '0');
  });

  it('heads each target’s output with its name when there are several', async () => {
    const r = await a.juju(['exec', '--application', 'pinger', 'echo hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'pinger/0:\nhi\n\npinger/1:\nhi\n\n');
  });

  it('runs on every machine with --all', async () => {
    const r = await a.juju(['exec', '--all', '--format', 'yaml', 'true']);
    assert.equal(r.code, 0, r.stderr);
    const machines = a.f.services.machine.list(a.model).map((m) => m.id);
    for (const m of machines) assert.match(r.stdout, new RegExp(`^"${m}":$`, 'm'));
  });

  it('fails after printing when the command exits non-zero', async () => {
    const r = await a.juju(['exec', '--format', 'json', '--unit', 'pinger/0', '--', 'sleep', 'x']);
    assert.equal(r.code, 1);
    const task = (JSON.parse(r.stdout) as Record<string, Record<string, unknown>>)['pinger/0'] as Record<
      string,
      unknown
    >;
    assert.deepEqual(task['results'], { 'return-code': 1, stderr: "sleep: invalid time interval 'x'\n" });
    assert.match(r.stderr, /ERROR the following task failed:\n - id "\d+" with return code 1\n/);
    const plain = await a.juju(['exec', '--unit', 'pinger/0', '--', 'sleep', 'x']);
    assert.equal(plain.stdout, "sleep: invalid time interval 'x'\n");
    assert.equal(plain.code, 1);
  });

  it('times out, and prints nothing for unknown units', async () => {
    const t = await a.juju([
      'exec',
      '--format',
      'json',
      '--unit',
      'pinger/1',
      '--wait',
      '0.001s',
      '--',
      'hang',
    ]);
    assert.equal(t.code, 1);
    assert.equal(t.stdout, '');
    assert.equal(t.stderr, 'ERROR timed out waiting for results from: unit pinger/1\n');
    const u = await a.juju(['exec', '--format', 'json', '--unit', 'pinger/42', '--', 'echo', 'foo']);
    assert.equal(u.code, 0);
    assert.equal(u.stdout, '');
    assert.match(u.stderr, /^Operation \d+ failed to schedule any tasks:\nunit "pinger\/42" not found\n$/);
  });

  it('checks its targets', async () => {
    const cases: [string[], string, number][] = [
      [
        ['exec', 'hostname'],
        'ERROR You must specify a target, either through --all, --machine, --application or --unit\n',
        2,
      ],
      [
        ['exec', '--all', '--machine', '0', 'hostname'],
        'ERROR You cannot specify --all and individual machines\n',
        2,
      ],
      [['exec', '--all'], 'ERROR no commands specified\n', 2],
      [
        ['exec', '--machine', 'x', '-u', 'Bad', 'hostname'],
        'ERROR The following exec targets are not valid:\n  "x" is not a valid machine id\n  "Bad" is not a valid unit name\n',
        2,
      ],
      [['exec', '-a', 'nope', 'hostname'], 'ERROR application "nope" not found (not found)\n', 1],
      [
        ['exec', '--operator', '-u', 'pinger/0', 'hostname'],
        'ERROR only k8s models support the --operator flag\n',
        1,
      ],
    ];
    for (const [args, stderr, code] of cases) {
      const r = await a.juju(args);
      assert.equal(r.stderr, stderr, args.join(' '));
      assert.equal(r.code, code, args.join(' '));
    }
  });
});

describe('tasks, operations and charm actions', () => {
  let a: ActionsFixture;
  let stopAgent: () => void;
  let doneTask = '';
  let doneOp = '';
  let pendingTask = '';
  before(async () => {
    a = await actionsFixture();
    stopAgent = a.agent(reply);
    const r = await a.juju(['run', 'pinger/0', 'ping', 'count=5']);
    assert.equal(r.code, 0, r.stderr);
    doneOp = /Running operation (\d+)/.exec(r.stderr)?.[1] ?? '';
    doneTask = /- task (\d+)/.exec(r.stderr)?.[1] ?? '';
    const p = await a.juju(['run', 'pinger/1', 'ping', 'count=4', '--background']);
    pendingTask = /with task (\d+)/.exec(p.stderr)?.[1] ?? '';
  });
  after(async () => {
    stopAgent?.();
    await a?.close();
  });

  it('shows a task in every format', async () => {
    const plain = await a.juju(['show-task', doneTask]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stdout, '\n');
    const json = await a.juju(['show-task', doneTask, '--format', 'json']);
    assert.deepEqual(JSON.parse(json.stdout), {
      id: doneTask,
      log: [`${TIME} first`, `${TIME} second`],
      results: { 'return-code': 0 },
      status: 'completed',
      timing: { completed: TIME, enqueued: TIME, started: TIME },
      unit: 'pinger/0',
    });
    const yaml = await a.juju(['show-task', doneTask, '--format', 'yaml']);
    assert.ok(yaml.stdout.startsWith(`id: "${doneTask}"\nlog:\n- ${TIME} first\n`), yaml.stdout);
  });

  it('shows a pending task at once, and times out waiting for it', async () => {
    const now = await a.juju(['show-task', pendingTask]);
    assert.equal(now.code, 0);
    assert.equal(now.stdout, `Task ${pendingTask} pending\n\n`);
    const waited = await a.juju(['show-task', pendingTask, '--wait', '0.001s']);
    assert.equal(waited.code, 1);
    assert.equal(waited.stderr, 'ERROR maximum wait time reached\n');
  });

  it('checks show-task arguments', async () => {
    const cases: [string[], string][] = [
      [['show-task'], 'ERROR no task ID specified\n'],
      [['show-task', 'abc'], 'ERROR task ID "abc" not valid\n'],
      [['show-task', '1', '2'], 'ERROR unrecognized args: "2"\n'],
      [
        ['show-task', '1', '--watch', '--wait', '1s'],
        'ERROR specify either --watch or --wait but not both\n',
      ],
    ];
    for (const [args, stderr] of cases) {
      const r = await a.juju(args);
      assert.equal(r.stderr, stderr, args.join(' '));
      assert.equal(r.code, 2);
    }
    const missing = await a.juju(['show-task', '999']);
    assert.equal(missing.stderr, 'ERROR id not found\n');
    assert.equal(missing.code, 1);
  });

  it('shows an operation as YAML and JSON', async () => {
    const yaml = await a.juju(['show-operation', doneOp]);
    assert.equal(yaml.code, 0, yaml.stderr);
    assert.equal(
      yaml.stdout,
      `summary: ping run on unit-pinger-0\nstatus: completed\naction:\n  name: ping\n  parameters:\n    count: 5\n` +
        `timing:\n  enqueued: ${TIME}\n  started: ${TIME}\n  completed: ${TIME}\ntasks:\n  "${doneTask}":\n    host: pinger/0\n` +
        `    status: completed\n    timing:\n      enqueued: ${TIME}\n      started: ${TIME}\n      completed: ${TIME}\n` +
        `    log:\n    - ${TIME} first\n    - ${TIME} second\n    results:\n      return-code: 0\n`,
    );
    const json = await a.juju(['show-operation', doneOp, '--format', 'json']);
    const doc = JSON.parse(json.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ['summary', 'status', 'action', 'timing', 'tasks']);
    const missing = await a.juju(['show-operation', '999']);
    assert.equal(missing.stderr, 'ERROR operation "999" not found\n');
    assert.equal((await a.juju(['show-operation'])).stderr, 'ERROR no operation ID specified\n');
  });

  it('lists operations as a table and as YAML/JSON keyed by id', async () => {
    const r = await a.juju(['operations']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0] ?? '', /^ID {2}Status {5}Started {14}Finished {13}Task IDs {2}Summary$/);
    assert.match(
      r.stdout,
      new RegExp(
        `\\b${doneOp} {2}completed {2}2024-05-01T10:00:00 {2}2024-05-01T10:00:00 {2}${doneTask} +ping run on unit-pinger-0\\n`,
      ),
    );
    assert.match(r.stdout, /pending +\d+ +ping run on unit-pinger-1\n/);
    const json = await a.juju(['operations', '--format', 'json', '--status', 'pending']);
    const doc = JSON.parse(json.stdout) as Record<string, { status: string }>;
    assert.ok(Object.values(doc).every((op) => op.status === 'pending'));
    const none = await a.juju(['operations', '--actions', 'juju-exec']);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, '');
    assert.equal(none.stderr, 'no matching operations\n');
    const paged = await a.juju(['operations', '--limit', '1']);
    assert.match(
      paged.stdout,
      /^Displaying operation results 1 to 1\.\nRun the command again with --offset=1 --limit=1 to see the next batch\.\n\nID/,
    );
    const bad = await a.juju(['operations', '--status', 'done', '--units', 'x']);
    assert.equal(bad.code, 2);
    assert.equal(
      bad.stderr,
      'ERROR invalid unit name "x"\n"done" is not a valid task status, want one of [pending running completed failed cancelled aborting aborted error]\n',
    );
  });

  it('lists the charm’s actions', async () => {
    const table = await a.juju(['actions', 'pinger']);
    assert.equal(table.code, 0, table.stderr);
    assert.equal(
      table.stdout,
      'Action  Description\nping    Ping every related ponger and report who answered.\n',
    );
    const json = await a.juju(['list-actions', 'pinger', '--format', 'json']);
    assert.equal(json.stdout, '{"ping":"Ping every related ponger and report who answered."}\n');
    const schema = await a.juju(['actions', 'pinger', '--schema']);
    assert.equal(
      schema.stdout,
      'ping:\n  additionalProperties: false\n  description: Ping every related ponger and report who answered.\n' +
        '  properties:\n    count:\n      default: 1\n      description: How many pings to send.\n      minimum: 1\n' +
        '      type: integer\n  title: ping\n  type: object\n',
    );
    const both = await a.juju(['actions', 'pinger', '--schema', '--format', 'tabular']);
    assert.equal(both.stderr, 'ERROR full schema not compatible with tabular output\n');
    const nope = await a.juju(['actions', 'nope']);
    assert.equal(nope.stderr, 'ERROR application "nope" not found\n');
    assert.equal(nope.code, 1);
  });

  it('shows one action', async () => {
    const r = await a.juju(['show-action', 'pinger', 'ping']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      'Ping every related ponger and report who answered.\n\nArguments\ncount:\n  type: integer\n  description: How many pings to send.\n  default: 1\n\n',
    );
    const unknown = await a.juju(['show-action', 'pinger', 'pong']);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'unknown action "pong"\n');
    assert.equal(unknown.stdout, '');
  });

  it('cancels a pending task', async () => {
    const r = await a.juju(['cancel-task', pendingTask]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `actions:\n- action: ping\n  completed at: "2024-05-01 10:00:00"\n  id: "${pendingTask}"\n  status: cancelled\n  unit: pinger/1\n`,
    );
    const shown = await a.juju(['show-task', pendingTask, '--format', 'json']);
    assert.equal((JSON.parse(shown.stdout) as { status: string }).status, 'cancelled');
    assert.equal((await a.juju(['cancel-task'])).stderr, 'ERROR no task IDs specified\n');
    assert.equal((await a.juju(['cancel-task', 'x'])).stderr, 'ERROR task ID "x" not valid\n');
  });
});
