/**
 * Wire shapes of `Client.StatusHistory` (Juju's `params.StatusHistoryRequests`
 * and `params.StatusHistoryResults`), keys as Juju's JSON tags.
 */
import type { BulkWireError } from '../errors.js';
import type { DetailedStatus } from './status.js';

/** Which entries of a history to return; exactly one of size, date and delta is set. */
export interface StatusHistoryFilter {
  /** The latest N entries. */
  size?: number;
  /** Entries after this RFC 3339 time. */
  date?: string | null;
  /** Entries newer than this many nanoseconds (Go's `time.Duration`). */
  delta?: number | null;
  /** Messages to leave out. */
  exclude?: string[] | null;
}

/** One history to read. */
export interface StatusHistoryRequest {
  /** `unit`, `workload`, `juju-unit`, `application`, `saas`, `machine`, `juju-machine`, `container`, `juju-container`, `model`. */
  historyKind: string;
  size?: number;
  filter: StatusHistoryFilter;
  /** `unit-app-0`, `machine-0`, `application-app`, `model-<uuid>`. */
  tag: string;
}

export interface StatusHistoryRequests {
  requests: StatusHistoryRequest[];
}

export interface StatusHistoryResult {
  history: { statuses: DetailedStatus[]; error?: BulkWireError };
  error?: BulkWireError;
}

export interface StatusHistoryResults {
  results: StatusHistoryResult[];
}
