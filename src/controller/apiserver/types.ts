/**
 * The contract between the API server and the facades, login and HTTP handlers
 * plugged into it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';

/** `/api` (and `/`) is a controller connection; `/model/<uuid>/api` a model connection. */
export type ConnectionKind = 'controller' | 'model';

/** Who logged in on a connection. Login handlers may attach more fields. */
export interface AuthInfo {
  readonly tag: string;
  readonly kind: 'user' | 'machine' | 'unit' | 'controller';
  readonly [k: string]: unknown;
}

/** Per-connection state shared by every call on that connection. */
export interface ConnectionInfo {
  /** Unique per server process, e.g. `"3"`. */
  readonly id: string;
  readonly kind: ConnectionKind;
  /** The model of a model connection; null for a controller connection. */
  readonly modelUuid: string | null;
  /** `host:port` of the peer. */
  readonly remoteAddress: string;
  /** Set by the server after a successful login. */
  auth: AuthInfo | null;
  /** Aborted when the connection closes; long-running calls (watcher `Next`) should stop on it. */
  readonly signal: AbortSignal;
}

/** What a method handler knows about its call. */
export interface CallContext {
  readonly conn: ConnectionInfo;
  readonly facade: string;
  readonly version: number;
  readonly method: string;
  /** The request's object id: the watcher id for watcher facades, otherwise "". */
  readonly id: string;
  readonly requestId: number;
}

/**
 * A facade method. `params` is the request's `params` as parsed JSON (undefined when
 * absent); the return value becomes `response` (`{}` when undefined). Throw JujuError
 * to fail the call with its code.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers declare their own param types
export type MethodHandler = (ctx: CallContext, params: any) => unknown; // a value or a Promise of one

/**
 * A facade served at one or more versions. Several definitions may share a name as
 * long as their versions do not overlap (e.g. one per generation of an API).
 */
export interface FacadeDefinition {
  readonly name: string;
  readonly versions: readonly number[];
  /** Connection kinds the facade is offered on. */
  readonly kinds: readonly ConnectionKind[];
  readonly methods: Readonly<Record<string, MethodHandler>>;
  /**
   * Whether calls may carry a non-empty object `id` (watcher facades). When false
   * (the default) such calls fail with `id not found`, as in Juju.
   */
  readonly acceptsId?: boolean;
}

/**
 * Checks `Admin(3).Login` params for a connection. Returns who logged in and the
 * login result without `facades` and `server-version`, which the server adds.
 * Throws JujuError (e.g. `invalid entity name or password`, code `unauthorized access`).
 */
export interface LoginHandler {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- LoginRequest as parsed JSON, unvalidated
  (conn: ConnectionInfo, params: any): Promise<{ auth: AuthInfo; result: unknown }>;
}

/** Path parameters (`:uuid` -> value) and the parsed URL of a matched HTTP route. */
export interface RouteMatch {
  readonly params: Readonly<Record<string, string>>;
  readonly url: URL;
}

/**
 * A plain HTTP route handler. A JujuError thrown (or rejected) before the response
 * has started is sent as `{"error":{"message","code"}}` with the mapped HTTP status.
 */
export type HttpHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  route: RouteMatch,
) => void | Promise<void>;

/** A websocket side-stream handler (`/log`, `/logsink`, ...), called after the upgrade. */
export type WebSocketHandler = (
  ws: WebSocket,
  req: IncomingMessage,
  route: RouteMatch,
) => void | Promise<void>;

/** Configuration of an {@link ApiServer}. */
export interface ApiServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Serving certificate (may be followed by the CA in the same PEM) and its key. */
  tls: { certPem: string; keyPem: string };
  facades: FacadeDefinition[];
  login: LoginHandler;
  /** `POST /register` body (parsed JSON) -> reply object; see `handleRegister`. Absent: no `/register`. */
  register?: (body: unknown) => Promise<unknown>;
  logger?: (line: string) => void;
  /**
   * Agent (non-user) connections are closed if no `Pinger.Ping` arrives for this long.
   * Default 180000 (3 minutes); 0 disables.
   */
  agentPingTimeoutMs?: number;
  /** Largest accepted websocket message. Default 64 MiB. */
  maxMessageBytes?: number;
}
