/**
 * What one benchmarked call debits: three scopes, as a key inside a project inside a team would — the
 * team counter shared by every call (the hot key), one of ten project counters, and the worker's own key
 * counter. Reserved at the estimate, settled to a smaller actual cost.
 */
import type { CounterDebit, CounterDelta } from '../../src/server/budgets/index.js';

export const estimateUnits = 1_500;
export const actualUnits = 1_100;
/** Far above what a run can spend: throughput phases measure admission work, not refusals. */
const roomyLimit = 1_000_000_000_000_000;

export interface CallShape {
  debits: CounterDebit[];
  settlement: CounterDelta[];
}

/** The debits and the settlement of worker `worker`'s calls (built once per worker: keys do not change). */
export function callShape(worker: number): CallShape {
  const keys = ['team', `project-${worker % 10}`, `key-${worker}`];
  return {
    debits: keys.map((key, index) => ({ key, amount: estimateUnits, limit: index < 2 ? roomyLimit : undefined })),
    settlement: keys.map((key) => ({ key, amount: actualUnits - estimateUnits })),
  };
}
