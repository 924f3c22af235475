/**
 * Settlement stage: the model call's cost from the canonical usage and the served target's price, and
 * what budgets charge for it (`call.charge`: USD, input + output tokens, one request).
 * An unpriced model is served but flagged loudly — a warning header, a metric, a null cost in the
 * ledger that the CLI and console highlight — never silently $0.
 */
import { costOf } from '../../pricing/index.js';
import { metricNames, type Metrics } from '../../telemetry/index.js';
import type { SettlementStage } from '../gateway.js';

export function priceCall(metrics: Metrics): SettlementStage {
  return (call) => {
    const target = call.target;
    if (target && !target.price) {
      call.costUsd = null;
      call.warnings.push(
        `model "${target.model}" on provider "${target.provider.name}" has no price: cost unknown (add it under pricing: in podium.yaml)`,
      );
      metrics.increment(metricNames.unpriced, { model: target.model });
    } else if (target?.price) call.costUsd = call.usage ? costOf(target.price, call.usage) : 0;
    const usage = call.usage;
    if (usage) call.charge = { usd: call.costUsd ?? null, tokens: usage.inputTokens + usage.outputTokens, requests: 1 };
  };
}
