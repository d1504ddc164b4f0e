/**
 * The foundation's whole workflow in one scenario, as an operator runs it:
 * bootstrap local → add-model → model-config set/get/reset → add-user bob →
 * bob registers from a second $JUJU_DATA → grant bob read → bob reads status,
 * bob's config change is refused → destroy-model → destroy-controller. The
 * client store is checked after each step, and nothing may be left running.
 * Then the bad-input cases: each gives a clear ERROR and writes nothing.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { TestController, isolatedEnv, juju, type CliRun } from '../helpers/controller-fixture.js';

const asRoot = process.getuid?.() === 0;

type Yaml = Record<string, unknown>;
function store(env: NodeJS.ProcessEnv, file: string): Yaml {
  const path = join(env.JUJU_DATA as string, file);
  return existsSync(path) ? ((parse(readFileSync(path, 'utf8')) as Yaml | null) ?? {}) : {};
}
function at(doc: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((d, k) => (d && typeof d === 'object' ? (d as Yaml)[k] : undefined), doc);
}
function ok(r: CliRun, what: string): CliRun {
  assert.equal(r.code, 0, `${what} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}
function namespaces(prefix: string): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith(prefix));
}

describe('foundation workflow', { skip: !asRoot && 'needs root' }, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('runs from bootstrap to destroy-controller', async () => {
    const c = await TestController.bootstrap('flow');
    cleanups.push(() => c.destroy());
    const uuid = c.uuid();
    const nsPrefix = `juju-${uuid.slice(0, 6)}-`;
    assert.equal(at(store(c.env, 'controllers.yaml'), 'current-controller'), 'flow');
    assert.equal(namespaces(nsPrefix).length, 1);

    ok(await c.juju(['add-model', 'work']), 'add-model');
    const models = store(c.env, 'models.yaml');
    assert.ok(at(models, 'controllers', 'flow', 'models', 'admin/work', 'uuid'));
    assert.equal(at(models, 'controllers', 'flow', 'current-model'), 'admin/work');

    ok(await c.juju(['model-config', 'update-status-hook-interval=10m']), 'model-config set');
    const got = JSON.parse(ok(await c.juju(['model-config', '--format', 'json']), 'get').stdout) as Yaml;
    assert.deepEqual(got['update-status-hook-interval'], { Value: '10m', Source: 'model' });
    assert.equal((await c.juju(['model-config', 'update-status-hook-interval'])).stdout, '10m\n');
    ok(await c.juju(['model-config', '--reset', 'update-status-hook-interval']), 'reset');
    assert.equal((await c.juju(['model-config', 'update-status-hook-interval'])).stdout, '5m\n');

    const added = ok(await c.juju(['add-user', 'bob']), 'add-user');
    assert.match(
      added.stdout,
      /^User "bob" added\nPlease send this command to bob:\n {4}juju register \S+\n/,
    );
    const token = /juju register (\S+)/.exec(added.stdout)?.[1] as string;

    const bobEnv = isolatedEnv();
    cleanups.push(() => {
      rmSync(bobEnv.JUJU_DATA as string, { recursive: true, force: true });
      rmSync(bobEnv.JUJU_LOCAL_ROOT as string, { recursive: true, force: true });
    });
    ok(await juju(bobEnv, ['register', token], 's3cret-bob\ns3cret-bob\nflow\n'), 'register');
    assert.equal(at(store(bobEnv, 'controllers.yaml'), 'controllers', 'flow', 'uuid'), uuid);
    assert.equal(at(store(bobEnv, 'accounts.yaml'), 'controllers', 'flow', 'user'), 'bob');

    ok(await c.juju(['grant', 'bob', 'read', 'work']), 'grant');
    const status = ok(
      await juju(bobEnv, ['status', '-m', 'flow:admin/work', '--format', 'json']),
      'bob status',
    );
    assert.equal(at(JSON.parse(status.stdout), 'model', 'name'), 'work');
    const denied = await juju(bobEnv, [
      'model-config',
      '-m',
      'flow:admin/work',
      'update-status-hook-interval=20m',
    ]);
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /ERROR permission denied/);
    assert.equal((await c.juju(['model-config', 'update-status-hook-interval'])).stdout, '5m\n');

    ok(await c.juju(['destroy-model', 'work', '--no-prompt']), 'destroy-model');
    assert.equal(at(store(c.env, 'models.yaml'), 'controllers', 'flow', 'models', 'admin/work'), undefined);

    ok(
      await c.juju(['destroy-controller', 'flow', '--no-prompt', '--destroy-all-models']),
      'destroy-controller',
    );
    assert.equal(at(store(c.env, 'controllers.yaml'), 'controllers', 'flow'), undefined);
    assert.equal(at(store(c.env, 'accounts.yaml'), 'controllers', 'flow'), undefined);
    assert.equal(at(store(c.env, 'models.yaml'), 'controllers', 'flow'), undefined);
    assert.deepEqual(namespaces(nsPrefix), []);
    const registry = JSON.parse(
      readFileSync(join(c.env.JUJU_LOCAL_ROOT as string, 'registry.json'), 'utf8'),
    ) as {
      machines: Record<string, unknown>;
    };
    assert.deepEqual(registry.machines, {});
  });

  it('answers bad input with a clear ERROR and the right exit code, writing nothing', async () => {
    const c = await TestController.bootstrap('bad');
    cleanups.push(() => c.destroy());
    const before = ['controllers.yaml', 'models.yaml', 'accounts.yaml'].map((f) =>
      readFileSync(join(c.env.JUJU_DATA as string, f), 'utf8'),
    );

    const flag = await c.juju(['models', '--bogus']);
    assert.equal(flag.code, 2);
    assert.equal(flag.stderr, 'ERROR option provided but not defined: --bogus\n');

    const model = await c.juju(['status', '-m', 'nope']);
    assert.equal(model.code, 1);
    assert.match(model.stderr, /^ERROR model bad:admin\/nope not found\n$/);

    const ctrl = await c.juju(['models', '-c', 'nope']);
    assert.equal(ctrl.code, 1);
    assert.equal(ctrl.stderr, 'ERROR controller nope not found\n');

    const value = await c.juju(['model-config', '-m', 'controller', 'update-status-hook-interval=soon']);
    assert.equal(value.code, 1);
    assert.match(value.stderr, /^ERROR .*update-status-hook-interval/);

    const reg = await juju(c.env, ['register', 'not-a-registration-string!!']);
    assert.equal(reg.code, 1);
    assert.match(reg.stderr, /^ERROR invalid registration token/);

    const again = await c.juju(['bootstrap', 'local', 'bad']);
    assert.equal(again.code, 1);
    assert.equal(again.stderr, 'ERROR controller "bad" already exists\n');

    const after = ['controllers.yaml', 'models.yaml', 'accounts.yaml'].map((f) =>
      readFileSync(join(c.env.JUJU_DATA as string, f), 'utf8'),
    );
    assert.deepEqual(after, before);
  });
});
