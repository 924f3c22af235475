export { Metrics, otherLabelValue } from './metrics.js';
export type { MetricsOptions } from './metrics.js';
export { createGatewayMetrics, metricNames } from './gateway-metrics.js';
