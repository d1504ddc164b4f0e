/**
 * End to end on a real controller: what users may do. Listing users, granting
 * and revoking controller, model and cloud access with the CLI, the
 * permission errors a plain user meets, and the Cloud facade over the wire.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-member-access --
   the client's YAML files and wire replies are checked as untyped data. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { connect, type ApiConnection } from '../../src/api/connection.js';
import { isJujuError } from '../../src/core/errors.js';
import { errorReason } from '../../src/rpc/errors.js';
import { TestController, isolatedEnv, juju, type CliRun } from '../helpers/controller-fixture.js';

const asRoot = process.getuid?.() === 0;

function readYaml(env: NodeJS.ProcessEnv, file: string): Record<string, any> {
  const path = join(env.JUJU_DATA as string, file);
  return existsSync(path) ? ((parse(readFileSync(path, 'utf8')) as Record<string, any> | null) ?? {}) : {};
}

function ok(r: CliRun, what: string): CliRun {
  assert.equal(r.code, 0, `${what} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

function denied(r: CliRun): void {
  assert.equal(r.code, 1, `expected a permission failure:\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /You do not have permission to complete this operation\.\n/);
  // Call-level refusals carry Juju's ` (code)` suffix, per-entity ones do not.
  assert.match(r.stderr, /ERROR permission denied( \(unauthorized access\))?\n$/);
}

/** A logged-in controller connection using what a client data directory holds. */
async function apiFor(env: NodeJS.ProcessEnv, controller: string): Promise<ApiConnection> {
  const details = readYaml(env, 'controllers.yaml').controllers[controller];
  const account = readYaml(env, 'accounts.yaml').controllers[controller];
  const conn = await connect({ addresses: details['api-endpoints'], caCert: details['ca-cert'] });
  await conn.login({ authTag: `user-${account.user}`, credentials: account.password });
  return conn;
}

async function callFails(p: Promise<unknown>, code: string, message: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(isJujuError(err), String(err));
    assert.equal(err.code, code);
    assert.equal(errorReason(err), message);
    return true;
  });
}

describe('users: access control', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  let bob: NodeJS.ProcessEnv;
  let commands = new Set<string>();
  /** The controller model, plus any model a test adds. */
  let modelsOnLocal = 1;
  const conns: ApiConnection[] = [];

  before(async () => {
    c = await TestController.bootstrap('access');
    const help = await c.juju(['help', 'commands']);
    commands = new Set(help.stdout.split('\n').map((l) => l.split(/\s+/)[0] ?? ''));
    const added = ok(await c.juju(['add-user', 'bob']), 'add-user');
    const token = /juju register (\S+)/.exec(added.stdout)?.[1] ?? '';
    const env = isolatedEnv();
    bob = { PATH: env.PATH, HOME: env.HOME, JUJU_DATA: env.JUJU_DATA, JUJU_LOCAL_ROOT: env.JUJU_LOCAL_ROOT };
    ok(await juju(bob, ['register', token], 'bob-pw\nbob-pw\n\n'), 'register');
  });

  after(async () => {
    for (const conn of conns) await conn.close();
    if (bob) {
      rmSync(bob.JUJU_DATA as string, { recursive: true, force: true });
      rmSync(bob.JUJU_LOCAL_ROOT as string, { recursive: true, force: true });
    }
    await c?.destroy();
  });

  it('users lists the controller users, the current one starred', async () => {
    const r = ok(await c.juju(['users']), 'users');
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'Controller: access');
    assert.equal(lines[1], '');
    assert.match(lines[2] ?? '', /^Name {4}Display name {2}Access {5}Date created +Last connection$/);
    assert.match(lines[3] ?? '', /^admin\* +admin +superuser +\S.* +just now$/);
    assert.match(lines[4] ?? '', /^bob {5} +login +\S.* +just now$/);
    assert.equal(lines.length, 6);
    const mine = ok(await juju(bob, ['list-users']), 'list-users');
    assert.match(
      mine.stdout,
      /^Controller: access\n\nName +Display name +Access +Date created +Last connection\nbob\* +login +/,
    );
    assert.doesNotMatch(mine.stdout, /admin/);
  });

  it('users and show-user speak yaml and json', async () => {
    const json = JSON.parse(ok(await c.juju(['users', '--format', 'json']), 'users json').stdout) as Record<
      string,
      unknown
    >[];
    assert.deepEqual(
      json.map((u) => Object.keys(u)),
      [
        ['user-name', 'display-name', 'access', 'date-created', 'last-connection'],
        ['user-name', 'access', 'date-created', 'last-connection'],
      ],
    );
    assert.equal(json[1]?.['access'], 'login');
    const yaml = ok(await c.juju(['show-user', 'bob']), 'show-user').stdout;
    assert.match(yaml, /^user-name: bob\naccess: login\ndate-created: .+\nlast-connection: .+\n$/);
    const exact = JSON.parse(
      ok(await c.juju(['show-user', '--format', 'json', '--exact-time']), 'show-user').stdout,
    ) as Record<string, string>;
    assert.equal(exact['user-name'], 'admin');
    assert.match(exact['date-created'] ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/);
  });

  it('controller access: grant superuser, then revoke it', async () => {
    denied(await juju(bob, ['add-user', 'carol']));
    denied(await juju(bob, ['grant', 'bob', 'superuser']));
    ok(await c.juju(['grant', 'bob', 'superuser']), 'grant superuser');
    const again = await c.juju(['grant', 'bob', 'superuser']);
    assert.equal(again.code, 1);
    assert.equal(again.stderr, 'ERROR user already has "superuser" access or greater\n');
    const added = ok(await juju(bob, ['add-user', 'carol']), 'bob adds carol');
    assert.match(added.stdout, /^User "carol" added\n/);
    ok(await juju(bob, ['remove-user', 'carol', '-y']), 'bob removes carol');
    assert.match(ok(await c.juju(['users']), 'users').stdout, /^bob +superuser /m);
    ok(await c.juju(['revoke', 'bob', 'superuser']), 'revoke superuser');
    denied(await juju(bob, ['add-user', 'dave']));
    const bogus = await c.juju(['grant', 'bob', 'bogus']);
    assert.equal(bogus.code, 1);
    assert.equal(bogus.stderr, 'ERROR "bogus" controller access not valid\n');
  });

  it('model access: bob reads a model he was granted, and cannot change it', async (t) => {
    const admin = await apiFor(c.env, 'access');
    conns.push(admin);
    if (!admin.serverFacades.has('ModelManager')) {
      t.skip('ModelManager is not served yet');
      return;
    }
    if (commands.has('add-model')) {
      ok(await c.juju(['add-model', 'shared']), 'add-model');
    } else {
      await admin.call('ModelManager', 'CreateModel', {
        name: 'shared',
        'owner-tag': 'user-admin',
        'cloud-tag': 'cloud-local',
      });
    }
    modelsOnLocal += 1;
    const missing = await c.juju(['grant', 'bob', 'read', 'nope']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'ERROR model access:admin/nope not found\n');
    const unseen = await juju(bob, ['users', 'admin/shared']);
    assert.equal(unseen.code, 1);
    assert.equal(unseen.stderr, 'ERROR model access:admin/shared not found\n');
    ok(await c.juju(['grant', 'bob', 'read', 'shared']), 'grant read');
    const twice = await c.juju(['grant', 'bob', 'read', 'shared']);
    assert.equal(twice.stderr, 'ERROR user already has "read" access or greater\n');
    const users = ok(await juju(bob, ['users', 'admin/shared']), 'users of the model');
    assert.match(
      users.stdout,
      /^Name +Display name +Access +Last connection\nadmin +admin +admin +.+\nbob\* +read +.+\n$/,
    );
    const modelUsers = JSON.parse(
      ok(await c.juju(['users', 'shared', '--format', 'json']), 'users json').stdout,
    ) as Record<string, unknown>;
    assert.deepEqual(Object.keys(modelUsers), ['admin', 'bob']);
    assert.deepEqual((modelUsers['bob'] as Record<string, unknown>)['access'], 'read');
    if (commands.has('show-model')) {
      const shown = ok(await juju(bob, ['show-model', 'admin/shared', '--format', 'json']), 'show-model');
      assert.ok('shared' in (JSON.parse(shown.stdout) as object));
    }
    if (commands.has('status')) ok(await juju(bob, ['status', '-m', 'admin/shared']), 'status');
    if (commands.has('model-config')) {
      denied(await juju(bob, ['model-config', '-m', 'admin/shared', 'logging-config=<root>=DEBUG']));
    }
    denied(await juju(bob, ['grant', 'bob', 'admin', 'admin/shared']));
    ok(await c.juju(['grant', 'bob', 'write', 'shared']), 'grant write');
    ok(await c.juju(['revoke', 'bob', 'read', 'shared']), 'revoke read');
    denied(await juju(bob, ['users', 'admin/shared']));
  });

  it('cloud access: grant-cloud and revoke-cloud', async () => {
    const bobApi = await apiFor(bob, 'access');
    conns.push(bobApi);
    const clouds = (conn: ApiConnection) =>
      conn
        .call<{ clouds?: Record<string, { type: string }> }>('Cloud', 'Clouds')
        .then((r) => Object.keys(r.clouds ?? {}));
    assert.deepEqual(await clouds(bobApi), []);
    denied(await juju(bob, ['grant-cloud', 'bob', 'add-model', 'local']));
    ok(await c.juju(['grant-cloud', 'bob', 'add-model', 'local']), 'grant-cloud');
    assert.deepEqual(await clouds(bobApi), ['cloud-local']);
    const twice = await c.juju(['grant-cloud', 'bob', 'add-model', 'local']);
    assert.equal(twice.stderr, 'ERROR user already has "add-model" access or greater\n');
    const nope = await c.juju(['grant-cloud', 'bob', 'admin', 'nope']);
    assert.equal(nope.stderr, 'ERROR could not grant cloud access: cloud "nope" not found\n');
    denied(await juju(bob, ['grant-cloud', 'admin', 'add-model', 'local']));
    ok(await c.juju(['revoke-cloud', 'bob', 'add-model', 'local']), 'revoke-cloud');
    assert.deepEqual(await clouds(bobApi), []);
  });

  it('the Cloud facade manages clouds and credentials over the wire', async () => {
    const admin = await apiFor(c.env, 'access');
    const bobApi = await apiFor(bob, 'access');
    conns.push(admin, bobApi);
    const all = await admin.call<{ clouds: Record<string, Record<string, unknown>> }>('Cloud', 'Clouds');
    assert.equal(all.clouds['cloud-local']?.['type'], 'local');
    assert.deepEqual(await admin.call('Cloud', 'DefaultCloud'), { result: 'cloud-local' });
    const edge = { type: 'manual', endpoint: '10.9.9.9', 'auth-types': ['empty'] };
    await callFails(
      bobApi.call('Cloud', 'AddCloud', { cloud: edge, name: 'edge' }),
      'unauthorized access',
      'permission denied',
    );
    await callFails(
      admin.call('Cloud', 'AddCloud', { cloud: edge, name: 'edge' }),
      'incompatible clouds',
      'controller cloud type "local" incompatible with cloud type "manual"',
    );
    await admin.call('Cloud', 'AddCloud', { cloud: edge, name: 'edge', force: true });
    assert.deepEqual(await admin.call('Cloud', 'Cloud', { entities: [{ tag: 'cloud-edge' }] }), {
      results: [{ cloud: edge }],
    });
    assert.deepEqual(
      await admin.call('Cloud', 'UpdateCloud', {
        clouds: [{ name: 'edge', cloud: { ...edge, endpoint: '10.9.9.10' } }],
      }),
      { results: [{}] },
    );
    const tag = 'cloudcred-local_bob_mine';
    assert.deepEqual(
      await bobApi.call('Cloud', 'UpdateCredentialsCheckModels', {
        credentials: [{ tag, credential: { 'auth-type': 'empty' } }],
      }),
      { results: [{ tag }] },
    );
    assert.deepEqual(
      await bobApi.call('Cloud', 'UserCredentials', {
        'user-clouds': [{ 'user-tag': 'user-bob', 'cloud-tag': 'cloud-local' }],
      }),
      { results: [{ result: [tag] }] },
    );
    assert.deepEqual(await bobApi.call('Cloud', 'CredentialContents', {}), {
      results: [{ result: { content: { name: 'mine', cloud: 'local', 'auth-type': 'empty', valid: true } } }],
    });
    assert.deepEqual(await bobApi.call('Cloud', 'RevokeCredentialsCheckModels', { credentials: [{ tag }] }), {
      results: [{}],
    });
    assert.deepEqual(
      await admin.call('Cloud', 'RemoveClouds', {
        entities: [{ tag: 'cloud-edge' }, { tag: 'cloud-local' }],
      }),
      {
        results: [
          {},
          {
            error: {
              message: `cloud "local" is used by ${modelsOnLocal} model${modelsOnLocal === 1 ? '' : 's'}`,
              code: 'bad request',
            },
          },
        ],
      },
    );
  });
});
