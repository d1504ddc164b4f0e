/**
 * Leadership: one leader unit per application, held by a lease that the
 * holder extends and that lapses with the clock, plus the application's
 * leader settings (`leader-set`), writable by the leader only.
 */
import { notAtomic, type Atomically } from '../common/atomic.js';
import type { Clock } from '../common/clock.js';
import { Life, type LifeValue } from '../common/life.js';
import {
  applicationNotFound,
  claimDenied,
  invalidDuration,
  notTheLeader,
  notUnitOfApplication,
  unitNotFound,
} from './errors.js';
import { DEFAULT_LEASE_DURATION_MS, type LeaderSettings, type Lease, type UpsertLeaseArgs } from './types.js';

/** Persistence the leadership service needs. */
export interface LeadershipState {
  /** The unit's application and life, or undefined when there is no such unit. */
  unitInfo(modelUuid: string, unit: string): { application: string; life: LifeValue } | undefined;
  applicationExists(modelUuid: string, application: string): boolean;
  lease(modelUuid: string, application: string): Lease | undefined;
  leases(modelUuid: string): Lease[];
  upsertLease(args: UpsertLeaseArgs): void;
  /** Deletes the leases held by a unit; returns how many. */
  deleteLeasesHeldBy(modelUuid: string, unit: string): number;
  /** Deletes every lease whose expiry is at or before `now` (all models); returns them. */
  deleteExpired(now: string): Lease[];
  leaderSettings(modelUuid: string, application: string): LeaderSettings;
  writeLeaderSettings(
    modelUuid: string,
    application: string,
    settings: Readonly<Record<string, string>>,
    version: number,
  ): void;
}

/** Business rules for leadership. */
export class LeadershipService {
  constructor(
    private readonly state: LeadershipState,
    private readonly clock: Clock,
    private readonly atomically: Atomically = notAtomic,
  ) {}

  /**
   * Claims (or, for the current holder, extends) the application's lease
   * for `durationMs` from now. A lease lapses at its expiry time.
   * @throws `leadership claim denied` while another unit holds a live lease;
   *   `not found` unit; `unauthorized access` when the unit is not of the application.
   */
  claim(modelUuid: string, application: string, unit: string, durationMs = DEFAULT_LEASE_DURATION_MS): Lease {
    if (!Number.isFinite(durationMs) || durationMs <= 0) throw invalidDuration(durationMs);
    return this.atomically(() => {
      const info = this.state.unitInfo(modelUuid, unit);
      if (info === undefined || info.life === Life.Dead) throw unitNotFound(unit);
      if (info.application !== application) throw notUnitOfApplication(unit, application);
      const now = this.clock.now();
      const nowIso = now.toISOString();
      const expiry = new Date(now.getTime() + durationMs).toISOString();
      const current = this.state.lease(modelUuid, application);
      const live = current !== undefined && current.expiry > nowIso;
      if (live && current.holder !== unit) throw claimDenied();
      const lease: UpsertLeaseArgs = {
        modelUuid,
        application,
        holder: unit,
        start: live ? current.start : nowIso,
        // Extending never shortens a lease the holder already has.
        expiry: live && current.expiry > expiry ? current.expiry : expiry,
      };
      this.state.upsertLease(lease);
      return lease;
    });
  }

  /** The unit holding a live lease for the application, or null. */
  leader(modelUuid: string, application: string): string | null {
    const lease = this.state.lease(modelUuid, application);
    return lease !== undefined && lease.expiry > this.clock.now().toISOString() ? lease.holder : null;
  }

  /** True when `unit` holds a live lease for `application`. */
  isLeader(modelUuid: string, application: string, unit: string): boolean {
    return this.leader(modelUuid, application) === unit;
  }

  /** Live leaders of the model: application to unit. */
  leaders(modelUuid: string): Record<string, string> {
    const now = this.clock.now().toISOString();
    const result: Record<string, string> = {};
    for (const lease of this.state.leases(modelUuid))
      if (lease.expiry > now) result[lease.application] = lease.holder;
    return result;
  }

  /** The live lease of an application, if any. */
  lease(modelUuid: string, application: string): Lease | null {
    const lease = this.state.lease(modelUuid, application);
    return lease !== undefined && lease.expiry > this.clock.now().toISOString() ? lease : null;
  }

  /** Gives up every lease a unit holds (unit removal, or the agent resigning). */
  releaseUnit(modelUuid: string, unit: string): void {
    this.state.deleteLeasesHeldBy(modelUuid, unit);
  }

  /** Removes leases that lapsed (a housekeeping worker calls this); returns them. */
  expire(): Lease[] {
    return this.state.deleteExpired(this.clock.now().toISOString());
  }

  /** `leader-get` data. @throws `not found` application. */
  leaderSettings(modelUuid: string, application: string): LeaderSettings {
    if (!this.state.applicationExists(modelUuid, application)) throw applicationNotFound(application);
    return this.state.leaderSettings(modelUuid, application);
  }

  /**
   * `leader-set`: merges changes ('' or null deletes a key) when `unit` is
   * the leader; bumps the version when anything changed.
   * @throws `not leader` `cannot write settings: not the leader`.
   */
  mergeLeaderSettings(
    modelUuid: string,
    application: string,
    unit: string,
    changes: Readonly<Record<string, string | null>>,
  ): LeaderSettings {
    return this.atomically(() => {
      if (!this.state.applicationExists(modelUuid, application)) throw applicationNotFound(application);
      if (!this.isLeader(modelUuid, application, unit)) throw notTheLeader();
      const current = this.state.leaderSettings(modelUuid, application);
      const next: Record<string, string> = { ...current.settings };
      let changed = false;
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') {
          if (Object.hasOwn(next, key)) {
            delete next[key];
            changed = true;
          }
        } else if (next[key] !== value) {
          next[key] = value;
          changed = true;
        }
      }
      if (!changed) return current;
      this.state.writeLeaderSettings(modelUuid, application, next, current.version + 1);
      return { settings: next, version: current.version + 1 };
    });
  }
}
