/** Where approvals tell people something happened: the configured webhooks and the requester's callback. */
import { setTimeout as delay } from 'node:timers/promises';
import type { FormattedWebhook } from '../../../contract/index.js';
import { createOutboundGuard, defaultWebhookRetry, postWebhook, type WebhookRetry } from '../../outbound/index.js';
import type { ApprovalLinks } from './approval-links.js';
import type { ApprovalNotifier } from './approval-notification.js';
import { approvalPayload } from './approval-payload.js';

export interface ApprovalNotifierOptions {
  /** The `approvals.webhooks` of podium.yaml. */
  webhooks: readonly FormattedWebhook[];
  links: ApprovalLinks;
  /** Sends webhooks and callbacks; default: the outbound guard with an empty allow-list (no private addresses). */
  fetch?: typeof fetch | undefined;
  /** Waits between delivery attempts; tests pass one that returns at once. */
  sleep?: ((milliseconds: number) => Promise<void>) | undefined;
  retry?: Partial<WebhookRetry> | undefined;
}

/** Posts notifications to every webhook (Slack-compatible or JSON) and final approvals to callbacks. */
export function createApprovalNotifier(options: ApprovalNotifierOptions): ApprovalNotifier {
  const retry = { ...defaultWebhookRetry, ...options.retry };
  const sleep = options.sleep ?? ((milliseconds: number) => delay(milliseconds, undefined, { ref: false }));
  const send = options.fetch ?? createOutboundGuard({ allow: [] }).fetch;
  return {
    async notify(notification) {
      const results = await Promise.allSettled(
        options.webhooks.map((webhook) =>
          postWebhook({
            url: webhook.url,
            headers: webhook.headers,
            body: approvalPayload({ notification, format: webhook.format, links: options.links }),
            fetch: send,
            sleep,
            retry,
            label: 'approval webhook',
          }),
        ),
      );
      const failures = results.flatMap((result): unknown[] => (result.status === 'rejected' ? [result.reason] : []));
      if (failures.length > 0)
        throw new AggregateError(
          failures,
          `${failures.length} approval webhook(s) failed: ${failures.map(String).join('; ')}`,
        );
    },

    callBack: ({ url, approval }) =>
      postWebhook({ url, headers: undefined, body: approval, fetch: send, sleep, retry, label: 'approval callback' }),
  };
}
