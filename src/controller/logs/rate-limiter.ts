/** A token bucket: `burst` tokens, one more every `refillMs` (0 = unlimited). */
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

  /** Takes a token and returns 0, or, when none is left, returns how many ms until one is (taking nothing). */
  tryTake(): number {
    if (this.refillMs <= 0) return 0;
    const t = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + (t - this.#last) / this.refillMs);
    this.#last = t;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.#tokens) * this.refillMs));
  }
}
