/** A bounded FIFO of serialized log records that drops the oldest when full. */
export class BoundedLogQueue {
  #items: string[] = [];
  #head = 0;
  #dropped = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error('log queue capacity must be at least 1');
  }

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Records dropped since the last {@link takeDropped}. */
  get dropped(): number {
    return this.#dropped;
  }

  push(item: string): void {
    while (this.length >= this.capacity) {
      this.#head++;
      this.#dropped++;
    }
    this.#items.push(item);
    this.#compact();
  }

  /** Puts an item at the front (e.g. a notice about dropped records); it may exceed the capacity by one. */
  unshift(item: string): void {
    if (this.#head > 0) {
      this.#head--;
      this.#items[this.#head] = item;
    } else {
      this.#items.unshift(item);
    }
  }

  peek(): string | undefined {
    return this.#items[this.#head];
  }

  shift(): string | undefined {
    if (this.length === 0) return undefined;
    const item = this.#items[this.#head];
    this.#head++;
    this.#compact();
    return item;
  }

  /** Returns and resets the dropped count. */
  takeDropped(): number {
    const n = this.#dropped;
    this.#dropped = 0;
    return n;
  }

  #compact(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }
}
