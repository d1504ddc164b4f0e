/** ClientStore behaviour: data directory, each file's operations, their errors, transactions. */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClientStore, jujuDataDir } from '../../../src/clientstore/index.js';
import { ErrorCode, JujuError } from '../../../src/core/errors.js';
import { controller, PEM, tempRoot } from './helpers.js';

/** assert.throws matcher for a JujuError with this code and exact message. */
function jujuError(code: string, message: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof JujuError, `expected JujuError, got ${String(err)}`);
    assert.equal(err.message, message);
    assert.equal(err.code, code);
    return true;
  };
}

let env: ReturnType<typeof tempRoot>;
let store: ClientStore;
beforeEach(() => {
  env = tempRoot();
  store = new ClientStore(env.dataDir);
});
afterEach(() => env.cleanup());

describe('data directory', () => {
  it('is $JUJU_DATA, else $XDG_DATA_HOME/juju, else ~/.local/share/juju', () => {
    assert.equal(jujuDataDir({ JUJU_DATA: '/a/b', XDG_DATA_HOME: '/x', HOME: '/h' }), '/a/b');
    assert.equal(jujuDataDir({ XDG_DATA_HOME: '/x', HOME: '/h' }), '/x/juju');
    assert.equal(jujuDataDir({ HOME: '/h' }), '/h/.local/share/juju');
    assert.equal(new ClientStore(undefined, { env: { JUJU_DATA: env.dataDir } }).dir, env.dataDir);
  });

  it('is not created by reads, and is created 0700 with 0600 files on first write', () => {
    assert.deepEqual(store.allControllers(), {});
    assert.equal(store.currentController(), undefined);
    assert.equal(existsSync(env.dataDir), false);
    store.addController('lxd', controller('u1'));
    assert.equal(statSync(env.dataDir).mode & 0o777, 0o700);
    assert.equal(statSync(store.path('controllers.yaml')).mode & 0o777, 0o600);
    // Only the file itself is left: no lock, no temporary files.
    assert.deepEqual(readdirSync(env.dataDir), ['controllers.yaml']);
  });

  it('reports malformed files with Juju wording', () => {
    mkdirSync(env.dataDir, { recursive: true });
    writeFileSync(store.path('controllers.yaml'), 'controllers: [unclosed\n');
    assert.throws(
      () => store.allControllers(),
      (err: unknown) => {
        assert.ok(err instanceof JujuError);
        assert.match(err.message, /^cannot unmarshal yaml controllers metadata: /);
        return true;
      },
    );
  });
});

describe('controllers', () => {
  it('adds, reads and lists controllers', () => {
    store.addController('lxd', controller('u1', { machineCount: 0 }));
    store.addController('other', controller('u2'));
    assert.deepEqual(Object.keys(store.allControllers()).sort(), ['lxd', 'other']);
    assert.equal(store.controllerByName('lxd').machineCount, 0);
    assert.match(readFileSync(store.path('controllers.yaml'), 'utf8'), /machine-count: 0\n/);
  });

  it('refuses duplicate names and UUIDs, and invalid names or details', () => {
    store.addController('lxd', controller('u1'));
    assert.throws(
      () => store.addController('lxd', controller('u9')),
      jujuError(ErrorCode.AlreadyExists, 'controller with name lxd already exists'),
    );
    assert.throws(
      () => store.addController('again', controller('u1')),
      jujuError(ErrorCode.AlreadyExists, 'controller with UUID u1 (lxd) already exists'),
    );
    assert.throws(
      () => store.addController('Bad_Name', controller('u3')),
      jujuError(ErrorCode.NotValid, 'controller name "Bad_Name" not valid'),
    );
    assert.throws(
      () => store.addController('x', controller('')),
      jujuError(ErrorCode.NotValid, 'missing uuid, controller details not valid'),
    );
    assert.throws(
      () => store.addController('x', controller('u4', { caCert: '' })),
      jujuError(ErrorCode.NotValid, 'missing ca-cert, controller details not valid'),
    );
  });

  it("throws Juju's not-found error for unknown controllers", () => {
    assert.throws(
      () => store.controllerByName('nope'),
      jujuError(ErrorCode.NotFound, 'controller nope not found'),
    );
    assert.throws(
      () => store.setCurrentController('nope'),
      jujuError(ErrorCode.NotFound, 'controller nope not found'),
    );
    assert.throws(
      () => store.updateController('nope', controller('u1')),
      jujuError(ErrorCode.NotFound, 'controller nope not found'),
    );
  });

  it('updates with new details or a function of the stored ones', () => {
    store.addController('lxd', controller('u1'));
    store.updateController('lxd', (c) => ({ ...c, apiEndpoints: ['10.9.9.9:17070'], machineCount: 4 }));
    assert.deepEqual(store.controllerByName('lxd').apiEndpoints, ['10.9.9.9:17070']);
    store.updateController('lxd', controller('u1', { agentVersion: '3.6.5' }));
    assert.equal(store.controllerByName('lxd').agentVersion, '3.6.5');
    assert.equal(store.controllerByName('lxd').machineCount, undefined);
  });

  it('selects the current controller', () => {
    store.addController('lxd', controller('u1'));
    store.setCurrentController('lxd');
    assert.equal(store.currentController(), 'lxd');
  });

  it('removeController clears it from every file and deletes its cookie jar', () => {
    store.transaction((s) => {
      s.addController('lxd', controller('u1'));
      s.addController('keep', controller('u2'));
      s.setCurrentController('lxd');
      for (const c of ['lxd', 'keep']) {
        s.updateModel(c, 'admin/controller', { uuid: `${c}-m`, type: 'iaas' });
        s.updateAccount(c, { user: 'admin', password: 'pw' });
        s.updateBootstrapConfig(c, {
          controllerConfig: {},
          modelConfig: { name: 'controller' },
          controllerModelUuid: `${c}-m`,
          cloud: 'local',
          type: 'local',
        });
      }
    });
    mkdirSync(join(env.dataDir, 'cookies'));
    writeFileSync(store.cookieJarPath('lxd'), '[]');
    writeFileSync(store.cookieJarPath('keep'), '[]');

    store.removeController('lxd');

    assert.deepEqual(Object.keys(store.allControllers()), ['keep']);
    assert.equal(store.currentController(), undefined);
    assert.deepEqual(store.allModels('lxd'), {});
    assert.throws(
      () => store.accountDetails('lxd'),
      jujuError(ErrorCode.NotFound, 'account details for controller lxd not found'),
    );
    assert.throws(
      () => store.bootstrapConfig('lxd'),
      jujuError(ErrorCode.NotFound, 'bootstrap config for controller lxd not found'),
    );
    assert.equal(existsSync(store.cookieJarPath('lxd')), false);
    // The other controller keeps everything.
    assert.equal(store.accountDetails('keep').user, 'admin');
    assert.equal(store.bootstrapConfig('keep').controllerModelUuid, 'keep-m');
    assert.deepEqual(Object.keys(store.allModels('keep')), ['admin/controller']);
    assert.equal(existsSync(store.cookieJarPath('keep')), true);
    for (const file of ['controllers.yaml', 'models.yaml', 'accounts.yaml', 'bootstrap-config.yaml']) {
      assert.doesNotMatch(readFileSync(store.path(file), 'utf8'), /lxd/, file);
    }
    // Removing an unknown controller is not an error.
    store.removeController('lxd');
  });
});

describe('models', () => {
  beforeEach(() => store.addController('lxd', controller('u1')));

  it('caches models under owner-qualified names with branch master', () => {
    store.updateModel('lxd', 'admin/default', { uuid: 'm1', type: 'iaas' });
    assert.deepEqual(store.modelByName('lxd', 'admin/default'), {
      uuid: 'm1',
      type: 'iaas',
      branch: 'master',
    });
    assert.throws(
      () => store.modelByName('lxd', 'admin/nope'),
      jujuError(ErrorCode.NotFound, 'model lxd:admin/nope not found'),
    );
    assert.throws(
      () => store.updateModel('lxd', 'default', { uuid: 'm1', type: 'iaas' }),
      jujuError(
        ErrorCode.NotValid,
        'validating model name "default": unqualified model name "default" not valid',
      ),
    );
    assert.throws(
      () => store.updateModel('lxd', 'admin/x', { uuid: '', type: 'iaas' }),
      jujuError(ErrorCode.NotValid, 'missing uuid, model details not valid'),
    );
  });

  it("never changes a model's type", () => {
    store.updateModel('lxd', 'admin/default', { uuid: 'm1', type: 'iaas' });
    assert.throws(
      () => store.updateModel('lxd', 'admin/default', { uuid: 'm1', type: 'caas' }),
      jujuError(ErrorCode.NotValid, 'model type was "iaas", cannot change to "caas"'),
    );
  });

  it('selects, deselects and remembers the previous model', () => {
    store.updateModel('lxd', 'admin/a', { uuid: 'm1', type: 'iaas' });
    store.updateModel('lxd', 'admin/b', { uuid: 'm2', type: 'iaas' });
    assert.throws(
      () => store.setCurrentModel('lxd', 'admin/c'),
      jujuError(ErrorCode.NotFound, 'model lxd:admin/c not found'),
    );
    store.setCurrentModel('lxd', 'admin/a');
    store.setCurrentModel('lxd', 'admin/b');
    assert.equal(store.currentModel('lxd'), 'admin/b');
    assert.equal(store.previousModel('lxd'), 'admin/a');
    store.setCurrentModel('lxd', null);
    assert.equal(store.currentModel('lxd'), undefined);
  });

  it('removeModel drops the model and deselects it', () => {
    store.updateModel('lxd', 'admin/a', { uuid: 'm1', type: 'iaas' });
    store.setCurrentModel('lxd', 'admin/a');
    store.removeModel('lxd', 'admin/a');
    assert.deepEqual(store.allModels('lxd'), {});
    assert.equal(store.currentModel('lxd'), undefined);
    assert.throws(
      () => store.removeModel('lxd', 'admin/a'),
      jujuError(ErrorCode.NotFound, 'model lxd:admin/a not found'),
    );
    assert.equal(readFileSync(store.path('models.yaml'), 'utf8'), 'controllers:\n  lxd: {}\n');
  });

  it('setModels replaces the cached list but keeps the current model name', () => {
    store.updateModel('lxd', 'admin/old', { uuid: 'm0', type: 'iaas' });
    store.setCurrentModel('lxd', 'admin/old');
    store.setModels('lxd', {
      'admin/controller': { uuid: 'c', type: 'iaas' },
      'bob/k8s': { uuid: 'k', type: 'caas', branch: 'b1' },
    });
    assert.deepEqual(store.allModels('lxd'), {
      'admin/controller': { uuid: 'c', type: 'iaas', branch: 'master' },
      'bob/k8s': { uuid: 'k', type: 'caas', branch: 'b1' },
    });
    assert.equal(store.currentModel('lxd'), 'admin/old');
  });
});

describe('accounts and bootstrap config', () => {
  it('stores, replaces and removes the account', () => {
    store.updateAccount('lxd', { user: 'admin', password: 'pw', lastKnownAccess: 'superuser' });
    store.updateAccount('lxd', { user: 'admin', lastKnownAccess: 'superuser' });
    assert.deepEqual(store.accountDetails('lxd'), { user: 'admin', lastKnownAccess: 'superuser' });
    assert.throws(
      () => store.updateAccount('lxd', { user: 'bad user' }),
      jujuError(ErrorCode.NotValid, 'user name "bad user" not valid'),
    );
    store.removeAccount('lxd');
    assert.throws(
      () => store.removeAccount('lxd'),
      jujuError(ErrorCode.NotFound, 'account details for controller lxd not found'),
    );
  });

  it('stores bootstrap config and refuses one without cloud or type', () => {
    const cfg = {
      controllerConfig: { 'api-port': 17070 },
      modelConfig: { name: 'controller' },
      controllerModelUuid: 'm',
      cloud: 'local',
      type: 'local',
    };
    store.updateBootstrapConfig('lxd', cfg);
    assert.deepEqual(store.bootstrapConfig('lxd'), cfg);
    assert.throws(
      () => store.updateBootstrapConfig('lxd', { ...cfg, cloud: '' }),
      jujuError(ErrorCode.NotValid, 'empty cloud name not valid'),
    );
    assert.throws(
      () => store.updateBootstrapConfig('lxd', { ...cfg, type: '' }),
      jujuError(ErrorCode.NotValid, 'empty cloud type not valid'),
    );
  });
});

describe('clouds', () => {
  const maas = {
    type: 'maas',
    authTypes: ['oauth1'],
    endpoint: 'http://maas/MAAS',
    regions: [{ name: 'default' }],
  };

  it('lists built-in clouds first, then personal ones', () => {
    store.updatePersonalCloud('zeta', maas);
    store.updatePersonalCloud('alpha', { ...maas, description: 'Garage MAAS' });
    const all = store.allClouds();
    assert.deepEqual(Object.keys(all), ['local', 'localhost', 'alpha', 'zeta']);
    assert.deepEqual(all['local'], {
      type: 'local',
      description: 'Network-namespace machines on this host',
      authTypes: ['empty'],
      regions: [{ name: 'localhost' }],
      source: 'built-in',
    });
    assert.equal(all['localhost']?.type, 'lxd');
    assert.equal(all['localhost']?.description, 'LXD Container Hypervisor');
    assert.deepEqual(all['localhost']?.regions, [{ name: 'localhost' }]);
    assert.equal(all['alpha']?.source, 'local');
    assert.equal(store.cloudByName('zeta').endpoint, 'http://maas/MAAS');
    assert.throws(() => store.cloudByName('nope'), jujuError(ErrorCode.NotFound, 'cloud nope not found'));
  });

  it('refuses personal clouds named like built-in ones', () => {
    for (const name of ['local', 'localhost']) {
      assert.throws(
        () => store.updatePersonalCloud(name, maas),
        jujuError(
          ErrorCode.AlreadyExists,
          `use \`update-cloud ${name} --client\` to override known definition: local cloud "${name}" already exists`,
        ),
      );
    }
  });

  it('replaces and removes personal clouds', () => {
    store.updatePersonalCloud('garage', maas);
    store.updatePersonalCloud('garage', { ...maas, endpoint: 'http://other' });
    assert.equal(store.personalClouds()['garage']?.endpoint, 'http://other');
    store.removePersonalCloud('garage');
    assert.deepEqual(store.personalClouds(), {});
    assert.throws(
      () => store.removePersonalCloud('garage'),
      jujuError(ErrorCode.NotFound, 'personal cloud garage not found'),
    );
  });
});

describe('credentials', () => {
  const cred = { authType: 'userpass', attributes: { username: 'u', password: 'p' } };

  it('stores credentials with defaults and clears the default when it is removed', () => {
    store.updateCredential('aws', 'a', cred);
    store.updateCredential('aws', 'b', cred);
    store.setDefaultCredential('aws', 'b');
    store.setDefaultRegion('aws', 'us-east-1');
    assert.deepEqual(store.credentialsForCloud('aws'), {
      defaultCredential: 'b',
      defaultRegion: 'us-east-1',
      credentials: { a: cred, b: cred },
    });
    store.removeCredential('aws', 'b');
    assert.equal(store.credentialsForCloud('aws').defaultCredential, undefined);
    assert.throws(
      () => store.removeCredential('aws', 'b'),
      jujuError(ErrorCode.NotFound, 'credential "b" for cloud "aws" not found'),
    );
    assert.throws(
      () => store.setDefaultCredential('aws', 'zz'),
      jujuError(ErrorCode.NotFound, 'credential "zz" for cloud "aws" not found'),
    );
  });

  it('drops a cloud with nothing left, keeps one that only has a default region', () => {
    store.updateCredential('aws', 'a', cred);
    store.setDefaultRegion('gce', 'europe-west1');
    store.removeCredential('aws', 'a');
    assert.deepEqual(Object.keys(store.allCredentials()), ['gce']);
    assert.deepEqual(store.credentialsForCloud('aws'), { credentials: {} });
    store.setDefaultRegion('gce', null);
    assert.deepEqual(store.allCredentials(), {});
    assert.equal(readFileSync(store.path('credentials.yaml'), 'utf8'), 'credentials: {}\n');
  });
});

describe('transactions', () => {
  it('see their own changes and write them together', () => {
    store.transaction((s) => {
      s.addController('lxd', controller('u1', { caCert: PEM }));
      s.setCurrentController('lxd');
      s.updateAccount('lxd', { user: 'admin' });
      s.updateModel('lxd', 'admin/controller', { uuid: 'c', type: 'iaas' });
      assert.equal(s.currentController(), 'lxd');
      assert.equal(existsSync(env.dataDir + '/controllers.yaml'), false, 'nothing is written before the end');
    }, 'bootstrap');
    assert.equal(store.currentController(), 'lxd');
    assert.equal(store.accountDetails('lxd').user, 'admin');
  });

  it('write nothing when the callback throws', () => {
    store.addController('keep', controller('u0'));
    const before = readFileSync(store.path('controllers.yaml'), 'utf8');
    assert.throws(
      () =>
        store.transaction((s) => {
          s.addController('lxd', controller('u1'));
          s.updateAccount('lxd', { user: 'admin' });
          throw new Error('bootstrap failed');
        }),
      /bootstrap failed/,
    );
    assert.equal(readFileSync(store.path('controllers.yaml'), 'utf8'), before);
    assert.equal(existsSync(store.path('accounts.yaml')), false);
    // The lock was released: another change goes through at once.
    store.setCurrentController('keep');
  });

  it('refuse asynchronous callbacks', () => {
    assert.throws(
      () =>
        store.transaction((s) => {
          s.addController('lxd', controller('u1'));
          return Promise.resolve();
        }),
      jujuError(ErrorCode.BadRequest, 'client store transaction callback must be synchronous'),
    );
    assert.deepEqual(store.allControllers(), {});
  });
});
