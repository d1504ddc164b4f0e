/**
 * Natural ordering as `juju status` sorts names: runs of digits compare as
 * numbers, so `app/2` comes before `app/10` and machine `9` before `10`.
 */

const CHUNK = /(\d+|\D+)/g;

/** Negative, zero or positive, like a comparator for `Array.prototype.sort`. */
export function naturalCompare(a: string, b: string): number {
  const ca = a.match(CHUNK) ?? [];
  const cb = b.match(CHUNK) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i] as string;
    const y = cb[i] as string;
    if (x === y) continue;
    const xd = /^\d/.test(x);
    const yd = /^\d/.test(y);
    if (xd && yd) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

/** A sorted copy. */
export function naturalSort(values: Iterable<string>): string[] {
  return [...values].sort(naturalCompare);
}
