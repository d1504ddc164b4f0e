/**
 * Unit state kept on the controller: the charm's `state-set` map with its
 * quota, the uniter's opaque blobs, opened ports, and `commitHookChanges`,
 * which applies everything a hook buffered (relation settings, ports, state,
 * later secrets) in one transaction.
 */
import { notAtomic, type Atomically } from '../common/atomic.js';
import { Life } from '../common/life.js';
import type { SettingsChanges } from '../relation/types.js';
import {
  quotaExceeded,
  secretsNotSupported,
  storageNotSupported,
  unitIsDead,
  unitNotFound,
} from './errors.js';
import { mergePortChanges } from './ports.js';
import type {
  CommitHookChangesParams,
  CommitHookChangesResult,
  HookSecretChanges,
  OpenedPortRange,
  RelationSettingsVersion,
  SetUnitStateParams,
  UnitPortRange,
  UnitStateData,
  UnitStateLimits,
  UnitStateUnitInfo,
} from './types.js';

/** Fixed per-entry charm state limits (Juju's). */
export const MAX_CHARM_STATE_KEY_SIZE = 256;
export const MAX_CHARM_STATE_VALUE_SIZE = 64 * 1024;

/** Persistence the unit-state service needs. */
export interface UnitStateState {
  unitInfo(modelUuid: string, unit: string): UnitStateUnitInfo | undefined;
  /** The stored state ({} / '' when nothing was stored). */
  unitState(modelUuid: string, unit: string): UnitStateData;
  writeUnitState(modelUuid: string, unit: string, data: UnitStateData): void;
  /** Ranges opened by the unit. */
  unitPorts(modelUuid: string, unit: string): OpenedPortRange[];
  /** Ranges opened by every unit on a machine. */
  machinePorts(modelUuid: string, machineId: string): UnitPortRange[];
  /** Replaces the unit's opened ranges. */
  replaceUnitPorts(modelUuid: string, unit: string, ranges: readonly OpenedPortRange[]): void;
}

/** What the commit needs from the relation domain. */
export interface UnitStateRelations {
  updateUnitSettings(modelUuid: string, id: number, unit: string, changes: SettingsChanges): number;
  updateApplicationSettings(modelUuid: string, id: number, unit: string, changes: SettingsChanges): number;
}

/** Applies a hook's secret changes inside the commit (provided by a secrets domain). */
export interface HookSecretsCommitter {
  commitHookSecrets(modelUuid: string, unit: string, changes: HookSecretChanges): void;
}

/** Adds a hook's `storage-add` requests inside the commit (provided by the storage domain). */
export interface HookStorageAdder {
  addFromHook(modelUuid: string, unit: string, adds: readonly unknown[]): unknown;
}

/** Collaborators of {@link UnitStateService}. */
export interface UnitStateDeps {
  readonly relations: UnitStateRelations;
  /** Current quotas (read from controller config at call time). */
  readonly limits: () => UnitStateLimits;
  readonly secrets?: HookSecretsCommitter;
  readonly storage?: HookStorageAdder;
}

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/** BSON size of a string map, as Juju measures state quotas. */
export function bsonMapSize(map: Readonly<Record<string, string>>): number {
  let size = 5;
  for (const [key, value] of Object.entries(map)) size += 1 + utf8(key) + 1 + 4 + utf8(value) + 1;
  return size;
}

function isEmptyMap(map: Readonly<Record<string, string>> | undefined): boolean {
  return map === undefined || Object.keys(map).length === 0;
}

function hasSecretChanges(c: HookSecretChanges): boolean {
  return [
    c.secretCreates,
    c.secretUpdates,
    c.secretDeletes,
    c.secretGrants,
    c.secretRevokes,
    c.secretTrackLatest,
  ].some((list) => list !== undefined && list.length > 0);
}

/** Business rules for unit state, opened ports and hook commits. */
export class UnitStateService {
  constructor(
    private readonly state: UnitStateState,
    private readonly atomically: Atomically = notAtomic,
    private readonly deps: UnitStateDeps,
  ) {}

  /** Everything stored for the unit agent. @throws `not found` unit. */
  get(modelUuid: string, unit: string): UnitStateData {
    this.liveUnit(modelUuid, unit, true);
    return this.state.unitState(modelUuid, unit);
  }

  /** The charm's `state-get` map. */
  charmState(modelUuid: string, unit: string): Readonly<Record<string, string>> {
    return this.get(modelUuid, unit).charmState;
  }

  /**
   * Juju's SetState: each given field replaces the stored one (empty
   * clears it). Allowed while dying so the agent can finish its work.
   * @throws `quota limit exceeded` `persisting charm state: max allowed size (N) exceeded`
   *   (or key/value length), `persisting internal uniter state: max allowed size (N) exceeded`;
   *   `dead`; `not found`.
   */
  set(modelUuid: string, unit: string, params: SetUnitStateParams): UnitStateData {
    return this.atomically(() => {
      this.liveUnit(modelUuid, unit);
      return this.setNow(modelUuid, unit, params);
    });
  }

  /** Ranges the unit opened, by endpoint then protocol/ports. */
  openedPorts(modelUuid: string, unit: string): OpenedPortRange[] {
    this.liveUnit(modelUuid, unit, true);
    return this.state.unitPorts(modelUuid, unit);
  }

  /** Ranges opened on a machine, keyed by unit (the firewaller's and agents' view). */
  machineOpenedPorts(modelUuid: string, machineId: string): Record<string, OpenedPortRange[]> {
    const result: Record<string, OpenedPortRange[]> = {};
    for (const r of this.state.machinePorts(modelUuid, machineId)) {
      const list = result[r.unit] ?? [];
      list.push({ endpoint: r.endpoint, protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort });
      result[r.unit] = list;
    }
    return result;
  }

  /**
   * Opens and closes port ranges for a unit at once (see {@link mergePortChanges}).
   * @throws bad ranges, unknown endpoints, conflicts with other units on the machine.
   */
  changePorts(
    modelUuid: string,
    unit: string,
    open: readonly OpenedPortRange[],
    close: readonly OpenedPortRange[] = [],
  ): OpenedPortRange[] {
    return this.atomically(() => this.changePortsNow(this.liveUnit(modelUuid, unit), modelUuid, open, close));
  }

  /**
   * Applies everything a hook buffered, in one transaction: relation
   * settings (unit bags; application bags for the leader only), closed and
   * opened ports, unit state, and secret changes (through the secrets seam).
   * Nothing is applied when any part fails.
   * @throws `unauthorized access` `permission denied` (app bag, non-leader);
   *   port, quota and relation errors; `not supported` storage/secrets.
   */
  commitHookChanges(
    modelUuid: string,
    unit: string,
    changes: CommitHookChangesParams,
  ): CommitHookChangesResult {
    return this.atomically(() => {
      const info = this.liveUnit(modelUuid, unit);
      const relationSettings: RelationSettingsVersion[] = [];
      for (const rel of changes.relationUnitSettings ?? []) {
        let unitVersion: number | undefined;
        let applicationVersion: number | undefined;
        if (rel.settings !== undefined && Object.keys(rel.settings).length > 0)
          unitVersion = this.deps.relations.updateUnitSettings(modelUuid, rel.relationId, unit, rel.settings);
        if (rel.applicationSettings !== undefined && Object.keys(rel.applicationSettings).length > 0)
          applicationVersion = this.deps.relations.updateApplicationSettings(
            modelUuid,
            rel.relationId,
            unit,
            rel.applicationSettings,
          );
        relationSettings.push({
          relationId: rel.relationId,
          ...(unitVersion !== undefined ? { unitVersion } : {}),
          ...(applicationVersion !== undefined ? { applicationVersion } : {}),
        });
      }
      const open = changes.openPorts ?? [];
      const close = changes.closePorts ?? [];
      const openedPorts =
        open.length > 0 || close.length > 0
          ? this.changePortsNow(info, modelUuid, open, close)
          : this.state.unitPorts(modelUuid, unit);
      if (changes.setUnitState !== undefined) this.setNow(modelUuid, unit, changes.setUnitState);
      if ((changes.addStorage ?? []).length > 0) {
        if (this.deps.storage === undefined) throw storageNotSupported();
        this.deps.storage.addFromHook(modelUuid, unit, changes.addStorage ?? []);
      }
      if (hasSecretChanges(changes)) {
        if (this.deps.secrets === undefined) throw secretsNotSupported();
        this.deps.secrets.commitHookSecrets(modelUuid, unit, changes);
      }
      return { relationSettings, openedPorts };
    });
  }

  private liveUnit(modelUuid: string, unit: string, allowDead = false): UnitStateUnitInfo {
    const info = this.state.unitInfo(modelUuid, unit);
    if (info === undefined) throw unitNotFound(unit);
    if (!allowDead && info.life === Life.Dead) throw unitIsDead(unit);
    return info;
  }

  private changePortsNow(
    info: UnitStateUnitInfo,
    modelUuid: string,
    open: readonly OpenedPortRange[],
    close: readonly OpenedPortRange[],
  ): OpenedPortRange[] {
    const machineRanges =
      info.machineId === ''
        ? this.state.unitPorts(modelUuid, info.name).map((r) => ({ ...r, unit: info.name }))
        : this.state.machinePorts(modelUuid, info.machineId);
    const next = mergePortChanges({ unit: info.name, endpoints: info.endpoints, machineRanges, open, close });
    this.state.replaceUnitPorts(modelUuid, info.name, next);
    return next;
  }

  private setNow(modelUuid: string, unit: string, p: SetUnitStateParams): UnitStateData {
    const current = this.state.unitState(modelUuid, unit);
    const next: UnitStateData = {
      charmState: p.charmState !== undefined ? { ...p.charmState } : current.charmState,
      uniterState: p.uniterState ?? current.uniterState,
      relationState: p.relationState !== undefined ? { ...p.relationState } : current.relationState,
      storageState: p.storageState ?? current.storageState,
      secretState: p.secretState ?? current.secretState,
    };
    const limits = this.deps.limits();
    if (p.charmState !== undefined && !isEmptyMap(p.charmState)) {
      for (const [key, value] of Object.entries(p.charmState)) {
        if (utf8(key) > MAX_CHARM_STATE_KEY_SIZE)
          throw quotaExceeded(
            'persisting charm state',
            `max allowed key length (${MAX_CHARM_STATE_KEY_SIZE}) exceeded`,
          );
        if (utf8(value) > MAX_CHARM_STATE_VALUE_SIZE)
          throw quotaExceeded(
            'persisting charm state',
            `max allowed value length (${MAX_CHARM_STATE_VALUE_SIZE}) exceeded`,
          );
      }
      if (limits.maxCharmStateSize > 0 && bsonMapSize(p.charmState) > limits.maxCharmStateSize)
        throw quotaExceeded(
          'persisting charm state',
          `max allowed size (${limits.maxCharmStateSize}) exceeded`,
        );
    }
    const agentSize =
      utf8(next.uniterState) +
      (isEmptyMap(next.relationState) ? 0 : bsonMapSize(next.relationState)) +
      utf8(next.storageState) +
      utf8(next.secretState);
    const agentChanged =
      p.uniterState !== undefined ||
      p.relationState !== undefined ||
      p.storageState !== undefined ||
      p.secretState !== undefined;
    if (agentChanged && limits.maxAgentStateSize > 0 && agentSize > limits.maxAgentStateSize)
      throw quotaExceeded(
        'persisting internal uniter state',
        `max allowed size (${limits.maxAgentStateSize}) exceeded`,
      );
    this.state.writeUnitState(modelUuid, unit, next);
    return next;
  }
}
