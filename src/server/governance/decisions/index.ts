export { compileContextChecker } from './check-decision-context.js';
export type { ContextChecker } from './check-decision-context.js';
export type { DecisionMaker, DecisionRecord } from './decision-record.js';
export { DecisionService } from './decision-service.js';
export type { ApprovalOpener, DecisionServiceOptions, ProposeInput } from './decision-service.js';
export { matchRiskTier } from './match-risk-tier.js';
export type { MatchedTier } from './match-risk-tier.js';
export { DecisionRegistry } from './decision-registry.js';
export type { DecisionRegistryOptions, DecisionSettings, ListedDecision } from './decision-registry.js';
