/**
 * `juju register`, client side: the registration string printed by `juju add-user`
 * and the secret-key exchange with the controller's `POST /register`.
 *
 * The string is base64url (no `=`) of an ASN.1 DER SEQUENCE { User UTF8String,
 * Addrs SEQUENCE OF UTF8String, SecretKey OCTET STRING, ControllerName UTF8String,
 * ProxyConfig UTF8String }; the DER bytes are right-padded with zero bytes to a
 * multiple of 3 first, so the encoding needs no padding characters.
 */
import { randomBytes } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import * as asn1js from 'asn1js';
import nacl from 'tweetnacl';
import { ErrorCode, JujuError, errorMessage } from '../core/errors.js';
import { userTag } from '../core/names.js';
import { JUJU_VERSION } from '../core/version.js';
import { fromWireError } from '../rpc/errors.js';
import { ApiConnectionError, describeDialError } from './errors.js';
import { parseHostPort } from './tls.js';

/** The contents of a registration string. */
export interface RegistrationInfo {
  /** User name (not tag), e.g. `bob`. */
  readonly user: string;
  /** Controller API addresses (`host:port`). */
  readonly addrs: readonly string[];
  /** One-time 32-byte key shared with the controller. */
  readonly secretKey: Uint8Array;
  /** Suggested local name for the controller. */
  readonly controllerName: string;
  /** Proxy settings (YAML) to reach the controller; usually empty. */
  readonly proxyConfig?: string;
}

/** Decoded registration string; `proxyConfig` is "" when absent. */
export interface DecodedRegistrationInfo extends RegistrationInfo {
  readonly proxyConfig: string;
}

const SECRET_KEY_LENGTH = nacl.secretbox.keyLength; // 32
const NONCE_LENGTH = nacl.secretbox.nonceLength; // 24

/** Encodes the string `juju add-user` prints after `juju register`. */
export function encodeRegistrationString(info: RegistrationInfo): string {
  if (info.secretKey.length !== SECRET_KEY_LENGTH) {
    throw new JujuError(
      ErrorCode.NotValid,
      `secret key must be ${SECRET_KEY_LENGTH} bytes, got ${info.secretKey.length}`,
    );
  }
  const sequence = new asn1js.Sequence({
    value: [
      new asn1js.Utf8String({ value: info.user }),
      new asn1js.Sequence({ value: info.addrs.map((addr) => new asn1js.Utf8String({ value: addr })) }),
      new asn1js.OctetString({ valueHex: copyBytes(info.secretKey) }),
      new asn1js.Utf8String({ value: info.controllerName }),
      new asn1js.Utf8String({ value: info.proxyConfig ?? '' }),
    ],
  });
  const der = Buffer.from(sequence.toBER(false));
  const padded = Buffer.concat([der, Buffer.alloc((3 - (der.length % 3)) % 3)]);
  return padded.toString('base64url');
}

/** Decodes a registration string; anything malformed fails with `invalid registration token: ...`. */
export function decodeRegistrationString(token: string): DecodedRegistrationInfo {
  const text = token.trim().replace(/=+$/, '');
  if (text === '' || !/^[A-Za-z0-9_-]+$/.test(text)) {
    throw invalidToken('not base64url data');
  }
  const bytes = Buffer.from(text, 'base64url');
  const parsed = asn1js.fromBER(copyBytes(bytes));
  if (parsed.offset === -1) throw invalidToken(`not ASN.1 data (${parsed.result.error || 'cannot parse'})`);
  // Anything after the SEQUENCE may only be the zero padding.
  if (bytes.subarray(parsed.offset).some((b) => b !== 0))
    throw invalidToken('unexpected data after the sequence');
  const root = parsed.result;
  if (!(root instanceof asn1js.Sequence)) throw invalidToken('expected an ASN.1 SEQUENCE');
  const fields = root.valueBlock.value;
  if (fields.length < 4 || fields.length > 5)
    throw invalidToken(`expected 4 or 5 fields, got ${fields.length}`);
  const user = stringField(fields[0], 'user');
  const addrsField = fields[1];
  if (!(addrsField instanceof asn1js.Sequence)) throw invalidToken('addresses: expected a SEQUENCE');
  const addrs = addrsField.valueBlock.value.map((item) => stringField(item, 'address'));
  const keyField = fields[2];
  if (!(keyField instanceof asn1js.OctetString)) throw invalidToken('secret key: expected an OCTET STRING');
  const secretKey = new Uint8Array(keyField.valueBlock.valueHexView);
  if (secretKey.length !== SECRET_KEY_LENGTH) {
    throw invalidToken(`secret key: expected ${SECRET_KEY_LENGTH} bytes, got ${secretKey.length}`);
  }
  const controllerName = stringField(fields[3], 'controller name');
  const proxyConfig = fields[4] === undefined ? '' : stringField(fields[4], 'proxy config');
  if (user === '') throw invalidToken('empty user name');
  if (addrs.length === 0) throw invalidToken('no controller addresses');
  return { user, addrs, secretKey, controllerName, proxyConfig };
}

/** What the controller reveals once the exchange succeeds. */
export interface RegistrationResult {
  readonly caCert: string;
  readonly controllerUuid: string;
  readonly proxyConfig: string;
}

export interface RegisterParams {
  /** One `host:port` from the registration string. Only this address is contacted. */
  readonly addr: string;
  /** User name (not tag). */
  readonly user: string;
  readonly secretKey: Uint8Array;
  /** The password the user chose. */
  readonly password: string;
  readonly timeoutMs?: number;
}

/**
 * Sets the user's password and learns the controller's CA and UUID. TLS is not
 * verified (the CA is not yet known); instead the reply only decrypts if the server
 * holds the same secret key, which authenticates it.
 */
export async function registerWithController(params: RegisterParams): Promise<RegistrationResult> {
  if (params.secretKey.length !== SECRET_KEY_LENGTH) {
    throw new JujuError(ErrorCode.NotValid, `secret key must be ${SECRET_KEY_LENGTH} bytes`);
  }
  const nonce = new Uint8Array(randomBytes(NONCE_LENGTH));
  const sealed = nacl.secretbox(
    Buffer.from(JSON.stringify({ password: params.password }), 'utf8'),
    nonce,
    params.secretKey,
  );
  const request = {
    user: userTag(params.user),
    nonce: Buffer.from(nonce).toString('base64'),
    'cipher-text': Buffer.from(sealed).toString('base64'),
  };
  const { status, body } = await postUnverified(
    params.addr,
    '/register',
    request,
    params.timeoutMs ?? 30_000,
  );
  let reply: unknown;
  try {
    reply = JSON.parse(body);
  } catch {
    throw new JujuError('', `invalid registration response (HTTP ${status}): ${body.trim().slice(0, 200)}`);
  }
  const fields = (typeof reply === 'object' && reply !== null ? reply : {}) as Record<string, unknown>;
  if (status !== 200) {
    const error = fields['error'] as { message?: unknown; code?: unknown; info?: unknown } | undefined;
    if (error && typeof error.message === 'string') throw fromWireError(error);
    throw new JujuError('', `registration failed: HTTP ${status}`);
  }
  if (typeof fields['nonce'] !== 'string' || typeof fields['cipher-text'] !== 'string') {
    throw new JujuError(ErrorCode.NotValid, 'invalid registration response: missing nonce or cipher-text');
  }
  const replyNonce = new Uint8Array(Buffer.from(fields['nonce'], 'base64'));
  if (replyNonce.length !== NONCE_LENGTH) {
    throw new JujuError(ErrorCode.NotValid, 'invalid registration response: nonce not valid');
  }
  const opened = nacl.secretbox.open(
    new Uint8Array(Buffer.from(fields['cipher-text'], 'base64')),
    replyNonce,
    params.secretKey,
  );
  if (opened === null) {
    throw new JujuError(
      ErrorCode.NotValid,
      'invalid registration response: cannot decrypt (wrong controller?)',
    );
  }
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(Buffer.from(opened).toString('utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new JujuError(ErrorCode.NotValid, `invalid registration response: ${errorMessage(err)}`);
  }
  const caCert = details['ca-cert'];
  const controllerUuid = details['controller-uuid'];
  if (typeof caCert !== 'string' || typeof controllerUuid !== 'string') {
    throw new JujuError(
      ErrorCode.NotValid,
      'invalid registration response: missing ca-cert or controller-uuid',
    );
  }
  const proxyConfig = typeof details['proxy-config'] === 'string' ? details['proxy-config'] : '';
  return { caCert, controllerUuid, proxyConfig };
}

async function postUnverified(
  addr: string,
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  const { host, port, authority } = parseHostPort(addr);
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host,
        port,
        path,
        method: 'POST',
        agent: false,
        rejectUnauthorized: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': payload.length,
          'X-Juju-ClientVersion': JUJU_VERSION,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', (err) =>
      reject(new ApiConnectionError(`cannot connect to API: ${authority}: ${describeDialError(err, host)}`)),
    );
    req.end(payload);
  });
}

function stringField(block: unknown, what: string): string {
  if (
    block instanceof asn1js.Utf8String ||
    block instanceof asn1js.PrintableString ||
    block instanceof asn1js.IA5String ||
    block instanceof asn1js.VisibleString
  ) {
    return block.getValue();
  }
  throw invalidToken(`${what}: expected a string`);
}

function invalidToken(reason: string): JujuError {
  return new JujuError(ErrorCode.NotValid, `invalid registration token: ${reason}`);
}

/** A standalone ArrayBuffer copy (asn1js wants ArrayBuffer, not a Buffer view of a shared pool). */
function copyBytes(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.length);
  new Uint8Array(out).set(bytes);
  return out;
}
