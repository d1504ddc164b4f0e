/**
 * Whole-file reads and crash-safe writes. A write goes to a temporary file in
 * the same directory, is flushed to disk, then renamed over the target, so a
 * reader (or a crash) sees either the old file or the new one, never a mix.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Prefix of temporary files; the writer's PID follows so leftovers can be swept. */
const TEMP_MARKER = '.tmp-';

/** Test hooks: let a test stop a write between its stages (to simulate a crash). */
export interface AtomicWriteHooks {
  /** Called after the temporary file is complete and synced, before the rename. */
  beforeRename?: (tempPath: string) => void;
}

/** The file's text, or undefined when it does not exist. */
export function readTextIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
}

/**
 * Replace `path` with `data` atomically, leaving it with `mode`. The directory
 * must exist.
 */
export function writeFileAtomic(
  path: string,
  data: string,
  mode = 0o600,
  hooks: AtomicWriteHooks = {},
): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`);
  const fd = openSync(temp, 'wx', mode);
  try {
    try {
      const buf = Buffer.from(data, 'utf8');
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    hooks.beforeRename?.(temp);
    renameSync(temp, path);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed or never created
    }
    throw err;
  }
  syncDir(dir);
}

/** Remove a file; a missing file is not an error. */
export function removeIfExists(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
}

/**
 * Delete temporary files left in `dir` by writers that died before renaming.
 * Files of live processes are kept (they may be mid-write).
 */
export function sweepDeadTempFiles(dir: string, isAlive: (pid: number) => boolean): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const at = name.lastIndexOf(TEMP_MARKER);
    if (!name.startsWith('.') || at < 0) continue;
    const pid = Number.parseInt(name.slice(at + TEMP_MARKER.length), 10);
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) removeIfExists(join(dir, name));
  }
}

/** Make a rename in `dir` durable. Best effort: some filesystems refuse. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported here; the rename itself is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === code;
}
