/**
 * Charm secrets end to end on a real controller and real machines:
 * secrets-owner's leader creates an application secret and grants it over
 * the `creds` relation, secrets-consumer reads it (showing the value in its
 * status), a config change on the owner adds revision 2 and the consumer
 * gets secret-changed and refreshes, after which revision 1 is tracked by
 * nobody and the owner's secret-remove hook deletes it. `juju secrets` and
 * `juju show-secret` show the secret from the client side.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestController } from '../helpers/controller-fixture.js';
import { waitFor } from '../helpers/wait.js';

const asRoot = process.getuid?.() === 0;

interface UnitStatus {
  'workload-status': { current: string; message?: string };
  'juju-status': { current: string; message?: string };
  machine: string;
}

interface Status {
  applications: Record<string, { units?: Record<string, UnitStatus> }>;
  machines: Record<string, { 'instance-id': string }>;
}

describe('charm secrets on a real controller', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;
  let secretId = '';

  async function juju(...args: string[]): Promise<string> {
    const r = await c.juju(args);
    assert.equal(r.code, 0, `juju ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  async function status(): Promise<Status> {
    return JSON.parse(await juju('status', '--format=json')) as Status;
  }

  async function unit(name: string): Promise<UnitStatus | undefined> {
    return (await status()).applications[name.split('/')[0] ?? '']?.units?.[name];
  }

  async function message(name: string): Promise<string> {
    return (await unit(name))?.['workload-status'].message ?? '';
  }

  /** events.log of a unit (one line per hook run). */
  function events(name: string): Promise<string[]> {
    return c.unitAgentFile(name, 'events.log');
  }

  before(async () => {
    c = await TestController.bootstrap('secrets');
    await juju('add-model', 'work');
  });
  after(async () => {
    await c?.destroy();
  });

  it('the owner leader creates an application secret', async () => {
    await juju('deploy', './testcharms/secrets-owner');
    await waitFor('owner ready', async () =>
      (await message('secrets-owner/0')) === 'owner ready' ? true : undefined,
    );
    const list = JSON.parse(await juju('secrets', '--format', 'json')) as Record<
      string,
      Record<string, unknown>
    >;
    const ids = Object.keys(list);
    assert.equal(ids.length, 1, JSON.stringify(list));
    secretId = ids[0] as string;
    assert.match(secretId, /^[0-9a-v]{20}$/);
    const entry = list[secretId] ?? {};
    assert.equal(entry.owner, 'secrets-owner');
    assert.equal(entry.label, 'creds');
    assert.equal(entry.description, 'demo credentials');
    assert.equal(entry.revision, 1, 'config-changed with the same value adds no revision');
    assert.match(String(entry.created), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(entry.content, undefined);
    const table = await juju('secrets');
    assert.match(table, /^ID\s+Name\s+Owner\s+Rotation\s+Revision\s+Last updated\n/);
    assert.match(table, new RegExp(`^${secretId}\\s+-\\s+secrets-owner\\s+never\\s+1\\s+`, 'm'));
    const created = (await events('secrets-owner/0')).find((l) => l.startsWith('leader-elected created '));
    assert.ok(created?.endsWith(secretId), (await events('secrets-owner/0')).join('\n'));
  });

  it('the consumer reads the granted secret in relation-changed', async () => {
    await juju('deploy', './testcharms/secrets-consumer');
    await juju('integrate', 'secrets-consumer:creds', 'secrets-owner:creds');
    await waitFor('consumer shows the password', async () =>
      (await message('secrets-consumer/0')) === 'password=first' ? true : undefined,
    );
    const shown = JSON.parse(await juju('show-secret', secretId, '--format', 'json')) as Record<
      string,
      { access?: { target: string; scope: string; role: string }[] }
    >;
    assert.deepEqual(shown[secretId]?.access, [
      {
        target: 'application-secrets-consumer',
        scope: 'relation-secrets-consumer.creds#secrets-owner.creds',
        role: 'view',
      },
    ]);
    const revealed = JSON.parse(
      await juju('show-secret', `secret:${secretId}`, '--reveal', '--format', 'json'),
    ) as Record<string, { content?: { Data: Record<string, string> } }>;
    assert.deepEqual(revealed[secretId]?.content, { Data: { password: 'first' } });
  });

  it('a new revision fires secret-changed on the consumer, then secret-remove on the owner', async () => {
    await juju('config', 'secrets-owner', 'password=second');
    await waitFor('consumer refreshed', async () =>
      (await message('secrets-consumer/0')) === 'password=second' ? true : undefined,
    );
    const changed = (await events('secrets-consumer/0')).filter((l) => l.startsWith('secret-changed '));
    assert.deepEqual(changed, [`secret-changed secret:${secretId} creds`]);
    // Revision 1 is no longer tracked by anyone: the owner removes it.
    await waitFor('revision 1 removed', async () =>
      (await message('secrets-owner/0')) === 'removed revision 1' ? true : undefined,
    );
    assert.ok(
      (await events('secrets-owner/0')).includes(`secret-remove removed secret:${secretId} creds 1`),
      (await events('secrets-owner/0')).join('\n'),
    );
    const shown = JSON.parse(
      await juju('show-secret', secretId, '--revisions', '--format', 'json'),
    ) as Record<string, { revision: number; revisions?: { revision: number }[] }>;
    assert.equal(shown[secretId]?.revision, 2);
    assert.deepEqual(
      shown[secretId]?.revisions?.map((r) => r.revision),
      [2],
    );
    const yaml = await juju('show-secret', secretId, '--reveal');
    assert.match(yaml, new RegExp(`^${secretId}:\\n  revision: 2\\n`));
    assert.match(yaml, /\n  content:\n    password: second\n/);
    // Both agents settle: no hook in error.
    for (const name of ['secrets-owner/0', 'secrets-consumer/0'])
      await waitFor(`${name} idle`, async () =>
        (await unit(name))?.['juju-status'].current === 'idle' ? true : undefined,
      );
    const err = await c.juju(['show-secret', 'nope']);
    assert.equal(err.code, 1);
    assert.match(err.stderr, /ERROR secret "nope" not found/);
  });
});
