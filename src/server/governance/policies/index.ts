export { authorizeBudgetRequest } from './authorize-budget-request.js';
export type { AuthorizeBudgetRequestOptions } from './authorize-budget-request.js';
export { authorizeByPolicy, authorizeCall, modelCallRequest } from './authorize-by-policy.js';
export { cedarDecimal } from './cedar-decimal.js';
export { cedarFieldType, decisionContextFields, decisionMakeContext, toCedar } from './decision-context.js';
export type { CedarFieldType } from './decision-context.js';
export type { AuthorizeByPolicyOptions, AuthorizeCallOptions } from './authorize-by-policy.js';
export { loadPolicies, PolicyLoadError } from './load-policies.js';
export type { LoadedPolicies } from './load-policies.js';
export { PolicyCheck, policyChecksMetric } from './policy-check.js';
export type { PolicyCheckInput, PolicyCheckOptions, PolicyDenial, PolicyVerdict } from './policy-check.js';
export { PolicyEngine } from './policy-engine.js';
export { PolicyReloader } from './policy-reloader.js';
export type {
  LoadedPolicySet,
  PolicyReloaderOptions,
  PolicyReloadOutcome,
  PolicyReloadTrigger,
} from './policy-reloader.js';
export type { PolicyAnswer, PolicyEngineOptions, PolicyEntity, PolicyRequest } from './policy-engine.js';
export { agentMemberPrefix, describePrincipal, indexRoles, principalActor } from './policy-principal.js';
export type { PolicyPrincipal, PolicyRoles } from './policy-principal.js';
export { podiumCedarSchema, podiumCedarSchemaFor, podiumNamespace } from './podium-schema.js';
export { policyTestFileSchema, runPolicyTests } from './run-policy-tests.js';
export { toolArgumentFields, toolArgumentTypes, toolCallContext } from './tool-call-context.js';
export type { ToolCallContextInput, ToolFacts } from './tool-call-context.js';
export type { PolicyTestFile, PolicyTestResult } from './run-policy-tests.js';
