/**
 * Storage directives as users type them: `<pool>,<count>,<size>` with any
 * part left out and in any order (a bare integer is the count, a number
 * with a size suffix M/G/T/P the size, anything else the pool), and the
 * `<name>=<directive>` form of `deploy --storage` and `add-storage`.
 */
import { notValid } from '../../../core/errors.js';
import type { StorageDirectives } from '../../../rpc/params/storage.js';

const COUNT = /^\d+$/;
const SIZE = /^(\d+(?:\.\d+)?)([MGTPEZY])(?:i?B)?$/;
const MULTIPLIERS: Readonly<Record<string, number>> = {
  M: 1,
  G: 1024,
  T: 1024 ** 2,
  P: 1024 ** 3,
  E: 1024 ** 4,
  Z: 1024 ** 5,
  Y: 1024 ** 6,
};
const POOL = /^[a-zA-Z][a-zA-Z0-9-]*$/;

/**
 * `rootfs,2,1G` -> `{pool: 'rootfs', count: 2, size: 1024}` (size in MiB).
 * @throws `not valid` for a part that is none of the three, or a repeated one.
 */
export function parseStorageDirective(text: string): StorageDirectives {
  const out: StorageDirectives = {};
  if (text.trim() === '') return out;
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const size = SIZE.exec(part);
    if (COUNT.test(part)) {
      if (out.count !== undefined)
        throw notValid(
          `cannot parse storage directive ${JSON.stringify(text)}: count specified more than once`,
        );
      out.count = Number(part);
    } else if (size !== null) {
      if (out.size !== undefined)
        throw notValid(
          `cannot parse storage directive ${JSON.stringify(text)}: size specified more than once`,
        );
      out.size = Math.ceil(Number(size[1]) * (MULTIPLIERS[size[2] ?? 'M'] ?? 1));
    } else if (POOL.test(part)) {
      if (out.pool !== undefined)
        throw notValid(
          `cannot parse storage directive ${JSON.stringify(text)}: pool name specified more than once`,
        );
      out.pool = part;
    } else {
      throw notValid(
        `cannot parse storage directive ${JSON.stringify(text)}: unrecognized value ${JSON.stringify(part)}`,
      );
    }
  }
  return out;
}

/**
 * `data=rootfs,1G` -> `['data', {...}]`; a bare `data` (add-storage) gets
 * an empty directive.
 * @throws `not valid` `expected "name=directive"` when `requireDirective` and no `=`.
 */
export function parseNamedDirective(text: string, requireDirective: boolean): [string, StorageDirectives] {
  const eq = text.indexOf('=');
  if (eq < 0) {
    if (requireDirective) throw notValid(`expected "key=value", got ${JSON.stringify(text)}`);
    return [text, {}];
  }
  const name = text.slice(0, eq);
  if (name === '') throw notValid(`expected "key=value", got ${JSON.stringify(text)}`);
  return [name, parseStorageDirective(text.slice(eq + 1))];
}

/** Several `--storage` values as the deploy wire's `storage` map. */
export function storageDirectivesMap(values: readonly string[]): Record<string, StorageDirectives> {
  const out: Record<string, StorageDirectives> = {};
  for (const v of values) {
    const [name, d] = parseNamedDirective(v, true);
    out[name] = d;
  }
  return out;
}
