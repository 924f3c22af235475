export { createMcpUpstream, McpUpstream } from './mcp-upstream.js';
export type {
  McpGetPromptResult,
  McpListItem,
  McpReadResourceResult,
  McpRequestContext,
  McpUpstreamOptions,
} from './mcp-upstream.js';
