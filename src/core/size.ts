/**
 * Human-readable sizes as Juju's config accepts them ("300M", "5G", "1.5T"): a
 * non-negative number with an optional binary multiplier. The unit is MiB, so "1G" is
 * 1024. Used by config keys such as `max-status-history-size` and
 * `audit-log-max-size` (constraints have their own, stricter rules).
 */

import { notValid } from './errors.js';

/** Multiplier suffixes in increasing powers of 1024, starting at MiB. */
const SIZE_SUFFIXES = 'MGTPEZY';

/**
 * Parse a size into whole MiB (rounded up). Each suffix may also be written with
 * `B` or `iB` after it (`5G`, `5GB`, `5GiB`).
 * @throws JujuError `not valid`, e.g. `expected a non-negative number, got "x"`.
 */
export function parseSize(text: string): number {
  let numberPart = text;
  let multiplier = 1;
  const suffixAt = text.search(/[^0-9.]/);
  if (suffixAt > 0) {
    const suffix = text.slice(suffixAt);
    multiplier = 0;
    for (let i = 0; i < SIZE_SUFFIXES.length; i++) {
      const base = SIZE_SUFFIXES.charAt(i);
      if (suffix === base || suffix === `${base}B` || suffix === `${base}iB`) {
        multiplier = 1024 ** i;
        break;
      }
    }
    if (multiplier === 0) {
      throw notValid(`invalid multiplier suffix ${JSON.stringify(suffix)}, expected one of ${SIZE_SUFFIXES}`);
    }
    numberPart = text.slice(0, suffixAt);
  }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(numberPart)) {
    throw notValid(`expected a non-negative number, got ${JSON.stringify(numberPart)}`);
  }
  return Math.ceil(Number(numberPart) * multiplier);
}

/** True when `text` parses with {@link parseSize}. */
export function isValidSize(text: string): boolean {
  try {
    parseSize(text);
    return true;
  } catch {
    return false;
  }
}
