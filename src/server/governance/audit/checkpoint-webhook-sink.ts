import { setTimeout as delay } from 'node:timers/promises';
import { createOutboundGuard, defaultWebhookRetry, postWebhook, type WebhookRetry } from '../../outbound/index.js';
import type { CheckpointSink } from './checkpoint-sink.js';

export interface CheckpointWebhookSinkOptions {
  url: string;
  headers?: Readonly<Record<string, string>> | undefined;
  /** Default: the outbound guard with an empty allow-list (no private addresses). */
  fetch?: typeof fetch | undefined;
  /** Waits between attempts; tests pass one that returns at once. */
  sleep?: ((milliseconds: number) => Promise<void>) | undefined;
  retry?: Partial<WebhookRetry> | undefined;
}

/**
 * POSTs each checkpoint (the JSON object itself, as in the JSONL file) to a receiver outside Podium's
 * reach (a SIEM, a WORM bucket's ingest), retrying like budget alerts do.
 */
export function createCheckpointWebhookSink(options: CheckpointWebhookSinkOptions): CheckpointSink {
  const retry = { ...defaultWebhookRetry, ...options.retry };
  const sleep = options.sleep ?? ((milliseconds: number) => delay(milliseconds, undefined, { ref: false }));
  const send = options.fetch ?? createOutboundGuard({ allow: [] }).fetch;
  const origin = URL.canParse(options.url) ? new URL(options.url).origin : 'an invalid URL';
  return {
    // Only the origin: webhook URLs often carry their secret in the path.
    name: `webhook ${origin}`,
    write: (checkpoint) =>
      postWebhook({
        url: options.url,
        headers: options.headers,
        body: checkpoint,
        fetch: send,
        sleep,
        retry,
        label: 'audit checkpoint webhook',
      }),
  };
}
