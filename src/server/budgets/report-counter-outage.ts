/** Turns a counter-store outage transition into what operators see: a metric, a log line, a budget event. */
import { metricNames, type Metrics } from '../telemetry/index.js';
import type { BudgetEventSink } from './budget-admin.js';
import type { FailPolicyEvent } from './counters/fail-policy-counters.js';

export function reportCounterOutage(options: {
  store: string;
  metrics: Metrics;
  events: BudgetEventSink;
  log: (line: string) => void;
}): (event: FailPolicyEvent) => void {
  options.metrics.set(metricNames.budgetStoreHealthy, {}, 1);
  return (event) => {
    const failing = event.state === 'failing';
    options.metrics.set(metricNames.budgetStoreHealthy, {}, failing ? 0 : 1);
    if (failing) options.metrics.increment(metricNames.budgetStoreOutages, { mode: event.mode });
    const message = failing
      ? `budget counters (${options.store}) unreachable: failing ${event.mode} — ${event.mode === 'closed' ? 'calls under a budget are refused' : 'calls are admitted uncounted and replayed later'}`
      : `budget counters (${options.store}) back after ${event.outageMs} ms; ${event.replayed} operations replayed, ${event.dropped} dropped`;
    options.log(`podium: ${message}`);
    // Not tied to one budget: the sink stores it once per transition (its period start is the moment).
    options.events.emit({
      budgetId: '(counters)',
      kind: failing ? `fail-${event.mode}` : 'store-recovered',
      threshold: null,
      used: 0,
      limit: 0,
      periodStart: new Date().toISOString(),
      message,
    });
  };
}
