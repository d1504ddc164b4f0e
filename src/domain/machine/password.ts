/**
 * Agent passwords (machines, later units): long random strings hashed with
 * SHA-512, keeping the first 18 bytes base64-encoded, as Juju's agents do.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Agents' passwords are at least this long. */
export const MIN_AGENT_PASSWORD_LENGTH = 18;

/** Base64 of the first 18 bytes of SHA-512(password). */
export function agentPasswordHash(password: string): string {
  return createHash('sha512').update(password, 'utf8').digest().subarray(0, 18).toString('base64');
}

/** A new random agent password (24 base64 characters). */
export function newAgentPassword(): string {
  return randomBytes(18).toString('base64');
}

/** Constant-time comparison of a password with a stored hash. */
export function agentPasswordMatches(password: string, hash: string): boolean {
  if (hash === '') return false;
  const expected = Buffer.from(hash, 'utf8');
  const actual = Buffer.from(agentPasswordHash(password), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
