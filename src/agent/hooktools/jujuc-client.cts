/**
 * The client half of the hook-tool transport, shared by jujuc-main (the process
 * charms run) and tests: connect to the agent socket, send the request, send stdin
 * only when the tool asks for it, return the result. CommonJS for fast start.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS module (fast process start) */
import net = require('node:net');
import wire = require('./wire.cjs');
import type { AgentSocket, HookToolCall, HookToolReply, WireRequest, WireResponse } from './wire-types.js';

function open(socket: AgentSocket): net.Socket {
  if (socket.network === 'tcp') {
    const colon = socket.address.lastIndexOf(':');
    return net.connect({
      host: socket.address.slice(0, colon),
      port: Number(socket.address.slice(colon + 1)),
    });
  }
  if (socket.network !== 'unix' && socket.network !== '') {
    throw new Error(`unsupported socket network ${JSON.stringify(socket.network)}`);
  }
  return net.connect({ path: wire.socketPath(socket.address) });
}

/**
 * Run one hook tool through the agent. Rejects with the transport or request error
 * (e.g. `bad request: ...`), which the caller prints as `ERROR <message>`, exit 1.
 */
function callHookTool(socket: AgentSocket, call: HookToolCall): Promise<HookToolReply> {
  return new Promise((resolve, reject) => {
    let conn: net.Socket;
    try {
      conn = open(socket);
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const reader = new wire.FrameReader();
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
          conn.write(wire.encodeFrame({ ...request, stdinSet: true, stdin: stdin.toString('base64') }));
        } else {
          finish(undefined, response);
        }
      }
    });
    conn.write(wire.encodeFrame(request));
  });
}

export = { callHookTool };
