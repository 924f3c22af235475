/**
 * The tool catalog's admin API (/api/v1/tools…): upstreams and their health, every tool with its pin state,
 * the definitions waiting for an admin, their diff against the pin, and the decisions on them. Shared by the
 * server (answers), the CLI (`podium tools`) and the console. Answers are parsed leniently (`looseObject`),
 * bodies strictly.
 */
import { z } from 'zod';

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits (SHA-256)');

/** `pinned`: visible; `pending-new` / `pending-changed`: quarantined until approved; `rejected`: an admin refused it. */
export const toolPinStates = ['pinned', 'pending-new', 'pending-changed', 'rejected'] as const;
export type ToolPinState = (typeof toolPinStates)[number];

/** A tool definition as the API shows it (the server's own schema is stricter). */
export const apiToolDefinitionSchema = z.looseObject({
  upstream: z.string(),
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  inputSchema: z.record(z.string(), z.unknown()),
  outputSchema: z.record(z.string(), z.unknown()).optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
});
export type ApiToolDefinition = z.infer<typeof apiToolDefinitionSchema>;

export const toolUpstreamSummarySchema = z.looseObject({
  name: z.string(),
  kind: z.string(),
  health: z.looseObject({
    state: z.string(),
    lastError: z.string().optional(),
    since: z.string(),
    retryAt: z.string().optional(),
  }),
  tools: z.looseObject({ total: z.number(), pinned: z.number(), pending: z.number(), rejected: z.number() }),
});
export type ToolUpstreamSummary = z.infer<typeof toolUpstreamSummarySchema>;

export const toolSummarySchema = z.looseObject({
  upstream: z.string(),
  tool: z.string(),
  /** `upstream__tool`: what policies, costs and the audit name. */
  canonicalName: z.string(),
  state: z.enum(toolPinStates),
  /** Whether the upstream serves the tool now (a pinned tool may have gone from it). */
  served: z.boolean(),
  /** The approved digest, null for a tool never approved. */
  pinnedDigest: sha256HexSchema.nullable(),
  /** The digest waiting (or rejected), null when the upstream serves the pinned definition. */
  pendingDigest: sha256HexSchema.nullable(),
  description: z.string().optional(),
  pinnedAt: z.string().nullable(),
  pinnedBy: z.string().nullable(),
});
export type ToolSummary = z.infer<typeof toolSummarySchema>;

export const pendingToolSchema = z.looseObject({
  upstream: z.string(),
  tool: z.string(),
  canonicalName: z.string(),
  state: z.enum(['pending-new', 'pending-changed', 'rejected']),
  digest: sha256HexSchema,
  pinnedDigest: sha256HexSchema.nullable(),
  firstSeenAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  definition: apiToolDefinitionSchema,
});
export type PendingToolSummary = z.infer<typeof pendingToolSchema>;

/** One field of a definition that differs: a dotted path (`inputSchema.properties.path.type`). */
export const toolFieldChangeSchema = z.looseObject({
  path: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type ToolFieldChange = z.infer<typeof toolFieldChangeSchema>;

export const toolDiffSchema = z.looseObject({
  upstream: z.string(),
  tool: z.string(),
  pinnedDigest: sha256HexSchema.nullable(),
  pendingDigest: sha256HexSchema,
  /** Every differing field; a new tool lists each of its fields as added. */
  changes: z.array(toolFieldChangeSchema),
  /** Word diff of the descriptions, `[-removed-]` and `{+added+}`; null when they are equal. */
  descriptionDiff: z.string().nullable(),
  /** True when more changes exist than listed. */
  truncated: z.boolean(),
});
export type ToolDiff = z.infer<typeof toolDiffSchema>;

/** A decision names the digest the admin was shown: a definition that changed since is refused (409). */
export const toolDecisionBodySchema = z.strictObject({
  digest: sha256HexSchema,
  /** Who decides, for the audit trail (defaults to the admin credential). */
  as: z.string().min(1).max(200).optional(),
  comment: z.string().max(4000).optional(),
});
export type ToolDecisionBody = z.infer<typeof toolDecisionBodySchema>;

export const toolSetSummarySchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  tools: z.array(
    z.union([
      z.string(),
      z.looseObject({ tool: z.string(), as: z.string().optional(), description: z.string().optional() }),
    ]),
  ),
  teams: z.array(z.string()),
  agents: z.array(z.string()),
  keys: z.array(z.string()),
});
export type ToolSetSummary = z.infer<typeof toolSetSummarySchema>;
