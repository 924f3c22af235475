/**
 * Token governance: budgets, their live status, budget requests and spend reports. Shared by the
 * server (validation), the CLI and the console.
 */
import { z } from 'zod';

export const budgetScopeKinds = ['organization', 'team', 'project', 'key', 'user', 'tag', 'model', 'provider'] as const;
export type BudgetScopeKind = (typeof budgetScopeKinds)[number];

export const priorityTiers = ['critical', 'standard', 'batch'] as const;
export type PriorityTier = (typeof priorityTiers)[number];

/** What a budget counts. `requests` with period `minute` is a rate limit. */
export const budgetUnits = ['usd', 'tokens', 'requests'] as const;
export type BudgetUnit = (typeof budgetUnits)[number];

export const budgetPeriods = ['minute', 'day', 'week', 'month', 'total'] as const;
export type BudgetPeriod = (typeof budgetPeriods)[number];

/** What a tier does while its budget runs hot (projected to run out before the period ends). */
export const tierActionSchema = z.union([
  z.literal('continue'),
  z.literal('refuse'),
  z.strictObject({ queue: z.strictObject({ maxWaitMs: z.number().int().positive().max(600_000) }) }),
  z.strictObject({ downgrade: z.strictObject({ model: z.string().min(1) }) }),
]);
export type TierAction = z.infer<typeof tierActionSchema>;

export const budgetDefinitionSchema = z.strictObject({
  /** Stable id: letters, digits, `-`, `_`, `.`. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, ".", "_" or "-", at most 100'),
  description: z.string().max(500).optional(),
  /**
   * What the budget covers. `value` is a team, project or key id or name, an end-user id, a tag
   * `name=value`, a model alias or a provider name; for `organization` it is the organisation's name.
   * `user` and `tag` values are chosen by the caller, so they are per team: `team` (name or id) limits the
   * budget to that team's calls; without it each team gets its own counter of the limit.
   */
  scope: z
    .strictObject({ kind: z.enum(budgetScopeKinds), value: z.string().min(1), team: z.string().min(1).optional() })
    .refine((scope) => scope.team === undefined || scope.kind === 'user' || scope.kind === 'tag', {
      message: 'team applies to user and tag scopes only',
      path: ['team'],
    }),
  unit: z.enum(budgetUnits).default('usd'),
  /** In the unit: USD, tokens or requests. */
  limit: z.number().positive(),
  period: z.enum(budgetPeriods).default('month'),
  /** IANA time zone of the calendar boundaries (day, week starting Monday, month). */
  timezone: z.string().default('UTC'),
  /** hard: refuse what would exceed the limit. soft: alert only. */
  mode: z.enum(['hard', 'soft']).default('hard'),
  /** Fractions of the limit at which an alert fires once per period. */
  alertThresholds: z.array(z.number().positive().max(10)).default([0.5, 0.8, 1]),
  /** Per-tier behaviour while the budget runs hot; tiers not listed continue until the hard limit. */
  whenHot: z.partialRecord(z.enum(priorityTiers), tierActionSchema).default({}),
});
export type BudgetDefinitionInput = z.input<typeof budgetDefinitionSchema>;
export type BudgetDefinition = z.output<typeof budgetDefinitionSchema>;

export const budgetStatusSchema = z.object({
  id: z.string(),
  scope: z.object({ kind: z.enum(budgetScopeKinds), value: z.string(), team: z.string().optional() }),
  /** User and tag budgets without a team: the team whose counter is shown (the one nearest its limit). */
  partition: z.string().optional(),
  unit: z.enum(budgetUnits),
  mode: z.enum(['hard', 'soft']),
  period: z.enum(budgetPeriods),
  periodStart: z.string(),
  /** null for `total`. */
  resetsAt: z.string().nullable(),
  limit: z.number(),
  /** Settled spend plus reservations in flight. */
  used: z.number(),
  remaining: z.number(),
  /** Spend per hour over the period so far. */
  burnRatePerHour: z.number(),
  /** Where the period ends at the current burn rate; null for `total`. */
  projectedAtPeriodEnd: z.number().nullable(),
  /** Projected to run out before the period ends. */
  hot: z.boolean(),
  source: z.enum(['config', 'api']),
});
export type BudgetStatus = z.infer<typeof budgetStatusSchema>;

export const budgetRequestStates = ['pending', 'granted', 'denied'] as const;

export const createBudgetRequestSchema = z.strictObject({
  /** An existing budget to raise, or absent for a new allocation described by `allocation`. */
  budgetId: z.string().min(1).optional(),
  allocation: budgetDefinitionSchema.optional(),
  /** The new limit asked for (existing budget) — in the budget's unit. */
  amount: z.number().positive(),
  requestedBy: z.string().min(1).max(200),
  justification: z.string().min(1).max(4000),
  expectedValue: z.string().max(4000).optional(),
});
export type CreateBudgetRequest = z.infer<typeof createBudgetRequestSchema>;

export const decideBudgetRequestSchema = z.strictObject({
  approver: z.string().min(1).max(200),
  comment: z.string().max(4000).optional(),
});

export const budgetRequestSchema = z.object({
  id: z.string(),
  budgetId: z.string().nullable(),
  allocation: budgetDefinitionSchema.nullable(),
  amount: z.number(),
  requestedBy: z.string(),
  justification: z.string(),
  expectedValue: z.string().nullable(),
  state: z.enum(budgetRequestStates),
  decidedBy: z.string().nullable(),
  decisionComment: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type BudgetRequest = z.infer<typeof budgetRequestSchema>;

export const budgetEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  budgetId: z.string(),
  kind: z.enum(['threshold', 'hot', 'exhausted', 'fail-open', 'fail-closed', 'store-recovered']),
  /** For thresholds: the fraction crossed. */
  threshold: z.number().nullable(),
  used: z.number(),
  limit: z.number(),
  periodStart: z.string(),
  message: z.string(),
});
export type BudgetEvent = z.infer<typeof budgetEventSchema>;

export const spendGroupings = ['team', 'project', 'key', 'model', 'provider', 'tier', 'user'] as const;
export const spendReportQuerySchema = z.strictObject({
  by: z.enum(spendGroupings).default('team'),
  /** `2026-11` (a month), `2026-11-21` (a day) or `2026` (a year), in `timezone`. */
  period: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD'),
  timezone: z.string().default('UTC'),
  format: z.enum(['json', 'csv']).default('json'),
});
export type SpendReportQuery = z.infer<typeof spendReportQuerySchema>;

export const spendRowSchema = z.object({
  group: z.string().nullable(),
  /** Human name where the group is an id (team, project, key prefix). */
  label: z.string().nullable(),
  requests: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number(),
  /** Calls whose cost is unknown: they are not in costUsd. */
  unpricedRequests: z.number().int(),
});
export const spendReportSchema = z.object({
  by: z.enum(spendGroupings),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(spendRowSchema),
  totalUsd: z.number(),
});
export type SpendReport = z.infer<typeof spendReportSchema>;

/** A budget request about to be filed, as a policy (Cedar `budget.request`) judges it. */
export interface BudgetRequestFacts {
  requestedBy: string;
  /** `raise`: a higher limit for an existing budget; `allocation`: a new budget. */
  kind: 'raise' | 'allocation';
  /** The budget as it is (raise) or as it would be created (allocation). */
  budget: BudgetDefinition;
  /** The limit asked for. */
  amount: number;
  /** The budget's limit now (raise only). */
  currentLimit: number | undefined;
}
