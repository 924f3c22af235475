/** A budget's live figures from its counter: remaining, burn rate, projection, hot. Pure. */
import type { BudgetDefinition, BudgetStatus } from '../../contract/index.js';
import type { PeriodWindow } from './budget-period.js';
import { fromBaseUnits } from './units.js';

const hourMs = 3_600_000;

/**
 * Burn rate is spend over the period so far, per hour, with at least an hour elapsed so the first
 * minutes of a period do not project a single call onto the whole month. A budget is hot when the
 * projection passes the limit before the period ends — the signal tiers degrade on.
 */
export function computeStatus(input: {
  definition: BudgetDefinition;
  window: PeriodWindow;
  usedBase: number;
  now: Date;
  source: 'config' | 'api';
}): BudgetStatus {
  const { definition, window, now } = input;
  const used = fromBaseUnits(definition.unit, input.usedBase);
  const elapsedHours = Math.max(1, (now.getTime() - window.start.getTime()) / hourMs);
  const burnRatePerHour = definition.period === 'total' || definition.period === 'minute' ? 0 : used / elapsedHours;
  const remainingHours = window.end === null ? null : Math.max(0, (window.end.getTime() - now.getTime()) / hourMs);
  const projectedAtPeriodEnd =
    remainingHours === null || definition.period === 'minute' ? null : used + burnRatePerHour * remainingHours;
  const hot = used >= definition.limit || (projectedAtPeriodEnd !== null && projectedAtPeriodEnd > definition.limit);
  return {
    id: definition.id,
    scope: definition.scope,
    unit: definition.unit,
    mode: definition.mode,
    period: definition.period,
    periodStart: window.start.toISOString(),
    resetsAt: window.end?.toISOString() ?? null,
    limit: definition.limit,
    used,
    remaining: Math.max(0, definition.limit - used),
    burnRatePerHour,
    projectedAtPeriodEnd,
    hot,
    source: input.source,
  };
}
