/**
 * The controller's side endpoints (charms, tools, resources, backups, debug-log):
 * HTTPS requests and websocket streams over the same CA-pinned TLS as the API,
 * authenticated with HTTP Basic auth (tag:password).
 */
import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { WebSocket, type RawData } from 'ws';
import { JujuError, errorMessage } from '../core/errors.js';
import { JUJU_VERSION } from '../core/version.js';
import { frameText } from '../rpc/envelope.js';
import { fromWireError } from '../rpc/errors.js';
import { ApiConnectionError, describeDialError } from './errors.js';
import { API_SERVER_NAME, parseHostPort, pinnedTlsOptions } from './tls.js';

/** Where to send side requests: one `host:port` and the CA to trust. */
export interface ApiHttpTarget {
  readonly address: string;
  readonly caCert: string;
}

/** Basic-auth credentials; machine agents also send their provisioning nonce. */
export interface HttpAuth {
  readonly tag: string;
  readonly password: string;
  readonly nonce?: string;
}

export interface HttpRequestOptions {
  /** Strings and bytes are sent as is; anything else is sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  auth?: HttpAuth;
  /** Added to the path's query string. */
  query?: Record<string, string>;
  /** Whole-request timeout. Default 5 minutes (uploads can be large). */
  timeoutMs?: number;
  /** Return non-2xx responses instead of throwing. */
  allowErrorStatus?: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  text(): string;
  json<T = unknown>(): T;
}

const DEFAULT_HTTP_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * Sends one HTTPS request to the controller. A non-2xx reply fails with the
 * JujuError carried in Juju's `{"error":{...}}` body (or a generic one naming the
 * status) unless `allowErrorStatus` is set.
 */
export async function apiHttpRequest(
  target: ApiHttpTarget,
  method: string,
  path: string,
  opts: HttpRequestOptions = {},
): Promise<HttpResponse> {
  const { host, port, authority } = parseHostPort(target.address);
  const headers: OutgoingHttpHeaders = { 'X-Juju-ClientVersion': JUJU_VERSION, ...authHeaders(opts.auth) };
  let payload: Buffer | undefined;
  if (opts.body !== undefined) {
    if (typeof opts.body === 'string') payload = Buffer.from(opts.body, 'utf8');
    else if (opts.body instanceof Uint8Array)
      payload = Buffer.from(opts.body.buffer, opts.body.byteOffset, opts.body.byteLength);
    else {
      payload = Buffer.from(JSON.stringify(opts.body), 'utf8');
      headers['Content-Type'] = 'application/json';
    }
    headers['Content-Length'] = payload.length;
  }
  Object.assign(headers, opts.headers);
  const fullPath = withQuery(path, opts.query);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;

  const response = await new Promise<HttpResponse>((resolve, reject) => {
    const req = httpsRequest(
      { ...pinnedTlsOptions(target.caCert), host, port, method, path: fullPath, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => resolve(makeResponse(res.statusCode ?? 0, res.headers, Buffer.concat(chunks))));
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', (err) =>
      reject(
        new ApiConnectionError(
          `cannot connect to API: ${authority}: ${describeDialError(err, API_SERVER_NAME)}`,
        ),
      ),
    );
    req.end(payload);
  });
  if (!opts.allowErrorStatus && (response.status < 200 || response.status >= 300)) {
    throw httpError(method, fullPath, response);
  }
  return response;
}

/** The JujuError a failed HTTP reply stands for. */
export function httpError(method: string, path: string, response: HttpResponse): JujuError {
  try {
    const body = response.json<{ error?: { message?: unknown; code?: unknown; info?: unknown } }>();
    if (body.error && typeof body.error.message === 'string') return fromWireError(body.error);
  } catch {
    // not a Juju error body
  }
  const snippet = response.text().trim().slice(0, 200);
  return new JujuError(
    '',
    `${method} ${path}: HTTP ${response.status}${snippet === '' ? '' : `: ${snippet}`}`,
  );
}

/** A websocket side stream, after its initial error-result line was read and found OK. */
export interface ApiStream {
  /** Text messages in arrival order; ends when the stream closes. */
  [Symbol.asyncIterator](): AsyncIterator<string>;
  send(text: string): void;
  close(): void;
  /** Resolves when the websocket has closed. */
  readonly closed: Promise<void>;
}

export interface OpenStreamOptions {
  auth?: HttpAuth;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Opens a websocket side stream such as `/model/<uuid>/log`. The server's first
 * message is an ErrorResult: `{}` lets the stream start, an `error` fails the open
 * with that JujuError.
 */
export async function openStream(
  target: ApiHttpTarget,
  path: string,
  opts: OpenStreamOptions = {},
): Promise<ApiStream> {
  const { authority } = parseHostPort(target.address);
  const url = `wss://${authority}${withQuery(path, opts.query)}`;
  const ws = new WebSocket(url, {
    ...pinnedTlsOptions(target.caCert),
    headers: { 'X-Juju-ClientVersion': JUJU_VERSION, ...authHeaders(opts.auth), ...opts.headers },
    handshakeTimeout: opts.timeoutMs ?? 30_000,
    perMessageDeflate: false,
  });
  const queue: string[] = [];
  const waiters: Array<(r: IteratorResult<string>) => void> = [];
  let ended = false;
  let first: ((text: string) => void) | null = null;
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.on('message', (data: RawData) => {
    const text = frameText(data);
    if (first !== null) {
      const take = first;
      first = null;
      take(text);
      return;
    }
    const waiter = waiters.shift();
    if (waiter !== undefined) waiter({ value: text, done: false });
    else queue.push(text);
  });
  ws.on('close', () => {
    ended = true;
    for (const waiter of waiters.splice(0)) waiter({ value: undefined, done: true });
  });

  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => reject(err);
    ws.once('error', (err) =>
      fail(
        new ApiConnectionError(
          `cannot connect to API: ${authority}: ${describeDialError(err, API_SERVER_NAME)}`,
        ),
      ),
    );
    ws.once('close', () => fail(new ApiConnectionError(`cannot open stream ${path}: connection closed`)));
    first = (text) => {
      const outcome = initialStreamError(text, path);
      if (outcome === null) {
        resolve();
      } else {
        ws.close();
        fail(outcome);
      }
    };
  });
  ws.on('error', () => undefined); // later errors surface as the stream ending

  return {
    [Symbol.asyncIterator](): AsyncIterator<string> {
      return {
        next: (): Promise<IteratorResult<string>> => {
          const value = queue.shift();
          if (value !== undefined) return Promise.resolve({ value, done: false });
          if (ended) return Promise.resolve({ value: undefined, done: true });
          return new Promise((resolve) => waiters.push(resolve));
        },
        return: (): Promise<IteratorResult<string>> => {
          ws.close();
          return Promise.resolve({ value: undefined, done: true });
        },
      };
    },
    send: (text) => ws.send(text),
    close: () => ws.close(),
    closed,
  };
}

/** The error carried by a stream's initial ErrorResult line, or null when it is `{}`. */
function initialStreamError(text: string, path: string): JujuError | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return new JujuError('', `cannot open stream ${path}: invalid initial message: ${errorMessage(err)}`);
  }
  const error = (parsed as { error?: { message?: unknown; code?: unknown; info?: unknown } | null } | null)
    ?.error;
  return error ? fromWireError(error) : null;
}

function authHeaders(auth: HttpAuth | undefined): Record<string, string> {
  if (auth === undefined) return {};
  const headers: Record<string, string> = {
    Authorization: `Basic ${Buffer.from(`${auth.tag}:${auth.password}`, 'utf8').toString('base64')}`,
  };
  if (auth.nonce !== undefined && auth.nonce !== '') headers['X-Juju-Nonce'] = auth.nonce;
  return headers;
}

function withQuery(path: string, query: Record<string, string> | undefined): string {
  if (query === undefined || Object.keys(query).length === 0) return path;
  const search = new URLSearchParams(query).toString();
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

function makeResponse(status: number, headers: IncomingHttpHeaders, body: Buffer): HttpResponse {
  return {
    status,
    headers,
    body,
    text: () => body.toString('utf8'),
    json: <T>() => JSON.parse(body.toString('utf8')) as T,
  };
}
