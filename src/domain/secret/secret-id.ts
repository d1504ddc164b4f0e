/**
 * Secret ids: 20-character xids (12 bytes: 4-byte time, 5 random bytes,
 * 3-byte counter, base32hex lowercase), and parsing of the URI forms
 * `secret:<id>`, `secret://<model-uuid>/<id>` and the bare id.
 */
import { randomBytes } from 'node:crypto';
import { notValid } from '../../core/errors.js';

const ID_RE = /^[0-9a-v]{20}$/;
const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

let counter = randomBytes(3).readUIntBE(0, 3);

/** A fresh secret id. */
export function newSecretXid(nowMs: number = Date.now()): string {
  const raw = Buffer.alloc(12);
  raw.writeUInt32BE(Math.floor(nowMs / 1000) >>> 0, 0);
  randomBytes(5).copy(raw, 4);
  counter = (counter + 1) & 0xffffff;
  raw.writeUIntBE(counter, 9, 3);
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of raw) {
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

/** True for a bare secret id. */
export function isSecretXid(text: string): boolean {
  return ID_RE.test(text);
}

/**
 * The bare id of any accepted URI form. @throws `not valid` `secret URI "x" not valid`.
 */
export function secretIdFromUri(text: string): string {
  let rest = text;
  if (rest.startsWith('secret:')) {
    rest = rest.slice('secret:'.length);
    if (rest.startsWith('//')) {
      const slash = rest.indexOf('/', 2);
      if (slash < 0) throw notValid(`secret URI ${JSON.stringify(text)} not valid`);
      rest = rest.slice(slash + 1);
    }
  }
  if (!ID_RE.test(rest)) throw notValid(`secret URI ${JSON.stringify(text)} not valid`);
  return rest;
}

/** `secret:<id>`. */
export function secretUri(id: string): string {
  return `secret:${id}`;
}
