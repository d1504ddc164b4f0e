/**
 * One RPC websocket connection on the server: reads requests, runs them concurrently
 * (clients pipeline), answers each with its request id, and owns the login state.
 * Before login only `Admin(3).Login` exists.
 */
import { setMaxListeners } from 'node:events';
import { WebSocket, type RawData } from 'ws';
import { ErrorCode, JujuError, errorMessage } from '../../core/errors.js';
import { JUJU_VERSION } from '../../core/version.js';
import {
  decodeRequest,
  encodeResponse,
  frameText,
  errorResponse,
  resultResponse,
  type FrameFormat,
  type RpcRequest,
} from '../../rpc/envelope.js';
import { callNotImplemented, idNotFound, type FacadeRegistry } from './facade-registry.js';
import type { AuthInfo, CallContext, ConnectionInfo, ConnectionKind, LoginHandler } from './types.js';

/** What a connection needs from its server. */
export interface RpcConnectionOptions {
  readonly id: string;
  readonly kind: ConnectionKind;
  readonly modelUuid: string | null;
  readonly remoteAddress: string;
  readonly registry: FacadeRegistry;
  readonly login: LoginHandler;
  readonly logger: (line: string) => void;
  readonly agentPingTimeoutMs: number;
}

const ADMIN_FACADE = 'Admin';
const ADMIN_VERSION = 3;
// Websocket close code for a message that is not JSON (RFC 6455 "invalid frame payload data").
const CLOSE_INVALID_PAYLOAD = 1007;

/** Serves the RPC protocol on one accepted websocket. */
export class RpcConnection {
  readonly info: ConnectionInfo;
  readonly #ws: WebSocket;
  readonly #opts: RpcConnectionOptions;
  readonly #abort = new AbortController();
  #loginChain: Promise<unknown> = Promise.resolve();
  #pingTimer: NodeJS.Timeout | undefined;

  constructor(ws: WebSocket, opts: RpcConnectionOptions) {
    this.#ws = ws;
    this.#opts = opts;
    // Every in-flight call may listen for the connection closing; pipelining makes many.
    setMaxListeners(0, this.#abort.signal);
    this.info = {
      id: opts.id,
      kind: opts.kind,
      modelUuid: opts.modelUuid,
      remoteAddress: opts.remoteAddress,
      auth: null,
      signal: this.#abort.signal,
    };
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('close', () => this.#onClose());
    ws.on('error', (err) => opts.logger(`connection ${opts.id}: websocket error: ${err.message}`));
  }

  /** Closes the websocket (politely; the server terminates stragglers). */
  close(code = 1001, reason = 'server shutting down'): void {
    if (this.#ws.readyState === WebSocket.OPEN || this.#ws.readyState === WebSocket.CONNECTING) {
      this.#ws.close(code, reason);
    }
  }

  /** Drops the connection without a closing handshake. */
  terminate(): void {
    this.#ws.terminate();
  }

  #onClose(): void {
    clearTimeout(this.#pingTimer);
    this.#abort.abort(new JujuError(ErrorCode.Stopped, 'connection closed'));
  }

  #onMessage(data: RawData, _isBinary: boolean): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(frameText(data));
    } catch (err) {
      this.#protocolError(`cannot parse message: ${errorMessage(err)}`);
      return;
    }
    let decoded;
    try {
      decoded = decodeRequest(parsed);
    } catch (err) {
      this.#protocolError(errorMessage(err));
      return;
    }
    const { format, request, invalid } = decoded;
    if (invalid !== undefined) {
      this.#send(errorResponse(request['request-id'], invalid), format);
      return;
    }
    this.#dispatch(request).then(
      (result) => this.#send(resultResponse(request['request-id'], result), format),
      (err: unknown) => {
        if (!(err instanceof JujuError)) {
          const detail = err instanceof Error && err.stack !== undefined ? err.stack : errorMessage(err);
          this.#opts.logger(`connection ${this.info.id}: ${describe(request)} failed: ${detail}`);
        }
        this.#send(errorResponse(request['request-id'], err), format);
      },
    );
  }

  async #dispatch(req: RpcRequest): Promise<unknown> {
    if (req.type === ADMIN_FACADE) return this.#admin(req);
    if (this.info.auth === null) throw callNotImplemented(req.type, req.version);
    const { handler } = this.#opts.registry.resolve(
      this.info.kind,
      req.type,
      req.version,
      req.request,
      req.id,
    );
    if (req.type === 'Pinger' && req.request === 'Ping') this.#armPingTimer();
    const ctx: CallContext = {
      conn: this.info,
      facade: req.type,
      version: req.version,
      method: req.request,
      id: req.id,
      requestId: req['request-id'],
    };
    return handler(ctx, req.params);
  }

  async #admin(req: RpcRequest): Promise<unknown> {
    if (req.version !== ADMIN_VERSION) {
      throw new JujuError(
        ErrorCode.NotSupported,
        'this version of Juju does not support login from old clients',
      );
    }
    if (req.id !== '') throw idNotFound();
    if (req.request !== 'Login') throw callNotImplemented(ADMIN_FACADE, ADMIN_VERSION, req.request);
    // Logins run one at a time so a second one reliably sees the first's outcome.
    const attempt = this.#loginChain.then(() => this.#login(req.params));
    this.#loginChain = attempt.catch(() => undefined);
    return attempt;
  }

  async #login(params: unknown): Promise<unknown> {
    if (this.info.auth !== null) throw new JujuError('', 'already logged in');
    const { auth, result } = await this.#opts.login(this.info, params ?? {});
    this.info.auth = auth;
    this.#opts.logger(`connection ${this.info.id}: ${auth.tag} logged in (${this.info.kind} connection)`);
    if (!isUser(auth)) this.#armPingTimer();
    const base = typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : {};
    return {
      ...base,
      facades: this.#opts.registry.describe(this.info.kind),
      'server-version': typeof base['server-version'] === 'string' ? base['server-version'] : JUJU_VERSION,
    };
  }

  /** Agents must ping regularly; an agent that goes quiet is disconnected. */
  #armPingTimer(): void {
    const timeout = this.#opts.agentPingTimeoutMs;
    if (timeout <= 0 || this.info.auth === null || isUser(this.info.auth)) return;
    clearTimeout(this.#pingTimer);
    this.#pingTimer = setTimeout(() => {
      this.#opts.logger(
        `connection ${this.info.id}: no ping from ${this.info.auth?.tag} for ${timeout}ms, closing`,
      );
      this.terminate();
    }, timeout);
    this.#pingTimer.unref();
  }

  #send(response: Parameters<typeof encodeResponse>[0], format: FrameFormat): void {
    if (this.#ws.readyState !== WebSocket.OPEN) return;
    this.#ws.send(encodeResponse(response, format));
  }

  #protocolError(reason: string): void {
    this.#opts.logger(`connection ${this.info.id}: ${reason}; closing`);
    this.close(CLOSE_INVALID_PAYLOAD, 'invalid message');
  }
}

function isUser(auth: AuthInfo): boolean {
  return auth.kind === 'user';
}

function describe(req: RpcRequest): string {
  return `${req.type}(${req.version}).${req.request}`;
}
