/**
 * `Client.StatusHistory`: past statuses of units (workload and agent),
 * applications, machines (agent and instance) and the model, filtered by
 * count, date or age and by message, oldest first, as Juju returns them.
 */
import { JujuError, notFound, notValid } from '../../core/errors.js';
import { parseTag } from '../../core/names.js';
import type { StatusHistoryEntry } from '../../domain/status/types.js';
import { errorResult } from '../../rpc/errors.js';
import type { DetailedStatus } from '../../rpc/params/status.js';
import type {
  StatusHistoryFilter,
  StatusHistoryRequest,
  StatusHistoryRequests,
  StatusHistoryResult,
  StatusHistoryResults,
} from '../../rpc/params/status-history.js';
import type { CallContext } from '../apiserver/types.js';
import { wireTime } from './action-wire.js';
import { requireModelAccess } from './auth.js';
import type { FacadeDeps } from './deps.js';

/** Juju's history kinds (`status.HistoryKind`). */
export const HistoryKind = {
  Model: 'model',
  Application: 'application',
  Saas: 'saas',
  Unit: 'unit',
  UnitAgent: 'juju-unit',
  Workload: 'workload',
  MachineInstance: 'machine',
  Machine: 'juju-machine',
  ContainerInstance: 'container',
  Container: 'juju-container',
} as const;

/** Domain filter of one request (besides the entity). */
interface HistoryQuery {
  readonly limit: number;
  readonly after?: string;
  readonly exclude: readonly string[];
}

/** One stream of the domain history and the kind it is reported as. */
interface Stream {
  readonly entityKind: string;
  readonly entityId: string;
  readonly reportAs: string;
}

/** Juju's `StatusHistoryFilter.Validate`: exactly one of size, date and delta. */
function validateFilter(f: StatusHistoryFilter): void {
  const s = (f.size ?? 0) > 0;
  const t = f.date !== undefined && f.date !== null;
  const d = f.delta !== undefined && f.delta !== null;
  const fail = (what: string): never => {
    throw notValid(`cannot validate status history filter: ${what} not valid`);
  };
  if (!s && !t && !d) fail('missing filter parameters');
  if (s && t) fail('Size and Date together');
  if (s && d) fail('Size and Delta together');
  if (t && d) fail('Date and Delta together');
}

function query(f: StatusHistoryFilter, now: Date): HistoryQuery {
  const exclude = f.exclude ?? [];
  if ((f.size ?? 0) > 0) return { limit: f.size as number, exclude };
  if (f.date !== undefined && f.date !== null) {
    const date = new Date(f.date);
    if (Number.isNaN(date.getTime())) throw notValid(`invalid date ${JSON.stringify(f.date)}`);
    return { limit: 0, after: date.toISOString(), exclude };
  }
  const deltaMs = Math.floor((f.delta ?? 0) / 1e6);
  return { limit: 0, after: new Date(now.getTime() - deltaMs).toISOString(), exclude };
}

/** The history streams a request reads, after checking its entity exists. */
function streams(
  deps: FacadeDeps,
  modelUuid: string,
  r: StatusHistoryRequest,
): { streams: Stream[]; createdAt: string } {
  const { services } = deps;
  const kind = r.historyKind;
  switch (kind) {
    case HistoryKind.Model: {
      const model = services.model.get(modelUuid);
      return {
        streams: [{ entityKind: 'model', entityId: modelUuid, reportAs: kind }],
        createdAt: model.createdAt,
      };
    }
    case HistoryKind.Unit:
    case HistoryKind.Workload:
    case HistoryKind.UnitAgent: {
      const name = parseTag(r.tag, 'unit').id;
      const unit = services.application.unit(modelUuid, name);
      const list: Stream[] = [];
      if (kind !== HistoryKind.UnitAgent)
        list.push({ entityKind: 'unit-workload', entityId: name, reportAs: HistoryKind.Workload });
      if (kind !== HistoryKind.Workload)
        list.push({ entityKind: 'unit-agent', entityId: name, reportAs: HistoryKind.UnitAgent });
      return { streams: list, createdAt: unit.createdAt };
    }
    case HistoryKind.Application: {
      const name = parseTag(r.tag, 'application').id;
      const app = services.application.get(modelUuid, name);
      return {
        streams: [{ entityKind: 'application', entityId: name, reportAs: kind }],
        createdAt: app.createdAt,
      };
    }
    case HistoryKind.Saas: {
      // No SAAS (remote) applications exist here yet.
      const name = parseTag(r.tag, 'application').id;
      throw notFound(`saas application ${JSON.stringify(name)} not found`);
    }
    default: {
      const id = parseTag(r.tag, 'machine').id;
      const machine = services.machine.get(modelUuid, id);
      const instance = kind === HistoryKind.MachineInstance || kind === HistoryKind.ContainerInstance;
      return {
        streams: [{ entityKind: instance ? 'machine-instance' : 'machine', entityId: id, reportAs: kind }],
        createdAt: machine.createdAt,
      };
    }
  }
}

function wireEntry(e: StatusHistoryEntry, kind: string): DetailedStatus {
  return {
    status: e.status,
    info: e.info,
    data: { ...e.data },
    since: wireTime(e.since),
    kind,
    version: '',
    life: '',
  };
}

function oneHistory(deps: FacadeDeps, modelUuid: string, r: StatusHistoryRequest): DetailedStatus[] {
  const q = query(r.filter, deps.services.clock.now());
  const { streams: list, createdAt } = streams(deps, modelUuid, r);
  const entries: { e: StatusHistoryEntry; kind: string }[] = [];
  for (const s of list) {
    const found = deps.services.status.history(modelUuid, {
      entityKind: s.entityKind,
      entityId: s.entityId,
      limit: q.limit,
      // History of an earlier entity with the same name (not yet pruned) is not this one's.
      since: createdAt,
      ...(q.after !== undefined ? { after: q.after } : {}),
      exclude: q.exclude,
    });
    for (const e of found) entries.push({ e, kind: s.reportAs });
  }
  // Oldest first; for the combined unit view the size applies to the merged list.
  entries.sort((a, b) => (a.e.since < b.e.since ? -1 : a.e.since > b.e.since ? 1 : 0));
  const kept = q.limit > 0 && entries.length > q.limit ? entries.slice(entries.length - q.limit) : entries;
  return kept.map(({ e, kind }) => wireEntry(e, kind));
}

/** Annotates a failure as Juju does, keeping its code. */
function fetching(tag: string, err: unknown): JujuError {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof JujuError ? err.code : '';
  return new JujuError(code, `fetching status history for ${JSON.stringify(tag)}: ${message}`);
}

/** `Client.StatusHistory` over a model connection. */
export function statusHistory(
  deps: FacadeDeps,
  ctx: CallContext,
  p: StatusHistoryRequests,
): StatusHistoryResults {
  const results: StatusHistoryResult[] = [];
  for (const r of p?.requests ?? []) {
    let modelUuid: string;
    try {
      modelUuid = requireModelAccess(deps, ctx, 'read');
      validateFilter(r.filter ?? {});
    } catch (err) {
      results.push({ history: { statuses: [] }, ...errorResult(err) });
      continue;
    }
    try {
      results.push({ history: { statuses: oneHistory(deps, modelUuid, { ...r, filter: r.filter ?? {} }) } });
    } catch (err) {
      results.push({ history: { statuses: [] }, ...errorResult(fetching(r.tag ?? '', err)) });
    }
  }
  return { results };
}
