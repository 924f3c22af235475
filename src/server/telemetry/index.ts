export { Metrics } from './metrics.js';
export { createGatewayMetrics, metricNames } from './gateway-metrics.js';
