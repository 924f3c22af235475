/** The compression metric, declared next to the feature that counts it. */
import type { Metrics } from '../telemetry/index.js';

export const compressionTokensSavedMetric = 'podium_compression_tokens_saved_total';

/** Declares the metric on a registry (idempotent). */
export function defineCompressionMetrics(metrics: Metrics): void {
  metrics.define(
    compressionTokensSavedMetric,
    'counter',
    'Prompt tokens removed by context compression, by model alias (summary tokens already subtracted).',
  );
}
