/** Client-side failures that never came over the wire (no Juju error code). */
import { JujuError } from '../core/errors.js';

/**
 * The API could not be reached, or the connection ended. The message names the
 * address(es) and reason, e.g. `cannot connect to API: 10.0.0.2:17070: connection refused`.
 */
export class ApiConnectionError extends JujuError {
  constructor(message: string) {
    super('', message);
    this.name = 'ApiConnectionError';
  }
}

export function isApiConnectionError(err: unknown): err is ApiConnectionError {
  return err instanceof ApiConnectionError;
}

/** The message every pending or later call fails with once the connection is gone. */
export const CONNECTION_SHUT_DOWN = 'connection is shut down';

/** A short, stable reason for a failed dial/TLS/handshake, in the spirit of Go's net errors. */
export function describeDialError(err: unknown, serverName: string): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by peer';
    case 'EHOSTUNREACH':
      return 'no route to host';
    case 'ENETUNREACH':
      return 'network is unreachable';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'no such host';
    case 'ETIMEDOUT':
      return 'i/o timeout';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'CERT_SIGNATURE_FAILURE':
      return 'x509: certificate signed by unknown authority';
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return 'x509: certificate has expired or is not yet valid';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `x509: certificate is not valid for ${serverName}`;
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
