/**
 * Budget events: recorded once across replicas (the store's unique index decides), then posted to every
 * configured webhook. The engine calls `emit` on the request path, so nothing here blocks or throws there.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { BudgetEvent, FormattedWebhook } from '../../../contract/index.js';
import { createOutboundGuard, defaultWebhookRetry, postWebhook, type WebhookRetry } from '../../outbound/index.js';
import type { BudgetEventRepository } from './budget-event-repository.js';
import type { BudgetEventSink } from '../budget-admin.js';
import type { BudgetFacts } from './describe-budget-event.js';
import { webhookPayload } from './webhook-payload.js';

export interface BudgetEventSinkOptions {
  repository: Pick<BudgetEventRepository, 'insertOnce'>;
  /** The `alerts.webhooks` of podium.yaml. */
  webhooks: readonly FormattedWebhook[];
  /** The budget's unit, period and time zone, for readable Slack summaries; undefined for an unknown budget. */
  facts?: ((budgetId: string) => BudgetFacts | undefined) | undefined;
  now?: (() => Date) | undefined;
  /** Sends the webhooks; default: the outbound guard with an empty allow-list (no private addresses). */
  fetch?: typeof fetch | undefined;
  /** Waits between delivery attempts; tests pass one that returns at once. */
  sleep?: ((milliseconds: number) => Promise<void>) | undefined;
  retry?: Partial<WebhookRetry> | undefined;
  /**
   * A store or webhook failure (the event is not retried beyond the webhook's own attempts). Ignored when
   * absent: wire it to the server log.
   */
  onError?: ((error: unknown) => void) | undefined;
}

/** The sink plus a way to wait for what it is still doing (tests, shutdown). */
export interface BudgetEventDispatcher extends BudgetEventSink {
  /** Resolves once every event emitted so far is stored and delivered, or given up on. */
  drain(): Promise<void>;
}

/** Alerts remembered in this process, so a repeated emit costs no database round trip. */
const rememberedLimit = 10_000;

const onceKey = (event: Omit<BudgetEvent, 'id' | 'at'>): string =>
  JSON.stringify([event.budgetId, event.periodStart, event.kind, event.threshold]);

/** Creates the sink the engine emits into. */
export function createBudgetEventSink(options: BudgetEventSinkOptions): BudgetEventDispatcher {
  const now = options.now ?? (() => new Date());
  const send = options.fetch ?? createOutboundGuard({ allow: [] }).fetch;
  const sleep = options.sleep ?? ((milliseconds: number) => delay(milliseconds, undefined, { ref: false }));
  const retry = { ...defaultWebhookRetry, ...options.retry };
  const report = options.onError ?? (() => undefined);
  const remembered = new Set<string>();
  const inFlight = new Set<Promise<void>>();

  /** True when this replica is the one to deliver it. */
  async function record(event: BudgetEvent): Promise<boolean> {
    try {
      return await options.repository.insertOnce(event);
    } catch (error) {
      // A missed alert costs more than a duplicate one: without the store, deliver (once per replica).
      report(error);
      return true;
    }
  }

  async function dispatch(event: BudgetEvent): Promise<void> {
    if (!(await record(event))) return;
    const facts = options.facts?.(event.budgetId);
    const deliveries = options.webhooks.map((webhook) =>
      postWebhook({
        url: webhook.url,
        headers: webhook.headers,
        body: webhookPayload({ event, format: webhook.format, facts }),
        fetch: send,
        sleep,
        retry,
        label: 'budget alert webhook',
      }).catch(report),
    );
    await Promise.all(deliveries);
  }

  return {
    emit(input) {
      try {
        const key = onceKey(input);
        if (remembered.has(key)) return;
        if (remembered.size >= rememberedLimit) remembered.delete(remembered.values().next().value ?? key);
        remembered.add(key);
        const event: BudgetEvent = {
          ...input,
          id: `bevt_${randomUUID().replaceAll('-', '')}`,
          at: now().toISOString(),
        };
        const task = dispatch(event)
          .catch(report)
          .finally(() => inFlight.delete(task));
        inFlight.add(task);
      } catch (error) {
        report(error);
      }
    },

    async drain() {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
