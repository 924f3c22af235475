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
export {
  abortableSleep,
  attributeAgent,
  authorizeToolCall,
  callToolUpstream,
  catalogArgumentFields,
  checkToolResult,
  outcomeOf,
  recordToolCall,
  requireApproval,
  reserveToolBudget,
  resolveTool,
  screenToolResult,
  toolCosts,
  validateToolArguments,
  createToolApprovalGrants,
  createToolCallAudit,
  createToolGateway,
  newToolCall,
  ToolCallSink,
  toolCallsMetric,
  toolCallDurationMetric,
  waitForApproval,
  withToolSearch,
} from './gateway/index.js';
export type {
  AuditToolCallOptions,
  ResultDataAction,
  ToolApprovalGrants,
  ToolCall,
  ToolCallAudit,
  ToolGatewayParts,
} from './gateway/index.js';
export { createMcpEndpoint, mcpEndpointDefaults } from './mcp-endpoint/index.js';
export type { McpAnswer, McpCaller, McpEndpoint, McpEndpointOptions } from './mcp-endpoint/index.js';
export {
  createMemoryToolPins,
  createToolPinRepository,
  toolDefinitionDigest,
  toolPinMigrations,
} from './pins/index.js';
export type { ObservedTool, PendingTool, PendingToolState, ToolDecision, ToolPin, ToolPins } from './pins/index.js';
export {
  createSearchIndex,
  createToolCatalog,
  diffToolDefinitions,
  maxSearchQueryChars,
  maxSearchResults,
} from './catalog/index.js';
export type {
  PinnedToolCatalog,
  QuarantineEvent,
  SearchIndex,
  ToolAdmin,
  ToolCatalogOptions,
  ToolDecisionInput,
} from './catalog/index.js';
export { createPodiumToolsUpstream, podiumUpstreamName } from './podium-tools/index.js';
export type { PodiumToolsOptions, PodiumToolsServices } from './podium-tools/index.js';
