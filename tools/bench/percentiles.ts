// Latency statistics of the benchmark. Percentiles are nearest-rank: the p-th percentile
// is the smallest sample that at least p% of the samples do not exceed. Every figure
// printed is then a latency that was really observed (never an interpolation between
// two), p100 is the max, and the math can be checked by hand: p99 of 1000 sorted samples
// is the 990th.

export interface LatencySummary {
  /** Successful calls measured (errors are counted apart and left out of the latencies). */
  count: number;
  errors: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Successful calls per second of wall time over the whole measured loop. */
  throughputPerSecond: number;
  wallMs: number;
}

/** The p-th percentile (0..100) of samples sorted ascending; NaN when there are none. */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const n = sortedAscending.length;
  if (n === 0) return Number.NaN;
  // (p * n) / 100 rather than p / 100 * n: 7 / 100 * 100 is 7.000000000000001 in floating
  // point, whose ceiling would skip a rank. The epsilon absorbs what error is left with
  // fractional p (16.1 * 1000 / 100 is 161.00000000000003).
  const rank = Math.ceil((p * n) / 100 - 1e-9);
  return sortedAscending[Math.min(n, Math.max(1, rank)) - 1]!;
}

/** Summary of one measured loop; `samplesMs` in any order. */
export function summarize(samplesMs: readonly number[], wallMs: number, errors = 0): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, sample) => sum + sample, 0);
  return {
    count: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length > 0 ? total / sorted.length : Number.NaN,
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
    throughputPerSecond: wallMs > 0 ? (sorted.length * 1000) / wallMs : Number.NaN,
    wallMs,
  };
}

/** How many times slower `measured` is than `baseline`, per percentile. */
export function latencyRatios(measured: LatencySummary, baseline: LatencySummary): { p50: number; p95: number; p99: number } {
  return {
    p50: measured.p50 / baseline.p50,
    p95: measured.p95 / baseline.p95,
    p99: measured.p99 / baseline.p99,
  };
}
