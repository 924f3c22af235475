/**
 * The decision registry's shapes: what a decision is (who may make it, what context it needs, which
 * risk tier needs whom), what an agent proposes, and what Podium answers. Shared by podium.yaml and
 * the admin API, validated the same way.
 */
import { z } from 'zod';
import { jsonSchemaProblem } from './json-schema-problem.js';

const name = z.string().min(1).max(200);

/** Comparisons on one context field; every one given must hold. */
export const fieldConditionSchema = z.strictObject({
  lt: z.number().optional(),
  lte: z.number().optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  eq: z.union([z.string(), z.number(), z.boolean()]).optional(),
  ne: z.union([z.string(), z.number(), z.boolean()]).optional(),
  in: z.array(z.union([z.string(), z.number()])).optional(),
});
export type FieldCondition = z.infer<typeof fieldConditionSchema>;

export const riskTierSchema = z.strictObject({
  /** Shown in answers and the audit trail, e.g. `low`. */
  name: name.optional(),
  /** Conditions on context fields (all must hold); absent: always matches (a catch-all last tier). */
  when: z.record(z.string().min(1), fieldConditionSchema).optional(),
  /** `auto`: allowed at once; `approve`: humans decide; `deny`: refused. */
  outcome: z.enum(['auto', 'approve', 'deny']),
  /** Named humans, or `role:<name>` for every member of a role. */
  approvers: z.array(name).min(1).optional(),
  /** How many of `approvers` must approve (n of m); default 1. */
  quorum: z.number().int().positive().optional(),
});
export type RiskTier = z.infer<typeof riskTierSchema>;

const decisionDefinitionShape = {
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, ".", "_" or "-", at most 100'),
  description: z.string().min(1).max(2000),
  /** The team or person accountable for the decision's rules. */
  owner: name,
  /**
   * Who may propose it: virtual keys (id), teams (name), agents (the `x-podium-agent` header of a key's call),
   * named humans (admin-API callers acting as), roles (`roles:` in podium.yaml: humans and agents). Empty: nobody.
   */
  makers: z
    .strictObject({
      keys: z.array(name).default([]),
      teams: z.array(name).default([]),
      agents: z.array(name).default([]),
      humans: z.array(name).default([]),
      roles: z.array(name).default([]),
    })
    .default({ keys: [], teams: [], agents: [], humans: [], roles: [] }),
  /** Named context fields the proposal must carry, each with a JSON Schema. */
  context: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a field name: letters, digits, _'),
      z.strictObject({
        schema: z.record(z.string(), z.unknown()).default({}),
        required: z.boolean().default(true),
        description: z.string().optional(),
      }),
    )
    .default({}),
  /** First matching tier decides. */
  risk: z.array(riskTierSchema).min(1),
  /** Approver groups to escalate to, in order, when a stage times out. */
  escalation: z.array(z.array(name).min(1)).default([]),
  /** Time each approval stage waits before escalating (ms); default 24 h. */
  timeoutMs: z.number().int().positive().default(86_400_000),
  /** When the last stage times out. */
  onTimeout: z.enum(['deny', 'approve']).default('deny'),
};

export const decisionDefinitionSchema = z.strictObject(decisionDefinitionShape).superRefine((definition, context) => {
  for (const [name, field] of Object.entries(definition.context)) {
    const problem = jsonSchemaProblem(field.schema);
    if (problem !== undefined)
      context.addIssue({
        code: 'custom',
        path: ['context', name, 'schema'],
        message: `not a valid JSON Schema: ${problem}`,
      });
  }
  definition.risk.forEach((tier, index) => {
    if (tier.outcome === 'approve' && !tier.approvers)
      context.addIssue({
        code: 'custom',
        path: ['risk', index, 'approvers'],
        message: 'required when outcome is approve',
      });
    if (tier.quorum !== undefined && tier.quorum > (tier.approvers?.length ?? 0)) {
      context.addIssue({
        code: 'custom',
        path: ['risk', index, 'quorum'],
        message: `${tier.quorum} exceeds the ${tier.approvers?.length ?? 0} approvers`,
      });
    }
    for (const field of Object.keys(tier.when ?? {})) {
      if (!(field in definition.context))
        context.addIssue({
          code: 'custom',
          path: ['risk', index, 'when', field],
          message: `"${field}" is not a context field of this decision`,
        });
    }
  });
});
export type DecisionDefinition = z.output<typeof decisionDefinitionSchema>;
export type DecisionDefinitionInput = z.input<typeof decisionDefinitionSchema>;

/** A definition as the API lists it: where it comes from besides. */
export const listedDecisionDefinitionSchema = z.object({ ...decisionDefinitionShape, source: z.enum(['file', 'api']) });

/** `GET /api/v1/decisions/{id}/requests/{requestId}`: a pending decision's state, for the agent that proposed it. */
export const decisionRequestStatusSchema = z.object({
  approvalId: z.string(),
  decision: z.string(),
  /** The decision request id (`dec_…`). */
  request: z.string(),
  /** The approval's state: pending, approved, denied, expired. */
  state: z.string(),
  outcome: z.enum(['allowed', 'pending', 'denied']),
  reason: z.string().nullable(),
});
export type DecisionRequestStatus = z.infer<typeof decisionRequestStatusSchema>;

/** What an agent sends to `POST /api/v1/decisions/{id}`. */
export const proposeDecisionBodySchema = z.strictObject({
  /** What the agent intends to do (free-form, recorded as is). */
  proposal: z.unknown(),
  context: z.record(z.string(), z.unknown()).default({}),
  /** Supporting evidence (documents, tool results, reasoning), recorded. */
  evidence: z.array(z.unknown()).default([]),
  /** The model that produced the proposal, when a model did. */
  model: z.string().max(200).optional(),
  /** Admin-key callers only: the named human making the decision. */
  actingAs: name.optional(),
  /** POSTed the final answer when humans decide. */
  callbackUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
});
export type ProposeDecisionBody = z.input<typeof proposeDecisionBodySchema>;

export const decisionAnswerSchema = z.object({
  /** Id of this decision request (also the audit subject). */
  id: z.string(),
  decision: z.string(),
  outcome: z.enum(['allowed', 'pending', 'denied']),
  /** Why, in order: the tier that matched, the policies that decided, the fields that failed. */
  reasons: z.array(z.string()),
  tier: z.string().nullable(),
  /** The policies that decided, when Cedar policies were consulted. */
  policies: z.array(z.string()),
  /** Set when outcome is pending: poll `GET /api/v1/decisions/{id}/requests/{requestId}`. */
  approvalId: z.string().nullable(),
});
export type DecisionAnswer = z.infer<typeof decisionAnswerSchema>;
