/**
 * Retry pacing for agents: exponential back-off with jitter, and a sleep that
 * ends early when the agent is told to stop.
 */

export interface BackoffOptions {
  /** First delay. */
  readonly initialMs: number;
  /** Largest delay. */
  readonly maxMs: number;
}

/** Delay before retry number `attempt` (0-based): initial * 2^attempt, capped, with ±20% jitter. */
export function backoffDelay(attempt: number, opts: BackoffOptions): number {
  const base = Math.min(opts.maxMs, opts.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
