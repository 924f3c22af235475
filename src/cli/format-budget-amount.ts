import type { BudgetUnit } from '../contract/index.js';

const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });
const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * An amount in a budget's unit, for tables: USD with cents (two significant digits below a cent, so a slow
 * burn rate does not read as zero), tokens and requests grouped by thousands.
 */
export function formatAmount(unit: BudgetUnit, value: number): string {
  if (unit !== 'usd') return counts.format(value);
  return value !== 0 && Math.abs(value) < 0.01 ? small.format(value) : cents.format(value);
}

/** The unit as a column suffix: `USD`, `tokens`, `requests`. */
export const unitLabel = (unit: BudgetUnit): string => (unit === 'usd' ? 'USD' : unit);

/** A budget's scope as `kind:value`, e.g. `team:eng`. */
export const formatScope = (scope: { kind: string; value: string }): string => `${scope.kind}:${scope.value}`;
