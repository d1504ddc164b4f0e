import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { Context } from '../../../src/cli/framework/context.js';
import { buildJuju } from '../../../src/cli/juju.js';
import { runJuju } from '../../helpers/cli-harness.js';

const CLOUDS_FILE = `clouds:
  myos:
    type: openstack
    auth-types: [userpass, access-key]
    endpoint: https://os.example.com:5000/v3
    regions:
      london: {}
      paris: {}
`;

/** As jubilant writes it (PyYAML safe_dump, sorted keys). */
const CREDENTIALS_FILE = `credentials:
  myos:
    alice:
      auth-type: userpass
      password: s3cret
      tenant-name: t1
      username: alice
    bob:
      access-key: AK
      auth-type: access-key
      secret-key: SK
`;

async function runJujuTty(args: string[], env: NodeJS.ProcessEnv, input: string) {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = true;
  stdin.end(input);
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const ctx = new Context(
    { stdin, stdout: out, stderr: err },
    { PATH: process.env.PATH, ...env },
    process.cwd(),
  );
  const code = await buildJuju().run(args, ctx);
  return { code, stdout, stderr };
}

describe('juju credentials family', () => {
  let root: string;
  let n = 0;
  const file = (name: string, text: string): string => {
    const p = join(root, name);
    writeFileSync(p, text);
    return p;
  };
  /** A data dir with the "myos" cloud and (optionally) alice and bob's credentials. */
  const setup = async (withCredentials = true): Promise<{ env: NodeJS.ProcessEnv; dir: string }> => {
    const dir = join(root, `data-${n++}`);
    const env = { JUJU_DATA: dir };
    const c = await runJuju(['add-cloud', '--client', 'myos', file(`clouds-${n}.yaml`, CLOUDS_FILE)], env);
    assert.equal(c.code, 0, c.stderr);
    if (withCredentials) {
      const r = await runJuju(
        ['add-credential', 'myos', '--client', '--file', file(`creds-${n}.yaml`, CREDENTIALS_FILE)],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
    }
    return { env, dir };
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'juju-creds-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists nothing, without error, when there are no credentials', async () => {
    const env = { JUJU_DATA: join(root, 'empty') };
    const t = await runJuju(['credentials'], env);
    assert.equal(t.code, 0, t.stderr);
    assert.equal(t.stdout, 'No credentials from any controller to display.\n');
    const c = await runJuju(['credentials', '--client'], env);
    assert.equal(c.stdout, 'No credentials from this client to display.\n');
    const j = await runJuju(['credentials', '--format', 'json'], env);
    assert.equal(j.stdout, '{}\n');
    const y = await runJuju(['list-credentials', '--format', 'yaml'], env);
    assert.equal(y.stdout, '{}\n');
    const local = await runJuju(['credentials', 'local', '--client'], env);
    assert.equal(local.code, 0);
    assert.equal(existsSync(join(root, 'empty', 'credentials.yaml')), false);
  });

  it("adds credentials from a file with jubilant's argv and writes credentials.yaml as Juju does", async () => {
    const { env, dir } = await setup(false);
    const path = file('jubilant-creds.yaml', CREDENTIALS_FILE);
    const r = await runJuju(['add-credential', 'myos', '--client', '--file', path], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Credentials "alice, bob" added locally for cloud "myos".\n\n');
    assert.equal(
      readFileSync(join(dir, 'credentials.yaml'), 'utf8'),
      'credentials:\n' +
        '  myos:\n' +
        '    alice:\n' +
        '      auth-type: userpass\n' +
        '      password: s3cret\n' +
        '      tenant-name: t1\n' +
        '      username: alice\n' +
        '    bob:\n' +
        '      auth-type: access-key\n' +
        '      access-key: AK\n' +
        '      secret-key: SK\n',
    );
    const again = await runJuju(['add-credential', 'myos', '--client', '-f', path], env);
    assert.equal(again.code, 1);
    assert.equal(again.stdout, 'No local credentials for cloud "myos" changed.\n');
    assert.match(
      again.stderr,
      /^ERROR credential "alice" for cloud "myos" already exists locally, use 'juju update-credential myos alice -f .*' to update this local client copy$/m,
    );
    const withRegion = await runJuju(
      ['add-credential', 'myos', '--client', '--region', 'mars', '--file', path],
      env,
    );
    assert.equal(withRegion.code, 1);
    assert.equal(withRegion.stderr, 'ERROR provided region "mars" for cloud "myos" not valid\n');
  });

  it('validates credential files', async () => {
    const { env } = await setup(false);
    const noCloud = await runJuju(
      [
        'add-credential',
        'myos',
        '--client',
        '-f',
        file('other.yaml', 'credentials:\n  aws:\n    x:\n      auth-type: access-key\n'),
      ],
      env,
    );
    assert.equal(noCloud.code, 1);
    assert.match(noCloud.stderr, /^ERROR no credentials for cloud myos exist in file .*other\.yaml\n$/);
    const badAuth = file('bad-auth.yaml', 'credentials:\n  myos:\n    x:\n      auth-type: oauth1\n');
    const a = await runJuju(['add-credential', 'myos', '--client', '-f', badAuth], env);
    assert.equal(
      a.stderr,
      'ERROR credential "x" contains invalid auth type "oauth1", valid auth types for cloud "myos" are [userpass access-key]\n',
    );
    const noAuth = file('no-auth.yaml', 'credentials:\n  myos:\n    x:\n      username: u\n');
    const b = await runJuju(['add-credential', 'myos', '--client', '-f', noAuth], env);
    assert.equal(
      b.stderr,
      `ERROR parsing credentials file: credentials file ${JSON.stringify(noAuth)}: credentials.myos.x: missing auth-type\n`,
    );
    const unknownCloud = await runJuju(['add-credential', 'nope', '--client', '-f', noAuth], env);
    assert.equal(unknownCloud.code, 1);
    assert.equal(
      unknownCloud.stderr,
      "To view all available clouds, use 'juju clouds'.\nTo add new cloud, use 'juju add-cloud'.\n",
    );
    const noTerminal = await runJuju(['add-credential', 'myos', '--client'], env);
    assert.equal(noTerminal.code, 1);
    assert.equal(
      noTerminal.stderr,
      'ERROR no credentials file given and no terminal to ask for a credential: use "juju add-credential myos -f <credentials.yaml>"\n',
    );
  });

  it('adds a credential interactively on a terminal', async () => {
    const { env, dir } = await setup(false);
    const r = await runJujuTty(
      ['add-credential', 'myos', '--client'],
      env,
      'carol\nlondon\nuserpass\ncarol\npw\n\n\n\n\n\n\n',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Enter credential name: \nRegions\n {2}london\n {2}paris\n\nSelect region \[any region, credential is not region specific\]: /,
    );
    assert.match(r.stdout, /Select auth type \[userpass\]: /);
    assert.match(r.stdout, /Enter username: /);
    assert.match(r.stdout, /Enter tenant-name \(optional\): /);
    assert.match(r.stdout, /Credential "carol" added locally for cloud "myos"\.\n\n$/);
    assert.match(
      readFileSync(join(dir, 'credentials.yaml'), 'utf8'),
      /carol:\n {6}auth-type: userpass\n {6}password: pw\n {6}username: carol\n/,
    );
  });

  it('lists credentials in every format, hiding secrets unless asked', async () => {
    const { env } = await setup();
    const t = await runJuju(['credentials'], env);
    assert.equal(t.code, 0, t.stderr);
    assert.equal(
      t.stdout,
      'No credentials from any controller to display.\n\nClient Credentials:\nCloud  Credentials\nmyos   alice, bob\n',
    );
    const y = await runJuju(['credentials', '--format', 'yaml'], env);
    assert.equal(
      y.stdout,
      'client-credentials:\n  myos:\n    alice:\n      auth-type: userpass\n      tenant-name: t1\n      username: alice\n' +
        '    bob:\n      auth-type: access-key\n      access-key: AK\n',
    );
    const j = await runJuju(['credentials', '--format', 'json'], env);
    assert.equal(
      j.stdout,
      '{"client-credentials":{"myos":{"cloud-credentials":{"alice":{"auth-type":"userpass","details":{"tenant-name":"t1","username":"alice"}},' +
        '"bob":{"auth-type":"access-key","details":{"access-key":"AK"}}}}}}\n',
    );
    const s = await runJuju(['credentials', '--format', 'json', '--show-secrets'], env);
    const parsed = JSON.parse(s.stdout) as {
      'client-credentials': Record<
        string,
        { 'cloud-credentials': Record<string, { details: Record<string, string> }> }
      >;
    };
    assert.equal(
      parsed['client-credentials']['myos']?.['cloud-credentials']['alice']?.details['password'],
      's3cret',
    );
    const tab = await runJuju(['credentials', '--show-secrets'], env);
    assert.equal(tab.stderr, 'secrets are not shown in tabular format\n');
    const one = await runJuju(['credentials', 'myos', '--client'], env);
    assert.equal(one.stdout, '\nClient Credentials:\nCloud  Credentials\nmyos   alice, bob\n');
  });

  it('shows credentials as yaml', async () => {
    const { env } = await setup();
    const all = await runJuju(['show-credential'], env);
    assert.equal(all.code, 0, all.stderr);
    assert.equal(
      all.stdout,
      'client-credentials:\n  myos:\n    alice:\n      content:\n        auth-type: userpass\n        tenant-name: t1\n        username: alice\n' +
        '    bob:\n      content:\n        auth-type: access-key\n        access-key: AK\n',
    );
    const one = await runJuju(['show-credentials', 'myos', 'alice', '--show-secrets'], env);
    assert.equal(
      one.stdout,
      'client-credentials:\n  myos:\n    alice:\n      content:\n        auth-type: userpass\n        password: s3cret\n        tenant-name: t1\n        username: alice\n',
    );
    const missing = await runJuju(['show-credential', 'myos', 'nope'], env);
    assert.equal(missing.code, 1);
    assert.equal(
      missing.stderr,
      'ERROR client credential content lookup failed: credential "nope" for cloud "myos" in local client not found\n' +
        'No credentials from this client or from a controller to display.\n',
    );
    const usage = await runJuju(['show-credential', 'myos'], env);
    assert.equal(usage.code, 2);
    assert.equal(usage.stderr, 'ERROR both cloud and credential name are needed\n');
  });

  it('updates a credential from a file', async () => {
    const { env, dir } = await setup();
    const path = file(
      'upd.yaml',
      'credentials:\n  myos:\n    alice:\n      auth-type: userpass\n      username: alice2\n      password: new\n',
    );
    const r = await runJuju(['update-credential', 'myos', 'alice', '-f', path, '--client'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'Local client was updated successfully with provided credential information.\n');
    assert.match(
      readFileSync(join(dir, 'credentials.yaml'), 'utf8'),
      /alice:\n {6}auth-type: userpass\n {6}password: new\n {6}username: alice2\n/,
    );
    const missing = await runJuju(['update-credentials', 'myos', 'zed', '-f', path, '--client'], env);
    assert.equal(missing.code, 1);
    assert.equal(
      missing.stderr,
      `ERROR could not get credentials from file: credential "zed" for cloud "myos" in file ${path} not found\n`,
    );
    const bare = await runJuju(['update-credential', '--client'], env);
    assert.equal(bare.code, 1);
    assert.equal(
      bare.stderr,
      'ERROR Usage: juju update-credential [options] [<cloud-name> [<credential-name>]]\n',
    );
    const many = await runJuju(['update-credential', 'a', 'b', 'c'], env);
    assert.equal(many.code, 2);
    assert.equal(many.stderr, 'ERROR only a cloud name and / or credential name need to be provided\n');
  });

  it('removes credentials', async () => {
    const { env, dir } = await setup();
    const r = await runJuju(['remove-credential', 'myos', 'alice', '--client'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stderr,
      'Found local cloud "myos" on this client.\nCredential "alice" for cloud "myos" removed from this client.\n',
    );
    assert.doesNotMatch(readFileSync(join(dir, 'credentials.yaml'), 'utf8'), /alice/);
    const again = await runJuju(['remove-credential', 'myos', 'alice', '--client'], env);
    assert.equal(again.code, 0);
    assert.match(again.stderr, /No credential called "alice" exists for cloud "myos" on this client\n$/);
    const noCloud = await runJuju(['remove-credential', 'nope', 'alice', '--client'], env);
    assert.equal(noCloud.code, 1);
    assert.equal(
      noCloud.stderr,
      "No cloud \"nope\" is found.\nTo view all available clouds, use 'juju clouds'.\nTo add new cloud, use 'juju add-cloud'.\n",
    );
    const usage = await runJuju(['remove-credential', 'myos'], env);
    assert.equal(usage.code, 2);
    assert.equal(usage.stderr, 'ERROR Usage: juju remove-credential <cloud-name> <credential-name>\n');
  });

  it('gets, sets and resets the default credential and region', async () => {
    const { env, dir } = await setup();
    const get = await runJuju(['default-credential', 'myos'], env);
    assert.equal(get.stderr, 'Default credential for cloud "myos" is not set on this client.\n');
    const set = await runJuju(['default-credential', 'myos', 'bob'], env);
    assert.equal(set.stderr, 'Local credential "bob" is set to be default for "myos" for this client.\n');
    const bad = await runJuju(['set-default-credentials', 'myos', 'zed'], env);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, 'ERROR credential "zed" for cloud myos not valid\n');
    const region = await runJuju(['default-region', 'myos', 'PARIS'], env);
    assert.equal(region.stderr, 'Default region in myos set to "paris".\n');
    const badRegion = await runJuju(['set-default-region', 'myos', 'mars'], env);
    assert.equal(badRegion.code, 1);
    assert.equal(badRegion.stderr, 'ERROR region "mars" not found (expected one of ["london" "paris"])\n');
    assert.equal(
      readFileSync(join(dir, 'credentials.yaml'), 'utf8').split('\n').slice(0, 4).join('\n'),
      'credentials:\n  myos:\n    default-credential: bob\n    default-region: paris',
    );
    const t = await runJuju(['credentials', '--client'], env);
    assert.equal(t.stdout, '\nClient Credentials:\nCloud  Credentials\nmyos   bob*, alice\n');
    const cloudList = await runJuju(['clouds'], env);
    assert.match(cloudList.stdout, /^myos +2 +paris +openstack +2 +local +Openstack Cloud$/m);
    const reset = await runJuju(['default-credential', 'myos', '--reset'], env);
    assert.equal(reset.stderr, 'Default credential for cloud "myos" is no longer set on this client.\n');
    const resetRegion = await runJuju(['default-region', 'myos', '--reset'], env);
    assert.equal(resetRegion.stderr, 'Default region for cloud "myos" is no longer set on this client.\n');
    const unknown = await runJuju(['default-credential', 'nope'], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'ERROR cloud nope not valid\n');
  });

  it('autoload-credentials finds nothing to detect, without error', async () => {
    const env = { JUJU_DATA: join(root, 'autoload') };
    const r = await runJuju(['autoload-credentials'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stderr,
      '\nLooking for cloud and credential information on local client...\nNo cloud credentials found.\n',
    );
    const local = await runJuju(['autoload-credentials', 'local'], env);
    assert.equal(local.code, 0);
    assert.match(local.stderr, /Clouds of type "local" need no credentials: there is nothing to detect\.\n/);
  });

  it('has help pages in Juju layout', async () => {
    const commands = [
      'credentials',
      'show-credential',
      'add-credential',
      'update-credential',
      'remove-credential',
      'default-credential',
      'default-region',
      'autoload-credentials',
    ];
    for (const cmd of commands) {
      const r = await runJuju([cmd, '--help']);
      assert.equal(r.code, 0, cmd);
      assert.match(r.stdout, new RegExp(`^Usage: juju ${cmd} \\[options\\]`), cmd);
      for (const section of ['\nSummary:\n', '\nGlobal Options:\n', '\nCommand Options:\n', '\nDetails:\n']) {
        assert.ok(r.stdout.includes(section), `${cmd} help lacks ${section.trim()}`);
      }
    }
    const list = await runJuju(['help', 'commands']);
    for (const alias of [
      'list-credentials',
      'show-credentials',
      'update-credentials',
      'set-default-credentials',
      'set-default-region',
    ]) {
      assert.match(list.stdout, new RegExp(`^${alias} +Alias for '`, 'm'), alias);
    }
  });
});
