/**
 * Runs one hook or action process (charm-contract §1.7): `dispatch` when the
 * charm has one, else `hooks/<name>` / `actions/<name>`; a missing hook is a
 * success, a missing action a failure, a present but non-executable file an
 * error. argv is the script path alone, cwd the charm dir, no stdin, the
 * environment exactly as given. Output is reported line by line; the process
 * runs in its own process group so stopping the agent can kill it with
 * everything it started.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RunProcessOptions {
  readonly charmDir: string;
  /** `hooks/<name>` or `actions/<name>`. */
  readonly dispatchPath: string;
  readonly env: Readonly<Record<string, string>>;
  /** Called with each complete output line (without the newline). */
  readonly onLine: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Called once the process is running (to record it for crash recovery). */
  readonly onSpawn?: (pid: number) => void;
  /** Aborting kills the process group (TERM, then KILL after `killGraceMs`). */
  readonly signal?: AbortSignal;
  readonly killGraceMs?: number;
  /** Keep the full output (actions report it). */
  readonly captureOutput?: boolean;
  /** Run this argv instead of the charm's dispatch/hook (`juju exec` commands). */
  readonly command?: readonly string[];
}

export type RunOutcome =
  /** No dispatch and no such hook/action file. */
  | { readonly kind: 'missing' }
  /** The script could not be run (not executable, charm missing, spawn failure). */
  | { readonly kind: 'error'; readonly message: string }
  | {
      readonly kind: 'exited';
      /** Exit code, or null when killed by a signal. */
      readonly code: number | null;
      readonly signal: NodeJS.Signals | null;
      /** True when the abort signal killed it. */
      readonly aborted: boolean;
      readonly stdout: Buffer;
      readonly stderr: Buffer;
    };

type Lookup =
  | { readonly kind: 'run'; readonly path: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'error'; readonly message: string };

function lookupExecutable(path: string): Lookup {
  let mode: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { kind: 'error', message: `${path} is not a regular file` };
    mode = st.mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'error', message: (err as Error).message };
  }
  if ((mode & 0o111) === 0)
    return { kind: 'error', message: `exec ${JSON.stringify(path)}: permission denied` };
  return { kind: 'run', path };
}

/** What to execute for `dispatchPath` in `charmDir`, following Juju's rules. */
export function findExecutable(charmDir: string, dispatchPath: string): Lookup {
  try {
    readFileSync(join(charmDir, 'metadata.yaml'));
  } catch {
    return { kind: 'error', message: 'charm missing from disk' };
  }
  const dispatch = lookupExecutable(join(charmDir, 'dispatch'));
  if (dispatch.kind !== 'missing') return dispatch;
  return lookupExecutable(join(charmDir, ...dispatchPath.split('/')));
}

/** Splits a stream into lines for `onLine`. */
function lineSplitter(emit: (line: string) => void): { push(chunk: Buffer): void; flush(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk.toString('utf8');
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        emit(pending.slice(0, nl).replace(/\r$/, ''));
        pending = pending.slice(nl + 1);
        nl = pending.indexOf('\n');
      }
    },
    flush() {
      if (pending !== '') emit(pending);
      pending = '';
    },
  };
}

/** Runs the hook or action; never rejects. */
export function runCharmProcess(opts: RunProcessOptions): Promise<RunOutcome> {
  const found: Lookup =
    opts.command !== undefined && opts.command.length > 0
      ? { kind: 'run', path: opts.command[0] as string }
      : findExecutable(opts.charmDir, opts.dispatchPath);
  if (found.kind !== 'run') return Promise.resolve(found);
  const args = opts.command !== undefined ? opts.command.slice(1) : [];
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(found.path, args, {
        cwd: opts.charmDir,
        env: { ...opts.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
    } catch (err) {
      resolve({ kind: 'error', message: (err as Error).message });
      return;
    }
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    const stdoutLines = lineSplitter((l) => opts.onLine('stdout', l));
    const stderrLines = lineSplitter((l) => opts.onLine('stderr', l));
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (sig: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    };
    const onAbort = (): void => {
      aborted = true;
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), opts.killGraceMs ?? 5000);
      killTimer.unref();
    };
    child.stdout.on('data', (c: Buffer) => {
      if (opts.captureOutput) out.push(c);
      stdoutLines.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      if (opts.captureOutput) errOut.push(c);
      stderrLines.push(c);
    });
    child.once('spawn', () => {
      if (child.pid !== undefined) opts.onSpawn?.(child.pid);
      if (opts.signal?.aborted) onAbort();
      else opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
    child.once('error', (err) => {
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({ kind: 'error', message: err.message });
    });
    // A background process the hook started may keep its output open: stop
    // reading shortly after the hook itself exited.
    child.once('exit', () => {
      const t = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, 1000);
      t.unref();
    });
    child.once('close', (code, signal) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (killTimer !== undefined) clearTimeout(killTimer);
      // Whatever the hook left running in its group goes with it.
      if (aborted) killGroup('SIGKILL');
      stdoutLines.flush();
      stderrLines.flush();
      resolve({
        kind: 'exited',
        code,
        signal,
        aborted,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(errOut),
      });
    });
  });
}

/** Start time of a live process (clock ticks since boot), undefined when gone. */
export function processStartTime(pid: number): string | undefined {
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

/**
 * Kills the process group of a hook left running by an agent that died, if
 * that process (same pid and start time) still exists.
 */
export function killOrphanHook(pid: number | undefined, start: string | undefined): boolean {
  if (pid === undefined || pid <= 1 || start === undefined) return false;
  if (processStartTime(pid) !== start) return false;
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
