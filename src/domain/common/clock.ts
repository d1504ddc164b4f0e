/** Source of "now" for services, so tests can pin timestamps. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that returns a fixed time until moved; for tests and replays. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string = '2024-01-01T00:00:00.000Z') {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  /** Sets the clock to `to`. */
  set(to: Date | string): void {
    this.current = new Date(to);
  }
}

/** ISO-8601 UTC timestamp with milliseconds, the format every table stores. */
export function timestamp(clock: Clock): string {
  return clock.now().toISOString();
}
