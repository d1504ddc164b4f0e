/**
 * Helpers for the API server's plain HTTP endpoints: Juju's JSON error bodies and
 * status mapping, bounded body reading, and Basic auth parsing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, JujuError, errorMessage } from '../../core/errors.js';
import { toWireError } from '../../rpc/errors.js';

/** Juju's HTTP status for an error code (anything unlisted is 500). */
export function httpStatusForCode(code: string | undefined): number {
  switch (code ?? '') {
    case ErrorCode.Unauthorized:
    case 'macaroon discharge required':
      return 401;
    case ErrorCode.NotFound:
    case ErrorCode.UserNotFound:
    case ErrorCode.ModelNotFound:
      return 404;
    case ErrorCode.BadRequest:
    case ErrorCode.OperationBlocked: // 400 kept for old clients
      return 400;
    case 'method not allowed':
      return 405;
    case ErrorCode.Forbidden:
      return 403;
    case 'redirection required':
      return 301;
    case 'not yet available; try again later':
      return 409;
    case ErrorCode.NotLeader:
      return 307;
    default:
      return 500;
  }
}

/** Sends a JSON body with the given status. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Sends `{"error":{"message","code"}}` with the status mapped from the code. If the
 * response has already started, the connection is cut instead (nothing else is honest).
 */
export function sendHttpError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const wire = toWireError(err);
  const error: Record<string, unknown> = { message: wire.message, code: wire.code ?? '' };
  if (wire.info !== undefined) error['info'] = wire.info;
  sendJson(res, httpStatusForCode(wire.code), { error });
}

/** Reads a request body, failing with `bad request` past `limitBytes`. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      throw new JujuError(ErrorCode.BadRequest, `request body too large (limit ${limitBytes} bytes)`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads and parses a JSON request body; invalid JSON is a `bad request`. */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const body = await readBody(req, limitBytes);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (err) {
    throw new JujuError(ErrorCode.BadRequest, `cannot parse request body: ${errorMessage(err)}`);
  }
}

/** Credentials of an HTTP request: Basic auth (tag as user name) and the agent's `X-Juju-Nonce`. */
export interface HttpCredentials {
  readonly tag: string;
  readonly password: string;
  readonly nonce: string;
}

/** Parses `Authorization: Basic` (tag:password) and `X-Juju-Nonce`; null when absent or malformed. */
export function parseBasicAuth(req: IncomingMessage): HttpCredentials | null {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const nonce = req.headers['x-juju-nonce'];
  return {
    tag: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
    nonce: typeof nonce === 'string' ? nonce : '',
  };
}
