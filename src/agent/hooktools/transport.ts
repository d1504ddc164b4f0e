/**
 * How hook tools reach the unit agent (§5.1), our own protocol in Juju's shape:
 * - `installHookTools` puts one entry per tool name into the unit's tools dir
 *   (first on the hook's PATH): a symlink to the native client `jujuc`
 *   (native/jujuc.c, ~1 ms a call) or, without a C compiler at build time, a
 *   `sh` wrapper running `node jujuc-main.cjs <tool> "$@"` (~25 ms a call).
 * - the client connects to the socket named by `JUJU_AGENT_SOCKET_ADDRESS` /
 *   `JUJU_AGENT_SOCKET_NETWORK` and sends {context id, cwd, tool, args}; stdin only
 *   when the tool asks for it (`--file -`).
 * - `HookToolServer` runs the tool against the HookContext registered for that
 *   context id, one command at a time per context, and answers {code, stdout, stderr}.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  mkdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { distPath } from '../../core/dist-paths.js';
import type { HookContext } from './context.js';
import { HOOK_TOOL_NAMES, isHookTool, runHookTool } from './tools/registry.js';
import wire from './wire.cjs';
import type { WireRequest, WireResponse } from './wire-types.js';

/** Absolute path of the compiled client entry (`dist/.../jujuc-main.cjs`) for installHookTools. */
export const JUJUC_ENTRY_PATH: string = distPath('src', 'agent', 'hooktools', 'jujuc-main.cjs');

/** Where the server listens, in the form the hook environment carries. */
export interface HookToolServerOptions {
  /**
   * `unix`: a socket path, or `@name` for a Linux abstract socket (no file, as Juju
   * uses `@<agentdir>/agent.socket`). `tcp`: `host:port` (port 0 picks one).
   */
  readonly address: string;
  /** Default `unix`. */
  readonly network?: 'unix' | 'tcp';
}

/** The environment variables a hook needs to reach this server. */
export interface HookToolSocketEnv {
  readonly JUJU_AGENT_SOCKET_ADDRESS: string;
  readonly JUJU_AGENT_SOCKET_NETWORK: string;
}

/** `<unit>-<hook or action>-<random int63>`, the form of JUJU_CONTEXT_ID. */
export function newContextId(unitName: string, hookOrAction: string): string {
  const n = randomBytes(8).readBigUInt64BE() & 0x7fffffffffffffffn;
  return `${unitName}-${hookOrAction}-${n}`;
}

const badRequest = (message: string): WireResponse => ({ error: `bad request: ${message}` });

/** Serves hook-tool calls for the contexts registered with it. */
export class HookToolServer {
  private readonly contexts = new Map<string, HookContext>();
  /** Per-context queue: commands of one context run one at a time. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private boundAddress: string;
  readonly network: 'unix' | 'tcp';

  constructor(options: HookToolServerOptions) {
    this.network = options.network ?? 'unix';
    this.boundAddress = options.address;
  }

  /** The address hooks must use (for tcp with port 0, the port actually bound). */
  get address(): string {
    return this.boundAddress;
  }

  /** JUJU_AGENT_SOCKET_ADDRESS / JUJU_AGENT_SOCKET_NETWORK for the hook environment. */
  env(): HookToolSocketEnv {
    return { JUJU_AGENT_SOCKET_ADDRESS: this.boundAddress, JUJU_AGENT_SOCKET_NETWORK: this.network };
  }

  /** Start listening (a stale socket file at the path is replaced). */
  async listen(): Promise<void> {
    const server = createServer((socket) => this.serve(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      if (this.network === 'tcp') {
        const colon = this.boundAddress.lastIndexOf(':');
        server.listen(Number(this.boundAddress.slice(colon + 1)), this.boundAddress.slice(0, colon), () =>
          resolve(),
        );
      } else {
        if (!this.boundAddress.startsWith('@')) rmSync(this.boundAddress, { force: true });
        server.listen(wire.socketPath(this.boundAddress), () => resolve());
      }
    });
    server.removeAllListeners('error');
    server.on('error', () => undefined);
    if (this.network === 'tcp') {
      const addr = server.address();
      if (addr && typeof addr === 'object') {
        this.boundAddress = `${this.boundAddress.slice(0, this.boundAddress.lastIndexOf(':'))}:${addr.port}`;
      }
    }
  }

  /** Make `ctx` answer calls carrying `contextId` (JUJU_CONTEXT_ID of the hook). */
  register(contextId: string, ctx: HookContext): void {
    this.contexts.set(contextId, ctx);
  }

  /** Stop serving `contextId` (after the hook process exited). */
  unregister(contextId: string): void {
    this.contexts.delete(contextId);
    this.queues.delete(contextId);
  }

  /** Stop listening and drop open connections. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (this.network === 'unix' && !this.boundAddress.startsWith('@'))
      rmSync(this.boundAddress, { force: true });
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const reader = new wire.FrameReader();
    socket.on('data', (chunk: Buffer) => {
      let frames: unknown[];
      try {
        frames = reader.push(chunk);
      } catch (err) {
        socket.end(wire.encodeFrame(badRequest((err as Error).message)));
        return;
      }
      for (const frame of frames) {
        const req = frame as WireRequest;
        void this.handle(req).then(
          (response) => {
            if (socket.destroyed) return;
            socket.write(req.reply === 'binary' ? encodeBinaryReply(response) : wire.encodeFrame(response));
          },
          () => socket.destroy(),
        );
      }
    });
  }

  private handle(req: WireRequest): Promise<WireResponse> {
    if (typeof req.command !== 'string' || req.command === '')
      return Promise.resolve(badRequest('command not specified'));
    if (typeof req.dir !== 'string' || !isAbsolute(req.dir))
      return Promise.resolve(badRequest('Dir is not absolute'));
    const ctx = this.contexts.get(req.contextId);
    if (!ctx) {
      const ids = [...this.contexts.keys()];
      return Promise.resolve(
        badRequest(
          ids.length === 1
            ? `expected context id ${JSON.stringify(ids[0])}, got ${JSON.stringify(req.contextId)}`
            : `unknown context id ${JSON.stringify(req.contextId)}`,
        ),
      );
    }
    if (!isHookTool(req.command)) return Promise.resolve(badRequest(`unknown command: ${req.command}`));
    const run = async (): Promise<WireResponse> => {
      const result = await runHookTool(req.command, ctx, Array.isArray(req.args) ? req.args : [], {
        stdin: req.stdinSet && req.stdin !== undefined ? Buffer.from(req.stdin, 'base64') : Buffer.alloc(0),
        stdinSet: req.stdinSet === true,
        cwd: req.dir,
        env: req.env ?? {},
      });
      if (result.stdinRequired) return { needStdin: true };
      return { code: result.code, stdout: result.stdout, stderr: result.stderr };
    };
    const previous = this.queues.get(req.contextId) ?? Promise.resolve();
    const next = previous.then(run, run);
    this.queues.set(
      req.contextId,
      next.catch(() => undefined),
    );
    return next;
  }
}

/**
 * A reply in the native client's layout (see native/jujuc.c): length, kind
 * byte, then code + stdout + stderr, nothing, or an error message.
 */
export function encodeBinaryReply(response: WireResponse): Buffer {
  const u32 = (n: number): Buffer => {
    const b = Buffer.allocUnsafe(4);
    b.writeUInt32BE(n >>> 0, 0);
    return b;
  };
  let body: Buffer;
  if ('needStdin' in response) body = Buffer.from([1]);
  else if ('error' in response) {
    const message = Buffer.from(response.error, 'utf8');
    body = Buffer.concat([Buffer.from([2]), u32(message.length), message]);
  } else {
    const out = Buffer.from(response.stdout, 'utf8');
    const err = Buffer.from(response.stderr, 'utf8');
    body = Buffer.concat([Buffer.from([0]), u32(response.code), u32(out.length), out, u32(err.length), err]);
  }
  return Buffer.concat([u32(body.length), body]);
}

/** Single-quote for sh. */
const shQuote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * The native client built next to the compiled sources (`dist/native/jujuc`,
 * by scripts/build-jujuc.mjs), or undefined when the build had no C compiler.
 */
export function nativeJujucPath(): string | undefined {
  const path = distPath('native', 'jujuc');
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

/**
 * Installs every hook tool into `dir` (created if missing), replacing
 * existing entries atomically; returns the tool names. With `native` (the
 * jujuc binary; default: the one built, if any) each tool is a symlink to
 * it, as in Juju; with `null` or no binary, a `sh` wrapper
 * `exec <nodePath> <entryPath> <tool> "$@"` around the Node client
 * (`entryPath` = JUJUC_ENTRY_PATH).
 */
export function installHookTools(
  dir: string,
  nodePath: string,
  entryPath: string,
  nativeClient?: string | null,
): readonly string[] {
  const native = nativeClient === undefined ? nativeJujucPath() : (nativeClient ?? undefined);
  mkdirSync(dir, { recursive: true });
  for (const name of HOOK_TOOL_NAMES) {
    const target = join(dir, name);
    const tmp = `${target}.tmp-${process.pid}`;
    rmSync(tmp, { force: true });
    if (native !== undefined) {
      symlinkSync(native, tmp);
    } else {
      const script = `#!/bin/sh\nexec ${shQuote(nodePath)} ${shQuote(entryPath)} ${shQuote(name)} "$@"\n`;
      writeFileSync(tmp, script, { mode: 0o755 });
      chmodSync(tmp, 0o755);
    }
    renameSync(tmp, target);
  }
  return HOOK_TOOL_NAMES;
}
