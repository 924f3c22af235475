import { z } from 'zod';

const day = 24 * 60 * 60 * 1000;

/**
 * The `approvals` section of podium.yaml: where notifications go, how links are built and for how long they
 * work, the default reminder delay, and how often the sweeper looks for due work.
 */
export const approvalsConfigSchema = z
  .strictObject({
    webhooks: z
      .array(
        z.strictObject({
          url: z.url(),
          /** `slack`: `{ text, blocks }` with Approve / Deny link buttons; `json`: `{ kind, approval, links }`. */
          format: z.enum(['json', 'slack']).default('json'),
          headers: z.record(z.string(), z.string()).optional(),
        }),
      )
      .default([]),
    /** Podium's address as approvers reach it; without it notifications carry no links, only the CLI command. */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    linkTtlMs: z.number().int().positive().default(7 * day),
    /** Used when a request sets no `remindAfterMs`; absent: no reminder unless the request asks for one. */
    reminderAfterMs: z.number().int().positive().optional(),
    sweepIntervalMs: z.number().int().min(1000).default(30_000),
  })
  .default({ webhooks: [], linkTtlMs: 7 * day, sweepIntervalMs: 30_000 });

export type ApprovalsConfig = z.infer<typeof approvalsConfigSchema>;
