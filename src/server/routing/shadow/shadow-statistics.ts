/**
 * 95 % intervals computed from sums alone, so the database aggregates and no rows are loaded:
 * Wilson for proportions, the delta method for a ratio of paired means, the normal approximation for a
 * mean difference. Deterministic (no resampling), and sums over several choices add up to their alias's.
 */

/** Two-sided 95 % normal quantile. */
export const z95 = 1.959963984540054;

/** A point estimate with its 95 % interval; low and high are null when the spread cannot be measured. */
export interface Interval {
  value: number;
  low: number | null;
  high: number | null;
}

/** Sums over n pairs (x, y): enough for means, variances and their covariance without the rows (the database sums them). */
export interface PairSums {
  n: number;
  sumX: number;
  sumY: number;
  sumXX: number;
  sumYY: number;
  sumXY: number;
}

/** Adds pair sums (the choices of one alias). */
export function addPairSums(sums: readonly PairSums[]): PairSums {
  const total: PairSums = { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 };
  for (const item of sums) {
    total.n += item.n;
    total.sumX += item.sumX;
    total.sumY += item.sumY;
    total.sumXX += item.sumXX;
    total.sumYY += item.sumYY;
    total.sumXY += item.sumXY;
  }
  return total;
}

/** Wilson score interval of `successes` out of `trials`; undefined without trials. */
export function wilsonInterval(successes: number, trials: number): Interval | undefined {
  if (trials <= 0) return undefined;
  const p = successes / trials;
  const z2 = z95 * z95;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { value: p, low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/**
 * Σxy − n·x̄ȳ (a centred sum of products), with rounding noise snapped to 0: identical samples would
 * otherwise show an interval of ±1e-9 instead of none.
 */
function centred(input: { sum: number; n: number; meanX: number; meanY: number }): number {
  const scale = input.n * Math.abs(input.meanX * input.meanY);
  const value = input.sum - scale * Math.sign(input.meanX * input.meanY);
  return Math.abs(value) <= scale * 1e-12 ? 0 : value;
}

/** Sample variances and covariance (n − 1 in the denominator). */
function moments(sums: PairSums): { meanX: number; meanY: number; varX: number; varY: number; cov: number } {
  const { n } = sums;
  const meanX = sums.sumX / n;
  const meanY = sums.sumY / n;
  const spread = n > 1 ? 1 / (n - 1) : 0;
  return {
    meanX,
    meanY,
    varX: Math.max(0, centred({ sum: sums.sumXX, n, meanX, meanY: meanX }) * spread),
    varY: Math.max(0, centred({ sum: sums.sumYY, n, meanX: meanY, meanY }) * spread),
    cov: centred({ sum: sums.sumXY, n, meanX, meanY }) * spread,
  };
}

/**
 * mean(x) / mean(y) over paired samples, with the delta-method interval
 * Var ≈ (s²x − 2R·sxy + R²·s²y) / (n · ȳ²). Undefined without samples or when mean(y) is 0.
 */
export function ratioOfMeans(sums: PairSums): Interval | undefined {
  if (sums.n <= 0 || sums.sumY === 0) return undefined;
  const { meanY, varX, varY, cov } = moments(sums);
  const ratio = sums.sumX / sums.sumY;
  if (sums.n < 2) return { value: ratio, low: null, high: null };
  const terms = varX + ratio * ratio * varY;
  const combined = terms - 2 * ratio * cov;
  // Proportional pairs cancel exactly in theory; in floating point they leave noise of the terms' size × 1e-16.
  const variance = combined <= terms * 1e-12 ? 0 : combined / (sums.n * meanY * meanY);
  const half = z95 * Math.sqrt(variance);
  return { value: ratio, low: ratio - half, high: ratio + half };
}

/** mean(y − x) over paired samples and the variance of that mean; undefined without samples. */
export function meanDifference(sums: PairSums): { value: number; variance: number | null } | undefined {
  if (sums.n <= 0) return undefined;
  const { meanX, meanY, varX, varY, cov } = moments(sums);
  const variance = sums.n < 2 ? null : Math.max(0, varX + varY - 2 * cov) / sums.n;
  return { value: meanY - meanX, variance };
}

/** value ± z·√variance, or no interval when the variance is unknown. */
export function normalInterval(value: number, variance: number | null): Interval {
  if (variance === null) return { value, low: null, high: null };
  const half = z95 * Math.sqrt(variance);
  return { value, low: value - half, high: value + half };
}
