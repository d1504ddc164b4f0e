/**
 * End to end on a real controller: `add-user`, then `juju register` from a
 * second client data directory (only the registration string is shared),
 * logging in and out, changing and resetting passwords, disabling, enabling
 * and removing users — checking both clients' files and the controller's
 * answers along the way.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   the client's YAML files and wire replies are checked as untyped data. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { TestController, isolatedEnv, juju, type CliRun } from '../helpers/controller-fixture.js';

const asRoot = process.getuid?.() === 0;

function readYaml(env: NodeJS.ProcessEnv, file: string): Record<string, any> {
  const path = join(env.JUJU_DATA as string, file);
  return existsSync(path) ? ((parse(readFileSync(path, 'utf8')) as Record<string, any> | null) ?? {}) : {};
}

function registrationToken(text: string): string {
  const token = /juju register (\S+)/.exec(text)?.[1];
  assert.ok(token, `no registration string in:\n${text}`);
  return token;
}

function ok(r: CliRun, what: string): CliRun {
  assert.equal(r.code, 0, `${what} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** A client data directory of its own (no controller of its own). */
function secondClient(): NodeJS.ProcessEnv {
  const env = isolatedEnv();
  return { PATH: env.PATH, HOME: env.HOME, JUJU_DATA: env.JUJU_DATA, JUJU_LOCAL_ROOT: env.JUJU_LOCAL_ROOT };
}

function dropClient(env: NodeJS.ProcessEnv): void {
  rmSync(env.JUJU_DATA as string, { recursive: true, force: true });
  rmSync(env.JUJU_LOCAL_ROOT as string, { recursive: true, force: true });
}

const NO_MODELS =
  '\nThere are no models available. You can add models with\n' +
  '"juju add-model", or you can ask an administrator or owner\n' +
  'of a model to grant access to that model with "juju grant".\n';

describe('users: registration and accounts', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  let bob: NodeJS.ProcessEnv;
  const clients: NodeJS.ProcessEnv[] = [];
  let token = '';

  before(async () => {
    c = await TestController.bootstrap('users');
    bob = secondClient();
    clients.push(bob);
  });

  after(async () => {
    for (const env of clients) dropClient(env);
    await c?.destroy();
  });

  it('add-user prints the register command', async () => {
    const r = ok(await c.juju(['add-user', 'bob', 'Bob Smith']), 'add-user');
    token = registrationToken(r.stdout);
    assert.match(token, /^[A-Za-z0-9_-]+$/);
    assert.equal(
      r.stdout,
      'User "Bob Smith (bob)" added\n' +
        'Please send this command to bob:\n' +
        `    juju register ${token}\n` +
        '\n' +
        '"bob" has not been granted access to any models. You can use "juju grant" to grant access.\n',
    );
    assert.equal(r.stderr, '');
  });

  it('a malformed registration string fails and writes nothing', async () => {
    const env = secondClient();
    clients.push(env);
    const r = await juju(env, ['register', `${token.slice(0, 20)}x`], 'pw\npw\n\n');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ERROR invalid registration token: /);
    assert.deepEqual(readdirSync(env.JUJU_DATA as string), []);
  });

  it('register in a second client stores the controller and account', async () => {
    const r = ok(await juju(bob, ['register', token], 'bob-pw-1\nbob-pw-1\n\n'), 'register');
    assert.equal(
      r.stderr,
      'Enter a new password: \n' +
        'Confirm password: \n' +
        'Enter a name for this controller [users]: ' +
        'Initial password successfully set for bob.\n' +
        '\nWelcome, bob. You are now logged into "users".\n' +
        NO_MODELS,
    );
    const mine = readYaml(c.env, 'controllers.yaml').controllers.users;
    const controllers = readYaml(bob, 'controllers.yaml');
    assert.equal(controllers['current-controller'], 'users');
    const theirs = controllers.controllers.users;
    assert.equal(theirs.uuid, c.uuid());
    assert.deepEqual(theirs['api-endpoints'], mine['api-endpoints']);
    assert.equal(theirs['ca-cert'].trim(), mine['ca-cert'].trim());
    assert.deepEqual(readYaml(bob, 'accounts.yaml').controllers.users, {
      user: 'bob',
      password: 'bob-pw-1',
      'last-known-access': 'login',
      type: 'userpass',
    });
  });

  it('the registration string works only once', async () => {
    const env = secondClient();
    clients.push(env);
    const r = await juju(env, ['register', token], 'other\nother\n\n');
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /ERROR Provided registration token may have expired\.\nA controller administrator must reset your user to issue a new token\./,
    );
    assert.equal(readYaml(env, 'controllers.yaml').controllers?.users, undefined);
  });

  it('registering the same controller again is refused while logged in', async () => {
    const r = await juju(bob, ['register', token], 'x\nx\n\n');
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^ERROR A controller with the same address has already been registered on this client as "users"\.\nYou are already logged in as user "bob"\./,
    );
  });

  it('bob is logged in as himself, with login access only', async () => {
    const r = ok(await juju(bob, ['show-user']), 'show-user');
    assert.match(
      r.stdout,
      /^user-name: bob\ndisplay-name: Bob Smith\naccess: login\ndate-created: .+\nlast-connection: just now\n$/,
    );
    const denied = await juju(bob, ['add-user', 'mallory']);
    assert.equal(denied.code, 1);
    assert.equal(
      denied.stderr,
      '\nYou do not have permission to complete this operation.\n' +
        'You may ask an administrator to grant you access with "juju grant".\n\n' +
        'ERROR permission denied (unauthorized access)\n',
    );
    const other = await juju(bob, ['show-user', 'admin']);
    assert.equal(other.code, 1);
    assert.match(other.stderr, /ERROR permission denied( \(unauthorized access\))?\n$/);
  });

  it('bob changes his own password and his client keeps working', async () => {
    const r = ok(await juju(bob, ['change-user-password'], 'bob-pw-2\nbob-pw-2\n'), 'change-user-password');
    assert.equal(r.stderr, 'new password: \ntype new password again: \nYour password has been changed.\n');
    assert.equal(readYaml(bob, 'accounts.yaml').controllers.users.password, 'bob-pw-2');
    ok(await juju(bob, ['show-user']), 'show-user after change');
    const mismatch = await juju(bob, ['change-user-password'], 'a\nb\n');
    assert.equal(mismatch.code, 1);
    assert.match(mismatch.stderr, /ERROR Passwords do not match\n$/);
  });

  it('logout forgets the account; login brings it back', async () => {
    const out = ok(await juju(bob, ['logout']), 'logout');
    assert.equal(out.stderr, 'Logged out. You are no longer logged into any controllers.\n');
    assert.equal(readYaml(bob, 'accounts.yaml').controllers?.users, undefined);
    const nope = await juju(bob, ['show-user']);
    assert.equal(nope.code, 1);
    assert.equal(nope.stderr, 'ERROR not logged in\n\nRun "juju login" to log in to this controller.\n');
    const bad = await juju(bob, ['login', '-u', 'bob'], 'wrong\n');
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /ERROR cannot log into controller "users": invalid entity name or password \(unauthorized access\)\n$/,
    );
    const r = ok(await juju(bob, ['login', '-u', 'bob'], 'bob-pw-2\n'), 'login');
    assert.equal(
      r.stderr,
      `please enter password for bob on users: \nWelcome, bob. You are now logged into "users".\n${NO_MODELS}`,
    );
    assert.equal(readYaml(bob, 'accounts.yaml').controllers.users.password, 'bob-pw-2');
    const again = ok(await juju(bob, ['login']), 'login again');
    assert.equal(again.stderr, '');
    const other = await juju(bob, ['login', '-u', 'admin']);
    assert.equal(other.code, 1);
    assert.match(other.stderr, /^ERROR already logged in as bob\.\n\nRun "juju logout" first/);
  });

  it('logout protects the bootstrap password unless --force', async () => {
    const r = await c.juju(['logout']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ERROR preventing account loss\n/);
    assert.ok(readYaml(c.env, 'accounts.yaml').controllers.users.password);
  });

  it('an admin can set bob a new password', async () => {
    const r = ok(
      await c.juju(['change-user-password', 'bob', '--no-prompt'], 'bob-pw-3\n'),
      'change bob password',
    );
    assert.equal(r.stderr, 'Password for "bob" has been changed.\n');
    const stale = await juju(bob, ['show-user']);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /ERROR invalid entity name or password \(unauthorized access\)\n$/);
    ok(await juju(bob, ['login', '--no-prompt'], 'bob-pw-3\n'), 'login with the new password');
    ok(await juju(bob, ['show-user']), 'show-user');
  });

  it('--reset voids the password and bob registers again', async () => {
    const self = ok(await c.juju(['change-user-password', '--reset']), 'reset own');
    assert.match(self.stderr, /^You cannot reset your own password\./);
    const r = ok(await c.juju(['change-user-password', 'bob', '--reset']), 'reset');
    const fresh = registrationToken(r.stderr);
    assert.equal(
      r.stderr,
      `Password for "bob" has been reset.\nAsk the user to run:\n     juju register ${fresh}\n\n`,
    );
    const stale = await juju(bob, ['show-user']);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /invalid entity name or password/);
    ok(await juju(bob, ['logout']), 'logout');
    const plain = await juju(bob, ['register', fresh], 'bob-pw-4\nbob-pw-4\n\n');
    assert.equal(plain.code, 1);
    assert.match(
      plain.stderr,
      /already been registered on this client as "users"\.\nTo login run 'juju login -c users'\./,
    );
    const re = ok(
      await juju(bob, ['register', '--replace', fresh], 'bob-pw-4\nbob-pw-4\n\n'),
      'register --replace',
    );
    assert.match(
      re.stderr,
      /Enter a name for this controller \[replace users\]: Initial password successfully set for bob\./,
    );
    assert.equal(readYaml(bob, 'accounts.yaml').controllers.users.password, 'bob-pw-4');
    assert.equal(readYaml(bob, 'controllers.yaml').controllers.users.uuid, c.uuid());
    ok(await juju(bob, ['show-user']), 'show-user after re-register');
  });

  it('a disabled user cannot log in until enabled again', async () => {
    const r = ok(await c.juju(['disable-user', 'bob']), 'disable-user');
    assert.equal(r.stderr, 'User "bob" disabled\n');
    const denied = await juju(bob, ['show-user']);
    assert.equal(denied.code, 1);
    assert.equal(denied.stderr, 'ERROR invalid entity name or password (unauthorized access)\n');
    const listed = ok(await c.juju(['users']), 'users');
    assert.doesNotMatch(listed.stdout, /^bob /m);
    const all = ok(await c.juju(['users', '--all']), 'users --all');
    assert.match(all.stdout, /^bob +Bob Smith +\S+.* \(disabled\)$/m);
    const json = JSON.parse(
      ok(await c.juju(['show-user', 'bob', '--format', 'json']), 'show-user').stdout,
    ) as Record<string, unknown>;
    assert.equal(json['disabled'], true);
    assert.equal(json['access'], '');
    ok(await c.juju(['enable-user', 'bob']), 'enable-user');
    ok(await juju(bob, ['show-user']), 'show-user after enable');
  });

  it('the controller admin cannot be disabled or removed', async () => {
    const d = await c.juju(['disable-user', 'admin']);
    assert.equal(d.code, 1);
    assert.equal(d.stderr, 'ERROR failed to disable user: cannot disable controller model owner\n');
    const rm = await c.juju(['remove-user', 'admin', '--yes']);
    assert.equal(rm.code, 1);
    assert.equal(rm.stderr, 'ERROR cannot delete controller owner "admin"\n');
  });

  it('remove-user asks first and removes for good', async () => {
    const no = await c.juju(['remove-user', 'bob'], 'n\n');
    assert.equal(no.code, 1);
    assert.match(
      no.stdout,
      /^WARNING! This command will permanently archive the user "bob" on the "users"\ncontroller\./,
    );
    assert.match(no.stdout, /Continue \(y\/N\)\? $/);
    assert.equal(no.stderr, 'ERROR user deletion aborted\n');
    ok(await juju(bob, ['show-user']), 'bob still there');
    const yes = ok(await c.juju(['remove-user', 'bob'], 'y\n'), 'remove-user');
    assert.match(yes.stdout, /User "bob" removed\n$/);
    const gone = await juju(bob, ['show-user']);
    assert.equal(gone.code, 1);
    assert.equal(gone.stderr, 'ERROR invalid entity name or password (unauthorized access)\n');
    const again = await c.juju(['remove-user', 'bob', '-y']);
    assert.equal(
      again.stderr,
      'ERROR failed to delete user "bob": the user has already been permanently deleted\n',
    );
    const reuse = await c.juju(['add-user', 'bob']);
    assert.equal(reuse.code, 1);
    assert.equal(reuse.stderr, 'ERROR failed to create user: username unavailable\n');
    const unknown = await c.juju(['show-user', 'nobody']);
    assert.equal(unknown.stderr, 'ERROR user "nobody" not found\n');
  });
});
