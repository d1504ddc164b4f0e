/**
 * A client connection to the controller API: a CA-pinned `wss://` websocket to
 * `/api` (controller) or `/model/<uuid>/api` (model), login, and pipelined facade
 * calls matched to their replies by request id.
 */
import { WebSocket, type RawData } from 'ws';
import { ErrorCode, JujuError } from '../core/errors.js';
import { JUJU_VERSION } from '../core/version.js';
import { decodeResponse, frameText, isErrorResponse, type RpcRequest } from '../rpc/envelope.js';
import { fromWireRequestError } from '../rpc/errors.js';
import type { LoginRequest, LoginResult } from '../rpc/params/admin.js';
import { ApiConnectionError, CONNECTION_SHUT_DOWN, describeDialError } from './errors.js';
import {
  apiHttpRequest,
  openStream,
  type ApiStream,
  type HttpRequestOptions,
  type HttpResponse,
  type OpenStreamOptions,
} from './http.js';
import { API_SERVER_NAME, parseHostPort, pinnedTlsOptions } from './tls.js';

export interface ConnectOptions {
  /** `host:port` addresses, tried in turn until one answers. */
  addresses: readonly string[];
  /** PEM CA certificate of the controller; the only root trusted. */
  caCert: string;
  /** Connect to this model; omitted for a controller connection. */
  modelUuid?: string;
  /** Per-address limit on TCP + TLS + websocket handshake. Default 10 s. */
  timeoutMs?: number;
  /**
   * Facade versions this client speaks. `call` without an explicit version uses
   * the highest one the server also offers.
   */
  clientFacades?: Readonly<Record<string, readonly number[]>>;
  /** After login, `Pinger.Ping` this often (agents must). Default 60 s; 0 disables. */
  pingIntervalMs?: number;
}

export interface LoginOptions {
  /** `user-admin`, `machine-0`, `unit-app-0`, ... */
  authTag: string;
  credentials: string;
  /** Machine agents: the provisioning nonce. */
  nonce?: string;
  /** The command line, recorded in the audit log. */
  cliArgs?: string;
  /** Default: this implementation's version. */
  clientVersion?: string;
}

export interface CallOptions {
  /** Facade version; default: the negotiated best version (see `bestVersion`). */
  version?: number;
  /** Object id, e.g. the watcher id for watcher facades. */
  id?: string;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_PING_INTERVAL_MS = 60_000;
const PING_TIMEOUT_MS = 30_000;
const ADMIN_VERSION = 3;

interface PendingCall {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/**
 * Connects to the first reachable address. Fails with an ApiConnectionError like
 * `cannot connect to API: 10.0.0.2:17070: connection refused` (one entry per address tried).
 */
export async function connect(opts: ConnectOptions): Promise<ApiConnection> {
  if (opts.addresses.length === 0) throw new ApiConnectionError('cannot connect to API: no API addresses');
  const failures: string[] = [];
  for (const address of opts.addresses) {
    let authority = address;
    try {
      authority = parseHostPort(address).authority;
      const ws = await dial(authority, opts);
      return new ApiConnection(ws, authority, opts);
    } catch (err) {
      failures.push(
        `${authority}: ${err instanceof ApiConnectionError || err instanceof JujuError ? err.message : describeDialError(err, API_SERVER_NAME)}`,
      );
    }
  }
  throw new ApiConnectionError(`cannot connect to API: ${failures.join('; ')}`);
}

async function dial(authority: string, opts: ConnectOptions): Promise<WebSocket> {
  const path = opts.modelUuid === undefined ? '/api' : `/model/${encodeURIComponent(opts.modelUuid)}/api`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const ws = new WebSocket(`wss://${authority}${path}`, {
    ...pinnedTlsOptions(opts.caCert),
    handshakeTimeout: timeoutMs,
    perMessageDeflate: false,
    headers: { 'X-Juju-ClientVersion': JUJU_VERSION },
    origin: 'http://localhost/',
  });
  return new Promise<WebSocket>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      ws.terminate();
      reject(new ApiConnectionError(`timed out after ${timeoutMs}ms`));
    }, timeoutMs);
    const onOpen = (): void => {
      cleanup();
      resolve(ws);
    };
    const onError = (err: Error): void => {
      cleanup();
      ws.terminate();
      reject(new ApiConnectionError(describeDialError(err, API_SERVER_NAME)));
    };
    const onUnexpected = (_req: unknown, res: { statusCode?: number }): void => {
      cleanup();
      ws.terminate();
      reject(new ApiConnectionError(`unexpected HTTP status ${res.statusCode ?? 0} for ${path}`));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      ws.off('open', onOpen);
      ws.off('error', onError);
      ws.off('unexpected-response', onUnexpected);
    };
    // terminate() on a socket still connecting emits 'error' later: never let that crash the process.
    ws.on('error', () => undefined);
    ws.on('open', onOpen);
    ws.on('error', onError);
    ws.on('unexpected-response', onUnexpected);
  });
}

/** An open API connection. Create with {@link connect}. */
export class ApiConnection {
  /** The `host:port` that answered. */
  readonly address: string;
  readonly modelUuid: string | null;
  /** Resolves when the connection has closed, for whatever reason. */
  readonly closed: Promise<void>;
  readonly #ws: WebSocket;
  readonly #caCert: string;
  readonly #clientFacades: Readonly<Record<string, readonly number[]>>;
  readonly #pingIntervalMs: number;
  readonly #pending = new Map<number, PendingCall>();
  #nextRequestId = 1;
  #serverFacades = new Map<string, readonly number[]>();
  #loginResult: LoginResult | null = null;
  #credentials: { tag: string; password: string; nonce?: string } | null = null;
  #pingTimer: NodeJS.Timeout | undefined;
  #isClosed = false;

  /** @internal use {@link connect}. */
  constructor(ws: WebSocket, address: string, opts: ConnectOptions) {
    this.#ws = ws;
    this.address = address;
    this.modelUuid = opts.modelUuid ?? null;
    this.#caCert = opts.caCert;
    this.#clientFacades = opts.clientFacades ?? {};
    this.#pingIntervalMs = opts.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
    ws.on('message', (data) => this.#onMessage(data));
    ws.on('error', () => undefined); // always followed by 'close', which fails pending calls
    this.closed = new Promise<void>((resolve) => {
      ws.once('close', () => {
        this.#onClose();
        resolve();
      });
    });
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  /** The result of the successful login, or null before it. */
  get loginResult(): LoginResult | null {
    return this.#loginResult;
  }

  /** Facade name -> versions the server offers on this connection (empty before login). */
  get serverFacades(): ReadonlyMap<string, readonly number[]> {
    return this.#serverFacades;
  }

  /** Logs in (`Admin(3).Login`) and remembers the server's facade versions. */
  async login(opts: LoginOptions): Promise<LoginResult> {
    const params: LoginRequest = {
      'auth-tag': opts.authTag,
      credentials: opts.credentials,
      nonce: opts.nonce ?? '',
      macaroons: [],
      'bakery-version': 3,
      'cli-args': opts.cliArgs ?? '',
      'client-version': opts.clientVersion ?? JUJU_VERSION,
    };
    const result = await this.call<LoginResult>('Admin', 'Login', params, { version: ADMIN_VERSION });
    this.#loginResult = result;
    this.#serverFacades = new Map((result.facades ?? []).map((f) => [f.name, [...f.versions]]));
    this.#credentials = { tag: opts.authTag, password: opts.credentials };
    if (opts.nonce !== undefined) this.#credentials.nonce = opts.nonce;
    this.#startPinging();
    return result;
  }

  /**
   * The highest version of `facade` both in `supported` and offered by the server,
   * or 0 when there is none (the call should not be made).
   */
  bestVersion(facade: string, supported: readonly number[]): number {
    const offered = this.#serverFacades.get(facade) ?? [];
    let best = 0;
    for (const version of supported) if (version > best && offered.includes(version)) best = version;
    return best;
  }

  /**
   * Calls `facade.method`. Calls may be issued concurrently; each resolves with its
   * own reply. Fails with the JujuError the server sent, or an ApiConnectionError
   * (`connection is shut down`) if the connection ends first.
   */
  async call<T = unknown>(
    facade: string,
    method: string,
    params?: unknown,
    opts: CallOptions = {},
  ): Promise<T> {
    if (this.#isClosed) throw new ApiConnectionError(CONNECTION_SHUT_DOWN);
    const version = opts.version ?? this.#negotiatedVersion(facade);
    const requestId = this.#nextRequestId++;
    const request: RpcRequest = {
      'request-id': requestId,
      type: facade,
      version,
      id: opts.id ?? '',
      request: method,
    };
    if (params !== undefined) request.params = params;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(requestId, { resolve: (value) => resolve(value as T), reject });
      this.#ws.send(JSON.stringify(request), (err) => {
        if (err && this.#pending.delete(requestId)) reject(new ApiConnectionError(CONNECTION_SHUT_DOWN));
      });
    });
  }

  /** HTTPS request to a side endpoint on the same controller; auth defaults to the login credentials. */
  httpRequest(method: string, path: string, opts: HttpRequestOptions = {}): Promise<HttpResponse> {
    const withAuth =
      opts.auth === undefined && this.#credentials !== null ? { ...opts, auth: this.#credentials } : opts;
    return apiHttpRequest({ address: this.address, caCert: this.#caCert }, method, path, withAuth);
  }

  /** Opens a websocket side stream (e.g. `/model/<uuid>/log`); auth defaults to the login credentials. */
  openStream(path: string, opts: OpenStreamOptions = {}): Promise<ApiStream> {
    const withAuth =
      opts.auth === undefined && this.#credentials !== null ? { ...opts, auth: this.#credentials } : opts;
    return openStream({ address: this.address, caCert: this.#caCert }, path, withAuth);
  }

  /** Closes the connection; pending calls fail with `connection is shut down`. */
  async close(): Promise<void> {
    if (!this.#isClosed) {
      this.#ws.close(1000);
      const forced = setTimeout(() => this.#ws.terminate(), 1000);
      forced.unref();
    }
    await this.closed;
  }

  #negotiatedVersion(facade: string): number {
    const offered = this.#serverFacades.get(facade);
    if (offered === undefined || offered.length === 0) {
      if (this.#loginResult === null) {
        throw new JujuError(
          ErrorCode.NotSupported,
          `cannot call ${facade} before login without an explicit version`,
        );
      }
      throw new JujuError(ErrorCode.NotSupported, `facade "${facade}" not supported by this controller`);
    }
    const supported = this.#clientFacades[facade];
    const best = supported === undefined ? Math.max(...offered) : this.bestVersion(facade, supported);
    if (best === 0) {
      throw new JujuError(
        ErrorCode.NotSupported,
        `facade "${facade}" versions ${offered.join(',')} offered by the controller are not supported by this client`,
      );
    }
    return best;
  }

  #onMessage(data: RawData): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(frameText(data));
    } catch {
      return; // not a reply; nothing to match it to
    }
    const response = decodeResponse(parsed);
    if (response === null) return;
    const pending = this.#pending.get(response['request-id']);
    if (pending === undefined) return;
    this.#pending.delete(response['request-id']);
    if (isErrorResponse(response)) {
      const wire: { message: string; code?: string; info?: Record<string, unknown> } = {
        message: response.error,
      };
      if (response['error-code'] !== undefined) wire.code = response['error-code'];
      if (response['error-info'] !== undefined) wire.info = response['error-info'];
      pending.reject(fromWireRequestError(wire));
    } else {
      pending.resolve(response.response);
    }
  }

  #onClose(): void {
    this.#isClosed = true;
    clearInterval(this.#pingTimer);
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) call.reject(new ApiConnectionError(CONNECTION_SHUT_DOWN));
  }

  #startPinging(): void {
    if (this.#pingIntervalMs <= 0 || !this.#serverFacades.has('Pinger')) return;
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => {
      const timeout = setTimeout(() => this.#ws.terminate(), PING_TIMEOUT_MS);
      timeout.unref();
      this.call('Pinger', 'Ping', undefined, { version: 1 }).then(
        () => clearTimeout(timeout),
        () => {
          clearTimeout(timeout);
          this.#ws.terminate();
        },
      );
    }, this.#pingIntervalMs);
    this.#pingTimer.unref();
  }
}
