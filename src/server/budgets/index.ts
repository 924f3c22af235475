export type { BudgetCounters, CounterDebit, CounterDelta, ReserveOutcome } from './budget-counters.js';
export { MemoryCounters } from './memory-counters.js';
export { fromBaseUnits, limitToBaseUnits, toBaseUnits } from './units.js';
export type { BudgetAdmin, BudgetEntry, BudgetEventSink } from './budget-admin.js';
