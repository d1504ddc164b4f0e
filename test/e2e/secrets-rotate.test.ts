/**
 * secret-expired and secret-rotate end to end on a real controller and a real
 * machine: secrets-rotator creates a unit secret with `--rotate hourly
 * --expire 10s`, so revision 1 expires after 10 s and the rotation is pulled
 * in to that time (charm-contract §7). No clock is faked: the agent's timer
 * for the snapshot's next due time wakes it, `secret-expired` runs for
 * revision 1 (JUJU_SECRET_REVISION=1), then `secret-rotate` (no
 * JUJU_SECRET_REVISION), which adds revision 2, and the controller moves the
 * next rotation an hour on. Each hook runs once for its due time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestController } from '../helpers/controller-fixture.js';
import { waitFor } from '../helpers/wait.js';

const asRoot = process.getuid?.() === 0;
const UNIT = 'secrets-rotator/0';

interface UnitStatus {
  'workload-status': { current: string; message?: string };
  'juju-status': { current: string; message?: string };
  machine: string;
}

interface Status {
  applications: Record<string, { units?: Record<string, UnitStatus> }>;
  machines: Record<string, { 'instance-id': string }>;
}

describe('secret rotation and expiry on a real controller', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;

  async function juju(...args: string[]): Promise<string> {
    const r = await c.juju(args);
    assert.equal(r.code, 0, `juju ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  async function status(): Promise<Status> {
    return JSON.parse(await juju('status', '--format=json')) as Status;
  }

  async function unit(): Promise<UnitStatus | undefined> {
    return (await status()).applications['secrets-rotator']?.units?.[UNIT];
  }

  /** events.log of the unit (one line per hook run). */
  function events(): Promise<string[]> {
    return c.unitAgentFile(UNIT, 'events.log');
  }

  before(async () => {
    c = await TestController.bootstrap('secrets-rotate');
    await juju('add-model', 'work');
  });
  after(async () => {
    await c?.destroy();
  });

  it('runs secret-expired, then secret-rotate, once each when the expiry passes', async () => {
    await juju('deploy', './testcharms/secrets-rotator');
    await waitFor('rotator ready', async () =>
      (await unit())?.['workload-status'].message === 'rotator ready' ? true : undefined,
    );
    const list = JSON.parse(await juju('secrets', '--format', 'json')) as Record<
      string,
      { revision?: number; rotation?: string; rotates?: string; expires?: string }
    >;
    const id = Object.keys(list)[0] ?? '';
    assert.match(id, /^[0-9a-v]{20}$/, JSON.stringify(list));
    assert.equal(list[id]?.revision, 1);
    assert.equal(list[id]?.rotation, 'hourly');
    const expires = Date.parse(String(list[id]?.expires));
    assert.ok(!Number.isNaN(expires), JSON.stringify(list[id]));
    // Rotation comes early: the revision expires before an hour is up.
    assert.equal(Date.parse(String(list[id]?.rotates)), expires);

    await waitFor(
      'rotated to revision 2',
      async () =>
        (await unit())?.['workload-status'].message === 'rotated to revision 2' ? true : undefined,
      60_000,
    );
    const secretHooks = (await events()).filter((l) => l.startsWith('secret-'));
    assert.deepEqual(secretHooks, [
      `secret-expired secret:${id} rot 1`,
      `secret-rotate secret:${id} rot revision-var=unset new=2`,
    ]);
    assert.ok(Date.now() >= expires, 'no hook before the expiry');

    const after = JSON.parse(await juju('show-secret', id, '--format', 'json')) as Record<
      string,
      { revision?: number; rotates?: string }
    >;
    assert.equal(after[id]?.revision, 2);
    // A new revision was made: the next rotation is one period after the due one.
    assert.equal(Date.parse(String(after[id]?.rotates)), expires + 3_600_000);

    // Nothing runs twice for the same due time.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.deepEqual(
      (await events()).filter((l) => l.startsWith('secret-')),
      secretHooks,
    );
    assert.equal((await unit())?.['juju-status'].current, 'idle');
  });
});
