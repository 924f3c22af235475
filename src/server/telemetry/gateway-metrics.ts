/** The gateway's metric names, declared in one place so dashboards have one list to read. */
import { Metrics } from './metrics.js';

export const metricNames = {
  requests: 'podium_requests_total',
  unpriced: 'podium_unpriced_requests_total',
  upstreamAttempts: 'podium_upstream_attempts_total',
  tokens: 'podium_tokens_total',
  costUsd: 'podium_cost_usd_total',
  ledgerPending: 'podium_ledger_pending_records',
  ledgerWritten: 'podium_ledger_written_records_total',
  ledgerFailures: 'podium_ledger_flush_failures_total',
  ledgerDropped: 'podium_ledger_dropped_records_total',
  ledgerSanitized: 'podium_ledger_sanitized_records_total',
  ledgerRejected: 'podium_ledger_rejected_records_total',
  usageEstimated: 'podium_usage_estimated_total',
  budgetStoreOutages: 'podium_budget_store_outages_total',
  budgetStoreHealthy: 'podium_budget_store_healthy',
} as const;

/** A registry with every gateway metric declared. */
export function createGatewayMetrics(): Metrics {
  const metrics = new Metrics();
  metrics.define(metricNames.requests, 'counter', 'Calls through the gateway by surface, requested model and status.');
  metrics.define(
    metricNames.unpriced,
    'counter',
    'Served calls whose model has no price: their cost is unknown, not zero.',
  );
  metrics.define(
    metricNames.upstreamAttempts,
    'counter',
    'Upstream attempts by provider and outcome (ok, retry, fallback, error).',
  );
  metrics.define(
    metricNames.tokens,
    'counter',
    'Tokens by served model and kind (input, output, cache_read, cache_write, reasoning).',
  );
  metrics.define(metricNames.costUsd, 'counter', 'Priced spend in USD by served model.');
  metrics.define(metricNames.ledgerPending, 'gauge', 'Ledger records buffered in memory, not yet written.');
  metrics.define(metricNames.ledgerWritten, 'counter', 'Ledger records written to the store.');
  metrics.define(metricNames.ledgerFailures, 'counter', 'Ledger batch writes that failed and will be retried.');
  metrics.define(
    metricNames.ledgerDropped,
    'counter',
    'Ledger records dropped because the buffer bound was reached while the store was failing.',
  );
  metrics.define(
    metricNames.ledgerSanitized,
    'counter',
    'Ledger records the store refused as they were and accepted once cleaned (marked sanitized).',
  );
  metrics.define(
    metricNames.ledgerRejected,
    'counter',
    'Ledger records the store refused even once cleaned: not stored (each one logged).',
  );
  metrics.define(
    metricNames.usageEstimated,
    'counter',
    'Served calls whose upstream reported no usable usage, estimated instead, by served model.',
  );
  metrics.define(
    metricNames.budgetStoreOutages,
    'counter',
    'Times the budget counter store became unreachable, by fail mode.',
  );
  metrics.define(
    metricNames.budgetStoreHealthy,
    'gauge',
    '1 while the budget counter store answers, 0 during an outage.',
  );
  return metrics;
}
