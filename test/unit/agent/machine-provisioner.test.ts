/**
 * The provisioner over a real controller database, with a small in-memory
 * cloud standing in for the provider (the Environ contract): machines get
 * instances with their agent.conf written, parallelism follows
 * `num-provision-workers`, failures show as `provisioning error` and are
 * retried, going machines are released only without units, and a restarted
 * provisioner adopts or stops instances it finds instead of starting more.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { parse } from 'yaml';
import { ChangeHub } from '../../../src/controller/events/change-hub.js';
import { machineAgentLauncher, type MachineAgentPlan } from '../../../src/controller/workers/agent-plan.js';
import { DirectBroker } from '../../../src/controller/workers/instance-broker.js';
import { Provisioner } from '../../../src/controller/workers/provisioner.js';
import { JUJU_VERSION } from '../../../src/core/version.js';
import type { AgentCommand, Environ, Instance, StartInstanceParams } from '../../../src/providers/types.js';
import { deployCharm, startAgent } from '../domain/charm-fixtures.js';
import { bootstrappedFixture, type BootstrappedFixture } from '../domain/fixture.js';

/** A cloud in memory: instances are directories under `root`. Counts only starts for `model`. */
class MemoryCloud implements Environ {
  readonly instances = new Map<
    string,
    Instance & { command: AgentCommand; machineId: string; modelUuid: string }
  >();
  readonly stopped: string[] = [];
  starts = 0;
  running = 0;
  maxRunning = 0;
  failures = 0;
  delayMs = 0;
  private next = 1;

  constructor(
    private readonly root: string,
    private readonly model: string,
  ) {}

  async startInstance(p: StartInstanceParams): Promise<Instance> {
    if (p.modelUuid === this.model) this.starts++;
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      if (this.failures > 0) {
        this.failures--;
        throw new Error('no capacity left');
      }
      const n = this.next++;
      const instance: Instance = {
        id: `mem-${n}`,
        addresses: [`10.9.0.${n}`],
        hostname: `mem-${n}`,
        dataRoot: join(this.root, `mem-${n}`),
        status: 'running',
        base: { os: 'debian', channel: '12' },
      };
      const command = p.agent(instance);
      this.instances.set(instance.id, {
        ...instance,
        command,
        machineId: p.machineId,
        modelUuid: p.modelUuid,
      });
      return instance;
    } finally {
      this.running--;
    }
  }

  stopInstances(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (this.instances.delete(id)) this.stopped.push(id);
    }
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

  /** Adds an instance as if an earlier controller had started it. */
  adoptable(id: string, plan?: MachineAgentPlan): Instance {
    const instance: Instance = {
      id,
      addresses: ['10.9.1.1'],
      hostname: id,
      dataRoot: join(this.root, id),
      status: 'running',
      base: { os: 'debian', channel: '12' },
    };
    const command = plan ? machineAgentLauncher(plan)(instance) : { argv: ['true'] };
    this.instances.set(id, { ...instance, command, machineId: plan?.machineId ?? '', modelUuid: this.model });
    return instance;
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

interface Running {
  readonly cloud: MemoryCloud;
  stop(): Promise<void>;
}

describe('provisioner', () => {
  let f: BootstrappedFixture;
  let root: string;
  let model: string;
  let hub: ChangeHub;
  const running: Running[] = [];

  before(() => {
    f = bootstrappedFixture();
    hub = new ChangeHub();
    f.db.onCommit(() => hub.bump());
  });
  after(() => f.close());

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'provisioner-'));
    model = f.services.model.create({
      name: `m${Math.random().toString(36).slice(2, 8)}`,
      owner: 'admin',
      cloud: 'local',
    }).uuid;
  });
  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop();
    rmSync(root, { recursive: true, force: true });
  });

  function start(cloud = new MemoryCloud(root, model), opts: { dyingGraceMs?: number } = {}): Running {
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
      dyingGraceMs: opts.dyingGraceMs ?? 5000,
      sweepMs: 100,
    });
    const abort = new AbortController();
    const done = provisioner.run(abort.signal);
    const r = {
      cloud,
      stop: async () => {
        abort.abort();
        await done;
      },
    };
    running.push(r);
    return r;
  }

  const machine = (id: string) => f.services.machine.get(model, id);

  it('starts an instance with the machine agent installed, and records it', async () => {
    const { cloud } = start();
    const id = f.services.machine.add(model).id;
    const m = await waitFor('the instance', () =>
      machine(id).instanceId !== null ? machine(id) : undefined,
    );
    const inst = cloud.instances.get(m.instanceId ?? '');
    assert.ok(inst);
    assert.equal(m.instanceStatus.status, 'running');
    assert.deepEqual(m.addresses, [{ value: inst.addresses[0], type: 'ipv4', scope: 'local-cloud' }]);
    assert.equal(m.hostname, inst.hostname);
    assert.match(m.nonce, /^machine-0:[0-9a-f-]{36}$/);
    const dataDir = join(inst.dataRoot, 'var/lib/juju');
    assert.deepEqual(inst.command.argv, [
      '/usr/bin/node',
      '/opt/juju/jujud.js',
      'machine',
      '--data-dir',
      dataDir,
      '--machine-id',
      id,
    ]);
    assert.equal(inst.command.restartOnFailure, true);
    const conf = parse(readFileSync(join(dataDir, `agents/machine-${id}/agent.conf`), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(conf.tag, `machine-${id}`);
    assert.equal(conf.nonce, m.nonce);
    assert.deepEqual(conf.jobs, ['JobHostUnits']);
    assert.equal(conf.upgradedToVersion, JUJU_VERSION);
    assert.equal(conf.model, `model-${model}`);
    assert.equal(conf.controller, `controller-${f.boot.controller.uuid}`);
    assert.deepEqual(conf.apiaddresses, ['127.0.0.1:17070']);
    assert.equal(conf.datadir, dataDir);
    assert.equal(conf.logdir, join(inst.dataRoot, 'var/log/juju'));
    assert.deepEqual(conf.values, { AGENT_SERVICE_NAME: `jujud-machine-${id}`, PROVIDER_TYPE: 'local' });
    assert.equal(conf.apipassword, undefined);
    assert.equal(readFileSync(join(dataDir, 'nonce.txt'), 'utf8'), `${m.nonce}\n`);
    assert.ok(existsSync(join(dataDir, 'locks')));
    // The initial password in agent.conf, with the nonce, is what the agent logs in with.
    f.services.machine.authenticate(model, id, conf.oldpassword as string, m.nonce);
    // The controller machine of the controller model already has its instance.
    assert.equal(cloud.starts, 1);
  });

  it('provisions at most num-provision-workers machines of a model at once', async () => {
    f.services.modelConfig.set(model, { 'num-provision-workers': 2 });
    const cloud = new MemoryCloud(root, model);
    cloud.delayMs = 60;
    start(cloud);
    const ids = [1, 2, 3, 4, 5].map(() => f.services.machine.add(model).id);
    await waitFor('every machine', () =>
      ids.every((id) => machine(id).instanceId !== null) ? true : undefined,
    );
    assert.equal(cloud.maxRunning, 2);
    assert.equal(cloud.starts, 5);
  });

  it('reports a failed start as a provisioning error and retries it', async () => {
    const cloud = new MemoryCloud(root, model);
    cloud.failures = 2;
    start(cloud);
    const id = f.services.machine.add(model).id;
    const failed = await waitFor('the error', () =>
      machine(id).instanceStatus.status === 'provisioning error' ? machine(id) : undefined,
    );
    assert.equal(failed.instanceStatus.info, `cannot start instance for machine "${id}": no capacity left`);
    await waitFor('the retry to succeed', () =>
      machine(id).instanceStatus.status === 'running' ? true : undefined,
    );
    assert.equal(cloud.starts, 3);
  });

  it('releases a going machine only once it hosts no units', async () => {
    const { cloud } = start(undefined, { dyingGraceMs: 200 });
    const deployed = deployCharm(
      f.services,
      model,
      'wordpress',
      `wp${Math.random().toString(36).slice(2, 6)}`,
    );
    const unit = deployed.units[0];
    assert.ok(unit?.machineId);
    const id = unit.machineId;
    const instanceId = await waitFor('the instance', () => machine(id).instanceId ?? undefined);
    startAgent(f.services, model, unit.name);
    f.services.machine.setAgentStatus(model, id, { status: 'started' });
    f.services.application.destroyUnit(model, unit.name);
    f.services.machine.destroy(model, id);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(machine(id).life, 'dying');
    assert.ok(cloud.instances.has(instanceId), 'kept while a unit remains');

    // The unit goes; the agent is up, so it gets the grace period to set the machine dead.
    f.services.application.ensureUnitDead(model, unit.name);
    const removedAt = Date.now();
    f.services.application.removeUnit(model, unit.name);
    await waitFor('the machine to go', () =>
      f.services.machine.list(model).some((m) => m.id === id) ? undefined : true,
    );
    assert.ok(Date.now() - removedAt >= 150, 'waited for the agent first');
    assert.deepEqual(cloud.stopped, [instanceId]);
  });

  it('releases a dead machine at once', async () => {
    const { cloud } = start();
    const id = f.services.machine.add(model).id;
    const instanceId = await waitFor('the instance', () => machine(id).instanceId ?? undefined);
    f.services.machine.setAgentStatus(model, id, { status: 'started' });
    f.services.machine.destroy(model, id);
    f.services.machine.ensureDead(model, id);
    await waitFor(
      'the machine to go',
      () => (f.services.machine.list(model).length === 0 ? true : undefined),
      1000,
    );
    assert.deepEqual(cloud.stopped, [instanceId]);
  });

  it('after a restart adopts its own instances and stops those of gone machines', async () => {
    const cloud = new MemoryCloud(root, model);
    const waiting = f.services.machine.add(model).id;
    const password = 'p'.repeat(24);
    f.services.machine.setPassword(model, waiting, password);
    const info = f.services.controller.info();
    const plan = (machineId: string, nonce: string): MachineAgentPlan => ({
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
    });
    cloud.adoptable('old-1', plan(waiting, 'machine-0:earlier'));
    cloud.adoptable('old-2', plan('42', 'machine-0:gone'));
    cloud.adoptable('stranger');
    start(cloud);
    const m = await waitFor('adoption', () =>
      machine(waiting).instanceId !== null ? machine(waiting) : undefined,
    );
    assert.equal(m.instanceId, 'old-1');
    assert.equal(m.nonce, 'machine-0:earlier');
    assert.equal(m.instanceStatus.status, 'running');
    await waitFor('the orphan to be stopped', () => (cloud.stopped.includes('old-2') ? true : undefined));
    assert.equal(cloud.starts, 0, 'nothing started twice');
    assert.ok(cloud.instances.has('stranger'), 'unknown instances stay with the default harvest mode');
    f.services.machine.authenticate(model, waiting, password, 'machine-0:earlier');
  });
});
