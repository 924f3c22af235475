/** Nearest-rank percentiles of timing samples. */

export interface Percentiles {
  p50: number;
  p99: number;
}

/** p50 and p99 of `samples` (any order; not modified); NaN when there are none. */
export function percentiles(samples: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(samples).sort();
  const at = (fraction: number): number => {
    if (sorted.length === 0) return Number.NaN;
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
    return sorted[rank - 1] ?? Number.NaN;
  };
  return { p50: at(0.5), p99: at(0.99) };
}

/** Microseconds since `started` (a `process.hrtime.bigint()` reading). */
export const microsecondsSince = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1000;
