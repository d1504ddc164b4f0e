/**
 * Process facts read from /proc, and the stop sequence used for machine
 * agents: SIGTERM, a short grace, then SIGKILL. Only PIDs handed in by the
 * caller are signalled.
 */

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Identifies this boot; a PID recorded under another boot means nothing now. */
export function currentBootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

/** State letter and start time (clock ticks since boot) of a process, or undefined if it is gone. */
function readStat(pid: number): { state: string; startTime: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = rest[0];
  const startTime = rest[19];
  if (state === undefined || startTime === undefined) return undefined;
  return { state, startTime };
}

/** Start time of a live process (to tell a PID from a later reuse of it), or undefined. */
export function processStartTime(pid: number): string | undefined {
  const stat = readStat(pid);
  return stat && stat.state !== 'Z' && stat.state !== 'X' ? stat.startTime : undefined;
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isProcessAlive(pid: number): boolean {
  return processStartTime(pid) !== undefined;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone (ESRCH): nothing to do
  }
}

async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isProcessAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(25);
    alive = alive.filter(isProcessAlive);
  }
  return alive;
}

/**
 * Stops the given processes: SIGTERM, wait up to `graceMs`, SIGKILL whatever
 * is left and wait up to `killWaitMs` more. Resolves with the PIDs still alive
 * (normally none; a process stuck in the kernel can outlive SIGKILL briefly).
 */
export async function terminateProcesses(
  pids: readonly number[],
  graceMs = 2000,
  killWaitMs = 1000,
): Promise<number[]> {
  const targets = pids.filter((pid) => Number.isInteger(pid) && pid > 1 && pid !== process.pid);
  for (const pid of targets) signal(pid, 'SIGTERM');
  const stubborn = await waitUntilGone(targets, graceMs);
  for (const pid of stubborn) signal(pid, 'SIGKILL');
  return waitUntilGone(stubborn, killWaitMs);
}
