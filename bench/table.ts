/**
 * The benchmark's result table and the small statistics every group uses:
 * one row per measure with its value, target and value/target ratio.
 */

/** One measured figure. A ratio ≤ 1 meets the target. */
export interface Row {
  /** What was measured, including how (e.g. "p50 of 200"). */
  readonly what: string;
  readonly value: number;
  /** `ms`, `MiB` or `×` (a ratio of two timings). */
  readonly unit: string;
  readonly target: number;
}

/** Median (upper median for even lengths); NaN for no samples. */
export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** The p-th percentile (nearest rank); NaN for no samples. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const fmt = (n: number): string =>
  Number.isFinite(n) ? (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2)) : 'n/a';

/** The table as text: `measure | value | target | ratio`. */
export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [
    r.what,
    `${fmt(r.value)} ${r.unit}`,
    `${fmt(r.target)} ${r.unit}`,
    fmt(r.value / r.target),
  ]);
  const head = ['measure', 'value', 'target', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: readonly string[]): string =>
    c.map((x, i) => (i === 0 ? x.padEnd(widths[i] as number) : x.padStart(widths[i] as number))).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n') + '\n';
}
