export { createPodiumToolsUpstream } from './podium-tools-upstream.js';
export type { PodiumToolsOptions, PodiumToolsServices } from './podium-tools-services.js';
export { podiumUpstreamName } from './podium-tool.js';
export { maxWaitSeconds } from './wait-for-approval-tool.js';
