/**
 * The whole operator flow on real machines with the example charms, as one
 * story: deploy → integrate → scale up → config change → action → scale
 * down → remove, checking after each step what the charms themselves report
 * (workload status, relation data through an action, opened ports).
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
  'open-ports'?: string[];
}

interface Status {
  applications: Record<string, { units?: Record<string, UnitStatus> }>;
  machines: Record<string, unknown>;
}

describe(
  'operator flow: deploy, integrate, scale, configure, act, remove',
  { skip: !asRoot && 'needs root' },
  () => {
    let c: TestController;

    async function juju(...args: string[]): Promise<string> {
      const r = await c.juju(args);
      assert.equal(r.code, 0, `juju ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    }

    async function status(): Promise<Status> {
      return JSON.parse(await juju('status', '--format=json')) as Status;
    }

    /** Waits until every unit of `app` is idle with the given workload status; returns them. */
    async function settled(
      app: string,
      count: number,
      workload: string,
      message?: RegExp,
    ): Promise<Record<string, UnitStatus>> {
      return waitFor(`${count} ${app} units ${workload}`, async () => {
        const units = (await status()).applications[app]?.units ?? {};
        const all = Object.values(units);
        const ok =
          all.length === count &&
          all.every(
            (u) =>
              u['juju-status'].current === 'idle' &&
              u['workload-status'].current === workload &&
              (message === undefined || message.test(u['workload-status'].message ?? '')),
          );
        return ok ? units : undefined;
      });
    }

    /** ponger's own view of who pinged it, through its list-pings action. */
    async function pingers(): Promise<string[]> {
      const out = JSON.parse(await juju('run', 'ponger/0', 'list-pings', '--format', 'json')) as Record<
        string,
        { results?: { units?: string } }
      >;
      const units = out['ponger/0']?.results?.units ?? '';
      return units === '' ? [] : units.split(' ').sort();
    }

    before(async () => {
      c = await TestController.bootstrap('flow');
      await juju('add-model', 'flow');
    });
    after(async () => {
      await c?.destroy();
    });

    it('deploys and integrates: both sides go active', async () => {
      await juju('deploy', './charms/ponger');
      await juju('deploy', './charms/pinger');
      await settled('pinger', 1, 'blocked', /waiting for ponger/);
      await juju('integrate', 'pinger:ping', 'ponger:pong');
      await settled('ponger', 1, 'active', /^ready$/);
      await settled('pinger', 1, 'active', /^pong from ponger\/0$/);
      const ponger = (await status()).applications['ponger']?.units?.['ponger/0'];
      assert.deepEqual(ponger?.['open-ports'], ['8080/tcp']);
    });

    it('scales up: the new unit joins the relation', async () => {
      await juju('add-unit', 'pinger', '-n', '2');
      const units = await settled('pinger', 3, 'active', /^pong from ponger\/0$/);
      assert.deepEqual(Object.keys(units).sort(), ['pinger/0', 'pinger/1', 'pinger/2']);
      await waitFor('ponger sees three pingers', async () =>
        (await pingers()).length === 3 ? true : undefined,
      );
      assert.deepEqual(await pingers(), ['pinger/0', 'pinger/1', 'pinger/2']);
    });

    it('changes config: hooks apply it', async () => {
      await juju('config', 'ponger', 'message=hello operators', 'port=9090');
      await settled('ponger', 1, 'active', /^hello operators$/);
      await waitFor('port 9090 open', async () => {
        const ports = (await status()).applications['ponger']?.units?.['ponger/0']?.['open-ports'];
        return JSON.stringify(ports) === JSON.stringify(['9090/tcp']) ? true : undefined;
      });
      assert.equal((await juju('config', 'ponger', 'message')).trim(), 'hello operators');
    });

    it('runs an action and reads its results', async () => {
      const out = JSON.parse(await juju('run', 'pinger/1', 'ping', 'count=2', '--format', 'json')) as Record<
        string,
        { status: string; results?: Record<string, unknown> }
      >;
      assert.equal(out['pinger/1']?.status, 'completed');
    });

    it('scales down: the removed unit departs', async () => {
      await juju('remove-unit', 'pinger/2', '--no-prompt');
      await settled('pinger', 2, 'active');
      await waitFor('ponger sees two pingers', async () =>
        (await pingers()).length === 2 ? true : undefined,
      );
      assert.deepEqual(await pingers(), ['pinger/0', 'pinger/1']);
    });

    it('removes the applications and their machines', async () => {
      await juju('remove-application', 'pinger', 'ponger', '--no-prompt');
      await waitFor('model empty', async () => {
        const s = await status();
        return Object.keys(s.applications).length === 0 && Object.keys(s.machines).length === 0
          ? true
          : undefined;
      });
    });
  },
);
