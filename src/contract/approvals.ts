/**
 * Human approvals (docs/approvals.md): durable requests that wait for people, shared by the server (service,
 * admin API), the CLI (`podium approvals`) and the console.
 */
import { z } from 'zod';
import { formattedWebhookSchema } from './webhook.js';

export const approvalStates = ['pending', 'approved', 'denied', 'expired'] as const;
export type ApprovalState = (typeof approvalStates)[number];

export const approvalVerdicts = ['approve', 'deny'] as const;
export type ApprovalVerdict = (typeof approvalVerdicts)[number];

/** Where a vote came from; `link` is a signed link from a notification, the only one without the admin key. */
export const approvalChannels = ['api', 'cli', 'link', 'console'] as const;
export type ApprovalChannel = (typeof approvalChannels)[number];

const person = z.string().trim().min(1).max(200);
const comment = z.string().max(4000);
const day = 24 * 60 * 60 * 1000;
/** Requests may wait days; a year bounds a typo (ms for seconds) without getting in anyone's way. */
const duration = z
  .number()
  .int()
  .positive()
  .max(365 * day);

/** One vote; `stage` is the escalation level it was cast at (votes of earlier stages stay on the record). */
export const approvalVoteSchema = z.object({
  approver: z.string(),
  verdict: z.enum(approvalVerdicts),
  comment: z.string().nullable(),
  via: z.enum(approvalChannels),
  at: z.string(),
  stage: z.number().int(),
});
export type ApprovalVote = z.infer<typeof approvalVoteSchema>;

/** `from` handed their place among the current approvers to `to`; `by` is who asked for it. */
export const approvalDelegationSchema = z.object({
  from: z.string(),
  to: z.string(),
  by: z.string(),
  at: z.string(),
  stage: z.number().int(),
});
export type ApprovalDelegation = z.infer<typeof approvalDelegationSchema>;

/** An approval as the API serves it. The requester's callback URL is not part of it (it may carry a secret). */
export const approvalSchema = z.object({
  id: z.string(),
  decisionId: z.string(),
  /** Organisation id. */
  tenant: z.string(),
  requester: z.string(),
  summary: z.string(),
  proposal: z.unknown(),
  context: z.record(z.string(), z.unknown()),
  state: z.enum(approvalStates),
  /** 0 for the first approvers, n after the n-th escalation. */
  stage: z.number().int().nonnegative(),
  /** Who may vote now: the stage's group, delegations applied. */
  approvers: z.array(z.string()),
  quorum: z.number().int().positive(),
  /** The groups that take over, in order, when a stage times out. */
  escalation: z.array(z.array(z.string())),
  votes: z.array(approvalVoteSchema),
  delegations: z.array(approvalDelegationSchema),
  timeoutMs: z.number().int(),
  remindAfterMs: z.number().int().nullable(),
  onTimeout: z.enum(['deny', 'approve']),
  /** When the current stage times out. */
  deadline: z.string(),
  /** When the current stage's approvers are reminded; null once they were (or when no reminder is due). */
  remindAt: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Why it ended: "quorum reached", "denied by …", "timed out"; null while pending. */
  outcomeReason: z.string().nullable(),
});
export type Approval = z.infer<typeof approvalSchema>;

/** What a caller (the decision registry) asks for. Names are compared exactly, after trimming. */
export const approvalRequestInputSchema = z.strictObject({
  /** Chosen by the caller when it must name the approval before it exists (the decision's audit entry); else generated. */
  id: z
    .string()
    .regex(/^appr_[A-Za-z0-9]{8,64}$/, 'appr_ and 8 to 64 letters or digits')
    .optional(),
  decisionId: z.string().min(1).max(200),
  tenant: z.string().min(1).max(200),
  requester: person,
  proposal: z.unknown(),
  context: z.record(z.string(), z.unknown()).default({}),
  /** One line for humans: the notification's title. */
  summary: z.string().trim().min(1).max(500),
  approvers: z.array(person).min(1).max(50),
  quorum: z.number().int().positive(),
  escalation: z.array(z.array(person).min(1).max(50)).max(10).default([]),
  /** Per stage. */
  timeoutMs: duration,
  remindAfterMs: duration.optional(),
  onTimeout: z.enum(['deny', 'approve']).default('deny'),
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
});
export type ApprovalRequestInput = z.input<typeof approvalRequestInputSchema>;

/** `POST /api/v1/approvals/{id}/approve` and `/deny`. `link` is not accepted here: only a signed link says so. */
export const approvalVoteBodySchema = z.strictObject({
  approver: person,
  comment: comment.optional(),
  via: z.enum(['api', 'cli', 'console']).default('api'),
});
export type ApprovalVoteBody = z.input<typeof approvalVoteBodySchema>;

/** `POST /api/v1/approvals/{id}/delegate`; `by` defaults to `from`. */
export const approvalDelegateBodySchema = z.strictObject({ from: person, to: person, by: person.optional() });
export type ApprovalDelegateBody = z.input<typeof approvalDelegateBodySchema>;

/** `GET /api/v1/approvals`: newest first; `approver` matches the current approvers. */
export const listApprovalsQuerySchema = z.strictObject({
  state: z.enum(approvalStates).optional(),
  approver: person.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ListApprovalsQuery = z.infer<typeof listApprovalsQuerySchema>;

/** The signed link's query: HMAC-SHA256 (base64url, 43 characters) over id, verdict, approver and expiry. */
export const approvalLinkQuerySchema = z.strictObject({
  verdict: z.enum(approvalVerdicts),
  approver: person,
  /** Unix milliseconds. */
  expires: z.coerce.number().int().positive(),
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 43 base64url characters'),
});
export type ApprovalLinkQuery = z.infer<typeof approvalLinkQuerySchema>;

/**
 * The `approvals` section of podium.yaml: where notifications go, how links are built and for how long they
 * work, the default reminder delay, and how often the sweeper looks for due work.
 */
export const approvalsConfigSchema = z
  .strictObject({
    /** `slack`: `{ text, blocks }` with Approve / Deny link buttons; `json`: `{ kind, approval, links }`. */
    webhooks: z.array(formattedWebhookSchema).default([]),
    /** Podium's address as approvers reach it; without it notifications carry no links, only the CLI command. */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    linkTtlMs: duration.default(7 * day),
    /** Used when a request sets no `remindAfterMs`; absent: no reminder unless the request asks for one. */
    reminderAfterMs: duration.optional(),
    sweepIntervalMs: z.number().int().min(1000).max(day).default(30_000),
  })
  .default({ webhooks: [], linkTtlMs: 7 * day, sweepIntervalMs: 30_000 });
export type ApprovalsConfig = z.infer<typeof approvalsConfigSchema>;

/**
 * Approvals the current stage needs: the quorum, capped by the stage's group (an escalation to one person lets
 * that person decide).
 */
export const approvalsNeeded = (approval: Pick<Approval, 'quorum' | 'approvers'>): number =>
  Math.min(approval.quorum, approval.approvers.length);
