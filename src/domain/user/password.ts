/**
 * Password hashing for local users, with Juju's parameters: PBKDF2-SHA512,
 * 8192 iterations, an 18-byte key, base64; a random 12-byte salt (base64,
 * 16 characters). Hash and salt are stored separately.
 */
import { createHash, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

const ITERATIONS = 8192;
const KEY_BYTES = 18;
const SALT_BYTES = 12;
/** Registration keys are 32 bytes (NaCl secretbox key size). */
export const SECRET_KEY_BYTES = 32;

/** Base64 PBKDF2-SHA512 hash of `password` with `salt`. */
export function userPasswordHash(password: string, salt: string): string {
  return pbkdf2Sync(password, salt, ITERATIONS, KEY_BYTES, 'sha512').toString('base64');
}

/** A fresh random salt (16 base64 characters). */
export function randomSalt(): string {
  return randomBytes(SALT_BYTES).toString('base64');
}

/** A fresh random registration secret key. */
export function newSecretKey(): Buffer {
  return randomBytes(SECRET_KEY_BYTES);
}

/**
 * Recently verified (password, hash, salt) triples, keyed by a SHA-256 digest
 * (never the password itself). Every CLI command logs in, and PBKDF2 costs
 * ~10 ms of the controller's single thread each time; a hit skips it. Only
 * successes are remembered, and a changed hash or salt misses.
 */
const verified = new Map<string, true>();
const VERIFIED_MAX = 256;

function verifiedKey(password: string, hash: string, salt: string): string {
  return createHash('sha256').update(`${salt}\0${hash}\0${password}`, 'utf8').digest('base64');
}

/** Compares a password with a stored hash and salt in constant time. */
export function passwordMatches(password: string, hash: string, salt: string): boolean {
  const key = verifiedKey(password, hash, salt);
  if (verified.has(key)) return true;
  const expected = Buffer.from(hash, 'utf8');
  const actual = Buffer.from(userPasswordHash(password, salt), 'utf8');
  const ok = expected.length === actual.length && timingSafeEqual(expected, actual);
  if (ok) {
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string);
    verified.set(key, true);
  }
  return ok;
}
