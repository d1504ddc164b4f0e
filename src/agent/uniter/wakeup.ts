/**
 * A level-triggered wake-up: `notify` marks that something happened, `wait`
 * returns at once if it did since the last wait, else when it next does (or
 * after a timeout). No notification is ever lost between two waits.
 */
export class Wakeup {
  private pending = false;
  private waiter: (() => void) | undefined;

  notify(): void {
    this.pending = true;
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  /** Resolves on the next notification, or after `timeoutMs` (when finite). */
  async wait(timeoutMs = Infinity): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      this.waiter = () => {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      };
      if (Number.isFinite(timeoutMs)) {
        timer = setTimeout(
          () => {
            this.waiter = undefined;
            resolve();
          },
          Math.max(0, timeoutMs),
        );
      }
    });
    this.pending = false;
  }
}
