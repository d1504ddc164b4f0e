/**
 * The client half of the hook-tool transport, shared by jujuc-main (the process
 * charms run) and tests: connect to the agent socket, send the request, send stdin
 * only when the tool asks for it, return the result. Imports node:net only.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { FrameReader, encodeFrame, socketPath } from './wire.js';
import type { WireRequest, WireResponse } from './wire.js';

/** Where the agent listens (the JUJU_AGENT_SOCKET_* variables). */
export interface AgentSocket {
  /** `unix` (path, or `@name` abstract) or `tcp` (`host:port`). */
  readonly network: string;
  readonly address: string;
}

/** A tool invocation. `readStdin` is called only if the tool needs stdin. */
export interface HookToolCall {
  readonly contextId: string;
  readonly dir: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly readStdin: () => Buffer;
}

/** The tool's output and exit code. */
export interface HookToolReply {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function open(socket: AgentSocket): Socket {
  if (socket.network === 'tcp') {
    const colon = socket.address.lastIndexOf(':');
    return connect({ host: socket.address.slice(0, colon), port: Number(socket.address.slice(colon + 1)) });
  }
  if (socket.network !== 'unix' && socket.network !== '') {
    throw new Error(`unsupported socket network ${JSON.stringify(socket.network)}`);
  }
  return connect({ path: socketPath(socket.address) });
}

/**
 * Run one hook tool through the agent. Rejects with the transport or request error
 * (e.g. `bad request: ...`), which the caller prints as `ERROR <message>`, exit 1.
 */
export function callHookTool(socket: AgentSocket, call: HookToolCall): Promise<HookToolReply> {
  return new Promise((resolve, reject) => {
    let conn: Socket;
    try {
      conn = open(socket);
    } catch (err) {
      reject(err as Error);
      return;
    }
    const reader = new FrameReader();
    let settled = false;
    const finish = (err: Error | undefined, reply?: HookToolReply): void => {
      if (settled) return;
      settled = true;
      conn.destroy();
      if (err) reject(err);
      else resolve(reply as HookToolReply);
    };
    const request: WireRequest = {
      contextId: call.contextId,
      dir: call.dir,
      command: call.command,
      args: call.args,
      stdinSet: false,
      ...(call.env ? { env: call.env } : {}),
    };
    conn.on('error', (err) => finish(err));
    conn.on('close', () => finish(new Error('connection closed before the agent replied')));
    conn.on('data', (chunk: Buffer) => {
      let frames: unknown[];
      try {
        frames = reader.push(chunk);
      } catch (err) {
        finish(err as Error);
        return;
      }
      for (const frame of frames) {
        const response = frame as WireResponse;
        if ('error' in response) {
          finish(new Error(response.error));
        } else if ('needStdin' in response) {
          let stdin: Buffer;
          try {
            stdin = call.readStdin();
          } catch (err) {
            finish(new Error(`cannot read stdin: ${(err as Error).message}`));
            return;
          }
          conn.write(encodeFrame({ ...request, stdinSet: true, stdin: stdin.toString('base64') }));
        } else {
          finish(undefined, response);
        }
      }
    });
    conn.write(encodeFrame(request));
  });
}
