/**
 * The shadow report from the store's sums: per routed alias and per choice, quality kept, non-regression
 * and cost against the reference, with 95 % intervals (definitions in docs/shadow-sampling.md; the same
 * as the offline ones in docs/routing.md). Calls served by the reference are never shadowed: they keep
 * all the quality and save nothing by definition, so quality figures describe the calls the router sent
 * elsewhere, and money saved counts the reference's own calls as exactly zero.
 */
import type {
  ShadowAliasReport,
  ShadowChoiceReport,
  ShadowCost,
  ShadowEstimate,
  ShadowReport,
} from '../../../contract/index.js';
import type { RoutedCallCount, ShadowAggregate } from './shadow-result-repository.js';
import {
  addPairSums,
  meanDifference,
  normalInterval,
  ratioOfMeans,
  wilsonInterval,
  type Interval,
} from './shadow-statistics.js';

export interface BuildShadowReportInput {
  since: string;
  until: string;
  aggregates: readonly ShadowAggregate[];
  routed: readonly RoutedCallCount[];
  /** The configured reference of a routed alias; else the reference the samples name. */
  referenceOf?: ((alias: string) => string | undefined) | undefined;
}

type Sums = Pick<ShadowAggregate, 'samples' | 'graded' | 'judged' | 'scores' | 'referenceRight' | 'kept' | 'costs'>;
type Figures = Omit<ShadowChoiceReport, 'choice' | 'servedByReference'>;
/** Money saved over a choice's routed calls, with the variance of that total (null: unknown spread). */
type Saved = { value: number; variance: number | null; method: ShadowEstimate['method'] };

const none: Sums = {
  samples: 0,
  graded: 0,
  judged: 0,
  scores: addPairSums([]),
  referenceRight: 0,
  kept: 0,
  costs: addPairSums([]),
};

const pool = (items: readonly Sums[]): Sums => ({
  samples: items.reduce((total, item) => total + item.samples, 0),
  graded: items.reduce((total, item) => total + item.graded, 0),
  judged: items.reduce((total, item) => total + item.judged, 0),
  scores: addPairSums(items.map((item) => item.scores)),
  referenceRight: items.reduce((total, item) => total + item.referenceRight, 0),
  kept: items.reduce((total, item) => total + item.kept, 0),
  costs: addPairSums(items.map((item) => item.costs)),
});

const estimate = (interval: Interval, method: ShadowEstimate['method']): ShadowEstimate => ({ ...interval, method });

/**
 * Rule graders score the reference 1 on every sample, so quality kept is the share of matching answers: a
 * proportion, with Wilson's interval (sound at 0 % and 100 %, where the delta method collapses to a point).
 */
function qualityKept(sums: Sums): ShadowEstimate | null {
  if (sums.graded === 0) return null;
  if (sums.judged === 0) {
    const share = wilsonInterval(sums.scores.sumX, sums.scores.n);
    return share ? estimate(share, 'wilson') : null;
  }
  const ratio = ratioOfMeans(sums.scores);
  return ratio ? estimate({ ...ratio, low: ratio.low === null ? null : Math.max(0, ratio.low) }, 'delta') : null;
}

function nonRegression(sums: Sums): Figures['nonRegression'] {
  const share = wilsonInterval(sums.kept, sums.referenceRight);
  return share ? { ...estimate(share, 'wilson'), kept: sums.kept, of: sums.referenceRight } : null;
}

function cost(sums: Sums, saved: Saved | undefined): ShadowCost {
  const { costs } = sums;
  const ratio = ratioOfMeans(costs);
  return {
    pricedSamples: costs.n,
    meanServedUsd: costs.n === 0 ? null : costs.sumX / costs.n,
    meanReferenceUsd: costs.n === 0 ? null : costs.sumY / costs.n,
    savings: ratio
      ? estimate(
          {
            value: 1 - ratio.value,
            low: ratio.high === null ? null : 1 - ratio.high,
            high: ratio.low === null ? null : 1 - ratio.low,
          },
          'delta',
        )
      : null,
    savedUsd: saved ? estimate(normalInterval(saved.value, saved.variance), saved.method) : null,
  };
}

function figures(input: { sums: Sums; routedCalls: number; saved: Saved | undefined }): Figures {
  const { sums } = input;
  return {
    routedCalls: input.routedCalls,
    samples: sums.samples,
    graded: sums.graded,
    ungraded: sums.samples - sums.graded,
    qualityKept: qualityKept(sums),
    nonRegression: nonRegression(sums),
    cost: cost(sums, input.saved),
  };
}

/** (mean reference cost − mean served cost) × routed calls; the reference's own calls save exactly nothing. */
function savedOnChoice(input: { sums: Sums; routedCalls: number; servedByReference: boolean }): Saved | undefined {
  if (input.servedByReference) return { value: 0, variance: 0, method: 'exact' };
  const difference = meanDifference(input.sums.costs);
  if (!difference) return undefined;
  const calls = input.routedCalls;
  return {
    value: difference.value * calls,
    variance: difference.variance === null ? null : difference.variance * calls * calls,
    method: 'normal',
  };
}

/** Strata add up: totals add, and so do the variances of independent samples. */
function addSaved(items: readonly Saved[]): Saved | undefined {
  if (items.length === 0) return undefined;
  const sampled = items.some((item) => item.method !== 'exact');
  return {
    value: items.reduce((total, item) => total + item.value, 0),
    variance: items.some((item) => item.variance === null)
      ? null
      : items.reduce((total, item) => total + (item.variance ?? 0), 0),
    method: sampled ? 'normal' : 'exact',
  };
}

function aliasReport(input: {
  alias: string;
  aggregates: ShadowAggregate[];
  routed: RoutedCallCount[];
  configured: string | undefined;
}): ShadowAliasReport {
  const { alias, aggregates, routed } = input;
  const references = [...new Set(aggregates.flatMap((aggregate) => aggregate.references))].sort();
  const isReference = (choice: string): boolean =>
    input.configured === undefined ? references.includes(choice) : choice === input.configured;
  const choiceNames = [
    ...new Set([...routed.map((count) => count.choice), ...aggregates.map((aggregate) => aggregate.choice)]),
  ];
  const saved: Saved[] = [];
  let unmeasuredCalls = 0;
  const choices = choiceNames.map((choice): ShadowChoiceReport => {
    const sums = aggregates.find((aggregate) => aggregate.choice === choice) ?? none;
    const routedCalls = routed.find((count) => count.choice === choice)?.calls ?? 0;
    const servedByReference = isReference(choice);
    const savedHere = savedOnChoice({ sums, routedCalls, servedByReference });
    if (savedHere) saved.push(savedHere);
    else unmeasuredCalls += routedCalls;
    return { choice, servedByReference, ...figures({ sums, routedCalls, saved: savedHere }) };
  });
  choices.sort((a, b) => b.routedCalls - a.routedCalls || b.samples - a.samples || (a.choice < b.choice ? -1 : 1));
  const routedCalls = routed.reduce((total, count) => total + count.calls, 0);
  return {
    alias,
    references,
    graders: [...new Set(aggregates.flatMap((aggregate) => aggregate.graders))].sort(),
    ...figures({ sums: pool(aggregates), routedCalls, saved: addSaved(saved) }),
    unmeasuredCalls,
    choices,
  };
}

/** Assembles the report for the window from the repository's aggregates and routed-call counts. */
export function buildShadowReport(input: BuildShadowReportInput): ShadowReport {
  const aliases = [
    ...new Set([...input.aggregates.map((aggregate) => aggregate.alias), ...input.routed.map((count) => count.alias)]),
  ].sort();
  return {
    since: input.since,
    until: input.until,
    aliases: aliases.map((alias) =>
      aliasReport({
        alias,
        aggregates: input.aggregates.filter((aggregate) => aggregate.alias === alias),
        routed: input.routed.filter((count) => count.alias === alias),
        configured: input.referenceOf?.(alias),
      }),
    ),
  };
}
