/**
 * End to end: `juju debug-log` against a real controller on the local cloud.
 * The controller agent writes its own log lines (entity machine-0) into the
 * controller model's log store, so the controller model has real lines to
 * show. Checks the line format, every filter family, --format json, --limit,
 * and that without a terminal the command exits by itself (unless --tail).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { JUJU_BIN, TestController } from '../helpers/controller-fixture.js';

const asRoot = process.getuid?.() === 0;
const LINE = /^machine-0: \d\d:\d\d:\d\d (TRACE|DEBUG|INFO|WARNING|ERROR|CRITICAL) \S+ .*$/;

const lines = (stdout: string): string[] => stdout.split('\n').filter((l) => l !== '');

describe('juju debug-log against a real controller', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  let uuid = '';

  before(async () => {
    c = await TestController.bootstrap('dbg');
    uuid = c.uuid();
  });
  after(async () => {
    await c?.destroy();
  });

  it('replays the controller model log, including the controller agent start', async () => {
    const r = await c.juju(['debug-log', '-m', 'controller', '--replay', '--no-tail']);
    assert.equal(r.code, 0, r.stderr);
    const all = lines(r.stdout);
    assert.ok(all.length >= 1, r.stdout);
    for (const l of all) assert.match(l, LINE);
    assert.ok(
      all.some((l) =>
        new RegExp(
          `^machine-0: \\d\\d:\\d\\d:\\d\\d INFO juju\\.cmd\\.jujud controller dbg \\(${uuid}\\) serving API on port \\d+$`,
        ).test(l),
      ),
      r.stdout,
    );
  });

  it('exits by itself when stdout is not a terminal, showing the last lines', async () => {
    const r = await c.juju(['debug-log', '-m', 'controller']);
    assert.equal(r.code, 0, r.stderr);
    const shown = lines(r.stdout);
    assert.ok(shown.length >= 1 && shown.length <= 10, r.stdout);
    const all = lines((await c.juju(['debug-log', '-m', 'controller', '--replay'])).stdout);
    assert.deepEqual(shown, all.slice(-shown.length));
  });

  it('exits after --limit lines, as jubilant calls it', async () => {
    const r = await c.juju(['debug-log', '--model', 'controller', '--limit', '1']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(lines(r.stdout).length, 1);
    assert.match(r.stdout, /^machine-0: .*\n$/);
  });

  it('keeps following with --tail even without a terminal', async () => {
    const child = spawn(process.execPath, [JUJU_BIN, 'debug-log', '-m', 'controller', '--tail', '-n', '1'], {
      env: c.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const early = await Promise.race([
        exited,
        new Promise((resolve) => setTimeout(() => resolve('running'), 2000)),
      ]);
      assert.equal(early, 'running');
      assert.equal(lines(out).length, 1, out);
    } finally {
      if (child.pid !== undefined && child.exitCode === null) child.kill('SIGTERM');
      await exited;
    }
  });

  it('filters by entity, module, label and level', async () => {
    const run = async (...args: string[]): Promise<string[]> => {
      const r = await c.juju(['debug-log', '-m', 'controller', '--replay', ...args]);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      return lines(r.stdout);
    };
    const all = await run();
    assert.deepEqual(await run('-i', '0'), all);
    assert.deepEqual(await run('--include', 'machine-0', '-i', 'mysql'), all);
    assert.deepEqual(await run('-x', '0'), []);
    assert.deepEqual(await run('-i', 'unit-*'), []);
    const jujud = await run('--include-module', 'juju.cmd.jujud');
    assert.ok(jujud.length >= 1 && jujud.every((l) => l.includes(' juju.cmd.jujud ')), jujud.join('\n'));
    assert.deepEqual(
      await run('--exclude-module', 'juju.cmd.jujud'),
      all.filter((l) => !l.includes(' juju.cmd.jujud ')),
    );
    assert.deepEqual(await run('--include-label', 'no-such-label'), []);
    assert.deepEqual(await run('--exclude-label', 'no-such-label'), all);
    assert.deepEqual(
      await run('--level', 'INFO'),
      all.filter((l) => !/ (TRACE|DEBUG) /.test(l)),
    );
    assert.deepEqual(
      await run('--level', 'ERROR'),
      all.filter((l) => / (ERROR|CRITICAL) /.test(l)),
    );
  });

  it('formats times and locations on request, and JSON with --format json', async () => {
    const r = await c.juju([
      'debug-log',
      '-m',
      'controller',
      '--replay',
      '--limit',
      '1',
      '--utc',
      '--date',
      '--ms',
      '--location',
    ]);
    assert.match(r.stdout, /^machine-0: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} INFO \S+ \S* ?.+\n$/);
    const j = await c.juju(['debug-log', '-m', 'controller', '--replay', '--limit', '1', '--format', 'json']);
    assert.equal(j.code, 0, j.stderr);
    const doc = JSON.parse(j.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ['tag', 'ts', 'sev', 'mod', 'loc', 'msg', 'lab']);
    assert.equal(doc['tag'], 'machine-0');
    assert.match(String(doc['ts']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it('shows nothing for a new model and refuses bad options', async () => {
    assert.equal((await c.juju(['add-model', 'quiet'])).code, 0);
    const r = await c.juju(['debug-log', '-m', 'quiet']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
    const bad = await c.juju(['debug-log', '--level', 'loud']);
    assert.deepEqual(
      [bad.code, bad.stderr],
      [2, 'ERROR level value "loud" is not one of "TRACE", "DEBUG", "INFO", "WARNING", "ERROR"\n'],
    );
  });
});
