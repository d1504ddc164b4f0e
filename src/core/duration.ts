/**
 * Durations in Go's `time.ParseDuration` / `Duration.String` syntax, which Juju uses
 * everywhere a duration crosses the wire or the command line (`--wait 10s`,
 * `update-status-hook-interval: 5m`, `agent-ratelimit-rate: 250ms`).
 *
 * Internally a duration is a number of milliseconds (fractions allowed, so `1500ns`
 * is `0.0015`).
 */

import { notValid } from './errors.js';

const NANOSECOND = 1;
const MICROSECOND = 1_000 * NANOSECOND;
const MILLISECOND = 1_000 * MICROSECOND;
const SECOND = 1_000 * MILLISECOND;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Nanoseconds per unit; both micro signs (U+00B5 and U+03BC) are accepted, as in Go. */
const UNIT_NANOS: Readonly<Record<string, number>> = {
  ns: NANOSECOND,
  us: MICROSECOND,
  '\u00b5s': MICROSECOND,
  '\u03bcs': MICROSECOND,
  ms: MILLISECOND,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
};

/** Largest magnitude a Go duration (int64 nanoseconds) can hold. */
const MAX_NANOS = 9_223_372_036_854_775_807;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Go's error strings quote the input the way strconv.Quote would. */
const quote = (s: string): string => JSON.stringify(s);

const invalid = (orig: string) => notValid(`time: invalid duration ${quote(orig)}`);

/**
 * Parse a Go duration string ("1h30m", "0.001s", "-5m", "0") into milliseconds.
 * A unit is required on every number except a lone "0".
 * @throws JujuError `not valid` with Go's message, e.g. `time: invalid duration "x"`.
 */
export function parseDuration(s: string): number {
  const orig = s;
  let rest = s;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid(orig);

  let totalNanos = 0;
  while (rest !== '') {
    if (!(rest[0] === '.' || isDigit(rest[0]))) throw invalid(orig);

    let i = 0;
    while (isDigit(rest[i])) i++;
    const intDigits = rest.slice(0, i);
    rest = rest.slice(i);

    let fracDigits = '';
    if (rest.startsWith('.')) {
      rest = rest.slice(1);
      let j = 0;
      while (isDigit(rest[j])) j++;
      fracDigits = rest.slice(0, j);
      rest = rest.slice(j);
    }
    // "." or ".s" alone has no digits at all.
    if (intDigits === '' && fracDigits === '') throw invalid(orig);

    let u = 0;
    while (u < rest.length && rest[u] !== '.' && !isDigit(rest[u])) u++;
    if (u === 0) throw notValid(`time: missing unit in duration ${quote(orig)}`);
    const unitName = rest.slice(0, u);
    rest = rest.slice(u);
    const unit = UNIT_NANOS[unitName];
    if (unit === undefined) {
      throw notValid(`time: unknown unit ${quote(unitName)} in duration ${quote(orig)}`);
    }

    const whole = intDigits === '' ? 0 : Number(intDigits);
    // Go truncates the fractional contribution to whole nanoseconds and ignores
    // digits beyond what an int64 can hold.
    const digits = fracDigits.slice(0, 18);
    const fraction = digits === '' ? 0 : Math.trunc(Number(digits) * (unit / 10 ** digits.length));
    const nanos = whole * unit + fraction;
    if (!Number.isFinite(nanos) || nanos > MAX_NANOS) throw invalid(orig);
    totalNanos += nanos;
    if (totalNanos > MAX_NANOS) throw invalid(orig);
  }
  const ms = totalNanos / MILLISECOND;
  return negative ? -ms : ms;
}

/** True when `s` is a valid Go duration string. */
export function isValidDuration(s: string): boolean {
  try {
    parseDuration(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * Digits after the decimal point of `v` with `prec` implied decimals, trailing zeros
 * dropped (Go's fmtFrac). Returns the fraction text (with its dot, or '') and the
 * integer part.
 */
function splitFraction(v: bigint, prec: number): { frac: string; whole: bigint } {
  const scale = 10n ** BigInt(prec);
  const fracValue = v % scale;
  const whole = v / scale;
  if (fracValue === 0n) return { frac: '', whole };
  const digits = fracValue.toString().padStart(prec, '0').replace(/0+$/, '');
  return { frac: `.${digits}`, whole };
}

/**
 * Format milliseconds the way Go's `Duration.String` does: "5m0s", "1h0m0s",
 * "250ms", "1.5s", "1µs", "0s". Sub-nanosecond parts are rounded away.
 */
export function formatDuration(ms: number): string {
  const nanos = Math.round(ms * MILLISECOND);
  if (nanos === 0) return '0s';
  const negative = nanos < 0;
  let u = BigInt(Math.abs(nanos));
  let text: string;
  if (u < BigInt(SECOND)) {
    let unit: string;
    let prec: number;
    if (u < BigInt(MICROSECOND)) {
      unit = 'ns';
      prec = 0;
    } else if (u < BigInt(MILLISECOND)) {
      unit = '\u00b5s';
      prec = 3;
    } else {
      unit = 'ms';
      prec = 6;
    }
    const { frac, whole } = splitFraction(u, prec);
    text = `${whole}${frac}${unit}`;
  } else {
    const { frac, whole } = splitFraction(u, 9);
    u = whole;
    text = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      text = `${u % 60n}m${text}`;
      u /= 60n;
      if (u > 0n) text = `${u}h${text}`;
    }
  }
  return negative ? `-${text}` : text;
}
