/**
 * Learning the CA of a controller this client does not know yet (`juju login
 * <host:port>`): an unverified TLS handshake, keeping the self-signed root of
 * the chain the server presents. The user must then choose to trust it.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { connect as tlsConnect, type DetailedPeerCertificate } from 'node:tls';
import { ApiConnectionError, describeDialError } from '../../../api/errors.js';
import { API_SERVER_NAME, parseHostPort } from '../../../api/tls.js';
import { JujuError } from '../../../core/errors.js';

function toPem(der: Buffer): string {
  const body = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

/** The CA certificate (PEM) at the top of the chain `address` presents. */
export function discoverCaCert(address: string, timeoutMs = 10_000): Promise<string> {
  const { host, port, authority } = parseHostPort(address);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host, port, servername: API_SERVER_NAME, rejectUnauthorized: false });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
    );
    socket.once('error', (err) =>
      reject(new ApiConnectionError(`cannot connect to API: ${authority}: ${describeDialError(err, host)}`)),
    );
    socket.once('secureConnect', () => {
      let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
      const chain: Buffer[] = [];
      const seen = new Set<string>();
      while (cert?.raw !== undefined && !seen.has(cert.fingerprint256)) {
        seen.add(cert.fingerprint256);
        chain.push(cert.raw);
        cert = cert.issuerCertificate;
      }
      socket.end();
      const root = chain[chain.length - 1];
      if (root === undefined || chain.length < 2 || !new X509Certificate(root).ca) {
        reject(new JujuError('', `controller at ${authority} did not present its CA certificate`));
        return;
      }
      resolve(toPem(root));
    });
  });
}

/** `AA:BB:...` SHA-256 fingerprint of a PEM certificate, as Juju shows CA fingerprints. */
export function caFingerprint(pem: string): string {
  const der = new X509Certificate(pem).raw;
  return createHash('sha256')
    .update(der)
    .digest('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
}
