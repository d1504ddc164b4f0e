/**
 * Running the host tools the local cloud drives (ip, unshare): argument arrays,
 * never a shell, and a hard timeout on every call so no teardown can hang.
 */

import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Default limit for one external command. */
export const COMMAND_TIMEOUT_MS = 5000;

/** An external command that failed, with what it printed. */
export class CommandError extends Error {
  readonly exitCode: number | null;
  readonly stderr: string;
  constructor(argv: readonly string[], exitCode: number | null, stderr: string, reason: string) {
    const shown = argv.join(' ');
    const detail = stderr.trim() || reason;
    super(`${shown}: ${detail}`);
    this.name = 'CommandError';
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** Runs `file args...` and resolves with stdout; rejects with CommandError on failure or timeout. */
export function runCommand(
  file: string,
  args: readonly string[],
  timeoutMs: number = COMMAND_TIMEOUT_MS,
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (!err) {
          resolvePromise(stdout);
          return;
        }
        const e = err as NodeJS.ErrnoException & { code?: unknown; killed?: boolean };
        const exitCode = typeof e.code === 'number' ? e.code : null;
        const reason = e.killed ? `timed out after ${timeoutMs} ms` : e.message;
        reject(new CommandError([file, ...args], exitCode, stderr, reason));
      },
    );
  });
}

/** Directories searched for system tools besides $PATH (sudo and cron often drop the sbin ones). */
export const SYSTEM_DIRS: readonly string[] = [
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
];

/** Directories to look for programs in: the absolute entries of $PATH, then the usual system ones. */
export function defaultSearchDirs(pathEnv: string | undefined = process.env['PATH']): string[] {
  return [...(pathEnv ?? '').split(delimiter).filter((d) => d.startsWith('/')), ...SYSTEM_DIRS];
}

/** Absolute path of an executable in one of `dirs`, or undefined when it is nowhere to be found. */
export function findExecutable(
  name: string,
  dirs: readonly string[] = defaultSearchDirs(),
): string | undefined {
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
