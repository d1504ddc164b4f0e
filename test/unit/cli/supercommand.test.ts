import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runJuju } from '../../helpers/cli-harness.js';

describe('juju super-command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'juju-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the basics page for help, -h and --help', async () => {
    for (const args of [['help'], ['--help'], ['-h'], []]) {
      const r = await runJuju(args);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Starter commands:/);
    }
  });

  it('lists commands with padded names', async () => {
    const r = await runJuju(['help', 'commands']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^help +Show help on a command or other topic\.$/m);
    const widths = new Set(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.search(/  \S/)),
    );
    assert.equal(widths.size, 1);
  });

  it('suggests close command names with exit 1', async () => {
    const r = await runJuju(['verison']);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'ERROR juju: "verison" is not a juju command. See "juju --help".\n\nDid you mean:\n\tversion\n',
    );
    const r2 = await runJuju(['zzzzzzzzzz']);
    assert.equal(r2.stderr, 'ERROR unrecognized command: juju zzzzzzzzzz\n');
  });

  it('exits 2 for bad flags', async () => {
    const r = await runJuju(['version', '--nope']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'ERROR option provided but not defined: --nope\n');
  });

  it('accepts global options before the command and --version', async () => {
    const r = await runJuju(['--debug', 'version']);
    assert.equal(r.code, 0);
    const v = await runJuju(['--version']);
    assert.match(v.stdout, /^\d+\.\d+\.\d+-[a-z]+-[a-z0-9]+\n$/);
  });

  it('shows help pages in juju layout for help <cmd> and <cmd> --help', async () => {
    const a = await runJuju(['help', 'version']);
    const b = await runJuju(['version', '--help']);
    assert.equal(a.stdout, b.stdout);
    assert.match(a.stdout, /^Usage: juju version \[options\]\n\nSummary:\n/);
    assert.match(a.stdout, /\nGlobal Options:\n--debug {2}\(= false\)\n/);
    assert.match(a.stdout, /\nCommand Options:\n/);
  });

  it('runs plugins from PATH and passes their exit code through', async () => {
    const plugin = join(dir, 'juju-hello');
    writeFileSync(plugin, '#!/bin/sh\nexit 7\n');
    chmodSync(plugin, 0o755);
    const r = await runJuju(['hello'], { PATH: `${dir}:${process.env.PATH ?? ''}` });
    assert.equal(r.code, 7);
  });

  it('expands user aliases from $JUJU_DATA/aliases', async () => {
    writeFileSync(join(dir, 'aliases'), '# comment\nv = version --format json\n');
    const r = await runJuju(['v'], { JUJU_DATA: dir });
    assert.match(r.stdout, /^"\d/);
    const r2 = await runJuju(['--no-alias', 'v'], { JUJU_DATA: dir });
    assert.equal(r2.code, 1);
  });
});
