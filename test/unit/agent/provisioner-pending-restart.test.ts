/**
 * A provisioner starting after a controller crash finds instances the dead
 * process was still creating (provider status `pending`): it waits for them
 * and adopts those that come up, instead of starting a second instance for
 * the same machine, and stops those still half-made after the grace period.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { ChangeHub } from '../../../src/controller/events/change-hub.js';
import { machineAgentLauncher, type MachineAgentPlan } from '../../../src/controller/workers/agent-plan.js';
import { DirectBroker } from '../../../src/controller/workers/instance-broker.js';
import { Provisioner } from '../../../src/controller/workers/provisioner.js';
import { JUJU_VERSION } from '../../../src/core/version.js';
import type { Environ, Instance, StartInstanceParams } from '../../../src/providers/types.js';
import { bootstrappedFixture, type BootstrappedFixture } from '../domain/fixture.js';

interface Held extends Instance {
  readonly modelUuid: string;
}

/** Instances in memory whose status the test flips; counts new starts. */
class SlowCloud implements Environ {
  readonly instances = new Map<string, Held>();
  readonly stopped: string[] = [];
  starts = 0;

  constructor(private readonly root: string) {}

  startInstance(p: StartInstanceParams): Promise<Instance> {
    this.starts++;
    const id = `new-${this.starts}`;
    const instance: Instance = { ...this.shape(id), status: 'running' };
    p.agent(instance);
    this.instances.set(id, { ...instance, modelUuid: p.modelUuid });
    return Promise.resolve(instance);
  }

  stopInstances(ids: readonly string[]): Promise<void> {
    for (const id of ids) if (this.instances.delete(id)) this.stopped.push(id);
    return Promise.resolve();
  }

  allInstances(modelUuid?: string): Promise<Instance[]> {
    return Promise.resolve(
      [...this.instances.values()].filter((i) => modelUuid === undefined || i.modelUuid === modelUuid),
    );
  }

  destroy(): Promise<void> {
    this.instances.clear();
    return Promise.resolve();
  }

  /** An instance an earlier controller process began; its agent.conf is written when `plan` is given. */
  pending(id: string, modelUuid: string, plan?: MachineAgentPlan): void {
    const instance: Instance = { ...this.shape(id), status: 'pending' };
    if (plan) machineAgentLauncher(plan)(instance);
    this.instances.set(id, { ...instance, modelUuid });
  }

  finish(id: string): void {
    const i = this.instances.get(id);
    if (i) this.instances.set(id, { ...i, status: 'running' });
  }

  private shape(id: string): Omit<Instance, 'status'> {
    return {
      id,
      addresses: ['10.9.2.1'],
      hostname: id,
      dataRoot: join(this.root, id),
      base: { os: 'debian', channel: '12' },
    };
  }
}

async function waitFor<T>(what: string, fn: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('provisioner restart with instances still being created', () => {
  let f: BootstrappedFixture;
  let hub: ChangeHub;
  let root = '';
  const stops: (() => Promise<void>)[] = [];

  before(() => {
    f = bootstrappedFixture();
    hub = new ChangeHub();
    f.db.onCommit(() => hub.bump());
    root = mkdtempSync(join(tmpdir(), 'provisioner-pending-'));
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  after(() => {
    f.close();
    rmSync(root, { recursive: true, force: true });
  });

  function start(cloud: SlowCloud, pendingGraceMs: number): void {
    const provisioner = new Provisioner({
      services: f.services,
      hub,
      broker: new DirectBroker(cloud),
      hostTag: 'machine-0',
      providerType: 'local',
      nodePath: '/usr/bin/node',
      jujudPath: '/opt/juju/jujud.js',
      log: () => undefined,
      retry: { initialMs: 50, maxMs: 100 },
      sweepMs: 100,
      pendingGraceMs,
    });
    const abort = new AbortController();
    const done = provisioner.run(abort.signal);
    stops.push(async () => {
      abort.abort();
      await done;
    });
  }

  function planFor(model: string, machineId: string, password: string, nonce: string): MachineAgentPlan {
    const info = f.services.controller.info();
    return {
      machineId,
      nodePath: 'node',
      jujudPath: 'jujud.js',
      conf: {
        tag: `machine-${machineId}`,
        nonce,
        jobs: ['JobHostUnits'],
        upgradedToVersion: JUJU_VERSION,
        cacert: info.caCert,
        controller: `controller-${info.uuid}`,
        model: `model-${model}`,
        apiaddresses: ['127.0.0.1:17070'],
        oldpassword: password,
        values: {},
      },
    };
  }

  it('waits for a pending instance and adopts it instead of starting another', async () => {
    const model = f.services.model.create({ name: 'pending-adopt', owner: 'admin', cloud: 'local' }).uuid;
    const id = f.services.machine.add(model).id;
    const password = 'q'.repeat(24);
    f.services.machine.setPassword(model, id, password);
    const cloud = new SlowCloud(root);
    cloud.pending('half-1', model, planFor(model, id, password, 'machine-0:before-crash'));
    start(cloud, 5000);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(cloud.starts, 0, 'nothing started while the old instance is pending');
    assert.equal(f.services.machine.get(model, id).instanceId, null);
    cloud.finish('half-1');
    const m = await waitFor('adoption', () => {
      const current = f.services.machine.get(model, id);
      return current.instanceId !== null ? current : undefined;
    });
    assert.equal(m.instanceId, 'half-1');
    assert.equal(m.nonce, 'machine-0:before-crash');
    assert.equal(cloud.starts, 0, 'no second instance');
  });

  it('stops an instance still pending after the grace and provisions the machine anew', async () => {
    const model = f.services.model.create({ name: 'pending-abandoned', owner: 'admin', cloud: 'local' }).uuid;
    const id = f.services.machine.add(model).id;
    const cloud = new SlowCloud(root);
    cloud.pending('half-2', model); // its creator died before writing agent.conf
    start(cloud, 200);
    const m = await waitFor('a new instance', () => {
      const current = f.services.machine.get(model, id);
      return current.instanceId !== null ? current : undefined;
    });
    assert.deepEqual(cloud.stopped, ['half-2']);
    assert.equal(m.instanceId, 'new-1');
    assert.deepEqual([...cloud.instances.keys()], ['new-1']);
  });
});
