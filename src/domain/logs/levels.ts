/** Log level names and numbers (loggo's). */
import { invalidLevel } from './errors.js';
import { LogLevel } from './types.js';

const LEVEL_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(LogLevel).map(([k, v]) => [v, k]),
);

/**
 * A level name (`INFO`, `warning`, `WARN`) or number (1-6) as loggo's number.
 * @throws `not valid` `unknown log level "x"`.
 */
export function parseLogLevel(level: number | string): number {
  if (typeof level === 'number') {
    if (Number.isInteger(level) && level >= LogLevel.TRACE && level <= LogLevel.CRITICAL) return level;
    throw invalidLevel(level);
  }
  const name = level.trim().toUpperCase();
  const value = (LogLevel as Record<string, number>)[name === 'WARN' ? 'WARNING' : name];
  if (value === undefined) throw invalidLevel(level);
  return value;
}

/** `INFO` for 3, ...; `UNSPECIFIED` otherwise. */
export function logLevelName(level: number): string {
  return LEVEL_NAMES[level] ?? 'UNSPECIFIED';
}
