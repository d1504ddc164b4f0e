/**
 * add-model, models, show-model, switch and destroy-model against a real
 * controller (one bootstrap for the whole file).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { TestController } from '../helpers/controller-fixture.js';

interface ModelsFile {
  controllers?: Record<string, { models?: Record<string, { uuid: string }>; 'current-model'?: string }>;
}

describe('models lifecycle', () => {
  let c: TestController;

  const modelsFile = (): NonNullable<ModelsFile['controllers']>[string] => {
    const doc = parse(readFileSync(join(c.env.JUJU_DATA as string, 'models.yaml'), 'utf8')) as ModelsFile;
    return doc.controllers?.[c.name] ?? {};
  };

  before(async () => {
    c = await TestController.bootstrap('mlife');
  });

  after(async () => {
    await c?.destroy();
  });

  it('adds a model, caches it and switches to it', async () => {
    const r = await c.juju(['add-model', 'foo']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Added 'foo' model on local\/localhost for user 'admin'\n/);
    const cached = modelsFile();
    assert.equal(cached['current-model'], 'admin/foo');
    assert.ok(cached.models?.['admin/foo']?.uuid);
  });

  it('refuses bad and duplicate names', async () => {
    const bad = await c.juju(['add-model', 'Foo']);
    assert.equal(bad.code, 2);
    assert.equal(
      bad.stderr,
      'ERROR "Foo" is not a valid name: model names may only contain lowercase letters, digits and hyphens\n',
    );
    const dup = await c.juju(['add-model', 'foo']);
    assert.equal(dup.code, 1);
    assert.equal(
      dup.stderr,
      'ERROR failed to create new model: model "foo" for admin already exists (already exists)\n',
    );
    const none = await c.juju(['add-model']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no model name was passed/);
  });

  it('does not switch with --no-switch, and reports an unknown region', async () => {
    const r = await c.juju(['add-model', '--no-switch', 'bar']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(modelsFile()['current-model'], 'admin/foo');
    const region = await c.juju(['add-model', 'baz', 'nowhere']);
    assert.equal(region.code, 1);
    assert.match(
      region.stderr,
      /"nowhere" is neither a cloud supported by this controller,\nnor a region in the controller's default cloud "local"\./,
    );
  });

  it('lists models with the current one marked and owned ones unqualified', async () => {
    const r = await c.juju(['models']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'Controller: mlife');
    assert.equal(lines[1], '');
    assert.match(lines[2] ?? '', /^Model +Cloud\/Region +Type +Status +Machines +Access +Last connection$/);
    assert.match(r.stdout, /\ncontroller +local\/localhost +local +available +1 +admin +/);
    assert.match(r.stdout, /\nfoo\* +local\/localhost +local +available +0 +admin +/);
    assert.match(r.stdout, /\nbar +local\/localhost/);

    const json = await c.juju(['models', '--format', 'json']);
    const doc = JSON.parse(json.stdout) as { models: Record<string, unknown>[]; 'current-model': string };
    assert.equal(doc['current-model'], 'foo');
    const foo = doc.models.find((m) => m['short-name'] === 'foo') as Record<string, unknown>;
    assert.deepEqual(Object.keys(foo), [
      'name',
      'short-name',
      'model-uuid',
      'model-type',
      'controller-uuid',
      'controller-name',
      'is-controller',
      'owner',
      'cloud',
      'region',
      'type',
      'life',
      'status',
      'access',
      'last-connection',
      'sla',
      'agent-version',
    ]);
    assert.equal(foo['name'], 'admin/foo');
    assert.equal(foo['controller-name'], 'mlife');
    assert.equal(foo['is-controller'], false);
    assert.deepEqual(Object.keys(foo['status'] as object), ['current', 'since']);
  });

  it('refreshes models.yaml from the controller', async () => {
    const path = join(c.env.JUJU_DATA as string, 'models.yaml');
    const before = readFileSync(path, 'utf8');
    // Forget bar locally; `juju models` learns it again.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, before.replace(/ {6}admin\/bar:\n(?: {8}.*\n)+/, ''));
    assert.equal(modelsFile().models?.['admin/bar'], undefined);
    const r = await c.juju(['models']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(modelsFile().models?.['admin/bar']?.uuid);
  });

  it('shows a model keyed by its short name, with what jubilant reads', async () => {
    const json = await c.juju(['show-model', '--format', 'json', 'foo']);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(doc), ['foo']);
    const info = doc['foo'] as Record<string, unknown>;
    for (const key of [
      'name',
      'short-name',
      'model-uuid',
      'model-type',
      'controller-uuid',
      'controller-name',
      'is-controller',
      'cloud',
      'life',
    ]) {
      assert.ok(key in info, `missing ${key}`);
    }
    assert.equal(info['name'], 'admin/foo');
    assert.equal(info['model-type'], 'iaas');
    assert.equal(info['life'], 'alive');
    assert.equal((info['status'] as Record<string, unknown>)['current'], 'available');
    assert.match(
      String((info['status'] as Record<string, unknown>)['since']),
      /^(just now|\d+ seconds ago|1 minute ago|\d+ minutes ago)$/,
    );
    const users = info['users'] as Record<string, Record<string, unknown>>;
    assert.equal(users['admin']?.['access'], 'admin');
    assert.equal(info['sla'], 'unsupported');
    assert.equal(info['agent-version'], '3.6.4');

    const yaml = await c.juju(['show-model']);
    assert.equal(yaml.code, 0, yaml.stderr);
    assert.match(yaml.stdout, /^foo:\n {2}name: admin\/foo\n {2}short-name: foo\n {2}model-uuid: /);

    const controller = await c.juju(['show-model', '--format', 'json', 'controller']);
    const ctrl = (JSON.parse(controller.stdout) as Record<string, Record<string, unknown>>)[
      'controller'
    ] as Record<string, unknown>;
    assert.equal(ctrl['is-controller'], true);
    assert.deepEqual(ctrl['machines'], { '0': { cores: 0 } });

    const missing = await c.juju(['show-model', 'nope']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'ERROR model mlife:admin/nope not found\n');
  });

  it('switches between models added here', async () => {
    const r = await c.juju(['switch', 'bar']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(modelsFile()['current-model'], 'admin/bar');
    const models = await c.juju(['models']);
    assert.match(models.stdout, /\nbar\* +/);
  });

  it('aborts destroy-model on a wrong answer and destroys on the right one', async () => {
    const wrong = await c.juju(['destroy-model', 'foo'], 'nope\n');
    assert.equal(wrong.code, 1);
    assert.match(
      wrong.stderr,
      /^WARNING This command will destroy the "foo" model and affect the following resources\. It cannot be stopped\.\n\n - 0 application will be removed\n - 0 filesystem and 0 volume will be destroyed\n\nTo continue, enter the name of the model to be destroyed: ERROR model destruction: aborted\n$/,
    );
    assert.ok(modelsFile().models?.['admin/foo']);

    const right = await c.juju(['destroy-model', 'foo'], 'foo\n');
    assert.equal(right.code, 0, right.stderr);
    assert.match(right.stderr, /Destroying model\n(?:.|\n)*Model destroyed\.\n$/);
    assert.equal(modelsFile().models?.['admin/foo'], undefined);
    const models = await c.juju(['models', '--format', 'json']);
    assert.ok(
      !(JSON.parse(models.stdout) as { models: { name: string }[] }).models.some(
        (m) => m.name === 'admin/foo',
      ),
    );
  });

  it('destroys without a prompt and forgets the current model', async () => {
    assert.equal(modelsFile()['current-model'], 'admin/bar');
    const r = await c.juju(['destroy-model', '--no-prompt', 'mlife:bar']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /To continue/);
    const cached = modelsFile();
    assert.equal(cached.models?.['admin/bar'], undefined);
    assert.equal(cached['current-model'], undefined);
  });

  it('refuses the controller model and bad flag combinations', async () => {
    const ctrl = await c.juju(['destroy-model', '--no-prompt', 'controller']);
    assert.equal(ctrl.code, 1);
    assert.equal(
      ctrl.stderr,
      `ERROR "controller" is a controller; use 'juju destroy-controller' to destroy it\n`,
    );
    const timeout = await c.juju(['destroy-model', '--no-prompt', '-t', '5s', 'x']);
    assert.equal(timeout.code, 2);
    assert.equal(timeout.stderr, 'ERROR --timeout can only be used with --force (dangerous)\n');
    const none = await c.juju(['destroy-model']);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, 'ERROR no model specified\n');
    const both = await c.juju(['destroy-model', '--destroy-storage', '--release-storage', 'x']);
    assert.equal(both.code, 2);
  });
});
