/** Small helpers for websocket side streams: the initial ErrorResult line and paced sends. */
import type { WebSocket } from 'ws';
import { errorResult } from '../../rpc/errors.js';

/** Sends the initial line: `{}` when `err` is undefined, else `{"error":{"message","code"}}`. */
export function sendInitialResult(ws: WebSocket, err?: unknown): Promise<void> {
  return sendText(ws, JSON.stringify(errorResult(err)));
}

/** Sends one text frame; resolves once it is handed to the socket (or the socket is gone). */
export function sendText(ws: WebSocket, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState !== ws.OPEN) {
      resolve();
      return;
    }
    ws.send(text, () => resolve());
  });
}

/** Fails the stream: the error line, then a normal close. */
export async function rejectStream(ws: WebSocket, err: unknown): Promise<void> {
  await sendInitialResult(ws, err);
  if (ws.readyState === ws.OPEN) ws.close(1000);
}
