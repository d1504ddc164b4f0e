/**
 * `wss://…/model/:uuid/log?<query>` (and `/log` for the controller model):
 * streams a model's log records to users with read access (and to the model's
 * own agents). After the initial `{}` line each message is one record
 * `{"tag","ts","sev","mod","loc","msg","lab"}`. Stored records come first
 * (backlog or replay), then new ones as they are committed: every database
 * commit bumps the change hub, and the stream reads on from its keyset
 * cursor (the last record id it has looked at).
 */
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { parseDuration } from '../../core/duration.js';
import type { ControllerServices } from '../../domain/index.js';
import type { LogQuery, LogRecord } from '../../domain/logs/types.js';
import type { RouteMatch, WebSocketHandler } from '../apiserver/types.js';
import type { ChangeHub } from '../events/change-hub.js';
import { parseDebugLogQuery, type DebugLogRequest } from './debug-log-params.js';
import { rejectStream, sendInitialResult, sendText } from './side-stream.js';
import { authenticateStreamCaller, streamModelUuid } from './stream-auth.js';
import { formatRfc3339Micros } from './wire-time.js';

/** Tuning of the debug-log endpoint. */
export interface DebugLogOptions {
  /** Overrides controller config `max-debug-log-duration` (ms). */
  readonly maxDurationMs?: number;
  /** Records read per query. Default 500. */
  readonly pageSize?: number;
}

const DEFAULT_MAX_DURATION = '24h';

/** One record as the stream sends it (Juju's params.LogMessage). */
export interface DebugLogMessage {
  readonly tag: string;
  readonly ts: string;
  readonly sev: string;
  readonly mod: string;
  readonly loc: string;
  readonly msg: string;
  readonly lab: readonly string[];
}

/** The wire form of a stored record. */
export function toDebugLogMessage(r: LogRecord): DebugLogMessage {
  return {
    tag: r.entity,
    ts: formatRfc3339Micros(r.timestamp),
    sev: r.levelName,
    mod: r.module,
    loc: r.location,
    msg: r.message,
    lab: r.labels,
  };
}

function maxDurationMs(services: ControllerServices, override: number | undefined): number {
  if (override !== undefined) return override;
  let value: unknown = DEFAULT_MAX_DURATION;
  try {
    value = services.controller.config()['max-debug-log-duration'] ?? DEFAULT_MAX_DURATION;
  } catch {
    // no controller record yet: the default
  }
  try {
    const ms = typeof value === 'number' ? value : parseDuration(String(value));
    return ms > 0 ? ms : parseDuration(DEFAULT_MAX_DURATION);
  } catch {
    return parseDuration(DEFAULT_MAX_DURATION);
  }
}

/** The `/log` and `/model/:uuid/log` handler. */
export function debugLogHandler(
  services: ControllerServices,
  hub: ChangeHub,
  opts: DebugLogOptions = {},
): WebSocketHandler {
  return async (ws: WebSocket, req: IncomingMessage, route: RouteMatch): Promise<void> => {
    let modelUuid: string;
    let request: DebugLogRequest;
    try {
      modelUuid = streamModelUuid(services, route.params['uuid']);
      authenticateStreamCaller(services, req, modelUuid, { users: true, agents: true });
      request = parseDebugLogQuery(route.url.searchParams);
    } catch (err) {
      await rejectStream(ws, err);
      return;
    }
    const stop = new AbortController();
    ws.once('close', () => stop.abort());
    const deadline = setTimeout(() => stop.abort(), maxDurationMs(services, opts.maxDurationMs));
    try {
      await sendInitialResult(ws);
      await new DebugLogStream(
        services,
        hub,
        modelUuid,
        request,
        ws,
        stop.signal,
        opts.pageSize ?? 500,
      ).run();
    } finally {
      clearTimeout(deadline);
      if (ws.readyState === ws.OPEN) ws.close(1000);
    }
  };
}

/** One stream's state: its filters, keyset cursor and line count. */
class DebugLogStream {
  readonly #filter: LogQuery;
  #cursor = 0;
  #sent = 0;

  constructor(
    private readonly services: ControllerServices,
    private readonly hub: ChangeHub,
    private readonly modelUuid: string,
    private readonly request: DebugLogRequest,
    private readonly ws: WebSocket,
    private readonly signal: AbortSignal,
    private readonly pageSize: number,
  ) {
    this.#filter = {
      includeEntity: request.includeEntity,
      excludeEntity: request.excludeEntity,
      includeModule: request.includeModule,
      excludeModule: request.excludeModule,
      includeLabel: request.includeLabel,
      excludeLabel: request.excludeLabel,
      ...(request.level !== undefined ? { level: request.level } : {}),
      ...(request.startTime > 0 ? { startTime: request.startTime } : {}),
    };
  }

  /** Sends stored records, then (unless noTail) follows new ones until done or stopped. */
  async run(): Promise<void> {
    let revision = this.hub.current();
    if (!(await this.sendStored())) return;
    if (this.request.noTail) return;
    while (!this.signal.aborted) {
      try {
        revision = await this.hub.waitBeyond(revision, this.signal);
      } catch {
        return; // stream closed or timed out
      }
      if (!(await this.readOn())) return;
    }
  }

  /** The backlog or the whole log (replay / startTime); false when the stream is finished. */
  private async sendStored(): Promise<boolean> {
    const { replay, backlog, startTime } = this.request;
    if (replay || startTime > 0) return this.readOn();
    const lastId = this.services.logs.usage(this.modelUuid).lastId;
    if (backlog > 0) {
      const rows = this.services.logs.query(this.modelUuid, { ...this.#filter, backlog });
      // The query ran after lastId was read, so nothing up to lastId that is
      // newer than the backlog matches: the tail may start from lastId.
      const more = await this.send(rows);
      this.#cursor = Math.max(this.#cursor, lastId);
      return more;
    }
    this.#cursor = lastId;
    return true;
  }

  /** Sends every matching record after the cursor; false when the stream is finished. */
  private async readOn(): Promise<boolean> {
    for (;;) {
      if (this.signal.aborted) return false;
      const lastId = this.services.logs.usage(this.modelUuid).lastId;
      if (lastId <= this.#cursor) return true;
      const rows = this.services.logs.query(this.modelUuid, {
        ...this.#filter,
        afterId: this.#cursor,
        limit: this.pageSize,
      });
      if (!(await this.send(rows))) return false;
      if (rows.length < this.pageSize) {
        // Every match up to lastId was in this page: skip the non-matching rest.
        this.#cursor = Math.max(this.#cursor, lastId);
        return true;
      }
    }
  }

  /** Sends rows in order, advancing the cursor; false once maxLines is reached or the socket is gone. */
  private async send(rows: readonly LogRecord[]): Promise<boolean> {
    const { maxLines } = this.request;
    let last: Promise<void> = Promise.resolve();
    for (const row of rows) {
      if (this.signal.aborted || this.ws.readyState !== this.ws.OPEN) return false;
      last = sendText(this.ws, JSON.stringify(toDebugLogMessage(row)));
      this.#cursor = Math.max(this.#cursor, row.id);
      this.#sent++;
      if (maxLines > 0 && this.#sent >= maxLines) {
        await last;
        return false;
      }
    }
    await last; // back-pressure: one page in flight at a time
    return !this.signal.aborted;
  }
}
