/**
 * `juju debug-log` run in-process against an in-process controller (real
 * facades, login, log endpoints and database): line format and options,
 * entity shorthands, every filter, --limit, --format json, and what happens
 * with and without a terminal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LogRecordParams } from '../../../src/domain/logs/types.js';
import { runCli, startLogController, type LogController } from './fixture.js';

const T0 = Date.parse('2024-05-01T10:00:00.000Z') * 1000;
const at = (s: number, ms = 0): number => T0 + s * 1_000_000 + ms * 1000;

const SEED: LogRecordParams[] = [
  {
    entity: 'machine-0',
    timestamp: at(0),
    module: 'juju.worker.provisioner',
    location: 'provisioner.go:99',
    level: 'INFO',
    message: 'starting machine 1',
  },
  {
    entity: 'machine-1',
    timestamp: at(1),
    module: 'juju.worker.deployer',
    location: 'deployer.go:10',
    level: 'INFO',
    message: 'deploying unit-mysql-0',
  },
  {
    entity: 'unit-mysql-0',
    timestamp: at(2, 250),
    module: 'juju.worker.uniter',
    location: 'uniter.go:1',
    level: 'DEBUG',
    message: 'starting uniter',
  },
  {
    entity: 'unit-mysql-0',
    timestamp: at(3),
    module: 'unit.mysql/0.juju-log',
    level: 'WARNING',
    message: 'disk almost full',
    labels: ['http'],
  },
  {
    entity: 'unit-mysql-1',
    timestamp: at(4),
    module: 'juju.worker.uniter.operation',
    level: 'INFO',
    message: 'ran "install" hook (via hook dispatching script: dispatch)',
  },
  {
    entity: 'unit-wordpress-0',
    timestamp: at(5),
    module: 'juju.worker.uniter',
    level: 'ERROR',
    message: 'hook "install" failed',
    labels: ['hook', 'install'],
  },
  { entity: 'machine-1', timestamp: at(6), module: 'juju.worker.machiner', level: 'TRACE', message: 'tick' },
  {
    entity: 'unit-pinger-0',
    timestamp: at(7),
    module: 'juju.worker.uniter',
    level: 'INFO',
    message: 'pinger ready',
  },
  {
    entity: 'unit-pinger-1',
    timestamp: at(8),
    module: 'juju.worker.uniter',
    level: 'INFO',
    message: 'pinger one ready',
  },
  {
    entity: 'machine-2',
    timestamp: at(9),
    module: 'juju.worker.machiner',
    level: 'INFO',
    message: 'machine 2 up',
  },
  {
    entity: 'unit-mysql-0',
    timestamp: at(10),
    module: 'juju.worker.uniter',
    level: 'INFO',
    message: 'mysql idle',
  },
  {
    entity: 'machine-0',
    timestamp: at(11),
    module: 'juju.worker.provisioner',
    level: 'INFO',
    message: 'all provisioned',
  },
];

/** The message column of each output line (the text after the module). */
const msgs = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => SEED.find((r) => l.endsWith(` ${r.message}`))?.message ?? `?? ${l}`);

describe('juju debug-log', () => {
  let c: LogController;
  const juju = (args: string[], opts: Parameters<typeof runCli>[2] = {}) =>
    runCli(c.jujuData, ['debug-log', ...args], opts);

  before(async () => {
    c = await startLogController();
    c.f.services.logs.append(c.modelUuid, SEED);
  });
  after(async () => {
    await c?.close();
  });

  it('prints Juju lines for the whole log with --replay --no-tail', async () => {
    const r = await juju(['--replay', '--no-tail', '--utc']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.split('\n');
    assert.equal(lines.length, 13);
    assert.equal(lines[0], 'machine-0: 10:00:00 INFO juju.worker.provisioner starting machine 1');
    assert.equal(lines[3], 'unit-mysql-0: 10:00:03 WARNING unit.mysql/0.juju-log http disk almost full');
    assert.equal(
      lines[4],
      'unit-mysql-1: 10:00:04 INFO juju.worker.uniter.operation ran "install" hook (via hook dispatching script: dispatch)',
    );
    assert.equal(
      lines[5],
      'unit-wordpress-0: 10:00:05 ERROR juju.worker.uniter hook,install hook "install" failed',
    );
    assert.equal(lines[12], '');
  });

  it('shows local time unless --utc, and --date, --ms and --location', async () => {
    const local = await juju(['--replay', '--no-tail', '-i', 'machine-0']);
    const t = new Date((SEED[0]?.timestamp as number) / 1000);
    const hms = [t.getHours(), t.getMinutes(), t.getSeconds()]
      .map((n) => String(n).padStart(2, '0'))
      .join(':');
    assert.equal(
      local.stdout.split('\n')[0],
      `machine-0: ${hms} INFO juju.worker.provisioner starting machine 1`,
    );
    const r = await juju([
      '--replay',
      '--no-tail',
      '--utc',
      '--date',
      '--ms',
      '--location',
      '-i',
      'mysql/0',
      '--limit',
      '1',
    ]);
    assert.equal(
      r.stdout,
      'unit-mysql-0: 2024-05-01 10:00:02.250 DEBUG juju.worker.uniter uniter.go:1 starting uniter\n',
    );
  });

  it('stops after the stored lines when stdout is not a terminal: the last 10 by default', async () => {
    const r = await juju([]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      msgs(r.stdout),
      SEED.slice(2).map((s) => s.message),
    );
    const n3 = await juju(['-n', '3']);
    assert.deepEqual(
      msgs(n3.stdout),
      SEED.slice(9).map((s) => s.message),
    );
    const lines = await juju(['--lines=2']);
    assert.deepEqual(
      msgs(lines.stdout),
      SEED.slice(10).map((s) => s.message),
    );
  });

  it('exits after --limit lines (the oldest of the backlog, as Juju)', async () => {
    const r = await juju(['--limit', '3']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      msgs(r.stdout),
      SEED.slice(2, 5).map((s) => s.message),
    );
    const whole = await juju(['--replay', '--limit', '2']);
    assert.deepEqual(
      msgs(whole.stdout),
      SEED.slice(0, 2).map((s) => s.message),
    );
  });

  it('turns entity shorthands into tags', async () => {
    const m = async (...args: string[]): Promise<string[]> =>
      msgs((await juju(['--replay', ...args])).stdout);
    assert.deepEqual(await m('-i', 'pinger/0'), ['pinger ready']);
    assert.deepEqual(await m('-i', 'pinger'), ['pinger ready', 'pinger one ready']);
    assert.deepEqual(await m('-i', '1'), ['deploying unit-mysql-0', 'tick']);
    assert.deepEqual(await m('--include', 'machine-2', '--include', 'unit-pinger-1'), [
      'pinger one ready',
      'machine 2 up',
    ]);
    assert.deepEqual(await m('-i', 'unit-mysql-*', '-x', 'mysql/0'), [
      'ran "install" hook (via hook dispatching script: dispatch)',
    ]);
    assert.deepEqual(await m('-x', 'machine-*', '-x', 'mysql', '-x', 'pinger'), ['hook "install" failed']);
  });

  it('filters by module, label and level, ANDing different options', async () => {
    const m = async (...args: string[]): Promise<string[]> =>
      msgs((await juju(['--replay', ...args])).stdout);
    assert.deepEqual(await m('--include-module', 'juju.worker.uniter', '-i', 'mysql/0'), [
      'starting uniter',
      'mysql idle',
    ]);
    assert.deepEqual(await m('--include-module', 'unit', '--include-module', 'juju.worker.deployer'), [
      'deploying unit-mysql-0',
      'disk almost full',
    ]);
    assert.deepEqual(await m('--exclude-module', 'juju.worker', '--exclude-module', 'juju.worker.uniter'), [
      'disk almost full',
    ]);
    assert.deepEqual(await m('--include-label', 'install'), ['hook "install" failed']);
    assert.deepEqual(await m('--include-labels', 'http', '--include-label', 'hook'), [
      'disk almost full',
      'hook "install" failed',
    ]);
    assert.deepEqual(await m('--exclude-labels', 'hook', '-i', 'unit-*', '--level', 'WARNING'), [
      'disk almost full',
    ]);
    assert.deepEqual(await m('-l', 'error'), ['hook "install" failed']);
    assert.deepEqual(await m('--level', 'WARN'), ['disk almost full', 'hook "install" failed']);
  });

  it('prints one JSON object per line with --format json', async () => {
    const r = await juju(['--replay', '--format', 'json', '-i', 'unit-wordpress-0']);
    assert.equal(
      r.stdout,
      '{"tag":"unit-wordpress-0","ts":"2024-05-01T10:00:05Z","sev":"ERROR","mod":"juju.worker.uniter","loc":"","msg":"hook \\"install\\" failed","lab":["hook","install"]}\n',
    );
  });

  it('reads the controller model with -m controller', async () => {
    c.f.services.logs.append(c.controllerModelUuid, [
      { entity: 'machine-0', level: 'INFO', module: 'juju.cmd.jujud', message: 'controller ready' },
    ]);
    const r = await juju(['-m', 'controller', '--replay', '--utc']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^machine-0: \d\d:\d\d:\d\d INFO juju\.cmd\.jujud controller ready\n$/);
  });

  it('follows new lines on a terminal, coloured, until --limit', async () => {
    let appended = false;
    const r = await juju(['--limit', '11', '-n', '10', '--utc'], {
      tty: true,
      onOutput: (out) => {
        if (!appended && out.split('\n').length > 10) {
          appended = true;
          c.f.services.logs.append(c.modelUuid, [
            {
              entity: 'unit-late-0',
              timestamp: at(30),
              level: 'INFO',
              module: 'late',
              message: 'arrived later',
            },
          ]);
        }
      },
    });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines.length, 12);
    assert.equal(lines[10], 'unit-late-0: 10:00:30 \x1b[94mINFO\x1b[0m late arrived later');
  });

  it('keeps following with --tail when stdout is not a terminal; --no-tail stops on a terminal', async () => {
    const tail = juju(['--tail', '-n', '1', '--limit', '2', '-i', 'unit-tail-0']);
    // Nothing is stored for this entity yet: the command must wait for these.
    await new Promise((resolve) => setTimeout(resolve, 200));
    c.f.services.logs.append(c.modelUuid, [
      { entity: 'unit-tail-0', level: 'INFO', message: 'tail one' },
      { entity: 'unit-tail-0', level: 'INFO', message: 'tail two' },
    ]);
    const r = await tail;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /tail one\n.*tail two\n$/);
    const noTail = await juju(['--no-tail', '-n', '1', '--color', '--utc'], { tty: true });
    assert.match(noTail.stdout, /^unit-tail-0: \d\d:\d\d:\d\d \x1b\[94mINFO\x1b\[0m  ?tail two\n$/);
    const plain = await juju(['--no-tail', '-n', '1'], { tty: true, env: { NO_COLOR: '1' } });
    assert.match(plain.stdout, /^unit-tail-0: \d\d:\d\d:\d\d INFO  tail two\n$/);
  });

  it('rejects bad options as usage errors', async () => {
    const cases: [string[], string][] = [
      [
        ['--level', 'CRITICAL'],
        'ERROR level value "CRITICAL" is not one of "TRACE", "DEBUG", "INFO", "WARNING", "ERROR"\n',
      ],
      [['--tail', '--no-tail'], 'ERROR setting --tail and --no-tail not valid\n'],
      [['--no-tail', '--retry'], 'ERROR setting --no-tail and --retry not valid\n'],
      [
        ['--limit', 'x'],
        'ERROR invalid value "x" for option --limit: strconv.ParseUint: parsing "x": invalid syntax\n',
      ],
      [['--format', 'yaml'], 'ERROR invalid value "yaml" for option --format: unknown format "yaml"\n'],
      [['extra'], 'ERROR unrecognized args: "extra"\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await juju(args);
      assert.equal(r.stderr, stderr, args.join(' '));
      assert.equal(r.code, 2, args.join(' '));
    }
  });
});

describe('juju debug-log --retry', () => {
  let c: LogController;
  before(async () => {
    c = await startLogController({ maxDurationMs: 150 });
  });
  after(async () => {
    await c?.close();
  });

  it('reconnects when the controller ends the stream, until --limit is reached', async () => {
    const run = runCli(c.jujuData, [
      'debug-log',
      '--tail',
      '--retry',
      '--retry-delay',
      '20ms',
      '-n',
      '1',
      '--limit',
      '1',
    ]);
    // Let the controller end the stream (max-debug-log-duration) at least twice; the
    // backlog of 1 finds the record even if it lands between two streams.
    await new Promise((resolve) => setTimeout(resolve, 500));
    c.f.services.logs.append(c.modelUuid, [
      { entity: 'unit-late-0', level: 'INFO', module: 'm', message: 'worth the wait' },
    ]);
    const r = await run;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^unit-late-0: \d\d:\d\d:\d\d INFO m worth the wait\n$/);
  });
});
