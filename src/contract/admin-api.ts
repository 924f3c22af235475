/**
 * The admin API's bodies, shared by the server (which validates them) and the CLI and console
 * (which send and read them). Everything under /api/v1.
 */
import { z } from 'zod';

const name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'letters, digits, space, dot, underscore or dash');

export const organizationSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });
export type Organization = z.infer<typeof organizationSchema>;

export const teamSchema = z.object({ id: z.string(), orgId: z.string(), name: z.string(), createdAt: z.string() });
export type Team = z.infer<typeof teamSchema>;

export const projectSchema = z.object({ id: z.string(), teamId: z.string(), name: z.string(), createdAt: z.string() });
export type Project = z.infer<typeof projectSchema>;

export const createTeamBodySchema = z.strictObject({ name, organization: name.optional() });
export type CreateTeamBody = z.infer<typeof createTeamBodySchema>;

export const createProjectBodySchema = z.strictObject({ team: z.string().min(1), name });
export type CreateProjectBody = z.infer<typeof createProjectBodySchema>;

/** A virtual key as listed: never the secret, only its visible prefix. */
export const keySchema = z.object({
  id: z.string(),
  prefix: z.string(),
  name: z.string().nullable(),
  orgId: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  allowedModels: z.array(z.string()).nullable(),
  /** Priority tier: how this key's calls are rationed when a budget runs hot. */
  tier: z.enum(['critical', 'standard', 'batch']),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type Key = z.infer<typeof keySchema>;

export const createKeyBodySchema = z.strictObject({
  /** Team name or id. */
  team: z.string().min(1),
  /** Project name or id, within the team. */
  project: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  /** Model aliases this key may call; absent means every configured model. */
  allowedModels: z.array(z.string().min(1)).min(1).optional(),
  tier: z.enum(['critical', 'standard', 'batch']).default('standard'),
});
export type CreateKeyBody = z.input<typeof createKeyBodySchema>;

/** Returned once, at creation: `key` is the only time the secret is shown. */
export const createdKeySchema = keySchema.extend({ key: z.string() });
export type CreatedKey = z.infer<typeof createdKeySchema>;

/** One ledger row: one call through the gateway. */
/** One class of personal data found in one direction of a call and what was done about it. */
export const dataFindingSchema = z.object({
  dataClass: z.string(),
  direction: z.enum(['request', 'response']),
  count: z.number().int().positive(),
  action: z.enum(['redacted', 'blocked', 'allowed']),
});
export type DataFindingRecord = z.infer<typeof dataFindingSchema>;

export const requestRecordSchema = z.object({
  id: z.string(),
  at: z.string(),
  orgId: z.string().nullable(),
  teamId: z.string().nullable(),
  projectId: z.string().nullable(),
  keyId: z.string().nullable(),
  surface: z.string(),
  requestedModel: z.string().nullable(),
  servedModel: z.string().nullable(),
  provider: z.string().nullable(),
  stream: z.boolean(),
  status: z.number().int(),
  errorCode: z.string().nullable(),
  /** The caller's priority tier, the end user (header or body) and request tags, for budgets and chargeback. */
  tier: z.string().nullable(),
  endUser: z.string().nullable(),
  tags: z.record(z.string(), z.string()).nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cacheReadTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  reasoningTokens: z.number().int(),
  /** null when the served model has no price: flagged, never silently $0. */
  costUsd: z.number().nullable(),
  latencyMs: z.number(),
  overheadMs: z.number(),
  attempts: z.number().int(),
  /** Routed aliases: the policy (learned, cascade, rules), the candidate alias that served and why. */
  routePolicy: z.string().nullable(),
  routeChoice: z.string().nullable(),
  routeReason: z.string().nullable(),
  /** `hit` (exact cache), `semantic-hit`, `miss`; null when the route does not cache. */
  cacheStatus: z.string().nullable(),
  /**
   * Personal data found in the call and what data protection did about it, per class and direction
   * (counts only, never the values); null when nothing was found or data protection is off.
   */
  dataFindings: z.array(dataFindingSchema).nullable(),
  /** The upstream reported no usable usage (none, or implausible counts): tokens and cost are Podium's estimate. */
  usageEstimated: z.boolean().default(false),
  /** The record was cleaned before it could be stored (NUL or broken Unicode removed, lengths or numbers clamped). */
  sanitized: z.boolean().default(false),
  /**
   * Counted by budgets: the call settled with usage (refused and failed calls are not). Optional so records
   * written before it existed still parse; absent, a stored row falls back to `status < 400`.
   */
  charged: z.boolean().optional(),
  /**
   * The kind of call (`tool.call`); absent for a model call, so model-call records read as they always did.
   * A tool call's `tool` is its canonical name (`upstream__tool`) and `argumentsDigest` the SHA-256 of its
   * arguments' canonical JSON (the values themselves are never in the ledger).
   */
  kind: z.string().optional(),
  tool: z.string().nullable().optional(),
  argumentsDigest: z.string().nullable().optional(),
});
export type RequestRecord = z.output<typeof requestRecordSchema>;

export const listRequestsQuerySchema = z.strictObject({
  team: z.string().optional(),
  key: z.string().optional(),
  model: z.string().optional(),
  /** `model.call` or `tool.call`. */
  kind: z.string().max(64).optional(),
  /** A tool's canonical name (`upstream__tool`). */
  tool: z.string().max(200).optional(),
  /** ISO timestamps, inclusive `since`, exclusive `until`. */
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor: z.string().optional(),
});
export type ListRequestsQuery = z.infer<typeof listRequestsQuerySchema>;

export const requestPageSchema = z.object({ data: z.array(requestRecordSchema), nextCursor: z.string().nullable() });
export type RequestPage = z.infer<typeof requestPageSchema>;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const adminErrorSchema = z.object({
  error: z.object({ type: z.string(), code: z.string(), message: z.string(), param: z.string().nullable() }),
});
