/**
 * ANSI colours of status words in tabular output (only when colour is on:
 * a terminal without NO_COLOR, or --color).
 */

const GREEN = '\x1b[32m';
const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

const GOOD = new Set(['active', 'idle', 'started', 'running', 'available', 'applied', 'joined', 'attached']);
const BAD = new Set(['error', 'blocked', 'down', 'lost', 'failed', 'broken', 'provisioning error']);
const BUSY = new Set([
  'waiting',
  'maintenance',
  'pending',
  'allocating',
  'executing',
  'rebooting',
  'suspended',
  'unknown',
  'terminated',
  'destroying',
  'busy',
  'attaching',
  'detaching',
]);

/** Colours a status word, or returns it unchanged when colour is off. */
export function colorStatus(status: string, enabled: boolean): string {
  if (!enabled || status === '') return status;
  const color = GOOD.has(status) ? GREEN : BAD.has(status) ? RED : BUSY.has(status) ? YELLOW : '';
  return color === '' ? status : `${color}${status}${RESET}`;
}

/** Whether tabular output should be coloured. */
export function colorEnabled(opts: {
  color: boolean;
  noColor: boolean;
  tty: boolean;
  env: NodeJS.ProcessEnv;
}): boolean {
  if (opts.noColor) return false;
  if (opts.color) return true;
  if (opts.env['NO_COLOR'] !== undefined || opts.env['TERM'] === 'dumb') return false;
  return opts.tty;
}
