/**
 * Server side of `juju register` (`POST /register`). The client proves it holds the
 * user's one-time secret key by sealing `{"password"}` with NaCl secretbox under it;
 * the server opens it, sets the password, and seals `{"ca-cert","controller-uuid",
 * "proxy-config"}` back under the same key with a fresh nonce, which in turn proves
 * the server's identity to a client that does not yet trust its CA.
 */
import { randomBytes } from 'node:crypto';
import nacl from 'tweetnacl';
import { ErrorCode, JujuError, errorMessage } from '../../core/errors.js';
import { TagKind, parseTag } from '../../core/names.js';

/** Request body: `{"user":"user-<name>","nonce":<base64>,"cipher-text":<base64>}`. */
export interface RegisterRequest {
  user: string;
  nonce: string;
  'cipher-text': string;
}

/** Reply body: the sealed controller details. */
export interface RegisterResponse {
  nonce: string;
  'cipher-text': string;
}

/** What the controller reveals to a newly registered user. */
export interface RegistrationDetails {
  readonly caCert: string;
  readonly controllerUuid: string;
  readonly proxyConfig?: string;
}

/** Looks up the pending secret key of a user tag; null when the user has none. */
export type SecretKeyLookup = (userTag: string) => Promise<{ secretKey: Uint8Array } | null>;

/** Sets the user's password (and clears the secret key); returns what to send back. */
export type CompleteRegistration = (userTag: string, password: string) => Promise<RegistrationDetails>;

const NONCE_LENGTH = nacl.secretbox.nonceLength; // 24
const KEY_LENGTH = nacl.secretbox.keyLength; // 32

/**
 * Handles a parsed `/register` body. Throws JujuError: `bad request` for a malformed
 * body, `not found` when the user has no pending registration, `not valid` when the
 * nonce or ciphertext does not check out.
 */
export async function handleRegister(
  body: unknown,
  lookup: SecretKeyLookup,
  complete: CompleteRegistration,
): Promise<RegisterResponse> {
  const request = parseRequest(body);
  const userName = parseUserTag(request.user);
  const nonce = decodeBase64Field(request.nonce, 'nonce');
  const cipherText = decodeBase64Field(request['cipher-text'], 'cipher-text');
  if (nonce.length !== NONCE_LENGTH) {
    throw new JujuError(
      ErrorCode.NotValid,
      `invalid registration request: nonce must be ${NONCE_LENGTH} bytes`,
    );
  }
  const found = await lookup(request.user);
  if (found === null) {
    throw new JujuError(ErrorCode.NotFound, `secret key for user "${userName}" not found`);
  }
  if (found.secretKey.length !== KEY_LENGTH) {
    throw new JujuError(ErrorCode.NotValid, 'invalid registration: secret key not valid');
  }
  const plain = nacl.secretbox.open(cipherText, nonce, found.secretKey);
  if (plain === null) {
    // Wrong key or tampered data: either way the caller did not prove anything.
    throw new JujuError(ErrorCode.NotValid, 'invalid registration: secret key not valid');
  }
  const password = parsePassword(plain);
  const details = await complete(request.user, password);
  const reply = Buffer.from(
    JSON.stringify({
      'ca-cert': details.caCert,
      'controller-uuid': details.controllerUuid,
      'proxy-config': details.proxyConfig ?? '',
    }),
    'utf8',
  );
  const replyNonce = new Uint8Array(randomBytes(NONCE_LENGTH));
  const sealed = nacl.secretbox(reply, replyNonce, found.secretKey);
  return {
    nonce: Buffer.from(replyNonce).toString('base64'),
    'cipher-text': Buffer.from(sealed).toString('base64'),
  };
}

function parseRequest(body: unknown): RegisterRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new JujuError(ErrorCode.BadRequest, 'invalid registration request: expected a JSON object');
  }
  const fields = body as Record<string, unknown>;
  for (const name of ['user', 'nonce', 'cipher-text']) {
    if (typeof fields[name] !== 'string' || fields[name] === '') {
      throw new JujuError(ErrorCode.BadRequest, `invalid registration request: missing "${name}"`);
    }
  }
  return fields as unknown as RegisterRequest;
}

/** The user name of a `user-<name>` tag; a malformed tag is a bad request. */
function parseUserTag(tag: string): string {
  try {
    return parseTag(tag, TagKind.User).id;
  } catch (err) {
    throw new JujuError(ErrorCode.BadRequest, `invalid registration request: ${errorMessage(err)}`);
  }
}

function decodeBase64Field(value: string, name: string): Uint8Array {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) {
    throw new JujuError(ErrorCode.BadRequest, `invalid registration request: "${name}" is not base64`);
  }
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function parsePassword(plain: Uint8Array): string {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(plain).toString('utf8'));
  } catch {
    throw new JujuError(ErrorCode.NotValid, 'invalid registration: payload is not JSON');
  }
  const password = (payload as { password?: unknown } | null)?.password;
  if (typeof password !== 'string' || password === '') {
    throw new JujuError(ErrorCode.NotValid, 'invalid registration: password missing');
  }
  return password;
}
