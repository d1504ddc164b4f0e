/**
 * A cross-process lock on a file path, for the few milliseconds a process
 * reads and rewrites the host-wide allocation registry. The lock is a file
 * created with O_EXCL that names its owner (PID, process start time, boot id),
 * so a lock left by a crashed process or a previous boot is recognised as
 * stale and taken over.
 */

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { currentBootId, processStartTime } from './processes.js';

interface LockOwner {
  readonly pid: number;
  readonly startTime: string;
  readonly bootId: string;
  readonly token: string;
}

/** A half-written lock file older than this is treated as abandoned. */
const UNREADABLE_LOCK_STALE_MS = 5000;

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (
      typeof value.pid === 'number' &&
      typeof value.startTime === 'string' &&
      typeof value.bootId === 'string' &&
      typeof value.token === 'string'
    ) {
      return value as LockOwner;
    }
  } catch {
    // fall through
  }
  return undefined;
}

function ownerIsAlive(owner: LockOwner, bootId: string): boolean {
  return owner.bootId === bootId && processStartTime(owner.pid) === owner.startTime;
}

/** True when the lock at `path` (whose text is `text`) belongs to nobody alive. */
async function isStale(path: string, text: string, bootId: string): Promise<boolean> {
  const owner = parseOwner(text);
  if (owner) return !ownerIsAlive(owner, bootId);
  try {
    const st = await fs.stat(path);
    return Date.now() - st.mtimeMs > UNREADABLE_LOCK_STALE_MS;
  } catch {
    return false; // vanished: just retry
  }
}

/**
 * Moves a stale lock out of the way. Renaming first means only one contender
 * wins; if what it moved turns out not to be the stale lock it inspected (a
 * new owner got in between), it is linked back.
 */
async function breakStaleLock(path: string, staleText: string, token: string): Promise<void> {
  const aside = `${path}.stale-${token}`;
  try {
    await fs.rename(path, aside);
  } catch {
    return; // someone else broke it already
  }
  try {
    const moved = await fs.readFile(aside, 'utf8');
    if (moved !== staleText) {
      await fs.link(aside, path).catch(() => undefined);
    }
  } finally {
    await fs.unlink(aside).catch(() => undefined);
  }
}

async function acquire(path: string, timeoutMs: number): Promise<LockOwner> {
  const bootId = currentBootId();
  const token = randomBytes(8).toString('hex');
  const owner: LockOwner = {
    pid: process.pid,
    startTime: processStartTime(process.pid) ?? '',
    bootId,
    token,
  };
  const text = JSON.stringify(owner);
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    try {
      const handle = await fs.open(path, 'wx', 0o600);
      try {
        await handle.writeFile(text);
      } finally {
        await handle.close();
      }
      return owner;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const current = await fs.readFile(path, 'utf8').catch(() => undefined);
    if (current !== undefined && (await isStale(path, current, bootId))) {
      await breakStaleLock(path, current, token);
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for lock ${path}`);
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
}

async function release(path: string, owner: LockOwner): Promise<void> {
  // Remove only our own lock: if it was (wrongly) broken, the new owner keeps theirs.
  const current = await fs.readFile(path, 'utf8').catch(() => undefined);
  if (current !== undefined && parseOwner(current)?.token === owner.token) {
    await fs.unlink(path).catch(() => undefined);
  }
}

/**
 * Callers in this process queue here, in order, before touching the file: the
 * file lock is for other processes, and polling it against ourselves spread
 * ten simultaneous machine allocations over seconds.
 */
const localQueues = new Map<string, Promise<unknown>>();

/** Runs `fn` while holding the lock file at `path`; the lock is released even when `fn` throws. */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const previous = localQueues.get(path) ?? Promise.resolve();
  const run = async (): Promise<T> => {
    const owner = await acquire(path, timeoutMs);
    try {
      return await fn();
    } finally {
      await release(path, owner);
    }
  };
  const result = previous.then(run, run);
  const tail = result.catch(() => undefined);
  localQueues.set(path, tail);
  void tail.then(() => {
    if (localQueues.get(path) === tail) localQueues.delete(path);
  });
  return result;
}
