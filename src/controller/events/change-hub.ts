/**
 * Wakes watchers when state changes. Every committed write to the controller
 * database bumps one revision; a watcher waits for a revision beyond the one it
 * last saw and then checks whether what it watches really changed. Coarse but
 * never misses a change. (HA controllers will feed it from a change-log table.)
 */
export class ChangeHub {
  private revision = 0;
  private readonly waiters = new Set<() => void>();

  /** Record that something changed and wake every waiter. */
  bump(): void {
    this.revision++;
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  current(): number {
    return this.revision;
  }

  /** Resolves with the new revision once it is beyond `seen`; rejects when `signal` aborts. */
  waitBeyond(seen: number, signal: AbortSignal): Promise<number> {
    if (this.revision > seen) return Promise.resolve(this.revision);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.waiters.delete(wake);
        reject(new Error('watcher stopped'));
      };
      const wake = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(this.revision);
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(wake);
    });
  }
}
