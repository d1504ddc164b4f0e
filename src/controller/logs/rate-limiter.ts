/** A token bucket: `burst` tokens, one more every `refillMs`. */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    private readonly burst: number,
    private readonly refillMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#tokens = burst;
    this.#last = now();
  }

  /** Takes one token; returns 0 when one was available, else how long (ms) until the bucket has one again. */
  take(): number {
    const t = this.now();
    if (this.refillMs > 0) {
      this.#tokens = Math.min(this.burst, this.#tokens + (t - this.#last) / this.refillMs);
    } else {
      this.#tokens = this.burst;
    }
    this.#last = t;
    this.#tokens -= 1;
    if (this.#tokens >= 0) return 0;
    return Math.ceil(-this.#tokens * this.refillMs);
  }
}
