/**
 * How a service makes a read-check-write sequence atomic without knowing
 * about databases: it wraps the sequence in `atomically`. The SQL wiring runs
 * it in one transaction (state calls inside join it); the default just calls
 * the function, for fakes in service tests.
 */
export type Atomically = <T>(fn: () => T) => T;

/** Runs `fn` directly; for services used without a database. */
export const notAtomic: Atomically = <T>(fn: () => T): T => fn();
