/**
 * Charm storage: the instances (`data/0`, numbered model-wide) a unit gets
 * from its application's directives when it is created, storage added later
 * (`juju add-storage`, `storage-add`), attachment life (alive while the unit
 * uses it, dying when the unit goes so the agent runs `-storage-detaching`)
 * and what happens to an instance when its last attachment goes: removed
 * when it was to be destroyed, otherwise kept as `detached`.
 */
import { notFound } from '../../core/errors.js';
import { notAtomic, type Atomically } from '../common/atomic.js';
import { timestamp, type Clock } from '../common/clock.js';
import { Life } from '../common/life.js';
import type { Charm } from '../charm/types.js';
import {
  charmStorageNotFound,
  countOutOfRange,
  invalidStorageId,
  poolKindMismatch,
  poolNotFound,
  poolNotSupported,
  sizeTooSmall,
  storageNotFound,
  unitNotAlive,
} from './errors.js';
import { charmStorageSpecs, defaultPool, plannedLocation, poolsFor } from './pools.js';
import {
  StorageStatus,
  type CharmStorageSpec,
  type HookStorageAdd,
  type InsertAttachmentArgs,
  type InsertStorageArgs,
  type ResolvedDirective,
  type StorageAttachment,
  type StorageDirective,
  type StorageInstance,
  type StoragePool,
  type StorageStatusValue,
  type UnitStorageAttachment,
} from './types.js';

/** Default size of a new instance when neither the directive nor the charm gives one (MiB). */
export const DEFAULT_STORAGE_SIZE_MIB = 1024;

/** A change to an instance row. */
export interface StorageInstanceUpdate {
  readonly life?: string;
  readonly owner?: string;
  readonly status?: { readonly status: StorageStatusValue; readonly info: string; readonly since: string };
}

/** Persistence the storage service needs. */
export interface StorageState {
  /** Takes the model's next storage number. */
  nextNumber(modelUuid: string): number;
  insertInstance(args: InsertStorageArgs): void;
  insertAttachment(args: InsertAttachmentArgs): void;
  instance(modelUuid: string, id: string): StorageInstance | undefined;
  /** Every instance of the model, by name then number. */
  instances(modelUuid: string): StorageInstance[];
  unitAttachments(modelUuid: string, unit: string): StorageAttachment[];
  /** Instances owned by the unit. */
  ownedBy(modelUuid: string, unit: string): string[];
  updateInstance(modelUuid: string, id: string, update: StorageInstanceUpdate): void;
  updateAttachment(
    modelUuid: string,
    id: string,
    unit: string,
    update: { readonly life?: string; readonly location?: string },
  ): void;
  deleteAttachment(modelUuid: string, id: string, unit: string): void;
  deleteInstance(modelUuid: string, id: string): void;
  directives(modelUuid: string, application: string): ResolvedDirective[];
  replaceDirectives(modelUuid: string, application: string, directives: readonly ResolvedDirective[]): void;
}

/** What the service needs to know about a unit. */
export interface StorageUnitInfo {
  readonly application: string;
  readonly life: string;
}

/** Collaborators of {@link StorageService}, resolved lazily (the application service calls this one). */
export interface StorageDeps {
  /** Cloud type of the model (`local`, ...); decides the pools. */
  readonly cloudType?: (modelUuid: string) => string;
  /** The charm an application runs. */
  readonly charm: (modelUuid: string, application: string) => Charm;
  /** The unit, or undefined when it does not exist. */
  readonly unit: (modelUuid: string, unit: string) => StorageUnitInfo | undefined;
}

const ID_PATTERN = /^([a-z][a-z0-9-]*)\/(\d+)$/;

/** Splits `data/0`. @throws `not valid` `invalid storage ID "x"`. */
export function parseStorageId(id: string): { name: string; number: number } {
  const m = ID_PATTERN.exec(id);
  if (m === null) throw invalidStorageId(id);
  return { name: m[1] ?? '', number: Number(m[2]) };
}

/** Business rules for charm storage. */
export class StorageService {
  constructor(
    private readonly state: StorageState,
    private readonly clock: Clock,
    private readonly atomically: Atomically = notAtomic,
    private readonly deps: StorageDeps,
  ) {}

  /** Pools the model's cloud offers. */
  pools(modelUuid: string): StoragePool[] {
    return poolsFor(this.cloudType(modelUuid));
  }

  /**
   * The directives an application's units will get: each given directive
   * checked against the charm's store (count range, minimum size, pool kind
   * and support), missing ones from the charm's minimum count.
   * @throws `not found` unknown store or pool; `not supported` pool on this cloud;
   *   `not valid` count or size.
   */
  resolveDirectives(
    modelUuid: string,
    charm: Charm,
    given: Readonly<Record<string, StorageDirective>>,
  ): ResolvedDirective[] {
    const specs = charmStorageSpecs(charm.metadata);
    for (const name of Object.keys(given))
      if (specs[name] === undefined) throw charmStorageNotFound(name, charm.url);
    return Object.values(specs)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((spec) => {
        const d = given[spec.name];
        const count = d?.count ?? (d !== undefined ? Math.max(1, spec.countMin) : spec.countMin);
        return this.checkDirective(modelUuid, spec, d, count, count);
      });
  }

  /** Records the application's directives (deploy). See {@link resolveDirectives}. */
  setApplicationDirectives(
    modelUuid: string,
    application: string,
    charm: Charm,
    given: Readonly<Record<string, StorageDirective>>,
  ): ResolvedDirective[] {
    return this.atomically(() => {
      const resolved = this.resolveDirectives(modelUuid, charm, given);
      this.state.replaceDirectives(modelUuid, application, resolved);
      return resolved;
    });
  }

  /** The application's stored directives. */
  applicationDirectives(modelUuid: string, application: string): ResolvedDirective[] {
    return this.state.directives(modelUuid, application);
  }

  /**
   * Creates and attaches the storage of a new unit (the application's
   * directives, else the charm's minimums). Returns the new ids.
   */
  createUnitStorage(modelUuid: string, application: string, unit: string, charm: Charm): string[] {
    return this.atomically(() => {
      const specs = charmStorageSpecs(charm.metadata);
      let directives = this.state.directives(modelUuid, application);
      if (directives.length === 0) directives = this.resolveDirectives(modelUuid, charm, {});
      const ids: string[] = [];
      for (const d of directives) {
        const spec = specs[d.name];
        if (spec === undefined) continue;
        for (let i = 0; i < d.count; i++) ids.push(this.createAttached(modelUuid, unit, spec, d));
      }
      return ids;
    });
  }

  /**
   * `juju add-storage` / `storage-add`: new instances of a store for an
   * alive unit (count defaults to 1), within the charm's maximum.
   * @throws `not found` unit, store, pool; `not valid` count, size, dead unit.
   */
  addToUnit(modelUuid: string, unit: string, name: string, directive: StorageDirective = {}): string[] {
    return this.atomically(() => {
      const info = this.deps.unit(modelUuid, unit);
      if (info === undefined) throw storageUnitNotFound(unit);
      if (info.life !== Life.Alive) throw unitNotAlive(unit);
      const charm = this.deps.charm(modelUuid, info.application);
      const spec = charmStorageSpecs(charm.metadata)[name];
      if (spec === undefined) throw charmStorageNotFound(name, charm.url);
      const count = directive.count ?? 1;
      const existing = this.state
        .unitAttachments(modelUuid, unit)
        .filter((a) => a.life === Life.Alive && parseStorageId(a.storageId).name === name).length;
      const stored = this.state.directives(modelUuid, info.application).find((d) => d.name === name);
      const base: StorageDirective = {
        ...(stored !== undefined ? { pool: stored.pool, sizeMiB: stored.sizeMiB } : {}),
        ...directive,
      };
      const resolved = this.checkDirective(modelUuid, spec, base, count, existing + count);
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(this.createAttached(modelUuid, unit, spec, resolved));
      return ids;
    });
  }

  /**
   * The `add-storage` part of a hook commit: each entry `{name, count}`
   * (Juju's `{unit-tag, storage-name, storage: {count}}` accepted too).
   */
  addFromHook(modelUuid: string, unit: string, adds: readonly unknown[]): string[] {
    return this.atomically(() =>
      adds.flatMap((raw) => {
        const add = hookAdd(raw);
        return this.addToUnit(modelUuid, unit, add.name, { count: add.count });
      }),
    );
  }

  /** Every instance of the model. */
  list(modelUuid: string): StorageInstance[] {
    return this.state.instances(modelUuid);
  }

  /** One instance. @throws `not found` `storage data/9 not found`, `not valid` bad id. */
  get(modelUuid: string, id: string): StorageInstance {
    parseStorageId(id);
    const found = this.state.instance(modelUuid, id);
    if (found === undefined) throw storageNotFound(id);
    return found;
  }

  /** The unit's attachments as its agent needs them (kind, planned location, life). */
  unitAttachments(modelUuid: string, unit: string): UnitStorageAttachment[] {
    const attachments = this.state.unitAttachments(modelUuid, unit);
    if (attachments.length === 0) return [];
    const info = this.deps.unit(modelUuid, unit);
    let specs: Record<string, CharmStorageSpec> = {};
    if (info !== undefined) specs = charmStorageSpecs(this.deps.charm(modelUuid, info.application).metadata);
    return attachments.map((a) => {
      const { name, number } = parseStorageId(a.storageId);
      const instance = this.state.instance(modelUuid, a.storageId);
      const spec = specs[name];
      return {
        ...a,
        name,
        kind: instance?.kind ?? spec?.type ?? 'filesystem',
        planned: plannedLocation(spec, name, number),
        readOnly: spec?.readOnly ?? false,
      };
    });
  }

  /**
   * The machine made the storage for the unit at `location`: the
   * attachment is provisioned and the instance attached.
   * @throws `not found` when the attachment does not exist.
   */
  setAttachmentLocation(modelUuid: string, id: string, unit: string, location: string): void {
    this.atomically(() => {
      this.attachment(modelUuid, id, unit);
      this.state.updateAttachment(modelUuid, id, unit, { location });
      const instance = this.get(modelUuid, id);
      if (instance.status.status === StorageStatus.Pending)
        this.setStatus(modelUuid, id, StorageStatus.Attached);
    });
  }

  /**
   * `--destroy-storage`: the storage attached to the unit is destroyed
   * once detached, instead of being kept.
   */
  markUnitStorageForDestruction(modelUuid: string, unit: string): string[] {
    return this.atomically(() => {
      const ids = this.state.unitAttachments(modelUuid, unit).map((a) => a.storageId);
      for (const id of ids) this.state.updateInstance(modelUuid, id, { life: Life.Dying });
      return ids;
    });
  }

  /** The unit is dying: its attachments become dying so its agent runs `-storage-detaching`. */
  unitDying(modelUuid: string, unit: string): void {
    this.atomically(() => {
      for (const a of this.state.unitAttachments(modelUuid, unit)) {
        if (a.life !== Life.Alive) continue;
        this.state.updateAttachment(modelUuid, a.storageId, unit, { life: Life.Dying });
        this.setStatus(modelUuid, a.storageId, StorageStatus.Detaching);
      }
    });
  }

  /**
   * The agent ran `-storage-detaching` (or never attached): the
   * attachment goes; an instance without attachments is removed when it
   * was to be destroyed, otherwise kept as detached. Idempotent.
   */
  removeAttachment(modelUuid: string, id: string, unit: string): void {
    this.atomically(() => {
      const instance = this.state.instance(modelUuid, id);
      if (instance === undefined) return;
      if (!instance.attachments.some((a) => a.unit === unit)) return;
      this.state.deleteAttachment(modelUuid, id, unit);
      if (instance.attachments.length > 1) return;
      if (instance.life !== Life.Alive) this.state.deleteInstance(modelUuid, id);
      else this.setStatus(modelUuid, id, StorageStatus.Detached);
    });
  }

  /** The unit row is going: every attachment goes (see {@link removeAttachment}) and it owns nothing. */
  unitRemoved(modelUuid: string, unit: string): void {
    this.atomically(() => {
      for (const a of this.state.unitAttachments(modelUuid, unit))
        this.removeAttachment(modelUuid, a.storageId, unit);
      for (const id of this.state.ownedBy(modelUuid, unit))
        this.state.updateInstance(modelUuid, id, { owner: '' });
    });
  }

  /** Storage ids attached to the unit (for dry runs). */
  unitStorageIds(modelUuid: string, unit: string): string[] {
    return this.state.unitAttachments(modelUuid, unit).map((a) => a.storageId);
  }

  // ---- internals ------------------------------------------------------------------

  private cloudType(modelUuid: string): string {
    return this.deps.cloudType?.(modelUuid) ?? '';
  }

  private attachment(modelUuid: string, id: string, unit: string): StorageAttachment {
    const found = this.get(modelUuid, id).attachments.find((a) => a.unit === unit);
    if (found === undefined) throw storageNotFound(`attachment ${id}:${unit}`);
    return found;
  }

  private setStatus(modelUuid: string, id: string, status: StorageStatusValue, info = ''): void {
    this.state.updateInstance(modelUuid, id, { status: { status, info, since: timestamp(this.clock) } });
  }

  /** Checks a directive for `spec`, `total` being the unit's resulting instance count. */
  private checkDirective(
    modelUuid: string,
    spec: CharmStorageSpec,
    d: StorageDirective | undefined,
    count: number,
    total: number,
  ): ResolvedDirective {
    if (
      !Number.isInteger(count) ||
      count < 0 ||
      total < spec.countMin ||
      (spec.countMax >= 0 && total > spec.countMax)
    )
      throw countOutOfRange(spec.name, total, spec.countMin, spec.countMax);
    const pool = d?.pool !== undefined && d.pool !== '' ? d.pool : defaultPool(spec.type);
    const sizeMiB =
      d?.sizeMiB !== undefined && d.sizeMiB > 0
        ? d.sizeMiB
        : spec.minimumSize > 0
          ? spec.minimumSize
          : DEFAULT_STORAGE_SIZE_MIB;
    if (sizeMiB < spec.minimumSize) throw sizeTooSmall(spec.name, sizeMiB, spec.minimumSize);
    if (count > 0) {
      const known = this.pools(modelUuid).find((p) => p.name === pool);
      if (known === undefined) throw poolNotFound(pool);
      if (known.kind !== spec.type) throw poolKindMismatch(spec.name, spec.type, pool);
      if (known.unsupported !== undefined) throw poolNotSupported(pool, known.unsupported);
    }
    return { name: spec.name, pool, sizeMiB, count };
  }

  private createAttached(
    modelUuid: string,
    unit: string,
    spec: CharmStorageSpec,
    d: ResolvedDirective,
  ): string {
    const now = timestamp(this.clock);
    const id = `${spec.name}/${this.state.nextNumber(modelUuid)}`;
    this.state.insertInstance({
      modelUuid,
      id,
      name: spec.name,
      kind: spec.type,
      pool: d.pool,
      sizeMiB: d.sizeMiB,
      owner: unit,
      status: StorageStatus.Pending,
      now,
    });
    this.state.insertAttachment({ modelUuid, storageId: id, unit, now });
    return id;
  }
}

function storageUnitNotFound(unit: string): Error {
  return notFound(`unit ${JSON.stringify(unit)} not found`);
}

/** Reads one `add-storage` entry of a hook commit. */
function hookAdd(raw: unknown): HookStorageAdd {
  const r = (raw ?? {}) as Record<string, unknown>;
  const name =
    typeof r['name'] === 'string'
      ? r['name']
      : typeof r['storage-name'] === 'string'
        ? r['storage-name']
        : '';
  const inner = (r['storage'] ?? {}) as Record<string, unknown>;
  const count =
    typeof r['count'] === 'number' ? r['count'] : typeof inner['count'] === 'number' ? inner['count'] : 1;
  return { name, count };
}
