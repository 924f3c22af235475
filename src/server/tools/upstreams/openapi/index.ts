export { createOpenApiUpstream } from './create-openapi-upstream.js';
export type { OpenApiUpstreamOptions } from './create-openapi-upstream.js';
