/** One operating point of a policy: its figures relative to the reference. */
export interface CurvePoint {
  label: string;
  costPercent: number;
  qualityPercent: number;
  /** Performance gap recovered (0 = weak baseline, 1 = reference). */
  gapRecovered: number;
  nonRegressionPercent: number;
}

/** What the envelope and interpolation need of a point. */
export type CostQuality = Pick<CurvePoint, 'costPercent' | 'qualityPercent'>;

/**
 * The points no other point beats at equal or lower cost, sorted by cost: what a policy can reach
 * when you pick its best setting for each budget.
 */
export function upperEnvelope<Point extends CostQuality>(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.costPercent - b.costPercent || b.qualityPercent - a.qualityPercent);
  const envelope: Point[] = [];
  for (const point of sorted) {
    const last = envelope.at(-1);
    if (last === undefined || point.qualityPercent > last.qualityPercent) envelope.push(point);
  }
  return envelope;
}

/**
 * Quality reachable at `costPercent` by mixing the two neighbouring envelope points at random
 * (the straight line between them); below the cheapest point nothing is reachable (null).
 */
export function qualityAtCost(points: readonly CostQuality[], costPercent: number): number | null {
  return interpolate({ points: upperEnvelope(points), x: costPercent, read: (point) => point.qualityPercent });
}

/** The best one of `points` (no mixing) whose cost is at most `costPercent`: a step function. */
export function stepQualityAtCost(points: readonly CurvePoint[], costPercent: number): number | null {
  let best: number | null = null;
  for (const point of points)
    if (point.costPercent <= costPercent && (best === null || point.qualityPercent > best)) best = point.qualityPercent;
  return best;
}

/**
 * The envelope as what it is on a log cost axis: between two neighbouring points a random mix is
 * linear in cost, which a log axis bends into a curve, so each segment is sampled at `perSegment`
 * costs spaced evenly in log(cost) (a straight chord between the points would overstate the mix). A
 * segment from a point the axis cannot show (cost 0: RouteLLM's weak model) is sampled from
 * `floorPercent`, where the axis starts.
 */
export function mixingCurve<Point extends CostQuality>(
  points: readonly Point[],
  options: { perSegment?: number; floorPercent?: number } = {},
): CostQuality[] {
  const perSegment = options.perSegment ?? 24;
  const envelope = upperEnvelope(points);
  const curve: CostQuality[] = envelope
    .slice(0, 1)
    .map(({ costPercent, qualityPercent }) => ({ costPercent, qualityPercent }));
  for (let index = 1; index < envelope.length; index += 1) {
    const left = envelope[index - 1];
    const right = envelope[index];
    if (left === undefined || right === undefined) continue;
    const start = Math.max(left.costPercent, options.floorPercent ?? 0);
    const steps = start > 0 && start < right.costPercent ? perSegment : 1;
    for (let step = 1; step <= steps; step += 1) {
      const costPercent = step === steps ? right.costPercent : start * (right.costPercent / start) ** (step / steps);
      const share = (costPercent - left.costPercent) / (right.costPercent - left.costPercent);
      curve.push({
        costPercent,
        qualityPercent: left.qualityPercent + share * (right.qualityPercent - left.qualityPercent),
      });
    }
  }
  return curve;
}

function interpolate(input: { points: CostQuality[]; x: number; read: (point: CostQuality) => number }): number | null {
  const { points, x, read } = input;
  let previous: CostQuality | undefined;
  for (const point of points) {
    if (point.costPercent >= x) {
      if (previous === undefined) return point.costPercent === x ? read(point) : null;
      const share = (x - previous.costPercent) / (point.costPercent - previous.costPercent);
      return read(previous) + share * (read(point) - read(previous));
    }
    previous = point;
  }
  return previous === undefined ? null : read(previous);
}

/** Envelope on the gap-recovered axis, anchored at (0 %, 0) and (100 %, 1) as RouteLLM's curves are. */
function gapEnvelope(points: readonly CurvePoint[]): { cost: number; gap: number }[] {
  const anchored = [
    { cost: 0, gap: 0 },
    ...points.map((point) => ({ cost: point.costPercent, gap: point.gapRecovered })),
    { cost: 100, gap: 1 },
  ]
    .filter((point) => point.cost <= 100)
    .sort((a, b) => a.cost - b.cost || b.gap - a.gap);
  const envelope: { cost: number; gap: number }[] = [];
  for (const point of anchored) {
    const last = envelope.at(-1);
    if (last === undefined || point.gap > last.gap) envelope.push(point);
  }
  return envelope;
}

/**
 * APGR: the area under the gap-recovered curve over cost share 0–100 % (a fraction of the area of
 * the ideal curve that recovers the whole gap at zero cost). RouteLLM's summary figure.
 */
export function averageGapRecovered(points: readonly CurvePoint[]): number {
  const envelope = gapEnvelope(points);
  let area = 0;
  for (let index = 1; index < envelope.length; index += 1) {
    const left = envelope[index - 1];
    const right = envelope[index];
    if (left === undefined || right === undefined) continue;
    area += ((right.cost - left.cost) * (left.gap + right.gap)) / 2;
  }
  const last = envelope.at(-1);
  // Past the last point the curve stays flat at its best value.
  if (last !== undefined && last.cost < 100) area += (100 - last.cost) * last.gap;
  return area / 100;
}

/**
 * CPT(x): the least cost (% of the reference's) at which the curve recovers `target` (0–1) of the
 * gap between the weak model and the reference; RouteLLM reports it as the share of strong-model calls.
 */
export function costToRecover(points: readonly CurvePoint[], target: number): number {
  const envelope = gapEnvelope(points);
  let previous = envelope[0];
  for (const point of envelope) {
    if (point.gap >= target) {
      if (previous === undefined || previous === point) return point.cost;
      return previous.cost + ((target - previous.gap) / (point.gap - previous.gap)) * (point.cost - previous.cost);
    }
    previous = point;
  }
  return 100;
}
