/**
 * `juju show-status-log` end to end: a real controller and machines, ponger
 * and pinger deployed and related, ponger going active, then the unit's history (workload and agent)
 * from install to active, the agent-only and machine histories, and the
 * JSON form.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestController } from '../helpers/controller-fixture.js';
import { waitFor } from '../helpers/wait.js';

const asRoot = process.getuid?.() === 0;

interface Entry {
  status?: string;
  message?: string;
  since?: string;
  type?: string;
}

describe('status history on a real controller', { skip: !asRoot && 'needs root' }, () => {
  let c: TestController;

  async function juju(...args: string[]): Promise<string> {
    const r = await c.juju(args);
    assert.equal(r.code, 0, `juju ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  async function workload(name: string): Promise<string | undefined> {
    const s = JSON.parse(await juju('status', '--format', 'json')) as {
      applications: Record<string, { units?: Record<string, { 'workload-status': { current: string } }> }>;
    };
    return s.applications[name.split('/')[0] ?? '']?.units?.[name]?.['workload-status'].current;
  }

  async function history(...args: string[]): Promise<Entry[]> {
    return JSON.parse(await juju('show-status-log', '--format', 'json', ...args)) as Entry[];
  }

  before(async () => {
    c = await TestController.bootstrap('history');
    await juju('add-model', 'work');
    // ponger waits, blocked, for pinger; then it goes active.
    await juju('deploy', './charms/ponger');
    await waitFor('ponger/0 blocked', async () =>
      (await workload('ponger/0')) === 'blocked' ? true : undefined,
    );
    await juju('deploy', './charms/pinger');
    await juju('integrate', 'pinger:ping', 'ponger:pong');
    await waitFor('ponger/0 active', async () =>
      (await workload('ponger/0')) === 'active' ? true : undefined,
    );
    // The agent settles to idle after start.
    await waitFor('ponger/0 idle', async () => {
      const h = await history('--type', 'juju-unit', '-n', '1', 'ponger/0');
      return h[0]?.status === 'idle' ? true : undefined;
    });
  });
  after(async () => {
    await c?.destroy();
  });

  it('shows the unit going from waiting for its machine through install to active', async () => {
    const entries = await history('-n', '50', 'ponger/0');
    const lines = entries.map((e) => `${e.type} ${e.status} ${e.message ?? ''}`.trimEnd());
    const at = (line: string): number => {
      const i = lines.indexOf(line);
      assert.ok(i >= 0, `${line} missing from:\n${lines.join('\n')}`);
      return i;
    };
    const waiting = at('workload waiting waiting for machine');
    const allocating = at('juju-unit allocating');
    const installing = at('juju-unit executing running install hook');
    const maintenance = at('workload maintenance installing charm software');
    const starting = at('juju-unit executing running start hook');
    const blocked = at('workload blocked waiting for pinger');
    const active = at('workload active ready');
    assert.ok(blocked < active, lines.join('\n'));
    assert.ok(waiting < installing && allocating < installing, lines.join('\n'));
    assert.ok(installing <= maintenance + 1 && maintenance < starting, lines.join('\n'));
    assert.ok(starting < active || lines.lastIndexOf('juju-unit idle') > starting, lines.join('\n'));
    // Oldest first, RFC 3339 times.
    const times = entries.map((e) => e.since ?? '');
    assert.deepEqual([...times].sort(), times);
    assert.ok(
      times.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(t)),
      times.join('\n'),
    );
    // No update-status runs are recorded.
    assert.ok(!lines.some((l) => l.includes('update-status')), lines.join('\n'));
  });

  it('prints the table with Juju’s columns and honours -n and --type', async () => {
    const table = await juju('show-status-log', '--utc', '-n', '3', 'ponger/0');
    const rows = table.trimEnd().split('\n');
    assert.match(rows[0] ?? '', /^Time {18}Type +Status +Message$/);
    assert.equal(rows.length, 4, table);
    const agent = await history('--type', 'juju-unit', 'ponger/0');
    assert.ok(agent.every((e) => e.type === 'juju-unit'));
    const machine = await history('--type', 'juju-machine', '0');
    assert.equal(machine[0]?.status, 'pending');
    assert.equal(machine.at(-1)?.status, 'started');
    const model = await history('--type', 'model');
    assert.equal(model.at(-1)?.status, 'available');
  });

  it('reports unknown units as Juju does', async () => {
    const r = await c.juju(['show-status-log', 'ponger/9']);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'ERROR while processing the request: fetching status history for "unit-ponger-9": unit "ponger/9" not found\n',
    );
  });
});
