export { createMcpEndpoint, mcpEndpointDefaults } from './mcp-endpoint.js';
export type { McpAnswer, McpEndpoint, McpEndpointOptions } from './mcp-endpoint.js';
export type { McpCaller } from './mcp-caller.js';
