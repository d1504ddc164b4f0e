/** Types of the leadership domain: one leader per application, held by a lease. */

/** The lease the machine unit agents ask for (they renew when ~30 s remain). */
export const DEFAULT_LEASE_DURATION_MS = 60_000;

/** Wire code of a refused claim (Juju's CodeLeadershipClaimDenied). */
export const LEADERSHIP_CLAIM_DENIED = 'leadership claim denied';

/** A leadership lease. */
export interface Lease {
  readonly modelUuid: string;
  readonly application: string;
  /** Unit name holding the lease. */
  readonly holder: string;
  /** ISO-8601 UTC of the first claim by this holder. */
  readonly start: string;
  /** ISO-8601 UTC; the lease is void at or after this time. */
  readonly expiry: string;
}

/** The `leader-set` data of an application. */
export interface LeaderSettings {
  readonly settings: Readonly<Record<string, string>>;
  /** Counts committed changes (0 = never written). */
  readonly version: number;
}

/** Arguments to write a lease (state). */
export interface UpsertLeaseArgs {
  readonly modelUuid: string;
  readonly application: string;
  readonly holder: string;
  readonly start: string;
  readonly expiry: string;
}
