/** Shared test fixtures: a real ApiServer on 127.0.0.1:0 with a test CA, and a raw wire client. */
import { WebSocket } from 'ws';
import { ErrorCode, JujuError } from '../../../src/core/errors.js';
import { ApiServer } from '../../../src/controller/apiserver/api-server.js';
import type {
  ApiServerOptions,
  FacadeDefinition,
  LoginHandler,
} from '../../../src/controller/apiserver/types.js';
import { createCA, issueServerCert, type CertificateAndKey } from '../../../src/pki/certificates.js';
import { pinnedTlsOptions } from '../../../src/api/tls.js';

export const MODEL_UUID = '0b2c7a4e-5f1d-4c3e-9a8b-7d6e5f4a3b2c';

let cached: { ca: CertificateAndKey; server: CertificateAndKey } | null = null;

/** One CA + serving cert per test process (fast, but no need to repeat). */
export async function testPki(): Promise<{ ca: CertificateAndKey; server: CertificateAndKey }> {
  if (cached === null) {
    const ca = await createCA('test');
    const server = await issueServerCert(ca, { ipAddresses: ['127.0.0.1'], dnsNames: [] });
    cached = { ca, server };
  }
  return cached;
}

/** Sleeps, giving up early when the connection closes (as long-running handlers should). */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export const testFacade: FacadeDefinition = {
  name: 'Test',
  versions: [1, 2],
  kinds: ['controller', 'model'],
  methods: {
    Echo: (ctx, params: unknown) => ({
      params: params ?? null,
      version: ctx.version,
      kind: ctx.conn.kind,
      model: ctx.conn.modelUuid,
      tag: ctx.conn.auth?.tag ?? null,
    }),
    Void: () => undefined,
    Fail: () => {
      throw new JujuError(ErrorCode.NotFound, 'thing "x" not found', { thing: 'x' });
    },
    Crash: () => {
      throw new Error('boom');
    },
    Sleep: async (ctx, params: { ms: number; value: number }) => {
      await delay(params.ms, ctx.conn.signal);
      return { value: params.value };
    },
  },
};

export const modelOnlyFacade: FacadeDefinition = {
  name: 'Application',
  versions: [19, 20],
  kinds: ['model'],
  methods: { Get: () => ({}) },
};

export const controllerOnlyFacade: FacadeDefinition = {
  name: 'ModelManager',
  versions: [9, 10],
  kinds: ['controller'],
  methods: { ListModels: () => ({ 'user-models': [] }) },
};

export const watcherFacade: FacadeDefinition = {
  name: 'NotifyWatcher',
  versions: [1],
  kinds: ['controller', 'model'],
  acceptsId: true,
  methods: { Next: (ctx) => ({ id: ctx.id }) },
};

/** Accepts user-admin/secret and machine-0/agentpw. */
export const testLogin: LoginHandler = async (
  conn,
  params: { 'auth-tag'?: string; credentials?: string },
) => {
  await Promise.resolve();
  const tag = params['auth-tag'];
  const ok =
    (tag === 'user-admin' && params.credentials === 'secret') ||
    (tag === 'machine-0' && params.credentials === 'agentpw');
  if (!ok || tag === undefined)
    throw new JujuError(ErrorCode.Unauthorized, 'invalid entity name or password');
  return {
    auth: { tag, kind: tag.startsWith('user-') ? 'user' : 'machine' },
    result: {
      'controller-tag': 'controller-11111111-2222-3333-4444-555555555555',
      'model-tag': conn.modelUuid === null ? '' : `model-${conn.modelUuid}`,
    },
  };
};

export interface TestServer {
  readonly server: ApiServer;
  readonly address: string;
  readonly port: number;
  readonly caCert: string;
  readonly logs: string[];
}

export async function startTestServer(extra: Partial<ApiServerOptions> = {}): Promise<TestServer> {
  const { ca, server: serving } = await testPki();
  const logs: string[] = [];
  const server = new ApiServer({
    host: '127.0.0.1',
    port: 0,
    tls: serving,
    facades: [testFacade, modelOnlyFacade, controllerOnlyFacade, watcherFacade],
    login: testLogin,
    logger: (line) => logs.push(line),
    ...extra,
  });
  const { port } = await server.start();
  return { server, port, address: `127.0.0.1:${port}`, caCert: ca.certPem, logs };
}

/** A websocket speaking raw JSON frames, for checking exact wire bytes. */
export class RawClient {
  readonly ws: WebSocket;
  readonly #frames: string[] = [];
  readonly #waiters: Array<(frame: string) => void> = [];
  readonly closed: Promise<{ code: number }>;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      const waiter = this.#waiters.shift();
      if (waiter) waiter(text);
      else this.#frames.push(text);
    });
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve({ code })));
  }

  static async open(address: string, caCert: string, path = '/api'): Promise<RawClient> {
    const ws = new WebSocket(`wss://${address}${path}`, {
      ...pinnedTlsOptions(caCert),
      perMessageDeflate: false,
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawClient(ws);
  }

  sendText(text: string): void {
    this.ws.send(text);
  }

  /** The next frame, as text. */
  next(): Promise<string> {
    const frame = this.#frames.shift();
    if (frame !== undefined) return Promise.resolve(frame);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Sends one request object and returns the parsed reply (requests are answered in order here). */
  async roundTrip(message: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.sendText(JSON.stringify(message));
    return JSON.parse(await this.next()) as Record<string, unknown>;
  }

  async login(tag = 'user-admin', credentials = 'secret'): Promise<Record<string, unknown>> {
    return this.roundTrip({
      'request-id': 1000,
      type: 'Admin',
      version: 3,
      request: 'Login',
      params: { 'auth-tag': tag, credentials },
    });
  }

  close(): void {
    this.ws.terminate();
  }
}
