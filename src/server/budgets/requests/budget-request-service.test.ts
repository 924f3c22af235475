/** Budget requests over a real (a throwaway database on the embedded PostgreSQL) store and a stub engine that records what a grant changes. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  budgetDefinitionSchema,
  type BudgetDefinition,
  type BudgetDefinitionInput,
  type CreateBudgetRequest,
} from '../../../contract/index.js';
import type { SqlClient } from '../../store/index.js';
import type { BudgetAdmin, BudgetEntry } from '../budget-admin.js';
import { BudgetRequestService } from './budget-request-service.js';
import { openTestDatabase } from '../../testkit/index.js';
import { createBudgetRequestRepository } from '../../budgets/index.js';

/** The engine as the service sees it: definitions by id, and every upsert it was asked for. */
class StubEngine implements Pick<BudgetAdmin, 'get' | 'upsert'> {
  readonly entries = new Map<string, BudgetEntry>();
  readonly upserts: BudgetDefinition[] = [];
  failNextUpsert: Error | undefined;

  get(id: string): BudgetEntry | undefined {
    return this.entries.get(id);
  }

  upsert(definition: BudgetDefinition): Promise<BudgetEntry> {
    const failure = this.failNextUpsert;
    this.failNextUpsert = undefined;
    if (failure !== undefined) return Promise.reject(failure);
    this.upserts.push(definition);
    const entry: BudgetEntry = { definition, source: 'api' };
    this.entries.set(definition.id, entry);
    return Promise.resolve(entry);
  }
}

const budget = (fields: Partial<BudgetDefinitionInput> & Pick<BudgetDefinitionInput, 'id'>): BudgetDefinition =>
  budgetDefinitionSchema.parse({ scope: { kind: 'team', value: 'eng' }, limit: 100, ...fields });

let store: SqlClient;
let engine: StubEngine;
let service: BudgetRequestService;
let counter = 0;
let budgetId: string;

beforeAll(async () => {
  store = await openTestDatabase();
});
afterAll(async () => store.close());
beforeEach(() => {
  counter += 1;
  budgetId = `team-eng-${counter}`;
  engine = new StubEngine();
  engine.entries.set(budgetId, { definition: budget({ id: budgetId, timezone: 'Europe/Paris' }), source: 'config' });
  service = new BudgetRequestService({ repository: createBudgetRequestRepository(store), admin: engine });
});

const raise = (fields: Partial<CreateBudgetRequest> = {}): CreateBudgetRequest => ({
  budgetId,
  amount: 250,
  requestedBy: 'ana',
  justification: 'launch week traffic',
  ...fields,
});

describe('BudgetRequestService', () => {
  it('files a request for a higher limit as pending, and a grant raises the budget’s limit and nothing else', async () => {
    const filed = await service.create(raise({ expectedValue: 'search ships on time' }));
    expect(filed).toMatchObject({
      budgetId,
      allocation: null,
      amount: 250,
      state: 'pending',
      expectedValue: 'search ships on time',
    });
    expect(engine.upserts).toEqual([]);

    const granted = await service.grant(filed.id, { approver: 'bo', comment: 'approved for November' });

    expect(granted).toMatchObject({
      id: filed.id,
      state: 'granted',
      decidedBy: 'bo',
      decisionComment: 'approved for November',
    });
    expect(engine.upserts).toEqual([budget({ id: budgetId, timezone: 'Europe/Paris', limit: 250 })]);
    expect(await service.list({ state: 'granted' })).toContainEqual(granted);
  });

  it('creates a new allocation on grant, with the amount as its limit', async () => {
    const allocation = budget({
      id: `${budgetId}-new`,
      scope: { kind: 'project', value: 'search' },
      limit: 1,
      unit: 'tokens',
    });
    const filed = await service.create(raise({ budgetId: undefined, allocation, amount: 5_000_000 }));
    expect(filed.allocation).toEqual({ ...allocation, limit: 5_000_000 });

    await service.grant(filed.id, { approver: 'bo' });

    expect(engine.upserts).toEqual([{ ...allocation, limit: 5_000_000 }]);
  });

  it('refuses a malformed request, naming the field', async () => {
    const before = (await service.list()).length;
    const allocation = budget({ id: 'fresh' });
    await expect(service.create(raise({ allocation }))).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'allocation',
    });
    await expect(service.create(raise({ budgetId: undefined }))).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'budgetId',
    });
    await expect(service.create(raise({ budgetId: 'ghost' }))).rejects.toMatchObject({
      code: 'not_found',
      param: 'budgetId',
    });
    await expect(service.create(raise({ amount: 100 }))).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'amount',
    });
    await expect(
      service.create(raise({ budgetId: undefined, allocation: budget({ id: budgetId }) })),
    ).rejects.toMatchObject({
      code: 'conflict',
      param: 'allocation.id',
    });
    expect(await service.list()).toHaveLength(before);
  });

  it('decides a request once: a second decision is a conflict and changes nothing', async () => {
    const filed = await service.create(raise());
    await service.deny(filed.id, { approver: 'bo', comment: 'not this quarter' });

    await expect(service.grant(filed.id, { approver: 'cy' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(service.deny(filed.id, { approver: 'cy' })).rejects.toMatchObject({ code: 'conflict' });
    expect(engine.upserts).toEqual([]);
    expect(await createBudgetRequestRepository(store).get(filed.id)).toMatchObject({
      state: 'denied',
      decidedBy: 'bo',
      decisionComment: 'not this quarter',
    });
    await expect(service.grant('breq_missing', { approver: 'bo' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('applies only one of a concurrent grant and deny', async () => {
    const filed = await service.create(raise());
    const outcomes = await Promise.allSettled([
      service.grant(filed.id, { approver: 'bo' }),
      service.deny(filed.id, { approver: 'cy' }),
    ]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const stored = await createBudgetRequestRepository(store).get(filed.id);
    expect(engine.upserts).toHaveLength(stored?.state === 'granted' ? 1 : 0);
  });

  it('lets only designated approvers decide', async () => {
    service = new BudgetRequestService({
      repository: createBudgetRequestRepository(store),
      admin: engine,
      approvers: (request) => (request.budgetId === budgetId ? ['finance-lead'] : []),
    });
    const filed = await service.create(raise());

    await expect(service.grant(filed.id, { approver: 'ana' })).rejects.toMatchObject({
      code: 'permission_denied',
      param: 'approver',
    });
    await expect(service.deny(filed.id, { approver: 'ana' })).rejects.toMatchObject({
      code: 'permission_denied',
      param: 'approver',
    });
    expect((await createBudgetRequestRepository(store).get(filed.id))?.state).toBe('pending');
    await service.grant(filed.id, { approver: 'finance-lead' });
    expect(engine.upserts).toHaveLength(1);
  });

  it('puts the request back to pending when the engine refuses the change, so it can be granted again', async () => {
    const filed = await service.create(raise());
    engine.failNextUpsert = new Error('counter store unavailable');

    await expect(service.grant(filed.id, { approver: 'bo' })).rejects.toThrow('counter store unavailable');
    expect(await createBudgetRequestRepository(store).get(filed.id)).toMatchObject({
      state: 'pending',
      decidedBy: null,
      decidedAt: null,
    });
    await expect(service.grant(filed.id, { approver: 'bo' })).resolves.toMatchObject({ state: 'granted' });
    expect(engine.upserts).toHaveLength(1);
  });

  it('refuses a grant the budget has outgrown or lost since the request was filed', async () => {
    const filed = await service.create(raise());
    engine.entries.set(budgetId, { definition: budget({ id: budgetId, limit: 400 }), source: 'api' });
    await expect(service.grant(filed.id, { approver: 'bo' })).rejects.toMatchObject({ code: 'conflict', param: 'id' });
    engine.entries.delete(budgetId);
    await expect(service.grant(filed.id, { approver: 'bo' })).rejects.toMatchObject({ code: 'conflict', param: 'id' });
    expect((await createBudgetRequestRepository(store).get(filed.id))?.state).toBe('pending');
    expect(engine.upserts).toEqual([]);
  });
});
