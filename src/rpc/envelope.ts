/**
 * Juju's JSON-over-websocket RPC framing: one JSON object per websocket message.
 * Requests carry a caller-chosen `request-id` (>= 1); responses echo it and carry
 * either `response` or `error` / `error-code` / `error-info`. A message without a
 * positive `request-id` is the legacy "v0" format with CamelCase keys, answered in kind.
 */
import { JujuError, ErrorCode } from '../core/errors.js';
import { toWireError } from './errors.js';

/** A call: facade `type` at `version`, method `request`, object `id` ("" except for watchers). */
export interface RpcRequest {
  'request-id': number;
  type: string;
  version: number;
  id: string;
  request: string;
  params?: unknown;
}

/** A successful reply. Void methods answer `{}`. */
export interface RpcResultResponse {
  'request-id': number;
  response: unknown;
}

/** A failed call. */
export interface RpcErrorResponse {
  'request-id': number;
  error: string;
  'error-code'?: string;
  'error-info'?: Record<string, unknown>;
}

export type RpcResponse = RpcResultResponse | RpcErrorResponse;

/** `v1` is the kebab-case format every current client uses; `v0` the CamelCase legacy one. */
export type FrameFormat = 'v1' | 'v0';

/** A request read off the wire together with the format its reply must use. */
export interface DecodedRequest {
  readonly format: FrameFormat;
  readonly request: RpcRequest;
  /** Set when the frame had a request id but malformed fields; answer it with this error. */
  readonly invalid?: JujuError;
}

export function isErrorResponse(response: RpcResponse): response is RpcErrorResponse {
  return 'error' in response && typeof response.error === 'string';
}

/** Builds the error reply for a failed call from any thrown value. */
export function errorResponse(requestId: number, err: unknown): RpcErrorResponse {
  const wire = toWireError(err);
  const response: RpcErrorResponse = { 'request-id': requestId, error: wire.message };
  if (wire.code !== undefined) response['error-code'] = wire.code;
  if (wire.info !== undefined) response['error-info'] = wire.info;
  return response;
}

/** Builds the success reply; a method that returns nothing answers `{}`. */
export function resultResponse(requestId: number, result: unknown): RpcResultResponse {
  return { 'request-id': requestId, response: result ?? {} };
}

/**
 * Server side: interprets one parsed JSON message. Throws when the message is not
 * an object at all (the caller should drop the connection, as Juju does).
 */
export function decodeRequest(raw: unknown): DecodedRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new JujuError(ErrorCode.BadRequest, 'invalid rpc message: not a JSON object');
  }
  const message = raw as Record<string, unknown>;
  const v1Id = message['request-id'];
  const format: FrameFormat = typeof v1Id === 'number' && v1Id >= 1 ? 'v1' : 'v0';
  const key = (v1: string, v0: string): unknown => (format === 'v1' ? message[v1] : message[v0]);
  const requestId = key('request-id', 'RequestId');
  const problems: string[] = [];
  const field = <T>(name: string, value: unknown, kind: 'string' | 'number', fallback: T): T => {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== kind) {
      problems.push(`"${name}" must be a ${kind}`);
      return fallback;
    }
    return value as T;
  };
  const request: RpcRequest = {
    'request-id': typeof requestId === 'number' && Number.isSafeInteger(requestId) ? requestId : 0,
    type: field('type', key('type', 'Type'), 'string', ''),
    version: field('version', key('version', 'Version'), 'number', 0),
    id: field('id', key('id', 'Id'), 'string', ''),
    request: field('request', key('request', 'Request'), 'string', ''),
  };
  const params = key('params', 'Params');
  if (params !== undefined && params !== null) request.params = params;
  if (problems.length > 0) {
    return {
      format,
      request,
      invalid: new JujuError(ErrorCode.BadRequest, `invalid request: ${problems.join(', ')}`),
    };
  }
  return { format, request };
}

/** Server side: serialises a reply in the format of the request it answers. */
export function encodeResponse(response: RpcResponse, format: FrameFormat): string {
  if (format === 'v1') return JSON.stringify(response);
  const legacy: Record<string, unknown> = { RequestId: response['request-id'] };
  if (isErrorResponse(response)) {
    legacy['Error'] = response.error;
    if (response['error-code'] !== undefined) legacy['ErrorCode'] = response['error-code'];
    if (response['error-info'] !== undefined) legacy['ErrorInfo'] = response['error-info'];
  } else {
    legacy['Response'] = response.response;
  }
  return JSON.stringify(legacy);
}

/**
 * Client side: interprets one parsed reply. Returns null for anything that is not a
 * reply to a v1 request (no positive numeric `request-id`).
 */
export function decodeResponse(raw: unknown): RpcResponse | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const message = raw as Record<string, unknown>;
  const requestId = message['request-id'];
  if (typeof requestId !== 'number' || requestId < 1) return null;
  const error = message['error'];
  if (typeof error === 'string' && error !== '') {
    const response: RpcErrorResponse = { 'request-id': requestId, error };
    const code = message['error-code'];
    if (typeof code === 'string' && code !== '') response['error-code'] = code;
    const info = message['error-info'];
    if (typeof info === 'object' && info !== null && !Array.isArray(info)) {
      response['error-info'] = info as Record<string, unknown>;
    }
    return response;
  }
  return { 'request-id': requestId, response: message['response'] };
}

/** The text of one websocket message as delivered by `ws` (Buffer, ArrayBuffer or fragments). */
export function frameText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
