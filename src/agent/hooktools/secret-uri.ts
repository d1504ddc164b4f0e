/**
 * Secret identifiers: a 20-character xid (base32hex, lowercase), written as
 * `secret:<xid>`, `secret://<model-uuid>/<xid>` or just `<xid>`; all forms are
 * accepted wherever a tool takes a secret id (§4.1).
 */
import { randomBytes } from 'node:crypto';

const XID_RE = /^[0-9a-v]{20}$/;
const UUID_RE = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** A parsed secret URI: the xid and, when given, the source model UUID. */
export interface SecretUri {
  readonly id: string;
  readonly sourceUuid: string;
}

/**
 * Parse any accepted form. @throws Error `secret URI "x" not valid`.
 */
export function parseSecretUri(text: string): SecretUri {
  const invalid = (): Error => new Error(`secret URI ${JSON.stringify(text)} not valid`);
  let rest = text;
  let source = '';
  if (rest.includes(':')) {
    const colon = rest.indexOf(':');
    const scheme = rest.slice(0, colon);
    if (scheme !== 'secret') throw new Error(`secret URI scheme ${JSON.stringify(scheme)} not valid`);
    rest = rest.slice(colon + 1);
    if (rest.startsWith('//')) {
      rest = rest.slice(2);
      const slash = rest.indexOf('/');
      if (slash < 0) throw invalid();
      source = rest.slice(0, slash);
      if (!UUID_RE.test(source)) throw new Error(`host controller UUID ${JSON.stringify(source)} not valid`);
      rest = rest.slice(slash + 1);
    }
  }
  rest = rest.replace(/^\/+/, '');
  if (!XID_RE.test(rest)) throw invalid();
  return { id: rest, sourceUuid: source };
}

/** `secret://<uuid>/<xid>` when the source is known, else `secret:<xid>`. */
export function formatSecretUri(uri: SecretUri): string {
  return uri.sourceUuid === '' ? `secret:${uri.id}` : `secret://${uri.sourceUuid}/${uri.id}`;
}

let counter = randomBytes(3).readUIntBE(0, 3);

/** A fresh xid: 4-byte time, 5 random bytes, 3-byte counter, base32hex encoded. */
export function newSecretId(): string {
  const raw = Buffer.alloc(12);
  raw.writeUInt32BE(Math.floor(Date.now() / 1000) >>> 0, 0);
  randomBytes(5).copy(raw, 4);
  counter = (counter + 1) & 0xffffff;
  raw.writeUIntBE(counter, 9, 3);
  return encodeBase32Hex(raw);
}

function encodeBase32Hex(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32HEX[(value << (5 - bits)) & 31];
  return out;
}
