/**
 * Error mapping between JujuError and the wire. Call-level failures travel as the
 * top-level `error` / `error-code` / `error-info` fields of a response; per-item
 * failures of bulk methods travel as `{"error":{"message","code","info"?}}` entries.
 */
import { JujuError, errorMessage } from '../core/errors.js';

/** An error as it appears on the wire (Juju's `params.Error`). */
export interface WireError {
  message: string;
  code?: string;
  info?: Record<string, unknown>;
}

/**
 * Converts any thrown value to its wire form. A JujuError keeps its code and info;
 * anything else becomes its message only, with no code.
 */
export function toWireError(err: unknown): WireError {
  const wire: WireError = { message: errorMessage(err) };
  if (err instanceof JujuError) {
    if (err.code !== '') wire.code = err.code;
    if (err.info !== undefined) wire.info = err.info;
  }
  return wire;
}

/**
 * Rebuilds a JujuError from its wire form. A missing code becomes the empty code,
 * so `isJujuError(err, code)` never matches an uncoded error.
 */
export function fromWireError(e: { message?: unknown; code?: unknown; info?: unknown }): JujuError {
  const message = typeof e.message === 'string' ? e.message : 'unknown error';
  const code = typeof e.code === 'string' ? e.code : '';
  const info = isPlainObject(e.info) ? e.info : undefined;
  return new JujuError(code, message, info);
}

/**
 * A call-level (top-level) failure from the controller. As in Juju's rpc
 * client, its text carries the code in parentheses, e.g.
 * `application "x" not found (not found)`; tools such as jubilant match that
 * suffix. `reason` is the bare server message.
 */
export class RequestError extends JujuError {
  readonly reason: string;
  constructor(code: string, reason: string, info?: Record<string, unknown>) {
    super(code, code === '' ? reason : `${reason} (${code})`, info);
    this.reason = reason;
  }
}

/** Rebuilds a call-level failure (see {@link RequestError}). */
export function fromWireRequestError(e: { message?: unknown; code?: unknown; info?: unknown }): RequestError {
  const plain = fromWireError(e);
  return new RequestError(plain.code, plain.message, plain.info);
}

/** The server's own words of an error: without the ` (code)` suffix of call-level failures. */
export function errorReason(err: unknown): string {
  if (err instanceof RequestError) return err.reason;
  return errorMessage(err);
}

/**
 * One entry of a bulk result: `{}` on success, `{"error":{...}}` on failure.
 * Result types of bulk methods extend this with their own fields.
 */
export interface ErrorResult {
  error?: BulkWireError;
}

/** The `error` of a bulk entry: like {@link WireError} but `code` is always present (`""` if none), as Juju sends it. */
export interface BulkWireError {
  message: string;
  code: string;
  info?: Record<string, unknown>;
}

/** `{"results":[...]}`, the usual reply of bulk methods. */
export interface ErrorResults {
  results: ErrorResult[];
}

/**
 * Bulk entry for an outcome: `errorResult()` / `errorResult(null)` is success (`{}`),
 * `errorResult(err)` is `{"error":{"message","code"}}`.
 */
export function errorResult(err?: unknown): ErrorResult {
  if (err === undefined || err === null) return {};
  const wire = toWireError(err);
  const error: BulkWireError = { message: wire.message, code: wire.code ?? '' };
  if (wire.info !== undefined) error.info = wire.info;
  return { error };
}

/** Client side: the JujuError carried by a bulk entry, or null when it succeeded. */
export function errorFromResult(result: {
  error?: { message?: unknown; code?: unknown; info?: unknown } | null;
}): JujuError | null {
  return result.error ? fromWireError(result.error) : null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
