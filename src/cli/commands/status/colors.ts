/**
 * ANSI colours of status words in tabular output (only when colour is on:
 * stdout a terminal, NO_COLOR unset and TERM not "dumb"; or forced by --color).
 */

const GREEN = '\x1b[32m';
const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

// Juju's status colour table (cmd/output statusColors); any other word (waiting,
// available, joined...) is printed without colour, as Juju does.
const GOOD = new Set(['active', 'running', 'idle', 'started', 'executing', 'attaching', 'attached']);
const BUSY = new Set([
  'allocating',
  'lost',
  'maintenance',
  'pending',
  'rebooting',
  'stopped',
  'unknown',
  'detaching',
  'detached',
]);
const BAD = new Set(['blocked', 'down', 'error', 'failed', 'terminated']);

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
