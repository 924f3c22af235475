export { describeDiscovery } from './describe-discovery.js';
export type { DiscoveryReport } from './describe-discovery.js';
export { defaultProbeTimeoutMs, discoverProviders } from './discover-providers.js';
export type { DiscoverOptions, Discovery } from './discover-providers.js';
export { firstRunConfig } from './first-run-config.js';
export { maxModelsPerServer, probeLocalServer } from './probe-local-server.js';
export type { ProbeOptions, ProbeOutcome } from './probe-local-server.js';
