export { auditUnavailable, PodiumError, toPodiumError } from './errors.js';
export type { ErrorCode, PodiumErrorOptions } from './errors.js';
export { canonicalJson, tryCanonicalJson } from './canonical-json.js';
export { formattedWebhookSchema, webhookFormats, webhookSchema } from './webhook.js';
export type { FormattedWebhook, Webhook, WebhookFormat } from './webhook.js';
export { emptyUsage } from './usage.js';
export type { Usage } from './usage.js';
export type {
  AssistantPart,
  ChatMessage,
  ChatRequest,
  ChatResult,
  FinishReason,
  ImagePart,
  ResponseFormat,
  StreamPart,
  TextPart,
  ToolCallPart,
  ToolChoice,
  ToolDefinition,
  ToolResultPart,
  UserPart,
} from './chat.js';
export { providerTypes } from './protocol.js';
export type { Protocol, ProviderType, Surface } from './protocol.js';
export {
  adminErrorSchema,
  createdKeySchema,
  createKeyBodySchema,
  createProjectBodySchema,
  createTeamBodySchema,
  dataFindingSchema,
  keySchema,
  listOf,
  listRequestsQuerySchema,
  organizationSchema,
  projectSchema,
  requestPageSchema,
  requestRecordSchema,
  teamSchema,
} from './admin-api.js';
export type {
  CreatedKey,
  CreateKeyBody,
  CreateProjectBody,
  CreateTeamBody,
  DataFindingRecord,
  Key,
  ListRequestsQuery,
  Organization,
  Project,
  RequestPage,
  RequestRecord,
  Team,
} from './admin-api.js';
export {
  budgetDefinitionSchema,
  budgetEventSchema,
  budgetPeriods,
  budgetRequestSchema,
  budgetRequestStates,
  budgetScopeKinds,
  budgetStatusSchema,
  budgetUnits,
  createBudgetRequestSchema,
  decideBudgetRequestSchema,
  priorityTiers,
  spendGroupings,
  spendReportQuerySchema,
  spendReportSchema,
  spendRowSchema,
  tierActionSchema,
} from './budgets.js';
export type {
  BudgetDefinition,
  BudgetDefinitionInput,
  BudgetEvent,
  BudgetPeriod,
  BudgetRequest,
  BudgetRequestFacts,
  BudgetScopeKind,
  BudgetStatus,
  BudgetUnit,
  CreateBudgetRequest,
  PriorityTier,
  SpendReport,
  SpendReportQuery,
  TierAction,
} from './budgets.js';
export {
  intervalMethods,
  nonRegressionSchema,
  shadowAliasReportSchema,
  shadowChoiceReportSchema,
  shadowCostSchema,
  shadowEstimateSchema,
  shadowReportQuerySchema,
  shadowReportSchema,
} from './shadow-report.js';
export type {
  NonRegression,
  ShadowAliasReport,
  ShadowChoiceReport,
  ShadowCost,
  ShadowEstimate,
  ShadowReport,
  ShadowReportQuery,
} from './shadow-report.js';
export {
  approvalChannels,
  approvalDelegateBodySchema,
  approvalDelegationSchema,
  approvalLinkQuerySchema,
  approvalRequestInputSchema,
  approvalSchema,
  approvalsConfigSchema,
  approvalsNeeded,
  approvalStates,
  approvalVerdicts,
  approvalVoteBodySchema,
  approvalVoteSchema,
  listApprovalsQuerySchema,
} from './approvals.js';
export type {
  Approval,
  ApprovalChannel,
  ApprovalDelegateBody,
  ApprovalDelegation,
  ApprovalLinkQuery,
  ApprovalRequestInput,
  ApprovalsConfig,
  ApprovalState,
  ApprovalVerdict,
  ApprovalVote,
  ApprovalVoteBody,
  ListApprovalsQuery,
} from './approvals.js';
export {
  auditCheckpointSchema,
  auditEntryPageSchema,
  auditEntrySchema,
  auditGenesisHash,
  auditHeadSchema,
  auditKinds,
  auditPublicKeySchema,
  storedAuditEntrySchema,
} from './audit.js';
export type {
  AuditCheckpoint,
  AuditEntry,
  AuditEntryPage,
  AuditHead,
  AuditKind,
  AuditPublicKey,
  StoredAuditEntry,
} from './audit.js';
export {
  decisionAnswerSchema,
  decisionDefinitionSchema,
  decisionRequestStatusSchema,
  fieldConditionSchema,
  listedDecisionDefinitionSchema,
  proposeDecisionBodySchema,
  riskTierSchema,
} from './decisions.js';
export type {
  DecisionAnswer,
  DecisionDefinition,
  DecisionDefinitionInput,
  DecisionRequestStatus,
  FieldCondition,
  ProposeDecisionBody,
  RiskTier,
} from './decisions.js';
export { jsonSchemaProblem } from './json-schema-problem.js';
export {
  classActionsSchema,
  dataActionSchema,
  dataProtectionSchema,
  modelDataProtectionSchema,
} from './data-protection.js';
export type {
  ClassActionsConfig,
  DataAction,
  DataProtectionConfig,
  ModelDataProtectionConfig,
} from './data-protection.js';
export {
  mcpUpstreamSchema,
  openApiUpstreamSchema,
  reservedToolUpstreamName,
  sqlParamSchema,
  sqlParamSources,
  sqlParamTypes,
  sqlStatementSchema,
  sqlUpstreamSchema,
  toolCostSchema,
  toolSetEntrySchema,
  toolSetSchema,
  toolsConfigSchema,
  toolUpstreamNameSchema,
  toolUpstreamSchema,
} from './tools-config.js';
export type {
  McpUpstreamConfig,
  OpenApiUpstreamConfig,
  SqlParam,
  SqlStatement,
  SqlUpstreamConfig,
  ToolCost,
  ToolsConfig,
  ToolSetConfig,
  ToolSetEntry,
  ToolUpstreamConfig,
} from './tools-config.js';
export {
  apiToolDefinitionSchema,
  pendingToolSchema,
  sha256HexSchema,
  toolDecisionBodySchema,
  toolDiffSchema,
  toolFieldChangeSchema,
  toolPinStates,
  toolSetSummarySchema,
  toolSummarySchema,
  toolUpstreamSummarySchema,
} from './tools-api.js';
export type {
  ApiToolDefinition,
  PendingToolSummary,
  ToolDecisionBody,
  ToolDiff,
  ToolFieldChange,
  ToolPinState,
  ToolSetSummary,
  ToolSummary,
  ToolUpstreamSummary,
} from './tools-api.js';
