/**
 * Settlement stage: the call's cost from the canonical usage and the served target's price.
 * An unpriced model is served but flagged loudly — a warning header, a metric, a null cost in the
 * ledger that the CLI and console highlight — never silently $0.
 */
import { costOf } from '../../pricing/index.js';
import { metricNames, type Metrics } from '../../telemetry/index.js';
import type { SettlementStage } from '../gateway.js';

export function priceCall(metrics: Metrics): SettlementStage {
  return (call) => {
    const target = call.target;
    if (!target) return;
    if (!target.price) {
      call.costUsd = null;
      call.warnings.push(`model "${target.model}" on provider "${target.provider.name}" has no price: cost unknown (add it under pricing: in podium.yaml)`);
      metrics.increment(metricNames.unpriced, { model: target.model });
      return;
    }
    call.costUsd = call.usage ? costOf(target.price, call.usage) : 0;
  };
}
