/**
 * The cross-process lock around every read-modify-write of the client store.
 *
 * The lock is a file created with O_EXCL in the data directory; it holds the
 * holder's PID, what it is doing and a random token. A waiter retries every few
 * milliseconds; a lock whose holder PID no longer exists is broken (under a
 * short-lived second lock, so two waiters cannot both break it and delete each
 * other's fresh lock). After the timeout the waiter gives up with an error that
 * names the holder. The lock is re-entrant within one process.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ErrorCode, JujuError } from '../core/errors.js';
import { isErrno, readTextIfExists, removeIfExists } from './atomic-file.js';

export const LOCK_FILE = 'store.lock';
const BREAK_FILE = 'store.lock.break';
/** How long an unreadable lock file (holder died between create and write) is trusted. */
const UNREADABLE_GRACE_MS = 1000;
/** Breaking takes microseconds; a breaker file older than this belongs to a dead breaker. */
const BREAKER_STALE_MS = 2000;
export const DEFAULT_LOCK_TIMEOUT_MS = 5000;

interface LockInfo {
  pid: number;
  operation: string;
  token: string;
}

/** Lock files held by this process: path → nesting depth. */
const held = new Map<string, number>();

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Block the thread for `ms` (the store API is synchronous, like the CLI). */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Whether a process with this PID exists (EPERM means it exists but is not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isErrno(err, 'EPERM');
  }
}

/** A held lock; call release() exactly once. */
export interface LockHandle {
  release(): void;
}

/**
 * Take the store lock in `dir` (which must exist), waiting up to `timeoutMs`.
 * `operation` names the caller in the lock file and in the timeout error.
 */
export function acquireStoreLock(
  dir: string,
  operation: string,
  timeoutMs = DEFAULT_LOCK_TIMEOUT_MS,
): LockHandle {
  const path = join(dir, LOCK_FILE);
  const depth = held.get(path);
  if (depth !== undefined) {
    held.set(path, depth + 1);
    return { release: () => releaseNested(path) };
  }
  const info: LockInfo = { pid: process.pid, operation, token: randomBytes(8).toString('hex') };
  const content = `${JSON.stringify(info)}\n`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (tryCreate(path, content)) break;
    const current = readLock(path);
    if (current === undefined) continue; // vanished between our create and read: retry now
    if (isStale(path, current)) {
      breakStaleLock(dir, path, current.raw);
      continue;
    }
    if (Date.now() >= deadline) throw lockTimeout(path, operation, timeoutMs, current.info);
    sleepSync(5 + Math.floor(Math.random() * 15));
  }
  held.set(path, 1);
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      releaseOutermost(path, content);
    },
  };
}

function releaseNested(path: string): void {
  const depth = held.get(path);
  if (depth !== undefined && depth > 1) held.set(path, depth - 1);
}

function releaseOutermost(path: string, content: string): void {
  held.delete(path);
  // Only remove the file if it is still ours (it would not be if someone had
  // wrongly judged us dead and broken it).
  if (readTextIfExists(path) === content) removeIfExists(path);
}

function tryCreate(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return false;
    throw err;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

interface ReadLock {
  raw: string;
  info: LockInfo | undefined;
}

function readLock(path: string): ReadLock | undefined {
  const raw = readTextIfExists(path);
  if (raw === undefined) return undefined;
  return { raw, info: parseLockInfo(raw) };
}

function parseLockInfo(raw: string): LockInfo | undefined {
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0) {
      return { pid: v.pid, operation: String(v.operation ?? ''), token: String(v.token ?? '') };
    }
  } catch {
    // partially written or foreign content
  }
  return undefined;
}

function isStale(path: string, lock: ReadLock): boolean {
  // Our own PID on a lock we do not hold can only be a leftover from an earlier
  // process that had the same PID (e.g. before a reboot).
  if (lock.info) return lock.info.pid === process.pid || !isProcessAlive(lock.info.pid);
  return ageMs(path) > UNREADABLE_GRACE_MS;
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Delete the lock file if it still holds exactly `staleRaw`, under the breaker lock. */
function breakStaleLock(dir: string, path: string, staleRaw: string): void {
  const breaker = join(dir, BREAK_FILE);
  if (!tryCreate(breaker, `${process.pid}\n`)) {
    if (ageMs(breaker) > BREAKER_STALE_MS) removeIfExists(breaker);
    else sleepSync(2);
    return;
  }
  try {
    if (readTextIfExists(path) === staleRaw) removeIfExists(path);
  } finally {
    removeIfExists(breaker);
  }
}

function lockTimeout(
  path: string,
  operation: string,
  timeoutMs: number,
  holder: LockInfo | undefined,
): JujuError {
  const who = holder
    ? `process ${holder.pid}${holder.operation ? ` (${holder.operation})` : ''}`
    : 'another process';
  return new JujuError(
    ErrorCode.TryAgain,
    `cannot acquire lock file to ${operation}: ${path} is held by ${who}; gave up after ${timeoutMs / 1000}s`,
  );
}
