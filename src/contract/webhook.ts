/**
 * A webhook as podium.yaml declares it, once for every capability that posts one: budget alerts
 * (`alerts.webhooks`), approval notifications (`approvals.webhooks`) and audit checkpoints (`audit.webhooks`).
 * Here rather than in `config/` because the approvals section of the file is declared in the contract.
 */
import { z } from 'zod';

/** A receiver: where to POST and the headers to send (a bearer token, a signature secret). */
export const webhookSchema = z.strictObject({
  /** http or https; delivery goes through the outbound guard, which refuses private addresses unless allowed. */
  url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }),
  headers: z.record(z.string(), z.string()).optional(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookFormats = ['json', 'slack'] as const;
/** `slack`: a Slack-compatible `{ text, blocks }` payload; `json`: the event itself. */
export type WebhookFormat = (typeof webhookFormats)[number];

/** A receiver of human-readable notifications (alerts, approvals), which may speak Slack's format. */
export const formattedWebhookSchema = webhookSchema.extend({ format: z.enum(webhookFormats).default('json') });
export type FormattedWebhook = z.infer<typeof formattedWebhookSchema>;
