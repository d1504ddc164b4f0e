/**
 * Natural ordering ("app2" before "app10", "9" before "10"), which Juju uses to make
 * bundle change lists deterministic.
 */

/** Compare two strings, treating runs of digits as numbers. */
export function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const as = a.match(re) ?? [];
  const bs = b.match(re) ?? [];
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i] as string;
    const y = bs[i] as string;
    if (x === y) continue;
    const xd = /^\d/.test(x);
    const yd = /^\d/.test(y);
    if (xd && yd) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}

/** A naturally sorted copy. */
export function naturalSort(values: Iterable<string>): string[] {
  return [...values].sort(naturalCompare);
}
