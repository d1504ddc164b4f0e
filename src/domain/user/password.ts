/**
 * Password hashing for local users, with Juju's parameters: PBKDF2-SHA512,
 * 8192 iterations, an 18-byte key, base64; a random 12-byte salt (base64,
 * 16 characters). Hash and salt are stored separately.
 */
import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

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

/** Compares a password with a stored hash and salt in constant time. */
export function passwordMatches(password: string, hash: string, salt: string): boolean {
  const expected = Buffer.from(hash, 'utf8');
  const actual = Buffer.from(userPasswordHash(password, salt), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
