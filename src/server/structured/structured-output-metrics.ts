/** The structured-output metric, declared next to the feature that counts it. */
import type { Metrics } from '../telemetry/index.js';

export const structuredOutputMetric = 'podium_structured_output_total';

/** Outcome of an enforced answer: valid at once, valid after a repair, or refused. */
export type StructuredOutputOutcome = 'valid' | 'repaired' | 'invalid';

/** Declares the metric on a registry (idempotent). */
export function defineStructuredOutputMetrics(metrics: Metrics): void {
  metrics.define(
    structuredOutputMetric,
    'counter',
    'Answers to requests with a JSON schema, by model alias and outcome (valid, repaired, invalid).',
  );
}
