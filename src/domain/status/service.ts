/**
 * Status reads: the full status of a model from one consistent snapshot, and
 * the status history (reading, recording, pruning).
 */
import type { Application, Unit } from '../application/types.js';
import type { Charm } from '../charm/types.js';
import { timestamp, type Clock } from '../common/clock.js';
import type { Lease } from '../leadership/types.js';
import type { Machine, MachineAddress } from '../machine/types.js';
import type { Model } from '../model/types.js';
import type { Relation } from '../relation/types.js';
import { comparePortRanges, formatPortRange } from '../unitstate/ports.js';
import type { UnitPortRange } from '../unitstate/types.js';
import { modelNotFound } from './errors.js';
import { applicationsStatus, relationsStatus } from './applications.js';
import type {
  FullStatusData,
  MachineStatusData,
  ModelHistoryPruneResult,
  PruneHistoryParams,
  RecordStatusParams,
  StatusHistoryEntry,
  StatusHistoryParams,
  StatusHistorySize,
} from './types.js';

/** The rows one status read needs, all from one read transaction. */
export interface StatusSnapshot {
  readonly model: Model;
  readonly machines: readonly Machine[];
  readonly applications: readonly Application[];
  /** Every unit of the model (principals and subordinates). */
  readonly units: readonly Unit[];
  /** Charms used by the applications, by URL. */
  readonly charms: ReadonlyMap<string, Charm>;
  readonly relations: readonly Relation[];
  /** Leases, live or lapsed (the service compares with its clock). */
  readonly leases: readonly Lease[];
  readonly ports: readonly UnitPortRange[];
}

/** Persistence the status service needs. */
export interface StatusState {
  /** Reads everything for a model's status in one transaction; undefined if no model. */
  snapshot(modelUuid: string): StatusSnapshot | undefined;
  history(modelUuid: string, params: StatusHistoryParams): StatusHistoryEntry[];
  recordHistory(params: Required<RecordStatusParams> & { readonly at: string }): void;
  /** Deletes entries older than `before` (ISO); returns how many. */
  pruneOlderThan(before: string): number;
  /** Keeps the newest `keep` entries of every model; returns how many were deleted. */
  pruneToSize(keep: number): number;
  /** Deletes one model's entries older than `before` (ISO), `batch` rows per transaction. */
  pruneModelOlderThan(modelUuid: string, before: string, batch: number): number;
  /** Deletes the history of units, applications and machines of the model that no longer exist. */
  pruneOrphans(modelUuid: string): number;
  /** Row count and estimated bytes of the whole history (average taken over the newest `sample` rows). */
  historySize(sample: number): StatusHistorySize;
  /** Deletes about the `count` oldest entries of all models, `batch` rows per transaction. */
  pruneOldest(count: number, batch: number): number;
}

/** Rows deleted per transaction, so pruning never holds the write lock for long. */
const PRUNE_BATCH = 1000;
/** Newest rows sampled for the average row size. */
const SIZE_SAMPLE = 1000;
const MIB = 1024 * 1024;

const SCOPE_ORDER = ['public', 'local-cloud', '', 'local-machine', 'link-local'];

/** The address `juju status` shows first: public, then cloud-local, then anything. */
export function preferredAddress(addresses: readonly MachineAddress[]): string {
  const ranked = [...addresses].sort((a, b) => {
    const ra = SCOPE_ORDER.indexOf(a.scope);
    const rb = SCOPE_ORDER.indexOf(b.scope);
    return (ra < 0 ? SCOPE_ORDER.length : ra) - (rb < 0 ? SCOPE_ORDER.length : rb);
  });
  return ranked[0]?.value ?? '';
}

function machineData(m: Machine, containers: MachineStatusData[]): MachineStatusData {
  return {
    id: m.id,
    life: m.life,
    instanceId: m.instanceId,
    hostname: m.hostname,
    base: m.base,
    jobs: m.jobs,
    addresses: m.addresses,
    dnsName: preferredAddress(m.addresses),
    hardware: m.hardware,
    constraints: m.constraints,
    agentStatus: m.agentStatus,
    instanceStatus: m.instanceStatus,
    agentVersion: m.agentVersion,
    containers,
  };
}

/** Nests containers (`0/lxd/1`) under their host machine (`0`). */
function nestMachines(machines: readonly Machine[]): MachineStatusData[] {
  const children = new Map<string, Machine[]>();
  const roots: Machine[] = [];
  for (const m of machines) {
    const slash = m.id.lastIndexOf('/');
    if (slash < 0) {
      roots.push(m);
      continue;
    }
    const parent = m.id.split('/').slice(0, -2).join('/');
    const list = children.get(parent) ?? [];
    list.push(m);
    children.set(parent, list);
  }
  const build = (m: Machine): MachineStatusData => machineData(m, (children.get(m.id) ?? []).map(build));
  return roots.map(build);
}

/** Read model for status and the status history. */
export class StatusService {
  constructor(
    private readonly state: StatusState,
    private readonly clock: Clock,
  ) {}

  /**
   * Everything `juju status` shows for a model, read from one snapshot.
   * @throws `model not found`.
   */
  fullStatus(modelUuid: string): FullStatusData {
    const snap = this.state.snapshot(modelUuid);
    if (snap === undefined) throw modelNotFound(modelUuid);
    const m = snap.model;
    const now = timestamp(this.clock);
    const machines = nestMachines(snap.machines);
    const addresses = new Map(snap.machines.map((x) => [x.id, preferredAddress(x.addresses)]));
    const leaders = new Map(snap.leases.filter((l) => l.expiry > now).map((l) => [l.application, l.holder]));
    const ports = new Map<string, string[]>();
    for (const p of [...snap.ports].sort(comparePortRanges)) {
      const list = ports.get(p.unit) ?? [];
      const text = formatPortRange(p);
      if (!list.includes(text)) list.push(text);
      ports.set(p.unit, list);
    }
    return {
      model: {
        uuid: m.uuid,
        name: m.name,
        owner: m.owner,
        type: m.type,
        cloud: m.cloud,
        cloudRegion: m.cloudRegion,
        version: m.agentVersion,
        life: m.life,
        status: m.status,
        isControllerModel: m.isControllerModel,
      },
      machines,
      applications: applicationsStatus({
        applications: snap.applications,
        units: snap.units,
        charms: snap.charms,
        relations: snap.relations,
        leaders,
        ports,
        addresses,
      }),
      remoteApplications: [],
      offers: [],
      relations: relationsStatus(snap.relations, snap.applications),
      controllerTimestamp: now,
    };
  }

  /** The latest entries of one entity's history, oldest first. */
  history(modelUuid: string, params: StatusHistoryParams): StatusHistoryEntry[] {
    return this.state.history(modelUuid, params);
  }

  /** Appends a status change to the history (for entities without their own table yet). */
  recordHistory(params: RecordStatusParams): void {
    this.state.recordHistory({
      modelUuid: params.modelUuid,
      entityKind: params.entityKind,
      entityId: params.entityId,
      status: params.status,
      info: params.info ?? '',
      data: params.data ?? {},
      at: timestamp(this.clock),
    });
  }

  /**
   * Bounds the history: drops entries older than `maxAgeMs`, then keeps at
   * most `maxEntriesPerModel` per model. Returns how many were removed.
   */
  pruneHistory(params: PruneHistoryParams): number {
    let removed = 0;
    if (params.maxAgeMs !== undefined) {
      removed += this.state.pruneOlderThan(
        new Date(this.clock.now().getTime() - params.maxAgeMs).toISOString(),
      );
    }
    if (params.maxEntriesPerModel !== undefined)
      removed += this.state.pruneToSize(Math.max(0, params.maxEntriesPerModel));
    return removed;
  }
  /**
   * One model's part of Juju's status-history pruning: entries older than
   * `maxAgeMs` (0 keeps them all) and the history of units, applications
   * and machines that were removed.
   */
  pruneModelHistory(modelUuid: string, maxAgeMs: number): ModelHistoryPruneResult {
    const expired =
      maxAgeMs > 0
        ? this.state.pruneModelOlderThan(
            modelUuid,
            new Date(this.clock.now().getTime() - maxAgeMs).toISOString(),
            PRUNE_BATCH,
          )
        : 0;
    return { expired, orphaned: this.state.pruneOrphans(modelUuid) };
  }

  /** Row count and estimated size of the whole status history. */
  historySize(): StatusHistorySize {
    return this.state.historySize(SIZE_SAMPLE);
  }

  /**
   * The controller-wide size bound: when the history is estimated to take
   * more than `maxMiB` MiB, the oldest entries of any model go until it fits
   * (0 means no bound). Returns how many were removed.
   */
  pruneHistoryToSize(maxMiB: number): number {
    if (maxMiB <= 0) return 0;
    const size = this.state.historySize(SIZE_SAMPLE);
    const limit = maxMiB * MIB;
    if (size.bytes <= limit || size.rows === 0) return 0;
    const perRow = size.bytes / size.rows;
    const excess = Math.ceil((size.bytes - limit) / perRow);
    return this.state.pruneOldest(Math.min(size.rows, excess), PRUNE_BATCH);
  }
}
