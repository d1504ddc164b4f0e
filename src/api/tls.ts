/** How the client reaches a controller: `host:port` addresses and CA-pinned TLS. */
import { createSecureContext, type ConnectionOptions, type SecureContext } from 'node:tls';
import { ErrorCode, JujuError } from '../core/errors.js';

/**
 * The name the controller's certificate is verified against, whatever address was
 * dialled (every serving certificate carries it as a DNS SAN).
 */
export const API_SERVER_NAME = 'juju-apiserver';

/** A parsed `host:port`; `host` has no brackets, `authority` is ready for a URL. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
  readonly authority: string;
}

/** Parses `host:port`, `1.2.3.4:17070` or `[::1]:17070`. */
export function parseHostPort(address: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(address.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (host === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new JujuError(ErrorCode.NotValid, `invalid API address "${address}": expected host:port`);
  }
  return { host, port, authority: host.includes(':') ? `[${host}]:${port}` : `${host}:${port}` };
}

/** One TLS context per CA: building it (parsing the PEM) on every dial showed in agent profiles. */
const contexts = new Map<string, SecureContext>();

/** TLS options trusting only `caCert` and checking the certificate against {@link API_SERVER_NAME}. */
export function pinnedTlsOptions(caCert: string): ConnectionOptions {
  let secureContext = contexts.get(caCert);
  if (secureContext === undefined) {
    secureContext = createSecureContext({ ca: caCert, minVersion: 'TLSv1.2' });
    contexts.set(caCert, secureContext);
  }
  return { secureContext, servername: API_SERVER_NAME, rejectUnauthorized: true, minVersion: 'TLSv1.2' };
}
