/**
 * Controller PKI: the self-signed CA made at bootstrap and the API server's serving
 * certificate signed by it. ECDSA P-256 keeps key generation to about a millisecond,
 * which matters because bootstrap waits for it; Go and Node TLS clients both accept it.
 */
import {
  createPrivateKey,
  webcrypto,
  X509Certificate as NodeX509Certificate,
  randomBytes,
} from 'node:crypto';
import './reflect-metadata-shim.js';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto);

/** A certificate and its private key, both PEM (key is PKCS#8 `PRIVATE KEY`). */
export interface CertificateAndKey {
  readonly certPem: string;
  readonly keyPem: string;
}

/** Where a serving certificate must be valid, beyond the fixed names in {@link SERVER_CERT_DNS_NAMES}. */
export interface ServerCertHosts {
  readonly ipAddresses: readonly string[];
  readonly dnsNames: readonly string[];
}

/**
 * DNS names every controller serving certificate carries. Clients verify against
 * `juju-apiserver` whatever address they dialled; the others are kept for old clients.
 */
export const SERVER_CERT_DNS_NAMES: readonly string[] = [
  'localhost',
  'juju-apiserver',
  'juju-mongodb',
  'anything',
];

/** The TLS server name clients verify the controller certificate against. */
export const API_SERVER_TLS_NAME = 'juju-apiserver';

const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
const RSA_SIGNING_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;
// Back-date certificates a little so a peer whose clock runs slightly behind still accepts them.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Creates the controller's self-signed CA (valid 10 years).
 * @param name shown in the subject, e.g. the controller name.
 */
export async function createCA(name = 'juju-ca'): Promise<CertificateAndKey> {
  const keys = await generateKeyPair();
  const { notBefore, notAfter } = validity();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=juju-generated CA for model \\"${escapeDnValue(name)}\\", O=juju`,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey) };
}

/**
 * Issues an API server certificate signed by `ca`. Its DNS SANs are the fixed
 * {@link SERVER_CERT_DNS_NAMES} plus `hosts.dnsNames`; its IP SANs are `hosts.ipAddresses`.
 */
export async function issueServerCert(
  ca: CertificateAndKey,
  hosts: ServerCertHosts,
): Promise<CertificateAndKey> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const { key: caKey, signingAlgorithm } = await importSigningKey(ca.keyPem);
  const keys = await generateKeyPair();
  const { notBefore, notAfter } = validity();
  const dnsNames = [...new Set([...SERVER_CERT_DNS_NAMES, ...hosts.dnsNames])];
  const ipAddresses = [...new Set(hosts.ipAddresses)];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'CN=*, O=juju',
    issuer: caCert.subject,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([
        x509.ExtendedKeyUsage.serverAuth,
        x509.ExtendedKeyUsage.clientAuth,
      ]),
      new x509.SubjectAlternativeNameExtension([
        ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey) };
}

/** SHA-256 fingerprint of a PEM certificate as colon-separated upper-case hex (`show-controller` style). */
export function certificateFingerprint(certPem: string): string {
  return new NodeX509Certificate(certPem).fingerprint256;
}

async function generateKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/**
 * Imports a CA key for signing. Accepts any PEM private key node understands (PKCS#8,
 * SEC1 `EC PRIVATE KEY`, PKCS#1 `RSA PRIVATE KEY`), so a CA made elsewhere still works.
 */
async function importSigningKey(
  pem: string,
): Promise<{ key: CryptoKey; signingAlgorithm: typeof SIGNING_ALGORITHM | typeof RSA_SIGNING_ALGORITHM }> {
  const nodeKey = createPrivateKey(pem);
  const der = nodeKey.export({ type: 'pkcs8', format: 'der' });
  if (nodeKey.asymmetricKeyType === 'rsa') {
    const key = await webcrypto.subtle.importKey('pkcs8', der, RSA_SIGNING_ALGORITHM, false, ['sign']);
    return { key, signingAlgorithm: RSA_SIGNING_ALGORITHM };
  }
  const curve = nodeKey.asymmetricKeyDetails?.namedCurve;
  if (nodeKey.asymmetricKeyType !== 'ec' || (curve !== 'prime256v1' && curve !== 'P-256')) {
    throw new Error(
      `unsupported CA key type ${nodeKey.asymmetricKeyType ?? 'unknown'}${curve ? ` (${curve})` : ''}`,
    );
  }
  const key = await webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, false, ['sign']);
  return { key, signingAlgorithm: SIGNING_ALGORITHM };
}

function validity(): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - CLOCK_SKEW_MS), notAfter: new Date(now + TEN_YEARS_MS) };
}

/** 128-bit positive serial (top bit cleared so DER does not read it as negative). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

/** Escapes RFC 4514 special characters (the JSON name form of @peculiar/x509 mangles quotes). */
function escapeDnValue(value: string): string {
  return value.replace(/([,+"\\<>;=#])/g, '\\$1');
}
