/**
 * `wss://…/model/:uuid/logsink?version=1`: agents push their log records.
 * After the initial `{}` line every message is one record; records go to the
 * model's log store through a shared batcher. Each connection is rate limited
 * with a token bucket (records wait and reading pauses while it is empty) and pinged so dead
 * peers are noticed.
 */
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { JujuError } from '../../core/errors.js';
import type { ControllerServices } from '../../domain/index.js';
import type { LogRecordParams } from '../../domain/logs/types.js';
import { frameText } from '../../rpc/envelope.js';
import type { RouteMatch, WebSocketHandler } from '../apiserver/types.js';
import type { LogAppendBatcher } from './log-batcher.js';
import { decodeLogSinkRecord } from './logsink-record.js';
import { TokenBucket } from './rate-limiter.js';
import { rejectStream, sendInitialResult } from './side-stream.js';
import { authenticateStreamCaller, streamModelUuid } from './stream-auth.js';

/** Tuning of the logsink endpoint. */
export interface LogSinkOptions {
  /** Records an agent may send in a burst. Default 1000 (Juju's LOGSINK_RATELIMIT_BURST). */
  readonly rateLimitBurst?: number;
  /** One more record allowed every this many ms. Default 1 (LOGSINK_RATELIMIT_REFILL). */
  readonly rateLimitRefillMs?: number;
  /** How often the server pings the agent. Default 30 s; a peer missing two pings is cut. */
  readonly pingIntervalMs?: number;
  /** Wall clock in microseconds (tests). */
  readonly nowMicros?: () => number;
}

/** `version` must be absent or 1. */
function checkVersion(url: URL): void {
  const text = url.searchParams.get('version') ?? '';
  if (text === '' || text === '1') return;
  if (!/^[+-]?\d+$/.test(text)) throw new JujuError('', `invalid version ${JSON.stringify(text)}`);
  throw new JujuError('', `unknown version ${Number(text)}`);
}

/** The `/model/:uuid/logsink` handler. */
export function logSinkHandler(
  services: ControllerServices,
  batcher: LogAppendBatcher,
  opts: LogSinkOptions = {},
): WebSocketHandler {
  const burst = opts.rateLimitBurst ?? 1000;
  const refillMs = opts.rateLimitRefillMs ?? 1;
  const pingMs = opts.pingIntervalMs ?? 30_000;
  const nowMicros = opts.nowMicros ?? (() => Date.now() * 1000);
  return async (ws: WebSocket, req: IncomingMessage, route: RouteMatch): Promise<void> => {
    let modelUuid: string;
    let entity: string;
    try {
      checkVersion(route.url);
      modelUuid = streamModelUuid(services, route.params['uuid']);
      entity = authenticateStreamCaller(services, req, modelUuid, { users: false, agents: true }).tag;
    } catch (err) {
      await rejectStream(ws, err);
      return;
    }
    // Records wait here while the agent is over its rate; reading pauses meanwhile,
    // so this holds at most what was already on the wire.
    const bucket = new TokenBucket(burst, refillMs);
    const waiting: LogRecordParams[] = [];
    let drainTimer: NodeJS.Timeout | undefined;
    const drain = (): void => {
      drainTimer = undefined;
      while (waiting.length > 0) {
        const wait = bucket.tryTake();
        if (wait > 0) {
          if (!ws.isPaused) ws.pause();
          drainTimer = setTimeout(drain, wait);
          return;
        }
        batcher.add(modelUuid, waiting.shift() as LogRecordParams);
      }
      if (ws.isPaused) ws.resume();
    };
    let alive = true;
    const pinger = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, pingMs);
    ws.on('pong', () => (alive = true));
    ws.on('message', (data: RawData) => {
      alive = true;
      const record = decodeLogSinkRecord(frameText(data), entity, nowMicros());
      if (record === null) return;
      waiting.push(record);
      if (drainTimer === undefined) drain();
    });
    ws.once('close', () => {
      clearInterval(pinger);
      if (drainTimer !== undefined) clearTimeout(drainTimer);
      // What the agent already sent is kept, past the rate limit.
      for (const record of waiting.splice(0)) batcher.add(modelUuid, record);
      batcher.flush();
    });
    await sendInitialResult(ws);
  };
}
