/**
 * The controller's log endpoints: `/model/:uuid/logsink` (agents push records)
 * and `/model/:uuid/log`, `/log` (debug-log streams), plus the controller's
 * own log writer.
 */
import type { ControllerServices } from '../../domain/index.js';
import type { ApiServer } from '../apiserver/api-server.js';
import type { ChangeHub } from '../events/change-hub.js';
import { debugLogHandler, type DebugLogOptions } from './debug-log-stream.js';
import { LogAppendBatcher } from './log-batcher.js';
import { logSinkHandler, type LogSinkOptions } from './logsink.js';

export { controllerLogWriter } from './controller-log-writer.js';
export type { ControllerLogWriter, ControllerLogWriterOptions } from './controller-log-writer.js';
export { toDebugLogMessage } from './debug-log-stream.js';
export type { DebugLogMessage, DebugLogOptions } from './debug-log-stream.js';
export type { LogSinkOptions } from './logsink.js';

/** What the log endpoints need (a FacadeDeps fits). */
export interface LogEndpointDeps {
  readonly services: ControllerServices;
  readonly hub: ChangeHub;
  log?(level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', module: string, message: string): void;
}

/** Tuning for tests and special deployments. */
export interface LogEndpointOptions extends LogSinkOptions, DebugLogOptions {
  /** Logsink batching interval. Default 50 ms. */
  readonly batchIntervalMs?: number;
}

/** Handle on the registered endpoints. */
export interface LogEndpoints {
  /** Writes records the logsink has buffered. */
  flush(): void;
  /** Flushes and stops accepting logsink records. */
  close(): void;
}

/** Adds `/model/:uuid/logsink`, `/model/:uuid/log` and `/log` to `server`. */
export function registerLogEndpoints(
  server: ApiServer,
  deps: LogEndpointDeps,
  opts: LogEndpointOptions = {},
): LogEndpoints {
  const batcher = new LogAppendBatcher(deps.services, {
    ...(opts.batchIntervalMs !== undefined ? { intervalMs: opts.batchIntervalMs } : {}),
    onError: (message) => deps.log?.('WARNING', 'juju.apiserver.logsink', message),
  });
  server.addWebSocketRoute('/model/:uuid/logsink', logSinkHandler(deps.services, batcher, opts));
  const debugLog = debugLogHandler(deps.services, deps.hub, opts);
  server.addWebSocketRoute('/model/:uuid/log', debugLog);
  server.addWebSocketRoute('/log', debugLog);
  return { flush: () => batcher.flush(), close: () => batcher.close() };
}
