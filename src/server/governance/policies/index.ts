export { authorizeByPolicy, modelCallRequest, policyChecksMetric } from './authorize-by-policy.js';
export type { AuthorizeByPolicyOptions } from './authorize-by-policy.js';
export { loadPolicies, PolicyLoadError } from './load-policies.js';
export type { LoadedPolicies } from './load-policies.js';
export { PolicyEngine } from './policy-engine.js';
export type { PolicyAnswer, PolicyEngineOptions, PolicyEntity, PolicyRequest } from './policy-engine.js';
export { podiumCedarSchema, podiumNamespace } from './podium-schema.js';
export { policyTestFileSchema, runPolicyTests } from './run-policy-tests.js';
export type { PolicyTestFile, PolicyTestResult } from './run-policy-tests.js';
