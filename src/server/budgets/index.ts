export type { BudgetCounters, CounterDebit, CounterDelta, ReserveOutcome } from './budget-counters.js';
export { MemoryCounters } from './memory-counters.js';
export { fromBaseUnits, limitToBaseUnits, toBaseUnits } from './units.js';
export type { BudgetAdmin, BudgetEntry, BudgetEventSink } from './budget-admin.js';
export { BudgetEngine } from './budget-engine.js';
export type {
  Admission,
  AdmitRequest,
  BudgetDefinitionStore,
  BudgetEngineOptions,
  LedgerUsage,
} from './budget-engine.js';
export { periodWindow } from './budget-period.js';
export type { BudgetSubject, ScopeResolver } from './budget-subject.js';
export { estimateCall } from './estimate-call.js';
export type { CallEstimate } from './estimate-call.js';
export { budgetHold, budgetSubjectOf, reserveBudget, reserveCallBudget } from './reserve-budget.js';
export type { ReserveBudgetOptions, ReserveCallBudgetOptions } from './reserve-budget.js';
export { createScopeResolver } from './scope-resolver.js';
export type { IdentityLookups } from './scope-resolver.js';
export type { LedgerScopeFilter } from './budget-engine.js';
export { createBudgetEventSink } from './events/budget-event-sink.js';
export type { BudgetEventDispatcher, BudgetEventSinkOptions } from './events/budget-event-sink.js';
export type { BudgetFacts } from './events/describe-budget-event.js';
export { BudgetRequestService } from './requests/budget-request-service.js';
export type {
  BudgetDecisionInput,
  BudgetRequestAuthorizer,
  BudgetRequestServiceOptions,
  FiledBudgetRequest,
} from './requests/budget-request-service.js';
export { spendReport } from './reports/spend-report.js';
export { toCsv } from './reports/spend-csv.js';
export { periodRange } from './reports/period-range.js';
export type { PeriodRange } from './reports/period-range.js';
export { createRedisCounters } from './counters/redis-counters.js';
export type { RedisCounters, RedisCountersOptions } from './counters/redis-counters.js';
export { createPostgresCounters } from './counters/postgres-counters.js';
export type { PostgresCountersOptions } from './counters/postgres-counters.js';
export { withFailPolicy } from './counters/fail-policy-counters.js';
export type {
  FailMode,
  FailPolicyCounters,
  FailPolicyEvent,
  FailPolicyHealth,
  FailPolicyOptions,
} from './counters/fail-policy-counters.js';
export { defaultCountersKind, selectCounters } from './select-counters.js';
export type { CountersKind, SelectCountersOptions } from './select-counters.js';
export { startBudgetRefresh } from './refresh-budgets.js';
export type { BudgetRefresh, BudgetRefreshOptions } from './refresh-budgets.js';
export { seededMarkerKey, withLedgerSeed } from './counters/ledger-seeded-counters.js';
export type { LedgerSeededCounters, LedgerSeededOptions } from './counters/ledger-seeded-counters.js';
export { reportCounterOutage } from './report-counter-outage.js';
export { createBudgetRepository } from './budget-repository.js';
export type { BudgetRepository } from './budget-repository.js';
export { createBudgetRequestRepository } from './requests/budget-request-repository.js';
export type {
  BudgetRequestDecision,
  BudgetRequestRepository,
  NewBudgetRequest,
} from './requests/budget-request-repository.js';
export { createBudgetEventRepository } from './events/budget-event-repository.js';
export type { BudgetEventFilter, BudgetEventRepository } from './events/budget-event-repository.js';
export { createSpendReportRepository } from './reports/spend-report-repository.js';
export type { SpendGrouping, SpendQuery, SpendReportRepository, SpendRow } from './reports/spend-report-repository.js';
export { budgetMigrations } from './budget-migrations.js';
