export {
  exposedNameSeparator,
  exposedToolName,
  jsonObjectSchema,
  parseExposedToolName,
  toolAnnotationsSchema,
  toolDefinitionSchema,
  toolResourceId,
} from './tool-definition.js';
export type { JsonObject, ToolAnnotations, ToolDefinition } from './tool-definition.js';
export { textResult, toolContentSchema, toolResultSchema } from './tool-result.js';
export type { ToolContent, ToolResult } from './tool-result.js';
export type {
  CallToolContext,
  ListToolsContext,
  ToolCaller,
  ToolUpstream,
  UpstreamHealth,
  UpstreamKind,
  UpstreamState,
} from './tool-upstream.js';
export type { CatalogTool, ToolCatalog } from './tool-catalog.js';
export type { ApprovalWait, ToolCallOutcome, ToolCallRequest, ToolGateway, ToolRequestBase } from './tool-gateway.js';
export { createPodiumToolsUpstream, podiumUpstreamName } from './podium-tools/index.js';
export type { PodiumToolsOptions, PodiumToolsServices } from './podium-tools/index.js';
