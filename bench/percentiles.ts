/** Summary of a set of timings. */
export interface TimingSummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** The nearest-rank percentile (0 < p ≤ 100) of values sorted ascending. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError("no values");
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], not ${p}`);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/** Mean, median, p99 and maximum of the values (which are left untouched). */
export function summarize(values: ArrayLike<number>): TimingSummary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
}

/** The median of a few values (for repeated whole-run measurements). */
export function median(values: readonly number[]): number {
  return percentile(Float64Array.from(values).sort(), 50);
}
