/**
 * model-config, model-defaults, model constraints and the permission checks
 * of ModelManager/ModelConfig, against a real controller (one bootstrap).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import type { ApiConnection } from '../../src/api/connection.js';
import { ClientStore } from '../../src/clientstore/index.js';
import { isJujuError } from '../../src/core/errors.js';
import { modelTag } from '../../src/core/names.js';
import { openApi } from '../../src/cli/modelcmd/connection.js';
import { TestController } from '../helpers/controller-fixture.js';

const KEY = 'update-status-hook-interval';

describe('model config, defaults and constraints', () => {
  let c: TestController;
  let store: ClientStore;
  let modelUuid = '';

  const value = async (key: string, model = 'cfg'): Promise<{ Value: unknown; Source: string }> => {
    const r = await c.juju(['model-config', '-m', model, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Record<string, { Value: unknown; Source: string }>;
    return doc[key] as { Value: unknown; Source: string };
  };

  before(async () => {
    c = await TestController.bootstrap('mcfg');
    const r = await c.juju(['add-model', 'cfg']);
    assert.equal(r.code, 0, r.stderr);
    store = new ClientStore(undefined, { env: c.env });
    modelUuid = store.modelByName('mcfg', 'admin/cfg').uuid;
  });

  after(async () => {
    await c?.destroy();
  });

  it('shows one value bare and all values in three formats', async () => {
    const one = await c.juju(['model-config', KEY]);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(one.stdout, '5m\n');

    const json = await c.juju(['model-config', '--format', 'json']);
    const doc = JSON.parse(json.stdout) as Record<string, unknown>;
    assert.deepEqual(doc[KEY], { Value: '5m', Source: 'default' });
    assert.equal(doc['name'], undefined, 'identity keys belong to show-model');
    assert.equal(doc['authorized-keys'], undefined);

    const yaml = parse((await c.juju(['model-config', '--format', 'yaml'])).stdout) as Record<
      string,
      unknown
    >;
    assert.deepEqual(yaml[KEY], { value: '5m', source: 'default' });

    const tab = await c.juju(['model-config']);
    assert.match(tab.stdout, /^Attribute +From +Value\n/);
    assert.match(tab.stdout, /\nupdate-status-hook-interval +default +5m\n/);
    assert.match(tab.stdout, /\napt-mirror +default +""\n/);
  });

  it('sets and resets a value, reporting its source', async () => {
    const set = await c.juju(['model-config', `${KEY}=10m`]);
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual(await value(KEY), { Value: '10m', Source: 'model' });
    const one = await c.juju(['model-config', '--format', 'json', KEY]);
    assert.equal(one.stdout, '{"update-status-hook-interval":{"Value":"10m","Source":"model"}}\n');
    const reset = await c.juju(['model-config', '--reset', KEY]);
    assert.equal(reset.code, 0, reset.stderr);
    assert.deepEqual(await value(KEY), { Value: '5m', Source: 'default' });
  });

  it('leaves the config unchanged when a value is bad', async () => {
    const r = await c.juju(['model-config', 'logging-config=<root>=DEBUG', `${KEY}=10s`]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `ERROR ${KEY} cannot be less than 1m (not valid)\n`);
    assert.deepEqual(await value(KEY), { Value: '5m', Source: 'default' });
    assert.deepEqual(await value('logging-config'), { Value: '', Source: 'default' });
    const typed = await c.juju(['model-config', 'num-provision-workers=lots']);
    assert.equal(typed.code, 1);
    assert.match(typed.stderr, /^ERROR num-provision-workers: expected int, got "lots" \(not valid\)\n$/);
  });

  it('warns about unknown keys but still sets them, and reports unknown gets', async () => {
    const r = await c.juju(['model-config', 'no-such-key=x']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stderr,
      'WARNING key "no-such-key" is not defined in the current model configuration: possible misspelling\n',
    );
    assert.equal((await c.juju(['model-config', 'no-such-key'])).stdout, 'x\n');
    const missing = await c.juju(['model-config', 'nope']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'ERROR "nope" is not a key of the currently targeted model: "admin/cfg"\n');
  });

  it('refuses contradictory and read-only requests', async () => {
    const both = await c.juju(['model-config', 'a=1', '--reset', 'a']);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, 'ERROR cannot set and reset key "a" simultaneously\n');
    const agent = await c.juju(['model-config', 'agent-version=9.9.9']);
    assert.equal(agent.code, 1);
    assert.equal(agent.stderr, 'ERROR "agent-version" must be set via "upgrade-model"\n');
    const ignored = await c.juju([
      'model-config',
      '--ignore-read-only-fields',
      'agent-version=9.9.9',
      'test-mode=true',
    ]);
    assert.equal(ignored.code, 0, ignored.stderr);
    assert.deepEqual(await value('test-mode'), { Value: true, Source: 'model' });
    assert.deepEqual(await value('agent-version'), { Value: '3.6.4', Source: 'model' });
  });

  it('inherits default < controller < region < model, including defaults set later', async () => {
    const key = 'ftp-proxy';
    assert.deepEqual(await value(key), { Value: '', Source: 'default' });
    let r = await c.juju(['model-defaults', `${key}=http://ctrl:3128`]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await value(key), { Value: 'http://ctrl:3128', Source: 'controller' });
    r = await c.juju(['model-defaults', '--region', 'localhost', `${key}=http://region:3128`]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await value(key), { Value: 'http://region:3128', Source: 'region' });
    r = await c.juju(['model-config', `${key}=http://model:3128`]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await value(key), { Value: 'http://model:3128', Source: 'model' });

    const tab = await c.juju(['model-defaults', key]);
    assert.equal(
      tab.stdout,
      'Attribute    Default             Controller\n' +
        'ftp-proxy    ""                  http://ctrl:3128\n' +
        '  localhost  http://region:3128  -\n',
    );
    const json = JSON.parse((await c.juju(['model-defaults', '--format', 'json', key])).stdout) as unknown;
    assert.deepEqual(json, {
      [key]: {
        default: '',
        controller: 'http://ctrl:3128',
        regions: [{ name: 'localhost', value: 'http://region:3128' }],
      },
    });

    assert.equal((await c.juju(['model-config', '--reset', key])).code, 0);
    assert.deepEqual(await value(key), { Value: 'http://region:3128', Source: 'region' });
    assert.equal((await c.juju(['model-defaults', 'localhost', '--reset', key])).code, 0);
    assert.deepEqual(await value(key), { Value: 'http://ctrl:3128', Source: 'controller' });
    assert.equal((await c.juju(['model-default', '--reset', key])).code, 0);
    assert.deepEqual(await value(key), { Value: '', Source: 'default' });
  });

  it('checks model-defaults regions and read-only keys', async () => {
    const region = await c.juju(['model-defaults', '--region', 'nowhere']);
    assert.equal(region.code, 1);
    assert.equal(region.stderr, 'ERROR invalid region specified: "nowhere"\n');
    const agent = await c.juju(['model-defaults', 'agent-version=1.2.3']);
    assert.equal(agent.code, 1);
    assert.equal(agent.stderr, 'ERROR "agent-version" must be set via "upgrade-model"\n');
    const all = await c.juju(['model-defaults']);
    assert.match(all.stdout, /^Attribute +Default +Controller\n/);
    assert.match(all.stdout, /\nupdate-status-hook-interval +5m +-\n/);
  });

  it('sets and shows model constraints', async () => {
    assert.equal((await c.juju(['model-constraints', '--format', 'json'])).stdout, '{}\n');
    assert.equal((await c.juju(['model-constraints'])).stdout, '');
    const set = await c.juju(['set-model-constraints', 'mem=1G', 'cores=4']);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(
      (await c.juju(['model-constraints', '--format', 'json'])).stdout,
      '{"cores":4,"mem":1024}\n',
    );
    assert.equal((await c.juju(['model-constraints'])).stdout, 'cores=4 mem=1024M\n');
    const bad = await c.juju(['set-model-constraints', 'mem=lots']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^ERROR bad "mem" constraint: /);
  });

  describe('permissions', () => {
    let admin: ApiConnection;
    let bob: ApiConnection;
    let bobModel: ApiConnection;
    const password = 'bob-secret-password-1';

    before(async () => {
      admin = await openApi({ store, controller: 'mcfg' });
      const added = await admin.call<{ results: { error?: { message: string } }[] }>(
        'UserManager',
        'AddUser',
        {
          users: [{ username: 'bob', 'display-name': 'Bob', password }],
        },
      );
      assert.equal(added.results[0]?.error, undefined, JSON.stringify(added));
      const granted = await admin.call<{ results: { error?: { message: string } }[] }>(
        'ModelManager',
        'ModifyModelAccess',
        {
          changes: [
            { 'user-tag': 'user-bob', action: 'grant', access: 'read', 'model-tag': modelTag(modelUuid) },
          ],
        },
      );
      assert.deepEqual(granted.results, [{}]);
      bob = await openApi({ store, controller: 'mcfg', credentials: { user: 'bob', password } });
      bobModel = await openApi({
        store,
        controller: 'mcfg',
        modelUuid,
        credentials: { user: 'bob', password },
      });
    });

    after(async () => {
      await admin?.close();
      await bob?.close();
      await bobModel?.close();
    });

    const denied = async (call: Promise<unknown>): Promise<void> => {
      await assert.rejects(
        call,
        (err: unknown) =>
          isJujuError(err, 'unauthorized access') &&
          err.message === 'permission denied (unauthorized access)',
      );
    };

    it('lets a reader read but not write the model config', async () => {
      const got = await bobModel.call<{ config: Record<string, unknown> }>('ModelConfig', 'ModelGet');
      assert.ok(KEY in got.config);
      await denied(bobModel.call('ModelConfig', 'ModelSet', { config: { [KEY]: '7m' } }));
      await denied(bobModel.call('ModelConfig', 'ModelUnset', { keys: [KEY] }));
      await denied(
        bobModel.call('ModelConfig', 'SetModelConstraints', { application: '', constraints: { cores: 1 } }),
      );
      const status = await bobModel.call<{ model: { name: string } }>('Client', 'FullStatus', {
        patterns: [],
      });
      assert.equal(status.model.name, 'cfg');
    });

    it('hides other users and machines from readers in ModelInfo', async () => {
      const info = await bob.call<{
        results: { result?: { users: { user: string }[]; machines: unknown[] } }[];
      }>('ModelManager', 'ModelInfo', { entities: [{ tag: modelTag(modelUuid) }] });
      assert.deepEqual(
        info.results[0]?.result?.users.map((u) => u.user),
        ['bob'],
      );
      assert.deepEqual(info.results[0]?.result?.machines, []);
    });

    it('keeps model admin and superuser operations from readers', async () => {
      const destroy = await bob.call<{ results: { error?: { message: string; code: string } }[] }>(
        'ModelManager',
        'DestroyModels',
        {
          models: [{ 'model-tag': modelTag(modelUuid) }],
        },
      );
      assert.deepEqual(destroy.results[0]?.error, {
        message: 'permission denied',
        code: 'unauthorized access',
      });
      const modify = await bob.call<{ results: { error?: { message: string } }[] }>(
        'ModelManager',
        'ModifyModelAccess',
        {
          changes: [
            { 'user-tag': 'user-bob', action: 'grant', access: 'admin', 'model-tag': modelTag(modelUuid) },
          ],
        },
      );
      assert.equal(modify.results[0]?.error?.message, 'permission denied');
      await denied(
        bob.call('ModelManager', 'ModelDefaultsForClouds', { entities: [{ tag: 'cloud-local' }] }),
      );
      const setDefaults = await bob.call<{ results: { error?: { message: string } }[] }>(
        'ModelManager',
        'SetModelDefaults',
        {
          config: [{ 'cloud-tag': 'cloud-local', config: { 'ftp-proxy': 'x' } }],
        },
      );
      assert.equal(setDefaults.results[0]?.error?.message, 'permission denied');
      await denied(bob.call('ModelManager', 'CreateModel', { name: 'for-admin', 'owner-tag': 'user-admin' }));
    });

    it('lets a model admin change the config once granted', async () => {
      const granted = await admin.call<{ results: unknown[] }>('ModelManager', 'ModifyModelAccess', {
        changes: [
          { 'user-tag': 'user-bob', action: 'grant', access: 'write', 'model-tag': modelTag(modelUuid) },
        ],
      });
      assert.deepEqual(granted.results, [{}]);
      await bobModel.call('ModelConfig', 'ModelSet', { config: { [KEY]: '7m' } });
      assert.deepEqual(await value(KEY), { Value: '7m', Source: 'model' });
      const again = await admin.call<{ results: { error?: { message: string } }[] }>(
        'ModelManager',
        'ModifyModelAccess',
        {
          changes: [
            { 'user-tag': 'user-bob', action: 'grant', access: 'read', 'model-tag': modelTag(modelUuid) },
          ],
        },
      );
      assert.equal(again.results[0]?.error?.message, 'user already has "read" access or greater');
    });
  });
});
