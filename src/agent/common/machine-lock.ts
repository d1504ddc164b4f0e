/**
 * The machine lock: one hook (or other machine-changing operation) at a time
 * per machine. Holders in this process queue on an in-process mutex; across
 * processes the lock is the file `<data dir>/locks/machine-lock`, created
 * exclusively and naming its owner (PID and process start time), so a lock
 * left by a process that died is recognised and taken over. Every hold is
 * recorded in `<log dir>/machine-lock.log`.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, appendFileSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineLock } from '../uniter/api.js';
import { logTimestamp } from './agent-log.js';
import { sleep } from './backoff.js';

/** Path of the lock file under an agent data dir. */
export function machineLockPath(dataDir: string): string {
  return join(dataDir, 'locks', 'machine-lock');
}

interface LockOwner {
  readonly pid: number;
  readonly start: string;
  readonly token: string;
  readonly holder: string;
}

/** Start time (clock ticks since boot) of a live process, to tell a PID from its reuse; undefined when gone. */
function processStart(pid: number): string | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  if (state === undefined || state === 'Z' || state === 'X') return undefined;
  return fields[19];
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.start === 'string' && typeof v.token === 'string') {
      return {
        pid: v.pid,
        start: v.start,
        token: v.token,
        holder: typeof v.holder === 'string' ? v.holder : '',
      };
    }
  } catch {
    // half-written or foreign content
  }
  return undefined;
}

/** A lock file half-written by a process that died is abandoned after this long. */
const UNREADABLE_STALE_MS = 5000;
const POLL_MIN_MS = 10;
const POLL_MAX_MS = 200;

export interface MachineLockOptions {
  /** The machine's agent data dir (`<root>/var/lib/juju`). */
  readonly dataDir: string;
  /** Where `machine-lock.log` goes (`<root>/var/log/juju`). */
  readonly logDir: string;
}

/** The machine lock of one agent data dir. Share one instance between all holders of a process. */
export class FileMachineLock implements MachineLock {
  readonly path: string;
  private readonly logPath: string;
  /** Settles when the previous in-process holder has released. */
  private tail: Promise<void> = Promise.resolve();

  constructor(opts: MachineLockOptions) {
    this.path = machineLockPath(opts.dataDir);
    this.logPath = join(opts.logDir, 'machine-lock.log');
  }

  /** Waits for the lock; resolves with the function that releases it (calling it twice is harmless). */
  async acquire(holder: string): Promise<() => void> {
    const asked = Date.now();
    const previous = this.tail;
    let releaseInProcess!: () => void;
    this.tail = new Promise<void>((resolve) => (releaseInProcess = resolve));
    await previous;
    let owner: LockOwner;
    try {
      owner = await this.lockFile(holder);
    } catch (err) {
      releaseInProcess();
      throw err;
    }
    const acquired = Date.now();
    this.record(`${holder} acquired the machine lock, waited ${seconds(acquired - asked)}`);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.unlockFile(owner);
      this.record(`${holder} released the machine lock, held ${seconds(Date.now() - acquired)}`);
      releaseInProcess();
    };
  }

  private async lockFile(holder: string): Promise<LockOwner> {
    mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o755 });
    const owner: LockOwner = {
      pid: process.pid,
      start: processStart(process.pid) ?? '',
      token: randomBytes(8).toString('hex'),
      holder,
    };
    const text = JSON.stringify(owner);
    let delay = POLL_MIN_MS;
    for (;;) {
      try {
        const handle = await fs.open(this.path, 'wx', 0o600);
        try {
          await handle.writeFile(text);
        } finally {
          await handle.close();
        }
        return owner;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const current = await fs.readFile(this.path, 'utf8').catch(() => undefined);
      if (current !== undefined && (await this.isStale(current))) {
        await this.breakStale(current, owner.token);
        continue;
      }
      await sleep(delay);
      delay = Math.min(delay * 2, POLL_MAX_MS);
    }
  }

  private async isStale(text: string): Promise<boolean> {
    const owner = parseOwner(text);
    if (owner !== undefined) return processStart(owner.pid) !== owner.start;
    try {
      return Date.now() - (await fs.stat(this.path)).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return false;
    }
  }

  /** Moves a dead owner's lock aside; if someone else took the lock meanwhile, theirs is put back. */
  private async breakStale(staleText: string, token: string): Promise<void> {
    const aside = `${this.path}.stale-${token}`;
    try {
      await fs.rename(this.path, aside);
    } catch {
      return;
    }
    try {
      const moved = await fs.readFile(aside, 'utf8');
      if (moved !== staleText) await fs.link(aside, this.path).catch(() => undefined);
    } finally {
      await fs.unlink(aside).catch(() => undefined);
    }
  }

  private unlockFile(owner: LockOwner): void {
    try {
      const current = readFileSync(this.path, 'utf8');
      if (parseOwner(current)?.token === owner.token) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }

  private record(line: string): void {
    try {
      mkdirSync(join(this.logPath, '..'), { recursive: true, mode: 0o755 });
      appendFileSync(this.logPath, `${logTimestamp()} ${line}\n`, { mode: 0o640 });
    } catch {
      // the lock works without its log
    }
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
}
