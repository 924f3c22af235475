import { describe, expect, it } from 'vitest';
import type { BudgetEvent } from '../../../contract/index.js';
import { describeBudgetEvent } from './describe-budget-event.js';

const event = (fields: Partial<BudgetEvent> = {}): BudgetEvent => ({
  id: 'bevt_1',
  at: '2026-11-20T10:00:00.000Z',
  budgetId: 'team-eng',
  kind: 'threshold',
  threshold: 0.5,
  used: 1_250_000,
  limit: 2_500_000,
  periodStart: '2026-11-16T05:00:00.000Z',
  message: '',
  ...fields,
});

describe('describeBudgetEvent', () => {
  it('shows token and request amounts grouped, with their unit, and the local start of a week', () => {
    expect(describeBudgetEvent(event(), { unit: 'tokens', period: 'week', timezone: 'America/New_York' })).toBe(
      'Budget team-eng reached 50% (1,250,000 of 2,500,000 tokens) for the period starting 2026-11-16',
    );
    expect(
      describeBudgetEvent(event({ threshold: 1 / 3, used: 20, limit: 60 }), {
        unit: 'requests',
        period: 'day',
        timezone: 'UTC',
      }),
    ).toBe('Budget team-eng reached 33.3% (20 of 60 requests) for the period starting 2026-11-16');
  });

  it('names the minute of a rate limit and leaves the period out for a lifetime budget', () => {
    const facts = { unit: 'requests', period: 'minute', timezone: 'Asia/Kolkata' } as const;
    expect(describeBudgetEvent(event({ kind: 'exhausted', used: 60, limit: 60 }), facts)).toBe(
      'Budget team-eng is exhausted (60 of 60 requests) for the period starting 2026-11-16 10:30',
    );
    expect(
      describeBudgetEvent(event({ kind: 'hot', used: 40.5, limit: 100 }), {
        unit: 'usd',
        period: 'total',
        timezone: 'UTC',
      }),
    ).toBe('Budget team-eng is running hot: projected to run out before the period ends (USD 40.50 of 100.00)');
  });

  it('falls back to bare numbers and a UTC date for a budget it knows nothing about', () => {
    expect(describeBudgetEvent(event({ used: 80.5, limit: 100, threshold: 0.8 }), undefined)).toBe(
      'Budget team-eng reached 80% (80.5 of 100) for the period starting 2026-11-16',
    );
  });

  it('says what a counter-store outage does to calls', () => {
    expect(describeBudgetEvent(event({ kind: 'fail-open' }), undefined)).toContain('let through unchecked');
    expect(describeBudgetEvent(event({ kind: 'fail-closed' }), undefined)).toContain('refused');
  });
});
