import { agreementCascade } from './agreement-cascade.js';
import { validityCascade } from './validity-cascade.js';
import { alwaysModel, oracle, randomMix } from './baseline-policies.js';
import {
  averageGapRecovered,
  costToRecover,
  qualityAtCost,
  stepQualityAtCost,
  upperEnvelope,
  type CurvePoint,
} from './cost-quality-curve.js';
import type { CompiledRouter } from '../learned-router/linear-router.js';
import type { PolicyOutcome } from './policy-outcome.js';
import { outcomeOfChoices } from './policy-outcome.js';
import { routellmPublishedFor, type RoutellmBenchmark } from './routellm-published.js';
import { mean, routingMetrics } from './routing-metrics.js';
import { modelIndex, type RoutingTable } from './routing-table.js';
import { choicesAt, paretoCandidates, predictTable } from './train-linear-router.js';

/** One policy's points and RouteLLM-style summary on the evaluated prompts. */
export interface PolicyCurve {
  policy: string;
  points: CurvePoint[];
  apgr: number;
  /** Cost (% of the reference's) to recover 50 % / 80 % of the weak→reference gap. */
  cpt50: number;
  cpt80: number;
}

/** Everything `podium route eval` reports for one dataset. */
export interface EvaluationReport {
  dataset: string;
  /** Which of the dataset's prompts were evaluated, in words: "validation split (20 % held out, seed …)", "all prompts". */
  split: string;
  prompts: number;
  reference: string;
  /** The reference's mean cost per prompt in `costUnit` (dollars, or 1 call): what 100 % on the cost axis is. */
  referenceMeanCost: number;
  weak: string;
  costUnit: RoutingTable['costUnit'];
  curves: PolicyCurve[];
  /** The learned router at the λ picked on train. */
  operatingPoint: CurvePoint;
  /** Smallest margin (quality points) of the learned router's envelope over the best single model at equal or lower cost; negative = below somewhere. */
  frontierMargin: number;
  /** On RouteLLM's own benchmarks: its best published CPT(50%), to read beside the learned router's. */
  routellmPublished?: { benchmark: RoutellmBenchmark; cpt50: number } | undefined;
}

function curve(policy: string, points: CurvePoint[]): PolicyCurve {
  return {
    policy,
    points,
    apgr: averageGapRecovered(points),
    cpt50: costToRecover(points, 0.5),
    cpt80: costToRecover(points, 0.8),
  };
}

/**
 * Runs every policy on `table` (validation prompts) — always-reference, each single model (whose
 * envelope is the best-single-model frontier), random mixes along that frontier, agreement cascades
 * when answers are known, the learned router over its λ sweep, and the oracle — and summarises each.
 * A router trained with embeddings needs `embeddings` of the table's prompts (row-aligned).
 */
export function evaluatePolicies(input: {
  table: RoutingTable;
  compiled: CompiledRouter;
  /** Which prompts `table` holds, for the report and its chart's title (see `describeSplit`). */
  split: string;
  weak?: string | undefined;
  embeddings?: readonly Float32Array[] | undefined;
}): EvaluationReport {
  const { table, compiled } = input;
  const reference = modelIndex(table, compiled.router.reference);
  const weak =
    input.weak === undefined ? (paretoCandidates(table, reference)[0] ?? reference) : modelIndex(table, input.weak);
  const point = (label: string, outcome: PolicyOutcome): CurvePoint => {
    const metrics = routingMetrics({ table, outcome, reference, weak });
    return {
      label,
      costPercent: metrics.costPercent,
      qualityPercent: metrics.qualityPercent,
      gapRecovered: metrics.performanceGapRecovered,
      nonRegressionPercent: metrics.nonRegressionPercent,
    };
  };
  const singles = table.models.map((model, index) => point(model, alwaysModel(table, index)));
  const frontier = upperEnvelope(singles);
  const mixes = frontier.slice(1).flatMap((expensive, index) => {
    const cheap = frontier[index];
    if (cheap === undefined) return [];
    return [0.25, 0.5, 0.75].map((share) =>
      point(
        `${share * 100}% ${expensive.label} / ${cheap.label}`,
        randomMix({
          table,
          cheap: modelIndex(table, cheap.label),
          expensive: modelIndex(table, expensive.label),
          share,
        }),
      ),
    );
  });
  const curves = [
    curve('always-reference', [singles[reference] ?? point('reference', alwaysModel(table, reference))]),
    curve('best-single-model', frontier),
    curve('random-mix', [...frontier, ...mixes]),
  ];
  if (table.answers !== undefined) {
    curves.push(curve('agreement-cascade', cascadePoints({ table, reference, point })));
    curves.push(curve('validity-cascade', validityPoints({ table, reference, point })));
  }
  const predictions = predictTable(compiled, table, input.embeddings);
  const routed = compiled.router.sweep.map((lambda) =>
    point(`λ=${lambda.toPrecision(2)}`, outcomeOfChoices(table, choicesAt(predictions, lambda))),
  );
  curves.push(curve('learned-router', routed));
  curves.push(curve('oracle', [point('oracle', oracle(table))]));
  const operatingPoint = point(
    `λ=${compiled.router.lambda.toPrecision(2)} (picked on train)`,
    outcomeOfChoices(table, choicesAt(predictions, compiled.router.lambda)),
  );
  return {
    dataset: table.name,
    split: input.split,
    prompts: table.prompts.length,
    reference: compiled.router.reference,
    referenceMeanCost: mean(table.cost[reference] ?? []),
    weak: table.models[weak] ?? '',
    costUnit: table.costUnit,
    curves,
    operatingPoint,
    frontierMargin: frontierMargin(routed, singles),
    routellmPublished: routellmPublishedFor({ table, reference: compiled.router.reference }),
  };
}

function validityPoints(input: {
  table: RoutingTable;
  reference: number;
  point: (label: string, outcome: PolicyOutcome) => CurvePoint;
}): CurvePoint[] {
  const { table, reference } = input;
  return paretoCandidates(table, reference)
    .filter((model) => model !== reference)
    .map((first) =>
      input.point(
        `${table.models[first]} → ${table.models[reference]} when malformed`,
        validityCascade({ table, first, escalation: reference }),
      ),
    );
}

function cascadePoints(input: {
  table: RoutingTable;
  reference: number;
  point: (label: string, outcome: PolicyOutcome) => CurvePoint;
}): CurvePoint[] {
  const { table, reference } = input;
  // Cheap pairs from the cost–quality Pareto set (at most 6 models → 15 pairs), escalating to the reference.
  const cheap = paretoCandidates(table, reference)
    .filter((model) => model !== reference)
    .slice(0, 6);
  return cheap.flatMap((first, index) =>
    cheap
      .slice(index + 1)
      .map((second) =>
        input.point(
          `${table.models[first]} + ${table.models[second]} → ${table.models[reference]}`,
          agreementCascade({ table, first, second, escalation: reference }),
        ),
      ),
  );
}

/** Min over the router's envelope (within the single models' cost range) of its quality minus the best single model's at that cost. */
export function frontierMargin(routed: readonly CurvePoint[], singles: readonly CurvePoint[]): number {
  const cheapest = Math.min(...singles.map((single) => single.costPercent));
  const maximum = Math.max(...singles.map((single) => single.costPercent));
  let margin = Number.POSITIVE_INFINITY;
  for (const single of upperEnvelope(singles)) {
    // Compare where the frontier steps up: the router must beat each single model at that model's cost.
    const quality = qualityAtCost(routed, single.costPercent);
    if (quality !== null) margin = Math.min(margin, quality - single.qualityPercent);
  }
  for (const routedPoint of upperEnvelope(routed)) {
    if (routedPoint.costPercent < cheapest || routedPoint.costPercent > maximum) continue;
    const single = stepQualityAtCost(singles, routedPoint.costPercent);
    if (single !== null) margin = Math.min(margin, routedPoint.qualityPercent - single);
  }
  return margin;
}
