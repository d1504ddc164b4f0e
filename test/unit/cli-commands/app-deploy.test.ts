/**
 * `juju deploy` of local charms and bundles against an in-process
 * controller: the recorded applications, units, machines and peer relations
 * in `juju status --format json` (jubilant's required keys), placements,
 * config checks, the charm upload/download endpoints, and that bad charms
 * and bundles change nothing.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-argument --
   status and HTTP replies are checked as the untyped JSON a client sees. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { apiHttpRequest } from '../../../src/api/http.js';
import { archiveSha256, packCharmDir } from '../../../src/charm/index.js';
import { CHARMS, TESTCHARMS, appFixture, type AppFixture, type StatusJson } from './app-fixture.js';

const PINGER = join(CHARMS, 'pinger');
const PONGER = join(CHARMS, 'ponger');

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('juju deploy (local charms)', () => {
  let fx: AppFixture;
  before(async () => {
    fx = await appFixture();
  });
  after(async () => {
    await fx?.close();
  });

  it('deploys a charm directory and prints the located/deploying lines', async () => {
    const r = await fx.juju(['deploy', PINGER]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines[0], 'Located local charm "pinger", revision 1');
    assert.match(
      lines[1] ?? '',
      /^Deploying "pinger" from local charm "pinger", revision 1 on \S+@\S+\/stable$/,
    );
    assert.equal(r.stdout, '');
  });

  it('records application, unit, machine and peer relation as jubilant expects', async () => {
    const s: StatusJson = await fx.status();
    for (const key of ['name', 'type', 'controller', 'cloud', 'version'])
      assert.equal(typeof s.model[key], 'string');
    const app = s.applications.pinger;
    assert.equal(app.charm, 'local:pinger-1');
    assert.equal(app['charm-origin'], 'local');
    assert.equal(app['charm-name'], 'pinger');
    assert.equal(app['charm-rev'], 1);
    assert.equal(app.exposed, false);
    assert.deepEqual(app.relations, {
      cluster: [{ 'related-application': 'pinger', interface: 'pinger-cluster', scope: 'global' }],
    });
    const unit = app.units['pinger/0'];
    assert.equal(unit['juju-status'].current, 'allocating');
    assert.equal(unit['workload-status'].current, 'waiting');
    assert.equal(unit['workload-status'].message, 'waiting for machine');
    assert.equal(unit.machine, '0');
    assert.ok(s.machines['0'], 'machine 0 exists');
    assert.equal(s.machines['0']['juju-status'].current, 'pending');
  });

  it('refuses a second application with the same name, changing nothing', async () => {
    const before = await fx.status();
    const r = await fx.juju(['deploy', PINGER]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ERROR cannot add application "pinger": application already exists\n$/);
    assert.deepEqual(Object.keys((await fx.status()).machines), Object.keys(before.machines));
  });

  it('deploys with -n, --config and --to an existing machine', async () => {
    const r = await fx.juju(['deploy', PONGER, '-n', '2', '--config', 'port=9000', '--to', '0']);
    assert.equal(r.code, 0, r.stderr);
    const s = await fx.status();
    assert.equal(s.applications.ponger.units['ponger/0'].machine, '0');
    assert.equal(s.applications.ponger.units['ponger/1'].machine, '1');
    const cfg = await fx.juju(['config', 'ponger', 'port']);
    assert.equal(cfg.stdout, '9000\n');
  });

  it('refuses lxd placements on the local cloud', async () => {
    const r = await fx.juju(['deploy', PINGER, 'ping2', '--to', 'lxd:0']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /placement "lxd:0" is not supported on the local cloud/);
    assert.equal((await fx.status()).applications.ping2, undefined);
    const u = await fx.juju(['add-unit', 'pinger', '--to', 'lxd:0']);
    assert.equal(u.code, 1);
    assert.match(u.stderr, /ERROR placement "lxd:0" is not supported on the local cloud \(not supported\)\n/);
  });

  it("refuses bad config values with the charm's words, deploying nothing", async () => {
    const r = await fx.juju(['deploy', PONGER, 'pong2', '--config', 'port=abc']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ERROR option "port" expected int, got "abc"\n$/);
    const unknown = await fx.juju(['deploy', PONGER, 'pong2', '--config', 'nope=1']);
    assert.match(unknown.stderr, /ERROR unknown option "nope"\n$/);
    assert.equal((await fx.status()).applications.pong2, undefined);
  });

  for (const bad of ['bad-config-type', 'bad-relation-interface', 'missing-name']) {
    it(`refuses testcharms/bad-metadata/${bad} naming the file and field`, async () => {
      const r = await fx.juju(['deploy', join(TESTCHARMS, 'bad-metadata', bad), 'bad']);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /^ERROR invalid charm at ".*bad-metadata\/[a-z-]+": (config|metadata)\.yaml: .+\n$/,
      );
      assert.equal((await fx.status()).applications.bad, undefined);
    });
  }

  it('explains that Charmhub names cannot be deployed', async () => {
    const r = await fx.juju(['deploy', 'mysql']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /local charms and bundles only; give a path such as \.\/mysql/);
  });

  it('reuses an uploaded charm and serves the same bytes back', async () => {
    const archive = await packCharmDir(PINGER);
    const sha = archiveSha256(archive);
    const put = async (): Promise<{ status: number; curl: string; body: unknown }> => {
      const res = await apiHttpRequest(
        { address: fx.address, caCert: fx.caCert },
        'PUT',
        `/model-${fx.model}/charms/pinger-${sha.slice(0, 7)}`,
        {
          body: archive,
          headers: { 'Juju-Curl': 'local:pinger-1', 'Content-Type': 'application/zip' },
          auth: { tag: 'user-admin', password: 'sekrit-admin' },
        },
      );
      return { status: res.status, curl: String(res.headers['juju-curl']), body: res.json() };
    };
    const first = await put();
    const second = await put();
    assert.equal(first.curl, 'local:pinger-1');
    assert.deepEqual(first.body, { 'charm-url': 'local:pinger-1' });
    assert.equal(second.curl, 'local:pinger-1');
    const got = await apiHttpRequest(
      { address: fx.address, caCert: fx.caCert },
      'GET',
      `/model/${fx.model}/charms`,
      { query: { url: 'local:pinger-1', file: '*' }, auth: { tag: 'user-admin', password: 'sekrit-admin' } },
    );
    assert.equal(got.status, 200);
    assert.equal(archiveSha256(got.body), sha);
    assert.ok(got.body.equals(archive));
    const meta = await apiHttpRequest(
      { address: fx.address, caCert: fx.caCert },
      'GET',
      `/model/${fx.model}/charms`,
      {
        query: { url: 'local:pinger-1', file: 'metadata.yaml' },
        auth: { tag: 'user-admin', password: 'sekrit-admin' },
      },
    );
    assert.match(meta.text(), /^name: pinger\n/);
  });

  it('bumps the revision when a different archive claims a used one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juju-charm-'));
    try {
      // Same name, different bytes: an extra file in the archive.
      const base = await packCharmDir(PINGER);
      void base;
      const { cpSync } = await import('node:fs');
      cpSync(PINGER, dir, { recursive: true });
      writeFileSync(join(dir, 'extra.txt'), 'different\n');
      const r = await fx.juju(['deploy', dir, 'ping3', '-n', '0']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^Located local charm "pinger", revision 2\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lets the model's unit agents download charms, and nobody else", async () => {
    const target = { address: fx.address, caCert: fx.caCert };
    const password = 'unit-password-0123456789';
    fx.f.services.application.setUnitPassword(fx.model, 'pinger/0', password);
    const asUnit = await apiHttpRequest(target, 'GET', `/model/${fx.model}/charms`, {
      query: { url: 'local:pinger-1', file: 'revision' },
      auth: { tag: 'unit-pinger-0', password },
    });
    assert.equal(asUnit.text(), '1\n');
    const wrong = await apiHttpRequest(target, 'GET', `/model/${fx.model}/charms`, {
      query: { url: 'local:pinger-1', file: '*' },
      auth: { tag: 'unit-pinger-0', password: 'not-the-password-at-all' },
      allowErrorStatus: true,
    });
    assert.equal(wrong.status, 401);
    const missing = await apiHttpRequest(target, 'GET', `/model/${fx.model}/charms`, {
      query: { url: 'local:pinger-1', file: 'no/such/file' },
      auth: { tag: 'unit-pinger-0', password },
      allowErrorStatus: true,
    });
    assert.equal(missing.status, 404);
    const listing = await apiHttpRequest(target, 'GET', `/model/${fx.model}/charms`, {
      query: { url: 'local:pinger-1' },
      auth: { tag: 'unit-pinger-0', password },
    });
    assert.ok(listing.json<{ files: string[] }>().files.includes('hooks/install'));
  });

  it('deploys a subordinate without units; integrating gives it a principal', async () => {
    const r = await fx.juju(['deploy', join(TESTCHARMS, 'subordinate')]);
    assert.equal(r.code, 0, r.stderr);
    const n = await fx.juju(['deploy', join(TESTCHARMS, 'subordinate'), 'sub2', '-n', '2']);
    assert.equal(n.code, 1);
    assert.equal(n.stderr, 'ERROR cannot use --num-units or --to with subordinate application\n');
    const rel = await fx.juju(['integrate', 'subordinate', 'pinger']);
    assert.equal(rel.code, 0, rel.stderr);
    const s = await fx.status();
    assert.equal(s.applications.subordinate.units, undefined);
    assert.deepEqual(s.applications.subordinate['subordinate-to'], ['pinger']);
    const show = JSON.parse((await fx.juju(['show-application', 'subordinate', '--format', 'json'])).stdout);
    assert.equal(show.subordinate.principal, false);
  });

  it('refuses uploads without write access or with a bad object name', async () => {
    const archive = await packCharmDir(PONGER);
    const sha = archiveSha256(archive);
    const target = { address: fx.address, caCert: fx.caCert };
    const noAuth = await apiHttpRequest(
      target,
      'PUT',
      `/model-${fx.model}/charms/ponger-${sha.slice(0, 7)}`,
      {
        body: archive,
        headers: { 'Juju-Curl': 'local:ponger-0' },
        allowErrorStatus: true,
      },
    );
    assert.equal(noAuth.status, 401);
    const wrongSha = await apiHttpRequest(target, 'PUT', `/model-${fx.model}/charms/ponger-0000000`, {
      body: archive,
      headers: { 'Juju-Curl': 'local:ponger-0', authorization: basicAuth('user-admin', 'sekrit-admin') },
      allowErrorStatus: true,
    });
    assert.equal(wrongSha.status, 400);
    assert.match(wrongSha.json<{ error: { message: string } }>().error.message, /does not match object name/);
  });
});

describe('juju deploy (bundles)', () => {
  let fx: AppFixture;
  let dir: string;
  before(async () => {
    fx = await appFixture('bundles');
    dir = mkdtempSync(join(tmpdir(), 'juju-bundle-'));
  });
  after(async () => {
    await fx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the changes with --dry-run and deploys nothing', async () => {
    const r = await fx.juju(['deploy', join(CHARMS, 'bundle.yaml'), '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'Changes to deploy bundle:');
    assert.ok(lines.includes('- add relation pinger:ping - ponger:pong'), r.stdout);
    assert.ok(
      lines.some((l) => l.startsWith('- upload charm ')),
      r.stdout,
    );
    assert.deepEqual((await fx.status()).applications, {});
  });

  it('refuses a bundle with a bad charm, option or relation, deploying nothing', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      [
        'applications:',
        `  pinger: {charm: ${PINGER}, num_units: 1}`,
        `  ponger: {charm: ${PONGER}, num_units: 1, options: {port: abc}}`,
        `  broken: {charm: ${join(TESTCHARMS, 'bad-metadata', 'missing-name')}}`,
        'relations:',
        '  - [pinger:nope, ponger:pong]',
        '',
      ].join('\n'),
    );
    const r = await fx.juju(['deploy', bad]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /bad\.yaml: applications\.broken\.charm: invalid charm at .*: metadata\.yaml: "name" is required/,
    );
    assert.deepEqual((await fx.status()).applications, {});
    const fixed = join(dir, 'bad2.yaml');
    writeFileSync(
      fixed,
      [
        'applications:',
        `  pinger: {charm: ${PINGER}, num_units: 1}`,
        `  ponger: {charm: ${PONGER}, num_units: 1, options: {port: abc}}`,
        'relations:',
        '  - [pinger:nope, ponger:pong]',
        '',
      ].join('\n'),
    );
    const r2 = await fx.juju(['deploy', fixed]);
    assert.equal(r2.code, 1);
    assert.match(
      r2.stderr,
      /bad2\.yaml: applications\.ponger\.options: option "port" expected int, got "abc"/,
    );
    assert.match(r2.stderr, /bad2\.yaml: relations\[0\]: .*does not define relation "nope"/);
    const lxd = join(dir, 'lxd.yaml');
    writeFileSync(
      lxd,
      [
        'applications:',
        `  pinger: {charm: ${PINGER}, num_units: 1, to: ["lxd:0"]}`,
        'machines:',
        '  "0": {}',
        '',
      ].join('\n'),
    );
    const r3 = await fx.juju(['deploy', lxd]);
    assert.equal(r3.code, 1);
    assert.match(
      r3.stderr,
      /lxd\.yaml: applications\.pinger\.to\[0\]: placement "lxd:0" is not supported on the local cloud/,
    );
    const s = await fx.status();
    assert.deepEqual(s.applications, {});
    assert.deepEqual(s.machines, {});
  });

  it('deploys the example bundle: applications, units, machines, relations', async () => {
    const r = await fx.juju(['deploy', join(CHARMS, 'bundle.yaml')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Executing changes:\n- upload charm /);
    assert.match(r.stderr, /Deploy of bundle completed\.\n$/);
    const s = await fx.status();
    assert.deepEqual(Object.keys(s.applications).sort(), ['dispatcher', 'pinger', 'ponger']);
    assert.equal(Object.keys(s.applications.pinger.units).length, 2);
    assert.equal(Object.keys(s.machines).length, 4);
    assert.deepEqual(s.applications.ponger.relations.pong, [
      { 'related-application': 'pinger', interface: 'ping', scope: 'global' },
    ]);
    const cfg = await fx.juju(['config', 'ponger', 'message']);
    assert.equal(cfg.stdout, 'pong ready\n');
  });
});
