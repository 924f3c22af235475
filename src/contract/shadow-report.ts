/**
 * Shadow sampling's report: per routed alias (and per candidate it chose), the quality kept against the
 * reference, the non-regression rate and the money saved, each with a 95 % interval. Shared by the
 * server (admin API), the CLI and the console. Shares are fractions (0.95 = 95 %).
 */
import { z } from 'zod';

export const shadowReportQuerySchema = z
  .strictObject({
    /** One routed alias; all of them when absent. */
    alias: z.string().min(1).optional(),
    /** ISO timestamps, inclusive `since` (default: 30 days before `until`), exclusive `until` (default: now). */
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((query, context) => {
    if (query.since !== undefined && query.until !== undefined && Date.parse(query.since) >= Date.parse(query.until)) {
      context.addIssue({ code: 'custom', path: ['until'], message: 'must be after since' });
    }
  });
export type ShadowReportQuery = z.infer<typeof shadowReportQuerySchema>;

/**
 * How an interval was computed: `wilson` (a proportion), `delta` (a ratio of paired means, delta method),
 * `normal` (a mean difference, normal approximation) or `exact` (known without sampling: the reference's own calls).
 */
export const intervalMethods = ['wilson', 'delta', 'normal', 'exact'] as const;

export const shadowEstimateSchema = z.object({
  value: z.number(),
  /** 95 % interval; null when there are too few samples to measure the spread (fewer than two). */
  low: z.number().nullable(),
  high: z.number().nullable(),
  method: z.enum(intervalMethods),
});
export type ShadowEstimate = z.infer<typeof shadowEstimateSchema>;

/** Share of samples where the served answer scored at least the reference's, among those the reference got right. */
export const nonRegressionSchema = shadowEstimateSchema.extend({ kept: z.number().int(), of: z.number().int() });
export type NonRegression = z.infer<typeof nonRegressionSchema>;

export const shadowCostSchema = z.object({
  /** Samples with both costs known (both models priced). */
  pricedSamples: z.number().int(),
  meanServedUsd: z.number().nullable(),
  meanReferenceUsd: z.number().nullable(),
  /** 1 − mean served cost / mean reference cost, per sampled call. */
  savings: shadowEstimateSchema.nullable(),
  /** (mean reference cost − mean served cost) × routed calls in the window, summed over choices. */
  savedUsd: shadowEstimateSchema.nullable(),
});
export type ShadowCost = z.infer<typeof shadowCostSchema>;

const figures = {
  /** Successful routed calls in the ledger over the window (cache hits excluded). */
  routedCalls: z.number().int(),
  /** Stored shadow results; `graded` + `ungraded` = `samples`. */
  samples: z.number().int(),
  graded: z.number().int(),
  ungraded: z.number().int(),
  /** Mean served score / mean reference score over graded samples. */
  qualityKept: shadowEstimateSchema.nullable(),
  nonRegression: nonRegressionSchema.nullable(),
  cost: shadowCostSchema,
};

export const shadowChoiceReportSchema = z.object({
  choice: z.string(),
  /** The choice is the reference: nothing is sampled, nothing is lost, nothing is saved. */
  servedByReference: z.boolean(),
  ...figures,
});
export type ShadowChoiceReport = z.infer<typeof shadowChoiceReportSchema>;

export const shadowAliasReportSchema = z.object({
  alias: z.string(),
  /** Reference aliases the samples were compared with (one unless the configuration changed in the window). */
  references: z.array(z.string()),
  graders: z.array(z.string()),
  ...figures,
  /** Routed calls of a non-reference choice without a priced sample: left out of `savedUsd`. */
  unmeasuredCalls: z.number().int(),
  choices: z.array(shadowChoiceReportSchema),
});
export type ShadowAliasReport = z.infer<typeof shadowAliasReportSchema>;

export const shadowReportSchema = z.object({
  since: z.string(),
  until: z.string(),
  aliases: z.array(shadowAliasReportSchema),
});
export type ShadowReport = z.infer<typeof shadowReportSchema>;
