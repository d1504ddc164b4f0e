/**
 * Bundles on a real controller (local cloud): a bad bundle (bad charm,
 * option, integration or lxd placement) is refused with errors naming file
 * and field and deploys nothing; --dry-run lists the changes only; the
 * example bundle deploys every application, unit, machine and integration;
 * remove-application takes an application and its units away.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument -- status JSON is checked key by key. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { TestController, type CliRun } from '../helpers/controller-fixture.js';

const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const CHARMS = join(REPO, 'charms');
const asRoot = process.getuid?.() === 0;

function ok(r: CliRun, what: string): CliRun {
  assert.equal(r.code, 0, `${what} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe('bundles on a real controller', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  let dir: string;
  const status = async (): Promise<any> =>
    JSON.parse(ok(await c.juju(['status', '--format', 'json']), 'status').stdout);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'juju-bundles-'));
    c = await TestController.bootstrap('bund');
    ok(await c.juju(['add-model', 'work']), 'add-model');
  });
  after(async () => {
    await c?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad bundle as a whole and deploys nothing', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      [
        'applications:',
        `  pinger: {charm: ${join(CHARMS, 'pinger')}, num_units: 1}`,
        `  ponger: {charm: ${join(CHARMS, 'ponger')}, num_units: 1, options: {port: lots}}`,
        'relations:',
        '  - [pinger:ping, ponger:nope]',
        '',
      ].join('\n'),
    );
    const r = await c.juju(['deploy', file]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /broken\.yaml: applications\.ponger\.options: option "port" expected int, got "lots"/,
    );
    assert.match(r.stderr, /broken\.yaml: relations\[0\]: /);
    const missing = join(dir, 'missing.yaml');
    writeFileSync(missing, `applications:\n  x: {charm: ${join(dir, 'no-such-charm')}, num_units: 1}\n`);
    const r2 = await c.juju(['deploy', missing]);
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, /missing\.yaml: applications\.x\.charm: /);
    const lxd = join(dir, 'lxd.yaml');
    writeFileSync(
      lxd,
      `applications:\n  pinger: {charm: ${join(CHARMS, 'pinger')}, num_units: 1, to: ["lxd:0"]}\nmachines:\n  "0": {}\n`,
    );
    const r3 = await c.juju(['deploy', lxd]);
    assert.equal(r3.code, 1);
    assert.match(
      r3.stderr,
      /lxd\.yaml: applications\.pinger\.to\[0\]: placement "lxd:0" is not supported on the local cloud/,
    );
    const s = await status();
    assert.deepEqual(s.applications, {});
    assert.deepEqual(s.machines, {});
  });

  it('lists the changes with --dry-run', async () => {
    const r = ok(await c.juju(['deploy', join(CHARMS, 'bundle.yaml'), '--dry-run']), 'dry run');
    assert.match(r.stdout, /^Changes to deploy bundle:\n(- .+\n)+$/);
    assert.match(r.stdout, /\n- add relation pinger:web - dispatcher:website\n/);
    assert.deepEqual((await status()).applications, {});
  });

  it('deploys the example bundle', async () => {
    const r = ok(await c.juju(['deploy', join(CHARMS, 'bundle.yaml')]), 'deploy bundle');
    assert.match(r.stdout, /^Executing changes:\n/);
    assert.match(r.stdout, /\n- add unit pinger\/1 to new machine \d+\n/);
    assert.match(r.stderr, /Deploy of bundle completed\.\n$/);
    const s = await status();
    assert.deepEqual(Object.keys(s.applications).sort(), ['dispatcher', 'pinger', 'ponger']);
    assert.deepEqual(Object.keys(s.applications.pinger.units).sort(), ['pinger/0', 'pinger/1']);
    assert.equal(Object.keys(s.machines).length, 4);
    assert.deepEqual(s.applications.pinger.relations.web, [
      { 'related-application': 'dispatcher', interface: 'http', scope: 'global' },
    ]);
    assert.equal(ok(await c.juju(['config', 'ponger', 'message']), 'config').stdout, 'pong ready\n');
  });

  it('removes an application with its units', async () => {
    const r = ok(await c.juju(['remove-application', 'dispatcher', '--no-prompt']), 'remove-application');
    assert.equal(r.stdout, 'will remove application dispatcher\n- will remove unit dispatcher/0\n');
    const s = await status();
    const app = s.applications.dispatcher;
    assert.ok(app === undefined || app.life === 'dying', JSON.stringify(app));
  });
});
