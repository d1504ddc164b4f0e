/**
 * Colour in `juju status` tabular output: off when stdout is not a
 * terminal, forced on by --color (even with NO_COLOR set), off with
 * --no-color, NO_COLOR or TERM=dumb on a terminal; status words coloured as
 * Juju's table has them.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { colorEnabled, colorStatus } from '../../../src/cli/commands/status/colors.js';
import { CHARMS, appFixture, type AppFixture } from './app-fixture.js';

const ESC = '\x1b[';
const GREEN = '\x1b[32m';
const YELLOW = '\x1b[33m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

describe('status colours', () => {
  it('uses Juju’s colour for each status word', () => {
    for (const s of ['active', 'running', 'idle', 'started', 'executing', 'attaching', 'attached'])
      assert.equal(colorStatus(s, true), `${GREEN}${s}${RESET}`, s);
    for (const s of [
      'allocating',
      'lost',
      'maintenance',
      'pending',
      'rebooting',
      'stopped',
      'unknown',
      'detaching',
      'detached',
    ])
      assert.equal(colorStatus(s, true), `${YELLOW}${s}${RESET}`, s);
    for (const s of ['blocked', 'down', 'error', 'failed', 'terminated'])
      assert.equal(colorStatus(s, true), `${RED}${s}${RESET}`, s);
    // Words outside Juju's table stay plain.
    for (const s of ['waiting', 'available', 'joined', '']) assert.equal(colorStatus(s, true), s, s);
    assert.equal(colorStatus('active', false), 'active');
  });

  it('decides like Juju’s ansiterm writer', () => {
    const on = (o: { color?: boolean; noColor?: boolean; tty: boolean; env?: NodeJS.ProcessEnv }): boolean =>
      colorEnabled({ color: o.color ?? false, noColor: o.noColor ?? false, tty: o.tty, env: o.env ?? {} });
    assert.equal(on({ tty: true }), true);
    assert.equal(on({ tty: false }), false);
    assert.equal(on({ tty: true, env: { NO_COLOR: '' } }), false, 'NO_COLOR counts when set, even empty');
    assert.equal(on({ tty: true, env: { TERM: 'dumb' } }), false);
    assert.equal(on({ tty: true, noColor: true }), false);
    assert.equal(on({ tty: false, color: true }), true);
    assert.equal(on({ tty: false, color: true, env: { NO_COLOR: '1', TERM: 'dumb' } }), true, '--color wins');
  });
});

describe('juju status --color / --no-color', () => {
  let fx: AppFixture;
  before(async () => {
    fx = await appFixture();
    const r = await fx.juju(['deploy', join(CHARMS, 'pinger')]);
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => {
    await fx?.close();
  });

  it('prints no escape codes when stdout is not a terminal', async () => {
    const r = await fx.juju(['status']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes(ESC), r.stdout);
    const plain = await fx.juju(['status', '--no-color']);
    assert.equal(plain.stdout, r.stdout);
  });

  it('--color forces colour, whatever NO_COLOR says, and keeps columns aligned', async () => {
    const plain = await fx.juju(['status']);
    for (const env of [{}, { NO_COLOR: '1' }]) {
      const r = await runWithEnv(fx, ['status', '--color'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(`${YELLOW}allocating${RESET}`), r.stdout);
      assert.ok(r.stdout.includes(`${YELLOW}pending${RESET}`), r.stdout);
      assert.equal(r.stdout.replace(/\x1b\[[0-9;]*m/g, ''), plain.stdout);
    }
  });

  it('refuses --color with --no-color (usage error)', async () => {
    const r = await fx.juju(['status', '--color', '--no-color']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'ERROR cannot mix --no-color and --color\n');
  });
});

/** `fx.juju` with extra environment variables. */
async function runWithEnv(fx: AppFixture, args: string[], env: NodeJS.ProcessEnv) {
  const { runJuju } = await import('../../helpers/cli-harness.js');
  return runJuju(args, { JUJU_DATA: fx.jujuData, TZ: 'UTC', HOME: fx.jujuData, ...env });
}
