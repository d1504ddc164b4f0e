/**
 * The provisioner: a controller worker that gives every machine of every
 * live model a cloud instance and takes instances away from machines that
 * are going.
 *
 * - An alive machine without an instance gets a nonce (`machine-0:<uuid>`)
 *   and an initial agent password; the provider starts an instance with the
 *   machine agent's agent.conf written into it; instance id, nonce,
 *   hardware, addresses and hostname are recorded and the instance status
 *   becomes `running`. A failure sets `provisioning error` and is retried
 *   with back-off. Up to `num-provision-workers` machines per model are
 *   provisioned at once.
 * - A dying or dead machine with no units has its instance stopped and is
 *   removed. A dying machine whose agent is up gets a grace period to set
 *   itself dead first.
 * - On start it reconciles with the provider, so a controller restart never
 *   provisions a machine twice: an instance started for a machine that was
 *   not recorded is adopted (its agent.conf names machine and nonce), one
 *   for a machine that is gone is stopped, and truly unknown instances are
 *   stopped only when `provisioner-harvest-mode` allows it. Instances the
 *   previous process was still starting are waited for first (up to
 *   `pendingGraceMs`); one still half-made after that is stopped.
 *
 * It wakes on every state change (ChangeHub), on its own timers, and every
 * `sweepMs` in any case.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readAgentConf, type AgentConf } from '../../agent/agent-conf.js';
import { errorMessage, ErrorCode, isJujuError } from '../../core/errors.js';
import { controllerTag, modelTag } from '../../core/names.js';
import { JUJU_VERSION } from '../../core/version.js';
import type { ControllerServices } from '../../domain/index.js';
import { Life } from '../../domain/common/life.js';
import { newAgentPassword } from '../../domain/machine/password.js';
import { InstanceStatus, MachineJob, type Machine } from '../../domain/machine/types.js';
import type { Instance } from '../../providers/types.js';
import type { ChangeHub } from '../events/change-hub.js';
import { instanceDirs, type MachineAgentPlan } from './agent-plan.js';
import type { InstanceBroker } from './instance-broker.js';

export type ProvisionerLog = (level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', message: string) => void;

export interface ProvisionerOptions {
  readonly services: ControllerServices;
  readonly hub: ChangeHub;
  readonly broker: InstanceBroker;
  /** Tag of the controller machine this provisioner runs on (nonce prefix), e.g. `machine-0`. */
  readonly hostTag: string;
  /** Provider type recorded in agent.conf (`PROVIDER_TYPE`). */
  readonly providerType: string;
  /** What runs the machine agent: node and `dist/src/cmd/jujud.js`. */
  readonly nodePath: string;
  readonly jujudPath: string;
  readonly log: ProvisionerLog;
  /** Back-off after a failed start. Default 5 s doubling to 5 min. */
  readonly retry?: { readonly initialMs: number; readonly maxMs: number };
  /** How long a dying machine with a running agent may take to set itself dead. Default 30 s. */
  readonly dyingGraceMs?: number;
  /** Look at everything at least this often. Default 30 s. */
  readonly sweepMs?: number;
  /**
   * After a restart, how long to wait for instances a previous controller process was still
   * starting before stopping them as abandoned. Default 20 s.
   */
  readonly pendingGraceMs?: number;
}

interface Retry {
  attempts: number;
  nextAt: number;
}

const DEFAULT_WORKERS = 16;
const MIN_PASS_GAP_MS = 50;

/** Juju's arch name for this host. */
function hostArch(): string {
  const names: Readonly<Record<string, string>> = { x64: 'amd64', ia32: 'i386' };
  return names[process.arch] ?? process.arch;
}

function key(modelUuid: string, id: string): string {
  return `${modelUuid}/${id}`;
}

export class Provisioner {
  private readonly inflight = new Map<string, { modelUuid: string; work: Promise<void> }>();
  private readonly retries = new Map<string, Retry>();
  private readonly dyingSince = new Map<string, number>();
  private kick: () => void = () => undefined;
  private readonly retry: { initialMs: number; maxMs: number };
  private readonly dyingGraceMs: number;
  private readonly sweepMs: number;
  private readonly pendingGraceMs: number;

  constructor(private readonly opts: ProvisionerOptions) {
    this.retry = { initialMs: opts.retry?.initialMs ?? 5000, maxMs: opts.retry?.maxMs ?? 300_000 };
    this.dyingGraceMs = opts.dyingGraceMs ?? 30_000;
    this.sweepMs = opts.sweepMs ?? 30_000;
    this.pendingGraceMs = opts.pendingGraceMs ?? 20_000;
  }

  /** The worker body: runs until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    await this.reconcileInstances();
    let seen = this.opts.hub.current();
    while (!signal.aborted) {
      let nextDue = Date.now() + this.sweepMs;
      try {
        nextDue = Math.min(nextDue, this.pass());
      } catch (err) {
        this.opts.log('ERROR', `provisioning pass: ${errorMessage(err)}`);
      }
      const wait = new AbortController();
      const stopWaiting = (): void => wait.abort();
      signal.addEventListener('abort', stopWaiting, { once: true });
      await Promise.race([
        this.opts.hub.waitBeyond(seen, wait.signal).catch(() => undefined),
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, nextDue - Date.now()));
          wait.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        }),
        new Promise<void>((resolve) => (this.kick = resolve)),
      ]);
      wait.abort();
      signal.removeEventListener('abort', stopWaiting);
      // Busy models commit often (status, logs): look at most every MIN_PASS_GAP_MS.
      await new Promise<void>((resolve) => setTimeout(resolve, MIN_PASS_GAP_MS));
      seen = this.opts.hub.current();
    }
    await Promise.allSettled([...this.inflight.values()].map((f) => f.work));
  }

  /** One look at every live model; starts work and returns when the next timer is due. */
  private pass(): number {
    const { services } = this.opts;
    const now = Date.now();
    let nextDue = Number.POSITIVE_INFINITY;
    const present = new Set<string>();
    for (const model of services.model.list()) {
      if (model.life !== Life.Alive) continue; // model teardown releases the machines of dying models
      const workers = this.provisionWorkers(model.uuid);
      // Only machines with work to do: a running fleet costs nothing per pass.
      for (const m of services.machine.awaitingProvisioner(model.uuid)) {
        if (m.jobs.includes(MachineJob.ManageModel)) continue;
        const k = key(model.uuid, m.id);
        present.add(k);
        if (this.inflight.has(k)) continue;
        if (m.life === Life.Alive) {
          if (m.instanceId !== null) {
            this.retries.delete(k);
            continue;
          }
          const retry = this.retries.get(k);
          if (retry && retry.nextAt > now) {
            nextDue = Math.min(nextDue, retry.nextAt);
            continue;
          }
          if (this.inflightIn(model.uuid) >= workers) continue;
          this.launch(k, model.uuid, () => this.provision(model.uuid, m.id));
          continue;
        }
        if (services.application.unitsOnMachine(model.uuid, m.id).length > 0) continue;
        if (m.life === Life.Dying && m.instanceId !== null && m.agentStatus.status === 'started') {
          const since = this.dyingSince.get(k) ?? now;
          this.dyingSince.set(k, since);
          if (now - since < this.dyingGraceMs) {
            nextDue = Math.min(nextDue, since + this.dyingGraceMs);
            continue;
          }
        }
        this.launch(k, model.uuid, () => this.release(model.uuid, m));
      }
    }
    for (const k of [...this.retries.keys(), ...this.dyingSince.keys()]) {
      if (!present.has(k)) {
        this.retries.delete(k);
        this.dyingSince.delete(k);
      }
    }
    return nextDue;
  }

  private provisionWorkers(modelUuid: string): number {
    try {
      const n = this.opts.services.modelConfig.values(modelUuid)['num-provision-workers'];
      return typeof n === 'number' && n > 0 ? n : DEFAULT_WORKERS;
    } catch {
      return DEFAULT_WORKERS;
    }
  }

  private inflightIn(modelUuid: string): number {
    let n = 0;
    for (const f of this.inflight.values()) if (f.modelUuid === modelUuid) n++;
    return n;
  }

  private launch(k: string, modelUuid: string, fn: () => Promise<void>): void {
    const work = fn()
      .catch((err: unknown) => this.opts.log('ERROR', errorMessage(err)))
      .finally(() => {
        this.inflight.delete(k);
        this.kick();
      });
    this.inflight.set(k, { modelUuid, work });
  }

  /** Starts an instance for machine `id` and records it. */
  private async provision(modelUuid: string, id: string): Promise<void> {
    const { services, broker, log } = this.opts;
    const k = key(modelUuid, id);
    const m = services.machine.get(modelUuid, id);
    if (m.life !== Life.Alive || m.instanceId !== null) return;
    const nonce = `${this.opts.hostTag}:${randomUUID()}`;
    const password = newAgentPassword();
    services.atomically(() => {
      services.machine.setPassword(modelUuid, id, password);
      services.machine.setInstanceStatus(modelUuid, id, { status: InstanceStatus.Allocating });
    });
    log('INFO', `starting instance for machine ${id} of model ${modelUuid}`);
    let instance: Instance;
    try {
      instance = await broker.startInstance(modelUuid, this.plan(modelUuid, m, nonce, password));
    } catch (err) {
      this.failed(k, modelUuid, id, `cannot start instance for machine "${id}": ${errorMessage(err)}`);
      return;
    }
    try {
      this.record(modelUuid, id, instance, nonce);
    } catch (err) {
      // The machine went away (or was provisioned by someone else) meanwhile: don't leak the instance.
      log(
        'WARNING',
        `machine ${id} changed while its instance ${instance.id} started (${errorMessage(err)}); stopping the instance`,
      );
      await broker
        .stopInstances([instance.id])
        .catch((e: unknown) => log('ERROR', `stopping instance ${instance.id}: ${errorMessage(e)}`));
      return;
    }
    this.retries.delete(k);
    log('INFO', `started machine ${id} as instance ${instance.id} (${instance.addresses.join(', ')})`);
  }

  private failed(k: string, modelUuid: string, id: string, message: string): void {
    const attempts = (this.retries.get(k)?.attempts ?? 0) + 1;
    const delay = Math.min(this.retry.maxMs, this.retry.initialMs * 2 ** (attempts - 1));
    this.retries.set(k, { attempts, nextAt: Date.now() + delay });
    this.opts.log('ERROR', `${message}; retrying in ${Math.round(delay / 1000)}s`);
    try {
      this.opts.services.machine.setInstanceStatus(modelUuid, id, {
        status: InstanceStatus.ProvisioningError,
        info: message,
      });
    } catch {
      // machine gone: nothing to report on
    }
  }

  /** Records a started instance on its machine (all or nothing). */
  private record(modelUuid: string, id: string, instance: Instance, nonce: string): void {
    const { services } = this.opts;
    services.atomically(() => {
      services.machine.setProvisioned(modelUuid, id, {
        instanceId: instance.id,
        nonce,
        hardware: { arch: hostArch() },
      });
      services.machine.setAddresses(
        modelUuid,
        id,
        instance.addresses.map((value) => ({ value, type: 'ipv4', scope: 'local-cloud' })),
      );
      if (instance.hostname !== '') services.machine.setHostname(modelUuid, id, instance.hostname);
      services.machine.setInstanceStatus(modelUuid, id, { status: InstanceStatus.Running });
    });
  }

  private plan(modelUuid: string, m: Machine, nonce: string, password: string): MachineAgentPlan {
    const { services } = this.opts;
    const info = services.controller.info();
    const conf: Omit<AgentConf, 'datadir' | 'logdir'> = {
      tag: `machine-${m.id}`,
      nonce,
      jobs: m.jobs.length > 0 ? [...m.jobs] : [MachineJob.HostUnits],
      upgradedToVersion: JUJU_VERSION,
      cacert: info.caCert,
      controller: controllerTag(info.uuid),
      model: modelTag(modelUuid),
      apiaddresses: services.controller.apiAddresses(),
      oldpassword: password,
      values: { AGENT_SERVICE_NAME: `jujud-machine-${m.id}`, PROVIDER_TYPE: this.opts.providerType },
    };
    return { machineId: m.id, conf, nodePath: this.opts.nodePath, jujudPath: this.opts.jujudPath };
  }

  /** Stops a going machine's instance and removes the machine. */
  private async release(modelUuid: string, m: Machine): Promise<void> {
    const { services, broker, log } = this.opts;
    if (m.instanceId !== null) {
      log('INFO', `stopping instance ${m.instanceId} of machine ${m.id} (${m.life})`);
      await broker.stopInstances([m.instanceId]);
    }
    try {
      services.machine.remove(modelUuid, m.id);
    } catch (err) {
      if (!isJujuError(err, ErrorCode.NotFound)) throw err;
    }
    this.dyingSince.delete(key(modelUuid, m.id));
    log('INFO', `removed machine ${m.id} of model ${modelUuid}`);
  }

  /**
   * After a restart: instances the provider has but state does not record.
   * Ones started for a machine that still waits for its instance are adopted;
   * ones whose machine is gone are stopped; unknown ones follow the harvest mode.
   */
  private async reconcileInstances(): Promise<void> {
    const { services, broker, log } = this.opts;
    for (const model of services.model.list()) {
      let instances: Instance[];
      try {
        instances = await broker.allInstances(model.uuid);
      } catch (err) {
        log('WARNING', `cannot list instances of model ${model.uuid}: ${errorMessage(err)}`);
        continue;
      }
      const recorded = new Set(
        services.machine.list(model.uuid).flatMap((m) => (m.instanceId ? [m.instanceId] : [])),
      );
      // A previous controller process may still be finishing instances it started (its environ
      // helper outlives it): judge them once they are up, so they are adopted, not duplicated.
      instances = await this.settled(model.uuid, instances, recorded);
      for (const instance of instances) {
        if (recorded.has(instance.id)) continue;
        try {
          if (instance.status === 'pending') {
            // Still half-made after the grace: its creator died mid-way; it can never serve a machine.
            log('INFO', `stopping instance ${instance.id}: abandoned while it was being started`);
            await broker.stopInstances([instance.id]);
            continue;
          }
          await this.reconcileInstance(model.uuid, instance);
        } catch (err) {
          log('WARNING', `reconciling instance ${instance.id}: ${errorMessage(err)}`);
        }
      }
    }
  }

  /** Lists the model's instances again until none unrecorded is pending, for at most `pendingGraceMs`. */
  private async settled(
    modelUuid: string,
    instances: Instance[],
    recorded: ReadonlySet<string>,
  ): Promise<Instance[]> {
    const deadline = Date.now() + this.pendingGraceMs;
    const unsettled = (list: Instance[]): boolean =>
      list.some((i) => i.status === 'pending' && !recorded.has(i.id));
    while (unsettled(instances) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      instances = await this.opts.broker.allInstances(modelUuid);
    }
    return instances;
  }

  private async reconcileInstance(modelUuid: string, instance: Instance): Promise<void> {
    const { services, broker, log } = this.opts;
    const conf = machineConfIn(instance);
    if (conf === undefined || conf.model !== modelTag(modelUuid)) {
      const configured = services.modelConfig.values(modelUuid)['provisioner-harvest-mode'];
      const mode = typeof configured === 'string' ? configured : 'destroyed';
      if (mode === 'all' || mode === 'unknown') {
        log('INFO', `stopping unknown instance ${instance.id} (harvest mode ${mode})`);
        await broker.stopInstances([instance.id]);
      } else {
        log(
          'WARNING',
          `instance ${instance.id} is not known to model ${modelUuid}; leaving it (harvest mode ${mode})`,
        );
      }
      return;
    }
    const id = conf.tag.slice('machine-'.length);
    let m: Machine | undefined;
    try {
      m = services.machine.get(modelUuid, id);
    } catch {
      m = undefined;
    }
    if (
      m !== undefined &&
      m.life === Life.Alive &&
      m.instanceId === null &&
      instance.status === 'running' &&
      conf.nonce
    ) {
      this.record(modelUuid, id, instance, conf.nonce);
      log('INFO', `adopted instance ${instance.id} for machine ${id}`);
      return;
    }
    log('INFO', `stopping instance ${instance.id}: machine ${id} no longer waits for it`);
    await broker.stopInstances([instance.id]);
  }
}

/** The machine agent.conf inside an instance's data root, if there is exactly one readable. */
function machineConfIn(instance: Instance): AgentConf | undefined {
  const { dataDir } = instanceDirs(instance);
  const agents = join(dataDir, 'agents');
  if (!existsSync(agents)) return undefined;
  try {
    const machines = readdirSync(agents).filter((name) => /^machine-[0-9]+$/.test(name));
    const only = machines.length === 1 ? machines[0] : undefined;
    return only === undefined ? undefined : readAgentConf(join(agents, only, 'agent.conf'));
  } catch {
    return undefined;
  }
}
