import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { budgetDefinitionSchema, PodiumError, type BudgetDefinition } from '../../contract/index.js';
import type { NewBudgetRequest } from './requests/budget-request-repository.js';
import type { DatabaseAccessor } from '../store/database-accessor.test-suite.js';
import { createBudgetRepository } from './budget-repository.js';
import { createBudgetRequestRepository } from './requests/budget-request-repository.js';

const unique = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const definition = (fields: Partial<BudgetDefinition> = {}): BudgetDefinition =>
  budgetDefinitionSchema.parse({
    id: unique('budget'),
    scope: { kind: 'team', value: 'platform' },
    limit: 100,
    ...fields,
  });

const request = (fields: Partial<NewBudgetRequest> = {}): NewBudgetRequest => ({
  budgetId: unique('budget'),
  allocation: null,
  amount: 250,
  requestedBy: 'ana',
  justification: 'launch week',
  expectedValue: null,
  ...fields,
});

export function describeBudgetConformance(database: DatabaseAccessor): void {
  const budgets = () => createBudgetRepository(database());
  const requests = () => createBudgetRequestRepository(database());

  describe('budgets', () => {
    it('upserts, reads, lists by id, replaces and removes a definition', async () => {
      const first = definition({
        whenHot: { batch: 'refuse', standard: { downgrade: { model: 'mini' } } },
        alertThresholds: [0.9],
      });
      expect(await budgets().upsert(first)).toEqual(first);
      expect(await budgets().get(first.id)).toEqual(first);
      const second = definition({ id: `${first.id}-b` });
      await budgets().upsert(second);
      const ids = (await budgets().list()).map((budget) => budget.id);
      expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));

      const raised = { ...first, limit: 250, mode: 'soft' as const };
      expect(await budgets().upsert(raised)).toEqual(raised);
      expect(await budgets().get(first.id)).toEqual(raised);
      expect((await budgets().list()).filter((budget) => budget.id === first.id)).toEqual([raised]);

      expect(await budgets().remove(first.id)).toBe(true);
      expect(await budgets().remove(first.id)).toBe(false);
      expect(await budgets().get(first.id)).toBeUndefined();
      await budgets().remove(second.id);
    });

    it('gives a stored definition written without the newer fields their defaults, and refuses an invalid one by id', async () => {
      const id = unique('legacy');
      await database().query('INSERT INTO budgets (id, definition) VALUES ($1, $2::jsonb)', [
        id,
        JSON.stringify({ id, scope: { kind: 'project', value: 'web' }, limit: 5 }),
      ]);
      expect(await budgets().get(id)).toMatchObject({
        unit: 'usd',
        period: 'month',
        timezone: 'UTC',
        mode: 'hard',
        alertThresholds: [0.5, 0.8, 1],
      });
      const broken = unique('broken');
      await database().query('INSERT INTO budgets (id, definition) VALUES ($1, $2::jsonb)', [
        broken,
        JSON.stringify({ id: broken, limit: -1 }),
      ]);
      try {
        await expect(budgets().get(broken)).rejects.toBeInstanceOf(PodiumError);
        await expect(budgets().get(broken)).rejects.toThrow(broken);
      } finally {
        await budgets().remove(broken);
        await budgets().remove(id);
      }
    });
  });

  describe('budget requests', () => {
    it('creates a pending request and reads back every field, a new allocation included', async () => {
      const allocation = definition({ unit: 'tokens', period: 'week' });
      const created = await requests().create(
        request({ budgetId: null, allocation, amount: 1_000_000, expectedValue: 'ships search' }),
      );
      expect(created).toEqual({
        id: expect.stringMatching(/^breq_[0-9a-f]{32}$/) as unknown,
        budgetId: null,
        allocation,
        amount: 1_000_000,
        requestedBy: 'ana',
        justification: 'launch week',
        expectedValue: 'ships search',
        state: 'pending',
        decidedBy: null,
        decisionComment: null,
        createdAt: expect.stringMatching(isoInstant) as unknown,
        decidedAt: null,
      });
      expect(await requests().get(created.id)).toEqual(created);
      expect(await requests().get('breq_missing')).toBeUndefined();
    });

    it('lists newest first, filtered by state', async () => {
      const older = await requests().create(request());
      // created_at is the database's clock: two inserts within its resolution tie, and ids are random.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const newer = await requests().create(request());
      await requests().decide(older.id, { state: 'denied', decidedBy: 'bo', comment: null });
      const pending = (await requests().list({ state: 'pending' })).map((row) => row.id);
      expect(pending).toContain(newer.id);
      expect(pending).not.toContain(older.id);
      expect((await requests().list({ state: 'denied' })).map((row) => row.id)).toContain(older.id);
      const all = (await requests().list()).map((row) => row.id);
      expect(all.indexOf(newer.id)).toBeLessThan(all.indexOf(older.id));
      expect(await requests().list({ limit: 1 })).toHaveLength(1);
    });

    it('decides a pending request exactly once among concurrent deciders; the losers get a conflict', async () => {
      const created = await requests().create(request());
      const outcomes = await Promise.allSettled([
        requests().decide(created.id, { state: 'granted', decidedBy: 'bo', comment: 'go' }),
        requests().decide(created.id, { state: 'denied', decidedBy: 'cy', comment: null }),
        requests().decide(created.id, { state: 'granted', decidedBy: 'di', comment: null }),
      ]);
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'conflict', param: 'id' });
      }
      const stored = await requests().get(created.id);
      expect(stored).toEqual(won[0]?.value);
      expect(stored?.decidedAt).toMatch(isoInstant);
      await expect(
        requests().decide('breq_missing', { state: 'granted', decidedBy: 'bo', comment: null }),
      ).rejects.toMatchObject({ code: 'not_found' });
    });

    it('reopens a decision only from the state it names, clearing it', async () => {
      const created = await requests().create(request());
      await requests().decide(created.id, { state: 'granted', decidedBy: 'bo', comment: 'ok' });
      expect(await requests().reopen(created.id, 'denied')).toBeUndefined();
      expect(await requests().reopen(created.id, 'granted')).toEqual(created);
      expect(await requests().get(created.id)).toEqual(created);
    });
  });
}
