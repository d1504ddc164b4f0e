/**
 * Charms on a real controller (local cloud), as a user runs them: deploy
 * ./charms/pinger and ./charms/ponger, then status (jubilant's required
 * keys), peer relations, integrate, config get/set/reset with Juju's errors,
 * show-unit, add-unit/remove-unit, add-machine/remove-machine, --to
 * placement, and the refusals that must leave the model unchanged (bad
 * charms, an existing name, lxd placements). The charm upload endpoint
 * reuses an identical archive and the download endpoint returns its bytes.
 * Agents may be running: unit and machine states are checked loosely.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any --
   status JSON is checked key by key as jubilant reads it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';

import { apiHttpRequest } from '../../src/api/http.js';
import { archiveSha256, packCharmDir } from '../../src/charm/index.js';
import { TestController, type CliRun } from '../helpers/controller-fixture.js';

const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const PINGER = join(REPO, 'charms', 'pinger');
const PONGER = join(REPO, 'charms', 'ponger');
const BAD = join(REPO, 'testcharms', 'bad-metadata');
const asRoot = process.getuid?.() === 0;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function ok(r: CliRun, what: string): CliRun {
  assert.equal(r.code, 0, `${what} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe('applications on a real controller', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  const status = async (): Promise<any> =>
    JSON.parse(ok(await c.juju(['status', '--format', 'json']), 'status').stdout);
  /** Polls until `check` passes (or the time is up, then it must pass once more). */
  const eventually = async (check: () => Promise<void>, ms = 30_000): Promise<void> => {
    const end = Date.now() + ms;
    for (;;) {
      try {
        await check();
        return;
      } catch (err) {
        if (Date.now() > end) throw err;
        await sleep(500);
      }
    }
  };

  before(async () => {
    c = await TestController.bootstrap('apps');
    ok(await c.juju(['add-model', 'work']), 'add-model');
  });
  after(async () => {
    await c?.destroy();
  });

  it("deploys pinger and ponger and prints Juju's lines", async () => {
    const p = ok(await c.juju(['deploy', PINGER]), 'deploy pinger');
    assert.match(
      p.stderr,
      /^Located local charm "pinger", revision 1\nDeploying "pinger" from local charm "pinger", revision 1 on \S+\n/,
    );
    ok(await c.juju(['deploy', PONGER, '-n', '2', '--config', 'port=9000']), 'deploy ponger');
  });

  it('shows applications, units and machines in status JSON as jubilant reads them', async () => {
    const s = await status();
    for (const key of ['name', 'type', 'controller', 'cloud', 'version'])
      assert.equal(typeof s.model[key], 'string');
    assert.equal(typeof s.machines, 'object');
    for (const [name, rev] of [
      ['pinger', 1],
      ['ponger', 1],
    ] as const) {
      const app = s.applications[name];
      assert.equal(app.charm, `local:${name}-${rev}`);
      assert.equal(app['charm-origin'], 'local');
      assert.equal(app['charm-name'], name);
      assert.equal(app['charm-rev'], rev);
      assert.equal(app.exposed, false);
      assert.equal(typeof app.units, 'object');
      for (const unit of Object.values<any>(app.units)) {
        assert.ok(s.machines[unit.machine], `machine ${unit.machine} of ${name} is listed`);
        assert.equal(typeof unit['juju-status'], 'object');
        assert.equal(typeof unit['workload-status'], 'object');
      }
    }
    assert.deepEqual(Object.keys(s.applications.ponger.units), ['ponger/0', 'ponger/1']);
    assert.deepEqual(s.applications.pinger.relations.cluster, [
      { 'related-application': 'pinger', interface: 'pinger-cluster', scope: 'global' },
    ]);
    assert.deepEqual(s.applications.ponger.relations.cluster, [
      { 'related-application': 'ponger', interface: 'ponger-cluster', scope: 'global' },
    ]);
  });

  it('integrates pinger with ponger', async () => {
    ok(await c.juju(['integrate', 'pinger', 'ponger']), 'integrate');
    const tab = ok(await c.juju(['status', '--relations']), 'status --relations');
    assert.match(tab.stdout, /ponger:pong\s+pinger:ping\s+ping\s+regular/);
    const again = await c.juju(['integrate', 'pinger', 'ponger']);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /^ERROR cannot add relation "pinger:ping ponger:pong"\nrelation pinger:ping ponger:pong already exists \(already exists\)\n/,
    );
  });

  it("gets, sets and resets config with Juju's errors", async () => {
    assert.equal(ok(await c.juju(['config', 'ponger', 'port']), 'config get').stdout, '9000\n');
    const json = JSON.parse(ok(await c.juju(['config', 'ponger', '--format', 'json']), 'config json').stdout);
    assert.equal(json.application, 'ponger');
    assert.equal(json.charm, 'ponger');
    assert.equal(json.settings.port.value, 9000);
    assert.equal(json.settings.port.source, 'user');
    assert.equal(json['application-config'].trust.value, false);
    const bad = await c.juju(['config', 'ponger', 'port=abc']);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, 'ERROR option "port" expected int, got "abc"\n');
    const unknown = await c.juju(['config', 'ponger', 'foo=bar']);
    assert.equal(unknown.stderr, 'ERROR unknown option "foo"\n');
    assert.equal(ok(await c.juju(['config', 'ponger', 'port']), 'config get').stdout, '9000\n');
    ok(await c.juju(['config', 'ponger', 'message=hello']), 'config set');
    assert.equal(ok(await c.juju(['config', 'ponger', 'message']), 'config get').stdout, 'hello\n');
    ok(await c.juju(['config', 'ponger', '--reset', 'message,port']), 'config reset');
    assert.equal(ok(await c.juju(['config', 'ponger', 'port']), 'config get').stdout, '8080\n');
  });

  it('shows a unit as jubilant reads it', async () => {
    const doc = JSON.parse(
      ok(await c.juju(['show-unit', 'ponger/0', '--format', 'json']), 'show-unit').stdout,
    );
    const unit = doc['ponger/0'];
    assert.ok(Array.isArray(unit['opened-ports']));
    assert.equal(unit.charm, 'local:ponger-1');
    assert.equal(typeof unit.leader, 'boolean');
    assert.equal(unit.life, 'alive');
    assert.notEqual(unit.machine ?? '', '');
  });

  it('refuses a second application of the same name', async () => {
    const r = await c.juju(['deploy', PINGER]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ERROR cannot add application "pinger": application already exists\n$/);
  });

  it('refuses lxd placements on the local cloud', async () => {
    const before = await status();
    const r = await c.juju(['deploy', PINGER, 'lxdping', '--to', 'lxd:0']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ERROR placement "lxd:0" is not supported on the local cloud\n$/);
    const after = await status();
    assert.equal(after.applications.lxdping, undefined);
    assert.deepEqual(Object.keys(after.machines), Object.keys(before.machines));
  });

  for (const bad of ['bad-config-type', 'bad-relation-interface', 'missing-name']) {
    it(`refuses testcharms/bad-metadata/${bad}, deploying nothing`, async () => {
      const before = await status();
      const r = await c.juju(['deploy', join(BAD, bad), 'broken']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^ERROR invalid charm at ".+": (metadata|config)\.yaml: .+\n$/);
      const after = await status();
      assert.deepEqual(Object.keys(after.applications).sort(), Object.keys(before.applications).sort());
      assert.deepEqual(Object.keys(after.machines), Object.keys(before.machines));
    });
  }

  it('places units with --to and adds and removes units', async () => {
    const s = await status();
    const machine = s.applications.pinger.units['pinger/0'].machine as string;
    ok(await c.juju(['add-unit', 'pinger', '--to', machine]), 'add-unit --to');
    ok(await c.juju(['add-unit', 'pinger']), 'add-unit');
    const units = (await status()).applications.pinger.units;
    assert.deepEqual(Object.keys(units).sort(), ['pinger/0', 'pinger/1', 'pinger/2']);
    assert.equal(units['pinger/1'].machine, machine);
    const r = ok(await c.juju(['remove-unit', 'pinger/2', '--no-prompt']), 'remove-unit');
    assert.equal(r.stdout, 'will remove unit pinger/2\n');
    await eventually(async () => {
      const u = (await status()).applications.pinger.units['pinger/2'];
      assert.ok(u === undefined || u['juju-status'].life === 'dying', JSON.stringify(u));
    });
  });

  it('adds a machine and removes it; a machine with units needs --force', async () => {
    const r = ok(await c.juju(['add-machine']), 'add-machine');
    const id = /^created machine (\d+)\n$/.exec(r.stderr)?.[1];
    assert.ok(id !== undefined, r.stderr);
    assert.ok((await status()).machines[id]);
    const withUnits = (await status()).applications.pinger.units['pinger/0'].machine as string;
    const refused = await c.juju(['remove-machine', withUnits, '--no-prompt']);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      new RegExp(
        `^ERROR removing machine ${withUnits} failed: machine ${withUnits} has unit "pinger/\\d" assigned\\n$`,
      ),
    );
    ok(await c.juju(['remove-machine', id, '--no-prompt']), 'remove-machine');
    await eventually(async () => {
      const m = (await status()).machines[id];
      assert.ok(
        m === undefined || m['juju-status'].life === 'dying' || m['juju-status'].life === 'dead',
        JSON.stringify(m),
      );
    });
    const lxd = await c.juju(['add-machine', 'lxd:0']);
    assert.equal(lxd.stderr, 'ERROR placement "lxd:0" is not supported on the local cloud\n');
  });

  it('reuses an identical upload and serves the same bytes back', async () => {
    const data = c.env.JUJU_DATA as string;
    const controllers: any = parse(readFileSync(join(data, 'controllers.yaml'), 'utf8'));
    const accounts: any = parse(readFileSync(join(data, 'accounts.yaml'), 'utf8'));
    const models: any = parse(readFileSync(join(data, 'models.yaml'), 'utf8'));
    const details = controllers.controllers.apps;
    const target: { address: string; caCert: string } = {
      address: details['api-endpoints'][0],
      caCert: details['ca-cert'],
    };
    const user: string = accounts.controllers.apps.user;
    const auth: { tag: string; password: string } = {
      tag: `user-${user}`,
      password: accounts.controllers.apps.password,
    };
    const model: string = models.controllers.apps.models['admin/work'].uuid;
    const archive = await packCharmDir(PINGER);
    const sha = archiveSha256(archive);
    const put = await apiHttpRequest(target, 'PUT', `/model-${model}/charms/pinger-${sha.slice(0, 7)}`, {
      body: archive,
      headers: { 'Juju-Curl': 'local:pinger-1', 'Content-Type': 'application/zip' },
      auth,
    });
    assert.equal(put.headers['juju-curl'], 'local:pinger-1');
    const again = ok(await c.juju(['deploy', PINGER, 'pinger-two', '-n', '0']), 'deploy again');
    assert.match(again.stderr, /^Located local charm "pinger", revision 1\n/);
    const got = await apiHttpRequest(target, 'GET', `/model/${model}/charms`, {
      query: { url: 'local:pinger-1', file: '*' },
      auth,
    });
    assert.ok(got.body.equals(archive), 'downloaded archive is byte-identical');
  });
});
