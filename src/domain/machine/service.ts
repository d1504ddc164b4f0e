/**
 * Machines of a model: creation with per-model ids, provisioning data,
 * addresses, agent and instance status (with history), agent passwords and
 * the alive -> dying -> dead -> removed life cycle.
 */
import { ErrorCode, JujuError, unauthorized } from '../../core/errors.js';
import { notAtomic, type Atomically } from '../common/atomic.js';
import { timestamp, type Clock } from '../common/clock.js';
import { Life, type LifeValue } from '../common/life.js';
import {
  agentPasswordTooShort,
  instanceAlreadySet,
  invalidStatus,
  machineNotAlive,
  machineNotFound,
  machineRequiredByModel,
  machineStillAlive,
  modelNotAlive,
  unknownJob,
} from './errors.js';
import { MIN_AGENT_PASSWORD_LENGTH, agentPasswordHash, agentPasswordMatches } from './password.js';
import {
  InstanceStatus,
  MachineAgentStatus,
  MachineJob,
  type AddMachineParams,
  type HardwareCharacteristics,
  type InsertMachineArgs,
  type Machine,
  type MachineAddress,
  type MachineStatusArgs,
  type ProvisionedParams,
  type SetStatusParams,
  type StatusInfo,
} from './types.js';

/** Persistence the machine service needs. */
export interface MachineState {
  /** Life of the model, or undefined when it does not exist. */
  modelLife(modelUuid: string): LifeValue | undefined;
  /** Inserts a machine with the next id of the model and records its first statuses; returns the id. */
  insertMachine(args: InsertMachineArgs): string;
  machine(modelUuid: string, id: string): Machine | undefined;
  /** Machines of a model ordered by id (numerically). */
  machines(modelUuid: string): Machine[];
  /** Machines without an instance or no longer alive, in id order. */
  machinesAwaitingProvisioner(modelUuid: string): Machine[];
  passwordHash(modelUuid: string, id: string): string | undefined;
  /** Sets instance id, nonce and hardware only if no instance id is set; false otherwise. */
  setInstance(
    modelUuid: string,
    id: string,
    instanceId: string,
    nonce: string,
    hardware: HardwareCharacteristics,
  ): boolean;
  setAddresses(modelUuid: string, id: string, addresses: readonly MachineAddress[]): void;
  setHostname(modelUuid: string, id: string, hostname: string): void;
  setAgentVersion(modelUuid: string, id: string, version: string): void;
  /** Sets the current status and appends it to the history. */
  setStatus(args: MachineStatusArgs): void;
  setPasswordHash(modelUuid: string, id: string, hash: string): void;
  setLife(modelUuid: string, id: string, life: LifeValue): void;
  deleteMachine(modelUuid: string, id: string): void;
}

const AGENT_STATUSES: ReadonlySet<string> = new Set(Object.values(MachineAgentStatus));
const INSTANCE_STATUSES: ReadonlySet<string> = new Set(Object.values(InstanceStatus));
const JOBS: ReadonlySet<string> = new Set(Object.values(MachineJob));

/** Business rules for machines. */
export class MachineService {
  constructor(
    private readonly state: MachineState,
    private readonly clock: Clock,
    private readonly atomically: Atomically = notAtomic,
  ) {}

  /**
   * Adds a machine to an alive model. Ids are the model's next number
   * (0, 1, 2...). Jobs default to JobHostUnits; both statuses start `pending`.
   * @throws `model not found`; `not valid` model is no longer alive / bad job.
   */
  add(modelUuid: string, params: AddMachineParams = {}): Machine {
    return this.atomically(() => this.addNow(modelUuid, params));
  }

  private addNow(modelUuid: string, params: AddMachineParams): Machine {
    const life = this.state.modelLife(modelUuid);
    if (life === undefined)
      throw new JujuError(ErrorCode.ModelNotFound, `model ${JSON.stringify(modelUuid)} not found`);
    if (life !== Life.Alive) throw modelNotAlive();
    const jobs =
      params.jobs === undefined || params.jobs.length === 0
        ? [MachineJob.HostUnits]
        : [...new Set(params.jobs)];
    for (const job of jobs) if (!JOBS.has(job)) throw unknownJob(job);
    const now = timestamp(this.clock);
    const pending = (status: string): StatusInfo => ({ status, info: '', data: {}, since: now });
    const provisioned = params.instanceId !== undefined && params.instanceId !== '';
    const id = this.state.insertMachine({
      modelUuid,
      life: Life.Alive,
      base: params.base ?? null,
      jobs,
      nonce: params.nonce ?? '',
      instanceId: provisioned ? (params.instanceId ?? null) : null,
      hardware: params.hardware ?? {},
      hostname: params.hostname ?? '',
      addresses: params.addresses ?? [],
      constraints: params.constraints ?? {},
      placement: params.placement ?? '',
      agentStatus: pending(MachineAgentStatus.Pending),
      instanceStatus: pending(provisioned ? InstanceStatus.Running : InstanceStatus.Pending),
      createdAt: now,
    });
    return this.get(modelUuid, id);
  }

  /** A machine. @throws `not found` `machine 3 not found`. */
  get(modelUuid: string, id: string): Machine {
    const m = this.state.machine(modelUuid, id);
    if (m === undefined) throw machineNotFound(id);
    return m;
  }

  /** Machines of the model, by id. */
  list(modelUuid: string): Machine[] {
    return this.state.machines(modelUuid);
  }

  /**
   * The machines the provisioner has work for: alive ones without an
   * instance, and dying or dead ones. Read on every state change, so it must
   * not scale with the machines already running.
   */
  awaitingProvisioner(modelUuid: string): Machine[] {
    return this.state.machinesAwaitingProvisioner(modelUuid);
  }

  /**
   * Records the provider instance that now backs the machine.
   * @throws `already exists` when an instance id is already recorded.
   */
  setProvisioned(modelUuid: string, id: string, params: ProvisionedParams): Machine {
    const m = this.get(modelUuid, id);
    if (m.life === Life.Dead) throw machineNotAlive(id);
    if (!this.state.setInstance(modelUuid, id, params.instanceId, params.nonce, params.hardware ?? {})) {
      throw instanceAlreadySet(id);
    }
    return this.get(modelUuid, id);
  }

  /** Replaces the machine's addresses. */
  setAddresses(modelUuid: string, id: string, addresses: readonly MachineAddress[]): void {
    this.get(modelUuid, id);
    this.state.setAddresses(modelUuid, id, addresses);
  }

  /** Records the hostname the agent reported. */
  setHostname(modelUuid: string, id: string, hostname: string): void {
    this.get(modelUuid, id);
    this.state.setHostname(modelUuid, id, hostname);
  }

  /** Records the version of the running machine agent. */
  setAgentVersion(modelUuid: string, id: string, version: string): void {
    this.get(modelUuid, id);
    this.state.setAgentVersion(modelUuid, id, version);
  }

  /** Sets the machine agent status (pending, started, stopped, error, down). */
  setAgentStatus(modelUuid: string, id: string, params: SetStatusParams): void {
    if (!AGENT_STATUSES.has(params.status)) throw invalidStatus('agent', params.status);
    this.setStatus(modelUuid, id, 'agent', params);
  }

  /** Sets the instance status (pending, allocating, running, provisioning error, unknown). */
  setInstanceStatus(modelUuid: string, id: string, params: SetStatusParams): void {
    if (!INSTANCE_STATUSES.has(params.status)) throw invalidStatus('instance', params.status);
    this.setStatus(modelUuid, id, 'instance', params);
  }

  /**
   * Sets the agent's password (stored hashed).
   * @throws `not valid` when shorter than 18 characters.
   */
  setPassword(modelUuid: string, id: string, password: string): void {
    if (password.length < MIN_AGENT_PASSWORD_LENGTH) throw agentPasswordTooShort(password.length);
    this.get(modelUuid, id);
    this.state.setPasswordHash(modelUuid, id, agentPasswordHash(password));
  }

  /**
   * Checks a machine agent's login. With a nonce, the machine must have been
   * provisioned with that nonce.
   * @throws `unauthorized access` invalid entity name or password;
   *   `not provisioned` `machine 1 not provisioned`.
   */
  authenticate(modelUuid: string, id: string, password: string, nonce?: string): Machine {
    const m = this.state.machine(modelUuid, id);
    const hash = this.state.passwordHash(modelUuid, id);
    if (
      m === undefined ||
      hash === undefined ||
      m.life === Life.Dead ||
      !agentPasswordMatches(password, hash)
    ) {
      throw unauthorized('invalid entity name or password');
    }
    if (nonce !== undefined && (m.instanceId === null || m.nonce !== nonce)) {
      throw new JujuError(ErrorCode.NotProvisioned, `machine ${id} not provisioned`);
    }
    return m;
  }

  /**
   * Starts removing a machine: it becomes dying (idempotent). Controller
   * machines (JobManageModel) are refused.
   */
  destroy(modelUuid: string, id: string): Machine {
    return this.atomically(() => {
      const m = this.get(modelUuid, id);
      if (m.jobs.includes(MachineJob.ManageModel)) throw machineRequiredByModel(id);
      if (m.life === Life.Alive) this.state.setLife(modelUuid, id, Life.Dying);
      return this.get(modelUuid, id);
    });
  }

  /** Marks a machine dead (its agent has stopped using it). */
  ensureDead(modelUuid: string, id: string): void {
    const m = this.get(modelUuid, id);
    if (m.life !== Life.Dead) this.state.setLife(modelUuid, id, Life.Dead);
  }

  /**
   * Removes a dying or dead machine for good (after its instance was stopped).
   * @throws `not valid` while it is still alive.
   */
  remove(modelUuid: string, id: string): void {
    this.atomically(() => {
      const m = this.get(modelUuid, id);
      if (m.life === Life.Alive) throw machineStillAlive(id);
      this.state.deleteMachine(modelUuid, id);
    });
  }

  private setStatus(
    modelUuid: string,
    id: string,
    which: 'agent' | 'instance',
    params: SetStatusParams,
  ): void {
    this.get(modelUuid, id);
    this.state.setStatus({
      modelUuid,
      id,
      which,
      status: {
        status: params.status,
        info: params.info ?? '',
        data: { ...(params.data ?? {}) },
        since: timestamp(this.clock),
      },
    });
  }
}
