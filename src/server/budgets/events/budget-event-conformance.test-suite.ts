import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BudgetEvent } from '../../../contract/index.js';
import type { DatabaseAccessor } from '../../store/database-accessor.test-suite.js';
import { createBudgetEventRepository } from './budget-event-repository.js';

const event = (fields: Partial<BudgetEvent> & Pick<BudgetEvent, 'budgetId'>): BudgetEvent => ({
  id: `bevt_${randomUUID()}`,
  at: '2026-11-12T09:30:00.000Z',
  kind: 'threshold',
  threshold: 0.8,
  used: 80.5,
  limit: 100,
  periodStart: '2026-10-31T23:00:00.000Z',
  message: 'Budget reached 80%',
  ...fields,
});

export function describeBudgetEventConformance(database: DatabaseAccessor): void {
  const events = () => createBudgetEventRepository(database());

  describe('budget events', () => {
    it('stores an alert once per budget, period, kind and threshold (a missing threshold included)', async () => {
      const budgetId = `budget-${randomUUID()}`;
      const first = event({ budgetId });
      expect(await events().insertOnce(first)).toBe(true);
      expect(await events().insertOnce({ ...event({ budgetId }), used: 81 })).toBe(false);
      expect(await events().insertOnce(first)).toBe(false);
      expect(await events().insertOnce(event({ budgetId, threshold: 1 }))).toBe(true);
      expect(await events().insertOnce(event({ budgetId, periodStart: '2026-11-30T23:00:00.000Z' }))).toBe(true);
      expect(await events().insertOnce(event({ budgetId, kind: 'hot', threshold: null }))).toBe(true);
      expect(await events().insertOnce(event({ budgetId, kind: 'hot', threshold: null }))).toBe(false);
      expect(await events().list({ budgetId, limit: 100 })).toHaveLength(4);
    });

    it('lets exactly one of several concurrent replicas record the same alert', async () => {
      const budgetId = `budget-${randomUUID()}`;
      const results = await Promise.all(
        [1, 2, 3, 4].map(() => events().insertOnce(event({ budgetId, kind: 'exhausted', threshold: null }))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('reads every field back and lists newest first, filtered by budget and since (inclusive), up to the limit', async () => {
      const budgetId = `budget-${randomUUID()}`;
      const older = event({ budgetId, at: '2026-11-02T08:00:00.000Z', threshold: 0.5, used: 50.25, message: 'half' });
      const newer = event({ budgetId, at: '2026-11-20T08:00:00.000Z', threshold: 1, used: 100.125 });
      const elsewhere = event({ budgetId: `${budgetId}-other`, at: '2026-11-25T08:00:00.000Z' });
      for (const item of [older, newer, elsewhere]) await events().insertOnce(item);

      expect(await events().list({ budgetId, limit: 10 })).toEqual([newer, older]);
      expect(await events().list({ budgetId, since: newer.at, limit: 10 })).toEqual([newer]);
      expect(await events().list({ budgetId, limit: 1 })).toEqual([newer]);
      const everyBudget = await events().list({ since: older.at, limit: 1000 });
      expect(everyBudget.map((item) => item.id)).toEqual(expect.arrayContaining([older.id, newer.id, elsewhere.id]));
    });
  });
}
