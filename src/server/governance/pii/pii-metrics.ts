/** The data-protection metric, declared next to the feature that counts it. */
import type { Metrics } from '../../telemetry/index.js';

export const piiFindingsMetric = 'podium_pii_findings_total';

/** Declares `podium_pii_findings_total{class,direction,action}` on a registry (idempotent). */
export function definePiiMetrics(metrics: Metrics): void {
  metrics.define(
    piiFindingsMetric,
    'counter',
    'Personal data values found in calls, by data class, direction (request, response) and action (redacted, blocked, allowed).',
  );
}
