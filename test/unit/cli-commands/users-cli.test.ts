/**
 * The user commands' client-side behaviour, run in-process: argument checks,
 * malformed registration strings, logout's account-loss guard, and how users
 * are presented.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer, type Server } from 'node:tls';

import { ClientStore } from '../../../src/clientstore/index.js';
import {
  goTimeString,
  lastConnection,
  modelUsersOutput,
  userInfoOutput,
} from '../../../src/cli/commands/users/user-info.js';
import { caFingerprint, discoverCaCert } from '../../../src/cli/commands/users/ca-discovery.js';
import { certificateFingerprint } from '../../../src/pki/certificates.js';
import { runJuju } from '../../helpers/cli-harness.js';
import { testPki } from '../api/fixtures.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function controller(uuid: string) {
  return {
    uuid,
    apiEndpoints: ['127.0.0.1:1'],
    caCert: CA,
    cloud: 'local',
    controllerMachineCount: 1,
    activeControllerMachineCount: 1,
  };
}

describe('user commands: arguments', () => {
  const cases: [string[], string][] = [
    [['add-user'], 'ERROR no username supplied\n'],
    [['register'], 'ERROR registration data missing\n'],
    [['register', 'a', 'b'], 'ERROR unrecognized args: "b"\n'],
    [['remove-user'], 'ERROR no username supplied\n'],
    [['disable-user'], 'ERROR no username supplied\n'],
    [['enable-user', 'a', 'b'], 'ERROR unrecognized args: "b"\n'],
    [['grant'], 'ERROR no user specified\n'],
    [['grant', 'bob'], 'ERROR no permission level specified\n'],
    [
      ['grant', 'bob', 'read'],
      'ERROR You have specified a model access permission "read".\n' +
        'If you intended to change model access, you need to specify one or more model names.\n' +
        "See 'juju help grant'.\n",
    ],
    [
      ['revoke', 'bob', 'superuser', 'mymodel'],
      'ERROR You have specified a controller access permission "superuser".\n' +
        'If you intended to change controller access, do not specify any model names or offer URLs.\n' +
        "See 'juju help revoke'.\n",
    ],
    [['grant', 'bob', 'bogus', 'mymodel'], 'ERROR "bogus" model access not valid\n'],
    [['grant', 'bob', 'read', 'Bad_Model'], 'ERROR model name "Bad_Model" not valid\n'],
    [
      ['grant', 'bob', 'read', 'm1', 'admin/prod.db'],
      'ERROR either specify model names or offer URLs but not both\n',
    ],
    [['grant', 'bob', 'write', 'admin/prod.db'], 'ERROR "write" offer access not valid\n'],
    [['grant-cloud', 'bob', 'add-model'], 'ERROR no cloud specified\n'],
    [['revoke-cloud', 'bob', 'bogus', 'local'], 'ERROR "bogus" cloud access not valid\n'],
    [['users', 'a', 'b'], 'ERROR unrecognized args: "b"\n'],
    [['show-user', 'a', 'b'], 'ERROR unrecognized args: "b"\n'],
    [['change-user-password', 'a', 'b'], 'ERROR unrecognized args: "b"\n'],
    [['login', 'a', 'b'], 'ERROR unrecognized args: "b"\n'],
  ];
  for (const [args, stderr] of cases) {
    it(`juju ${args.join(' ')} is bad usage`, async () => {
      const r = await runJuju(args, { JUJU_DATA: '/nonexistent-juju-data' });
      assert.equal(r.stderr, stderr);
      assert.equal(r.code, 2);
    });
  }
});

describe('juju register with a malformed string', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'juju-users-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const token of ['not!base64', 'MEYMA2JvYjAVDBMxMC4x', 'AAAA']) {
    it(`fails for ${token} and writes nothing`, async () => {
      const r = await runJuju(['register', token], { JUJU_DATA: dir }, 'pw\npw\nname\n');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^ERROR invalid registration token: /);
      assert.doesNotMatch(r.stderr, /password/);
      assert.deepEqual(readdirSync(dir), []);
    });
  }
});

describe('juju logout', () => {
  let dir: string;
  let store: ClientStore;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'juju-users-'));
    store = new ClientStore(dir);
    store.addController('boot', controller('11111111-1111-4111-8111-111111111111'));
    store.addController('shared', controller('22222222-2222-4222-8222-222222222222'));
    store.setCurrentController('boot');
    store.updateAccount('boot', { user: 'admin', password: 'generated', lastKnownAccess: 'superuser' });
    store.updateAccount('shared', { user: 'bob', password: 'chosen', type: 'userpass' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to drop a password the user never chose', async () => {
    const r = await runJuju(['logout'], { JUJU_DATA: dir });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^ERROR preventing account loss\n\nIt appears that you have not changed the password for\n/,
    );
    assert.equal(store.accountDetails('boot').password, 'generated');
  });

  it('logs out of a controller whose password the user chose', async () => {
    const r = await runJuju(['logout', '-c', 'shared'], { JUJU_DATA: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'Logged out. You are still logged into 1 controller.\n');
    assert.throws(() => store.accountDetails('shared'), /account details for controller shared not found/);
  });

  it('logs out anyway with --force', async () => {
    const r = await runJuju(['logout', '--force'], { JUJU_DATA: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'Logged out. You are no longer logged into any controllers.\n');
    assert.ok(existsSync(join(dir, 'accounts.yaml')));
    assert.throws(() => store.accountDetails('boot'));
  });

  it('then says not logged in to API commands', async () => {
    const r = await runJuju(['show-user'], { JUJU_DATA: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'ERROR not logged in\n\nRun "juju login" to log in to this controller.\n');
  });

  it('asks who to log in as, and fails cleanly at end of input', async () => {
    const r = await runJuju(['login'], { JUJU_DATA: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'username: ERROR EOF\n');
  });
});

describe('user presentation', () => {
  const now = new Date('2025-06-03T12:00:00.000Z');

  it('prints exact times as Go does', () => {
    assert.equal(goTimeString('2025-06-03T11:39:23.120Z'), '2025-06-03 11:39:23.12 +0000 UTC');
    assert.equal(goTimeString('2025-06-03T11:39:23.000Z'), '2025-06-03 11:39:23 +0000 UTC');
    assert.equal(goTimeString('2025-06-03T11:39:23.123456789Z'), '2025-06-03 11:39:23.123456789 +0000 UTC');
  });

  it('prints friendly connection times', () => {
    assert.equal(lastConnection(null, now, false), 'never connected');
    assert.equal(lastConnection('2025-06-03T11:58:00.000Z', now, false), '2 minutes ago');
    assert.equal(lastConnection('2025-06-01T11:58:00.000Z', now, false), '2025-06-01');
  });

  it('keeps Juju key order and leaves out empty optional fields', () => {
    const out = userInfoOutput(
      {
        username: 'bob',
        'display-name': '',
        access: 'login',
        'created-by': 'admin',
        'date-created': '2025-06-03T11:00:00.000Z',
        disabled: false,
      },
      now,
      false,
    );
    assert.deepEqual(Object.entries(out), [
      ['user-name', 'bob'],
      ['access', 'login'],
      ['date-created', '1 hour ago'],
      ['last-connection', 'never connected'],
    ]);
    const disabled = userInfoOutput(
      {
        username: 'eve',
        'display-name': 'Eve',
        access: '',
        'created-by': 'admin',
        'date-created': '2025-06-03T11:59:59.000Z',
        'last-connection': '2025-06-03T11:59:59.500Z',
        disabled: true,
      },
      now,
      false,
    );
    assert.deepEqual(disabled, {
      'user-name': 'eve',
      'display-name': 'Eve',
      access: '',
      'date-created': 'just now',
      'last-connection': 'just now',
      disabled: true,
    });
  });

  it('lists model users by name', () => {
    const out = modelUsersOutput(
      [
        { 'model-tag': 'model-x', user: 'bob', 'display-name': '', 'last-connection': null, access: 'read' },
        {
          'model-tag': 'model-x',
          user: 'admin',
          'display-name': 'admin',
          'last-connection': null,
          access: 'admin',
        },
      ],
      now,
      false,
    );
    assert.deepEqual(Object.keys(out), ['admin', 'bob']);
    assert.deepEqual(out['bob'], { access: 'read', 'last-connection': 'never connected' });
    assert.deepEqual(out['admin'], {
      'display-name': 'admin',
      access: 'admin',
      'last-connection': 'never connected',
    });
  });
});

describe("learning a new controller's CA (juju login <host:port>)", () => {
  const servers: Server[] = [];
  after(() => {
    for (const s of servers) s.close();
  });

  async function serve(withChain: boolean): Promise<string> {
    const { ca, server } = await testPki();
    const tls = createServer(
      {
        cert: withChain ? `${server.certPem.trim()}\n${ca.certPem.trim()}\n` : server.certPem,
        key: server.keyPem,
      },
      (socket) => socket.end(),
    );
    servers.push(tls);
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const address = tls.address();
    assert.ok(address !== null && typeof address === 'object');
    return `127.0.0.1:${address.port}`;
  }

  it('keeps the CA at the top of the presented chain', async () => {
    const { ca } = await testPki();
    const pem = await discoverCaCert(await serve(true));
    assert.equal(certificateFingerprint(pem), certificateFingerprint(ca.certPem));
    assert.match(caFingerprint(pem), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal(caFingerprint(pem), certificateFingerprint(ca.certPem));
  });

  it('fails when the server presents no CA', async () => {
    const address = await serve(false);
    await assert.rejects(discoverCaCert(address), {
      message: `controller at ${address} did not present its CA certificate`,
    });
  });

  it('fails clearly when nothing listens', async () => {
    await assert.rejects(discoverCaCert('127.0.0.1:1'), {
      message: 'cannot connect to API: 127.0.0.1:1: connection refused',
    });
  });
});
