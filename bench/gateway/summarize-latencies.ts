/** Throughput and latency percentiles of one measured run. */
import type { LoadResult } from './load-generator.js';

export interface LatencySummary {
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

/** Nearest-rank percentile of an ascending array; NaN when there are no samples. */
function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** Sorts a copy, so the run's own array stays in arrival order. */
export function summarizeLatencies(result: LoadResult): LatencySummary {
  const sorted = Float64Array.from(result.latenciesMs).sort();
  return {
    rps: result.elapsedMs > 0 ? (result.ok * 1000) / result.elapsedMs : 0,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
  };
}
