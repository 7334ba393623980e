// Summary statistics for timing samples. Percentiles interpolate linearly between the two
// nearest ranks (numpy's default, "R-7"), so p50 of an even sample is the mean of the middle two.

export interface Summary {
  n: number;
  min: number;
  mean: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of an empty sample');
  if (p < 0 || p > 100) throw new Error(`percentile ${p} is not within 0..100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summary of an empty sample');
  return {
    n: samples.length,
    min: Math.min(...samples),
    mean: samples.reduce((s, x) => s + x, 0) / samples.length,
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: Math.max(...samples),
  };
}
