/**
 * Polling for end-to-end tests: agents converge asynchronously, so tests wait
 * for a condition instead of sleeping.
 */

/**
 * Calls `fn` every `everyMs` until it returns something other than undefined,
 * and returns that. Errors thrown by `fn` count as "not yet"; the last one is
 * quoted when `timeoutMs` runs out.
 */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 120_000,
  everyMs = 300,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
