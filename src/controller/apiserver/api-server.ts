/**
 * The controller's HTTPS listener: RPC websockets at `/api`, `/` (controller
 * connections) and `/model/:uuid/api` (model connections), `GET /health`,
 * `POST /register`, and whatever HTTP or websocket routes are added later.
 */
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode, JujuError } from '../../core/errors.js';
import { FacadeRegistry } from './facade-registry.js';
import { readJsonBody, sendHttpError, sendJson } from './http-util.js';
import { RpcConnection } from './rpc-connection.js';
import { compilePathPattern, type PathPattern } from './routes.js';
import type {
  ApiServerOptions,
  ConnectionKind,
  FacadeDefinition,
  HttpHandler,
  RouteMatch,
  WebSocketHandler,
} from './types.js';

/** What `GET /health` reports: `running` answers 200, the others 503. */
export type HealthState = 'starting' | 'running' | 'stopping';

const DEFAULT_AGENT_PING_TIMEOUT_MS = 3 * 60 * 1000;
const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const REGISTER_BODY_LIMIT = 64 * 1024;
// How long stop() lets websockets finish their closing handshake before cutting them.
const CLOSE_GRACE_MS = 200;

/** Always-present keepalive facade. */
const PINGER_FACADE: FacadeDefinition = {
  name: 'Pinger',
  versions: [1],
  kinds: ['controller', 'model'],
  methods: { Ping: () => undefined },
};

interface HttpRoute {
  readonly method: string;
  readonly pattern: PathPattern;
  readonly handler: HttpHandler;
}

interface WebSocketRoute {
  readonly pattern: PathPattern;
  readonly handler: WebSocketHandler;
}

const MODEL_API_PATTERN = compilePathPattern('/model/:uuid/api');

/** See the module comment. Create, add routes, `start()`, and `stop()` when done. */
export class ApiServer {
  readonly #opts: ApiServerOptions;
  readonly #registry: FacadeRegistry;
  readonly #log: (line: string) => void;
  readonly #httpRoutes: HttpRoute[] = [];
  readonly #wsRoutes: WebSocketRoute[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #rpcConnections = new Set<RpcConnection>();
  readonly #sideStreams = new Set<WebSocket>();
  #server: Server | null = null;
  #wss: WebSocketServer | null = null;
  #health: HealthState = 'running';
  #nextConnectionId = 1;
  #stopping: Promise<void> | null = null;

  constructor(opts: ApiServerOptions) {
    this.#opts = opts;
    const facades = opts.facades.some((f) => f.name === PINGER_FACADE.name)
      ? opts.facades
      : [...opts.facades, PINGER_FACADE];
    this.#registry = new FacadeRegistry(facades);
    this.#log = opts.logger ?? (() => undefined);
  }

  /** The bound port once started. */
  get port(): number {
    const address = this.#server?.address();
    if (address === null || address === undefined || typeof address === 'string') {
      throw new Error('api server is not listening');
    }
    return address.port;
  }

  /** Listens on `host:port`; resolves with the actual port (useful with port 0). */
  async start(): Promise<{ port: number }> {
    if (this.#server !== null) throw new Error('api server already started');
    const server = createHttpsServer({
      cert: this.#opts.tls.certPem,
      key: this.#opts.tls.keyPem,
      minVersion: 'TLSv1.2',
    });
    const wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: this.#opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    });
    this.#server = server;
    this.#wss = wss;
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.#onRequest(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.#onUpgrade(req, socket, head),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#opts.port, this.#opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.#log(`api server error: ${err.message}`));
    this.#log(`api server listening on ${this.#opts.host}:${this.port}`);
    return { port: this.port };
  }

  /**
   * Stops listening and closes every connection: websockets get a close frame and
   * are cut after a short grace period; HTTP sockets are destroyed. Idempotent.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    const server = this.#server;
    if (server === null) return;
    this.#health = 'stopping';
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const conn of this.#rpcConnections) conn.close();
    for (const ws of this.#sideStreams) ws.close(1001, 'server shutting down');
    await waitFor(() => this.#rpcConnections.size === 0 && this.#sideStreams.size === 0, CLOSE_GRACE_MS);
    for (const conn of this.#rpcConnections) conn.terminate();
    for (const ws of this.#sideStreams) ws.terminate();
    for (const socket of this.#sockets) socket.destroy();
    server.closeAllConnections();
    this.#wss?.close();
    await closed;
    this.#log('api server stopped');
  }

  /** Sets what `GET /health` reports. */
  setHealth(state: HealthState): void {
    this.#health = state;
  }

  /**
   * Adds a plain HTTP route. `method` is an HTTP method or `*`; `pattern` is like
   * `/model/:uuid/charms` (see compilePathPattern). Earlier routes win.
   */
  addHttpRoute(method: string, pattern: string, handler: HttpHandler): void {
    this.#httpRoutes.push({ method: method.toUpperCase(), pattern: compilePathPattern(pattern), handler });
  }

  /** Adds a websocket side-stream route such as `/model/:uuid/log`. */
  addWebSocketRoute(pattern: string, handler: WebSocketHandler): void {
    this.#wsRoutes.push({ pattern: compilePathPattern(pattern), handler });
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = requestUrl(req);
    const method = req.method ?? 'GET';
    if (url.pathname === '/health' && (method === 'GET' || method === 'HEAD')) {
      res.writeHead(this.#health === 'running' ? 200 : 503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${this.#health}\n`);
      return;
    }
    if (url.pathname === '/register' && this.#opts.register !== undefined) {
      if (method !== 'POST') {
        sendHttpError(res, methodNotAllowed(method));
        return;
      }
      void this.#runHttp(res, async () => {
        const body = await readJsonBody(req, REGISTER_BODY_LIMIT);
        const reply = await this.#opts.register?.(body);
        sendJson(res, 200, reply ?? {});
      });
      return;
    }
    let pathMatched = false;
    for (const route of this.#httpRoutes) {
      const params = route.pattern.match(url.pathname);
      if (params === null) continue;
      pathMatched = true;
      if (route.method !== '*' && route.method !== method) continue;
      const match: RouteMatch = { params, url };
      void this.#runHttp(res, () => route.handler(req, res, match));
      return;
    }
    if (pathMatched) {
      sendHttpError(res, methodNotAllowed(method));
    } else if (this.#rpcTarget(url.pathname) !== null) {
      sendHttpError(res, new JujuError(ErrorCode.BadRequest, 'websocket upgrade required'));
    } else {
      sendHttpError(res, new JujuError(ErrorCode.NotFound, `${url.pathname} not found`));
    }
  }

  async #runHttp(res: ServerResponse, run: () => void | Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      if (!(err instanceof JujuError))
        this.#log(`http handler failed: ${err instanceof Error ? err.stack : String(err)}`);
      sendHttpError(res, err);
    }
  }

  #onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const wss = this.#wss;
    if (wss === null || this.#stopping !== null) {
      socket.destroy();
      return;
    }
    const url = requestUrl(req);
    const target = this.#rpcTarget(url.pathname);
    if (target !== null) {
      wss.handleUpgrade(req, socket, head, (ws) => this.#acceptRpc(ws, req, target));
      return;
    }
    for (const route of this.#wsRoutes) {
      const params = route.pattern.match(url.pathname);
      if (params === null) continue;
      wss.handleUpgrade(req, socket, head, (ws) => this.#acceptSideStream(ws, req, route, { params, url }));
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  }

  #rpcTarget(pathname: string): { kind: ConnectionKind; modelUuid: string | null } | null {
    if (pathname === '/api' || pathname === '/') return { kind: 'controller', modelUuid: null };
    const params = MODEL_API_PATTERN.match(pathname);
    if (params?.['uuid'] !== undefined) return { kind: 'model', modelUuid: params['uuid'] };
    return null;
  }

  #acceptRpc(
    ws: WebSocket,
    req: IncomingMessage,
    target: { kind: ConnectionKind; modelUuid: string | null },
  ): void {
    const conn = new RpcConnection(ws, {
      id: String(this.#nextConnectionId++),
      kind: target.kind,
      modelUuid: target.modelUuid,
      remoteAddress: remoteAddress(req),
      registry: this.#registry,
      login: this.#opts.login,
      logger: this.#log,
      agentPingTimeoutMs: this.#opts.agentPingTimeoutMs ?? DEFAULT_AGENT_PING_TIMEOUT_MS,
    });
    this.#rpcConnections.add(conn);
    ws.once('close', () => this.#rpcConnections.delete(conn));
  }

  #acceptSideStream(ws: WebSocket, req: IncomingMessage, route: WebSocketRoute, match: RouteMatch): void {
    this.#sideStreams.add(ws);
    ws.once('close', () => this.#sideStreams.delete(ws));
    ws.on('error', (err) => this.#log(`${match.url.pathname}: websocket error: ${err.message}`));
    Promise.resolve()
      .then(() => route.handler(ws, req, match))
      .catch((err: unknown) => {
        this.#log(
          `${match.url.pathname}: stream handler failed: ${err instanceof Error ? err.stack : String(err)}`,
        );
        ws.close(1011, 'internal error');
      });
  }
}

function methodNotAllowed(method: string): JujuError {
  return new JujuError('method not allowed', `unsupported method: "${method}"`);
}

function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'https://localhost');
  } catch {
    return new URL('https://localhost/');
  }
}

function remoteAddress(req: IncomingMessage): string {
  const { remoteAddress: host, remotePort: port } = req.socket;
  if (host === undefined) return '';
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
