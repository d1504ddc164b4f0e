/** Controller/model resolution: precedence of flags, JUJU_MODEL, JUJU_CONTROLLER and the store, and Juju's error texts. */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ClientStore,
  qualifyModelName,
  resolveController,
  resolveModel,
  splitModelArg,
} from '../../../src/clientstore/index.js';
import { ErrorCode, JujuError } from '../../../src/core/errors.js';
import { controller, tempRoot } from './helpers.js';

function fails(code: string, message: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof JujuError, `expected JujuError, got ${String(err)}`);
    assert.equal(err.message, message);
    assert.equal(err.code, code);
    return true;
  };
}

const NO_CONTROLLERS =
  'No controllers registered.\n' +
  '\n' +
  'Please either create a new controller using "juju bootstrap" or connect to\n' +
  'another controller that you have been given access to using "juju register".';

const NO_MODEL_IN_FOCUS =
  'No model in focus.\n' +
  '\n' +
  'Please use "juju models" to see models available to you.\n' +
  'You can set current model by running "juju switch"\n' +
  'or specify any other model on the command line using the "-m" option.';

let env: ReturnType<typeof tempRoot>;
let store: ClientStore;
beforeEach(() => {
  env = tempRoot();
  store = new ClientStore(env.dataDir);
});
afterEach(() => env.cleanup());

describe('helpers', () => {
  it('splitModelArg splits at the first colon', () => {
    assert.deepEqual(splitModelArg('lxd:admin/foo'), { controller: 'lxd', model: 'admin/foo' });
    assert.deepEqual(splitModelArg('lxd:'), { controller: 'lxd', model: '' });
    assert.deepEqual(splitModelArg('foo'), { model: 'foo' });
    assert.deepEqual(splitModelArg('bob/foo'), { model: 'bob/foo' });
  });

  it('qualifyModelName adds the user as owner, leaving qualified names alone', () => {
    assert.equal(qualifyModelName('foo', 'admin'), 'admin/foo');
    assert.equal(qualifyModelName('foo', 'admin@local'), 'admin/foo');
    assert.equal(qualifyModelName('foo', 'bob@external'), 'bob@external/foo');
    assert.equal(qualifyModelName('alice/foo', 'admin'), 'alice/foo');
  });
});

describe('resolveController', () => {
  it('fails when no controller is registered', () => {
    assert.throws(() => resolveController(store, { env: {} }), fails(ErrorCode.NotFound, NO_CONTROLLERS));
  });

  it('lists the controllers when none is selected', () => {
    store.addController('b', controller('u2'));
    store.addController('a', controller('u1'));
    assert.throws(
      () => resolveController(store, { env: {} }),
      fails(
        ErrorCode.NotFound,
        'No selected controller.\n\nUse "juju switch" to select from the following controllers:\n  - a\n  - b',
      ),
    );
  });

  describe('with controllers a, b, c (current a)', () => {
    beforeEach(() => {
      store.transaction((s) => {
        s.addController('a', controller('u1'));
        s.addController('b', controller('u2'));
        s.addController('c', controller('u3'));
        s.setCurrentController('a');
      });
    });

    it('uses the current controller by default', () => {
      assert.equal(resolveController(store, { env: {} }), 'a');
    });

    it('prefers JUJU_CONTROLLER over the current controller', () => {
      assert.equal(resolveController(store, { env: { JUJU_CONTROLLER: 'b' } }), 'b');
    });

    it('prefers the controller part of JUJU_MODEL, which must agree with JUJU_CONTROLLER', () => {
      assert.equal(resolveController(store, { env: { JUJU_MODEL: 'c:admin/m' } }), 'c');
      assert.equal(resolveController(store, { env: { JUJU_MODEL: 'c:', JUJU_CONTROLLER: 'c' } }), 'c');
      assert.equal(resolveController(store, { env: { JUJU_MODEL: 'm', JUJU_CONTROLLER: 'b' } }), 'b');
      assert.throws(
        () => resolveController(store, { env: { JUJU_MODEL: 'c:m', JUJU_CONTROLLER: 'b' } }),
        fails(
          ErrorCode.NotValid,
          'controller name from JUJU_MODEL (c) conflicts with value in JUJU_CONTROLLER (b)',
        ),
      );
    });

    it('prefers the flag over everything', () => {
      assert.equal(
        resolveController(store, { flag: 'b', env: { JUJU_MODEL: 'c:m', JUJU_CONTROLLER: 'a' } }),
        'b',
      );
    });

    it('rejects unknown names', () => {
      assert.throws(
        () => resolveController(store, { flag: 'nope', env: {} }),
        fails(ErrorCode.NotFound, 'controller nope not found'),
      );
      assert.throws(
        () => resolveController(store, { env: { JUJU_CONTROLLER: 'nope' } }),
        fails(ErrorCode.NotFound, 'controller nope not found'),
      );
    });
  });
});

describe('resolveModel', () => {
  beforeEach(() => {
    store.transaction((s) => {
      s.addController('lxd', controller('u1'));
      s.addController('other', controller('u2'));
      s.setCurrentController('lxd');
      s.updateAccount('lxd', { user: 'bob' });
      s.updateAccount('other', { user: 'admin' });
      s.updateModel('lxd', 'admin/controller', {
        uuid: '11111111-aaaa-4aaa-8aaa-000000000001',
        type: 'iaas',
      });
      s.updateModel('lxd', 'bob/dev', { uuid: '22222222-bbbb-4bbb-8bbb-000000000002', type: 'iaas' });
      s.updateModel('lxd', 'alice/prod', { uuid: '33333333-cccc-4ccc-8ccc-000000000003', type: 'caas' });
      s.updateModel('other', 'admin/web', { uuid: '44444444-dddd-4ddd-8ddd-000000000004', type: 'iaas' });
    });
  });

  it('qualifies an unqualified -m with the account user on the current controller', () => {
    const r = resolveModel(store, { flag: 'dev', env: {} });
    assert.deepEqual(r, {
      controller: 'lxd',
      model: 'bob/dev',
      details: store.modelByName('lxd', 'bob/dev'),
    });
  });

  it('accepts owner-qualified names and controller:model', () => {
    assert.equal(resolveModel(store, { flag: 'alice/prod', env: {} }).model, 'alice/prod');
    const r = resolveModel(store, { flag: 'other:web', env: {} });
    assert.equal(r.controller, 'other');
    assert.equal(r.model, 'admin/web');
    assert.equal(resolveModel(store, { flag: 'lxd:alice/prod', env: {} }).model, 'alice/prod');
  });

  it('accepts a model UUID or a prefix of six or more characters', () => {
    assert.equal(
      resolveModel(store, { flag: '33333333-cccc-4ccc-8ccc-000000000003', env: {} }).model,
      'alice/prod',
    );
    assert.equal(resolveModel(store, { flag: '222222', env: {} }).model, 'bob/dev');
    assert.throws(
      () => resolveModel(store, { flag: '22222', env: {} }),
      fails(ErrorCode.NotFound, 'model lxd:bob/22222 not found'),
    );
  });

  it('uses JUJU_MODEL when there is no flag, and the flag over JUJU_MODEL', () => {
    assert.equal(resolveModel(store, { env: { JUJU_MODEL: 'other:web' } }).model, 'admin/web');
    assert.equal(resolveModel(store, { flag: 'lxd:dev', env: { JUJU_MODEL: 'other:web' } }).model, 'bob/dev');
  });

  it('takes the controller of an unqualified -m from JUJU_MODEL or JUJU_CONTROLLER', () => {
    assert.equal(resolveModel(store, { flag: 'web', env: { JUJU_CONTROLLER: 'other' } }).controller, 'other');
    assert.equal(resolveModel(store, { flag: 'web', env: { JUJU_MODEL: 'other:' } }).model, 'admin/web');
  });

  it('uses the current model when only a controller (or nothing) is given', () => {
    store.setCurrentModel('lxd', 'alice/prod');
    assert.equal(resolveModel(store, { env: {} }).model, 'alice/prod');
    assert.equal(resolveModel(store, { flag: 'lxd:', env: {} }).model, 'alice/prod');
  });

  it('lists the models when several exist and none is selected', () => {
    assert.throws(
      () => resolveModel(store, { env: {} }),
      fails(
        ErrorCode.NotFound,
        'No selected model.\n\nUse "juju switch" to select one of the following models:\n\n  - lxd:alice/prod\n  - lxd:bob/dev',
      ),
    );
  });

  it('says so when only the controller model exists', () => {
    store.setModels('lxd', { 'admin/controller': { uuid: 'c', type: 'iaas' } });
    assert.throws(
      () => resolveModel(store, { env: {} }),
      fails(
        ErrorCode.NotFound,
        'No selected model.\n\nOnly the controller model exists. Use "juju add-model" to create an initial model.',
      ),
    );
  });

  it('says no model is in focus when nothing is cached', () => {
    store.setModels('lxd', {});
    assert.throws(() => resolveModel(store, { env: {} }), fails(ErrorCode.NotFound, NO_MODEL_IN_FOCUS));
  });

  it('reports uncached models, or returns them for a refresh when asked', () => {
    assert.throws(
      () => resolveModel(store, { flag: 'nope', env: {} }),
      fails(ErrorCode.NotFound, 'model lxd:bob/nope not found'),
    );
    assert.deepEqual(resolveModel(store, { flag: 'nope', env: {}, allowUncached: true }), {
      controller: 'lxd',
      model: 'bob/nope',
    });
    store.setModels('lxd', {});
    store.updateModel('lxd', 'bob/gone', { uuid: 'g', type: 'iaas' });
    store.setCurrentModel('lxd', 'bob/gone');
    store.setModels('lxd', {});
    assert.throws(
      () => resolveModel(store, { env: {} }),
      fails(ErrorCode.NotFound, 'model lxd:bob/gone not found'),
    );
    assert.deepEqual(resolveModel(store, { env: {}, allowUncached: true }), {
      controller: 'lxd',
      model: 'bob/gone',
    });
  });

  it('needs an account to qualify a model name', () => {
    store.removeAccount('lxd');
    assert.throws(
      () => resolveModel(store, { flag: 'dev', env: {} }),
      fails(
        ErrorCode.NotFound,
        'getting account details for qualifying model name: account details for controller lxd not found',
      ),
    );
  });

  it('passes controller errors through', () => {
    assert.throws(
      () => resolveModel(store, { flag: 'nope:dev', env: {} }),
      fails(ErrorCode.NotFound, 'controller nope not found'),
    );
    assert.throws(
      () => resolveModel(store, { flag: 'dev', env: { JUJU_MODEL: 'other:web', JUJU_CONTROLLER: 'lxd' } }),
      fails(
        ErrorCode.NotValid,
        'controller name from JUJU_MODEL (other) conflicts with value in JUJU_CONTROLLER (lxd)',
      ),
    );
  });
});
