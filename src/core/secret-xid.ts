/**
 * Secret ids as Juju makes them: 20-character xids (12 bytes: a 4-byte Unix
 * time, 5 random bytes and a 3-byte counter, base32hex in lowercase). Shared by
 * the controller, which hands ids out, and the hook tools, which check them.
 */
import { randomBytes } from 'node:crypto';

const XID_RE = /^[0-9a-v]{20}$/;
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
  return XID_RE.test(text);
}
