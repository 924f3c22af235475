/** One readable line for a budget event, as a person on call wants to read it in a chat channel. */
import type { BudgetDefinition, BudgetEvent } from '../../../contract/index.js';

/** What the summary needs to know about the budget beyond the event itself. */
export type BudgetFacts = Pick<BudgetDefinition, 'unit' | 'period' | 'timezone'>;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function amounts(event: BudgetEvent, facts: BudgetFacts | undefined): string {
  if (facts?.unit === 'usd') return `USD ${money.format(event.used)} of ${money.format(event.limit)}`;
  if (facts === undefined) return `${event.used} of ${event.limit}`;
  return `${integer.format(event.used)} of ${integer.format(event.limit)} ${facts.unit}`;
}

/** Percent of a fraction, without float noise: 0.8 → "80", 0.333 → "33.3". */
const percent = (fraction: number): string => String(Math.round(fraction * 1000) / 10);

/** The period's first local day (or minute), in the budget's own time zone; nothing for `total`. */
function periodClause(periodStart: string, facts: BudgetFacts | undefined): string {
  if (facts?.period === 'total') return '';
  const minute = facts?.period === 'minute';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: facts?.timezone ?? 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(minute ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).formatToParts(new Date(periodStart));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  return ` for the period starting ${minute ? `${day} ${part('hour')}:${part('minute')}` : day}`;
}

/**
 * E.g. "Budget team-eng reached 80% (USD 80.00 of 100.00) for the period starting 2026-11-01". Without
 * `facts` (a budget removed since) the amounts have no unit and the date is in UTC.
 */
export function describeBudgetEvent(event: BudgetEvent, facts: BudgetFacts | undefined): string {
  const period = periodClause(event.periodStart, facts);
  const figures = `(${amounts(event, facts)})`;
  switch (event.kind) {
    case 'threshold':
      return `Budget ${event.budgetId} reached ${percent(event.threshold ?? event.used / event.limit)}% ${figures}${period}`;
    case 'exhausted':
      return `Budget ${event.budgetId} is exhausted ${figures}${period}`;
    case 'hot':
      return `Budget ${event.budgetId} is running hot: projected to run out before the period ends ${figures}${period}`;
    case 'fail-open':
      return `Budget ${event.budgetId} could not be checked (counter store unavailable): calls are let through unchecked`;
    case 'fail-closed':
      return `Budget ${event.budgetId} could not be checked (counter store unavailable): calls are refused`;
    case 'store-recovered':
      return event.message;
  }
}
