/**
 * Subordinate units end to end: relating the subordinate test charm to a
 * principal creates one subordinate unit per principal unit on the
 * principal's machine; removing a principal unit takes its subordinate with
 * it (the subordinate runs stop and remove first); removing the relation
 * removes every subordinate unit; removing the subordinate application ends
 * cleanly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestController } from '../helpers/controller-fixture.js';
import { waitFor } from '../helpers/wait.js';

const asRoot = process.getuid?.() === 0;

interface UnitStatus {
  'workload-status': { current: string; message?: string };
  'juju-status': { current: string };
  machine?: string;
  subordinates?: Record<string, UnitStatus>;
}

interface Status {
  applications: Record<string, { units?: Record<string, UnitStatus>; 'subordinate-to'?: string[] }>;
  machines: Record<string, { 'instance-id': string }>;
}

describe('subordinate units', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;

  async function status(): Promise<Status> {
    const r = await c.juju(['status', '--format=json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Status;
  }

  /** Every subordinate unit shown under the principals of `principalApp`. */
  async function subordinates(
    principalApp: string,
  ): Promise<Map<string, { principal: string; status: UnitStatus }>> {
    const s = await status();
    const out = new Map<string, { principal: string; status: UnitStatus }>();
    for (const [principal, u] of Object.entries(s.applications[principalApp]?.units ?? {})) {
      for (const [name, sub] of Object.entries(u.subordinates ?? {}))
        out.set(name, { principal, status: sub });
    }
    return out;
  }

  /** Hooks the unit ran, in order, from the agent's `ran "<hook>" hook` lines in debug-log (its directory is gone once removed). */
  async function hookNames(unit: string): Promise<string[]> {
    const r = await c.juju(['debug-log', '--replay', '--no-tail', '-i', `unit-${unit.replace('/', '-')}`]);
    assert.equal(r.code, 0, r.stderr);
    return [...r.stdout.matchAll(/ran "([^"]+)" hook/g)].map((m) => m[1] ?? '');
  }

  async function juju(...args: string[]): Promise<string> {
    const r = await c.juju(args);
    assert.equal(r.code, 0, `juju ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  before(async () => {
    c = await TestController.bootstrap('subord');
    await juju('add-model', 'work');
  });
  after(async () => {
    await c?.destroy();
  });

  it('relating creates one subordinate unit beside each principal unit', async () => {
    await juju('deploy', './charms/ponger', '-n', '2');
    await juju('deploy', './testcharms/subordinate');
    const s0 = await status();
    assert.deepEqual(s0.applications['subordinate']?.units ?? {}, {});
    await juju('integrate', 'subordinate', 'ponger');
    const subs = await waitFor('two active subordinates', async () => {
      const m = await subordinates('ponger');
      const active = [...m.values()].filter((v) => v.status['workload-status'].current === 'active');
      return active.length === 2 ? m : undefined;
    });
    assert.deepEqual([...subs.keys()].sort(), ['subordinate/0', 'subordinate/1']);
    const principals = [...subs.values()].map((v) => v.principal).sort();
    assert.deepEqual(principals, ['ponger/0', 'ponger/1']);
    for (const [name, v] of subs) {
      assert.match(v.status['workload-status'].message ?? '', new RegExp(`attached to ${v.principal}`), name);
    }
    assert.deepEqual((await status()).applications['subordinate']?.['subordinate-to'], ['ponger']);
  });

  it('removing a principal unit removes its subordinate first', async () => {
    const before = await subordinates('ponger');
    const doomed = [...before].find(([, v]) => v.principal === 'ponger/1')?.[0];
    assert.ok(doomed !== undefined);
    await juju('remove-unit', 'ponger/1', '--no-prompt');
    await waitFor('ponger/1 gone', async () => {
      const s = await status();
      return s.applications['ponger']?.units?.['ponger/1'] === undefined ? true : undefined;
    });
    const hooks = await waitFor('remove hook of the subordinate', async () => {
      const h = await hookNames(doomed);
      return h.includes('remove') ? h : undefined;
    });
    assert.ok(hooks.includes('stop'), `stop ran on ${doomed}: ${hooks.join(',')}`);
    assert.equal(hooks.at(-1), 'remove', `remove is last on ${doomed}: ${hooks.join(',')}`);
    const left = await subordinates('ponger');
    assert.deepEqual(
      [...left.keys()],
      [...before.keys()].filter((n) => n !== doomed),
    );
  });

  it('refuses to remove a subordinate unit directly', async () => {
    const [name] = [...(await subordinates('ponger')).keys()];
    assert.ok(name !== undefined);
    const r = await c.juju(['remove-unit', name, '--no-prompt']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /is a subordinate, to remove use remove-relation/);
  });

  it('removing the relation removes the remaining subordinate units', async () => {
    const [name] = [...(await subordinates('ponger')).keys()];
    assert.ok(name !== undefined);
    await juju('remove-relation', 'subordinate', 'ponger');
    await waitFor('no subordinates', async () =>
      (await subordinates('ponger')).size === 0 ? true : undefined,
    );
    const hooks = await waitFor('remove hook of the subordinate', async () => {
      const h = await hookNames(name);
      return h.includes('remove') ? h : undefined;
    });
    assert.ok(hooks.includes('host-relation-broken'), hooks.join(','));
    assert.equal(hooks.at(-1), 'remove', hooks.join(','));
    const s = await status();
    const principal = s.applications['ponger']?.units?.['ponger/0'];
    assert.ok(principal !== undefined, 'the principal unit stays');
    assert.notEqual(principal['workload-status'].current, 'error');
  });

  it('removes the subordinate application', async () => {
    await juju('remove-application', 'subordinate', '--no-prompt');
    await waitFor('subordinate app gone', async () =>
      (await status()).applications['subordinate'] === undefined ? true : undefined,
    );
  });
});
