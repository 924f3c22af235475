/** The engine on in-process counters and a fake clock: reservation, settlement, tiers, rollover, alerts. */
import { describe, expect, it } from 'vitest';
import {
  budgetDefinitionSchema,
  PodiumError,
  type BudgetDefinitionInput,
  type BudgetEvent,
} from '../../contract/index.js';
import { BudgetEngine, type BudgetDefinitionStore } from './budget-engine.js';
import type { BudgetSubject } from './budget-subject.js';
import { MemoryCounters } from './memory-counters.js';

const price = { input: 1, output: 2 }; // USD per 1M tokens
const subject = (overrides: Partial<BudgetSubject> = {}): BudgetSubject => ({
  orgId: 'org_1',
  teamId: 'team_1',
  teamName: 'eng',
  projectId: null,
  projectName: null,
  keyId: 'key_1',
  keyPrefix: 'pk-key1',
  tier: 'standard',
  endUser: undefined,
  tags: undefined,
  model: 'gpt',
  provider: 'openai',
  ...overrides,
});
// 1,000 input + 1,000 output tokens at that price: $0.003 per call.
const estimate = { inputTokens: 1000, outputTokens: 1000, outputCapped: true };

class MemoryDefinitions implements BudgetDefinitionStore {
  definitions = new Map<string, ReturnType<typeof budgetDefinitionSchema.parse>>();
  list() {
    return Promise.resolve([...this.definitions.values()]);
  }
  upsert(definition: ReturnType<typeof budgetDefinitionSchema.parse>) {
    this.definitions.set(definition.id, definition);
    return Promise.resolve();
  }
  remove(id: string) {
    return Promise.resolve(this.definitions.delete(id));
  }
}

async function setup(
  budgets: BudgetDefinitionInput[],
  startAt = '2026-11-21T12:00:00Z',
  onSleep: () => Promise<void> = () => Promise.resolve(),
) {
  let now = new Date(startAt);
  const events: Omit<BudgetEvent, 'id' | 'at'>[] = [];
  const counters = new MemoryCounters();
  const engine = await BudgetEngine.create({
    counters,
    configured: budgets.map((budget) => budgetDefinitionSchema.parse(budget)),
    store: new MemoryDefinitions(),
    resolver: {
      organization: (ref) => Promise.resolve(ref === 'acme' ? 'org_1' : undefined),
      team: (ref) => Promise.resolve(ref === 'eng' ? 'team_1' : undefined),
      project: () => Promise.resolve(undefined),
      key: (ref) => Promise.resolve(ref),
      teamIds: () => Promise.resolve(['team_1']),
    },
    events: { emit: (event) => events.push(event) },
    now: () => now,
    sleep: (milliseconds) => {
      now = new Date(now.getTime() + milliseconds);
      return onSleep();
    },
  });
  const admit = (overrides: Partial<BudgetSubject> = {}, id = `op_${Math.random()}`) =>
    engine.admit({
      subject: subject(overrides),
      estimate,
      price,
      operationId: id,
      signal: new AbortController().signal,
    });
  return { engine, events, counters, admit, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('BudgetEngine', () => {
  it('admits exactly as many concurrent calls as the hard limit holds, across every scope touched', async () => {
    const { admit } = await setup([
      { id: 'team-eng', scope: { kind: 'team', value: 'eng' }, limit: 0.03, period: 'month' },
      { id: 'org', scope: { kind: 'organization', value: 'acme' }, limit: 100, period: 'month' },
    ]);
    const outcomes = await Promise.allSettled(Array.from({ length: 1000 }, () => admit()));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(10);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(PodiumError);
    const error = (refused as PromiseRejectedResult).reason as PodiumError;
    expect(error).toMatchObject({ code: 'budget_exceeded', status: 429 });
    expect(error.message).toContain('budget "team-eng" (team eng)');
    expect(error.message).toContain('resets at 2026-12-01T00:00:00.000Z');
    expect(error.headers).toMatchObject({
      'x-podium-budget-id': 'team-eng',
      'x-podium-budget-remaining': '0',
      'x-podium-budget-reset': '2026-12-01T00:00:00.000Z',
    });
  });

  it('settles to the actual cost and releases on failure, freeing the budget for later calls', async () => {
    const { engine, admit } = await setup([
      { id: 'team-eng', scope: { kind: 'team', value: 'eng' }, limit: 0.006, period: 'day' },
    ]);
    const first = await admit();
    const second = await admit();
    await expect(admit()).rejects.toMatchObject({ code: 'budget_exceeded' });
    if (first.kind !== 'admitted' || !first.reservation || second.kind !== 'admitted' || !second.reservation)
      throw new Error('expected reservations');
    await engine.settle(first.reservation, { usd: 0.001, tokens: 500, requests: 1 });
    await engine.release(second.reservation);
    const [status] = await engine.status('team-eng');
    expect(status?.used).toBeCloseTo(0.001, 12);
    expect(await admit()).toMatchObject({ kind: 'admitted' });
  });

  it('rolls over at the period boundary in the budget’s time zone', async () => {
    const { admit, advance } = await setup(
      [{ id: 'daily', scope: { kind: 'team', value: 'eng' }, limit: 0.003, period: 'day', timezone: 'Asia/Tokyo' }],
      '2026-11-21T14:00:00Z',
    );
    await admit();
    await expect(admit()).rejects.toMatchObject({
      code: 'budget_exceeded',
      headers: { 'x-podium-budget-reset': '2026-11-21T15:00:00.000Z' },
    });
    advance(60 * 60 * 1000); // 00:00 in Tokyo
    expect(await admit()).toMatchObject({ kind: 'admitted' });
  });

  it('while hot: batch is refused, standard is downgraded, critical continues until the hard limit', async () => {
    const { engine, admit, events } = await setup(
      [
        {
          id: 'team-eng',
          scope: { kind: 'team', value: 'eng' },
          limit: 1,
          period: 'month',
          whenHot: { batch: 'refuse', standard: { downgrade: { model: 'gpt-mini' } } },
        },
      ],
      '2026-11-01T12:00:00Z',
    );
    // $0.6 spent 12 hours into a 30-day month projects far past $1: hot.
    const big = await engine.admit({
      subject: subject(),
      estimate: { inputTokens: 200_000, outputTokens: 200_000, outputCapped: true },
      price,
      operationId: 'big',
      signal: new AbortController().signal,
    });
    if (big.kind !== 'admitted' || !big.reservation) throw new Error('expected a reservation');
    await engine.settle(big.reservation, { usd: 0.6, tokens: 400_000, requests: 1 });
    const [status] = await engine.status('team-eng');
    expect(status?.hot).toBe(true);
    expect(events.filter((event) => event.kind === 'hot')).toHaveLength(1);
    await expect(admit({ tier: 'batch' })).rejects.toMatchObject({
      code: 'budget_exceeded',
      headers: { 'x-podium-budget-reason': 'hot' },
    });
    expect(await admit({ tier: 'standard' })).toEqual({ kind: 'downgrade', model: 'gpt-mini', budgetId: 'team-eng' });
    expect(await admit({ tier: 'standard', model: 'gpt-mini' })).toMatchObject({ kind: 'admitted' });
    expect(await admit({ tier: 'critical' })).toMatchObject({ kind: 'admitted' });
  });

  it('queues a tier while hot: admitted once the budget cools within the wait, refused when it does not', async () => {
    const budgets: BudgetDefinitionInput[] = [
      {
        id: 'b',
        scope: { kind: 'team', value: 'eng' },
        limit: 1,
        period: 'month',
        whenHot: { batch: { queue: { maxWaitMs: 2000 } } },
      },
    ];
    const hotEstimate = { inputTokens: 200_000, outputTokens: 200_000, outputCapped: true };
    // Still hot after the wait: refused.
    const stays = await setup(budgets, '2026-11-01T12:00:00Z');
    const held = await stays.engine.admit({
      subject: subject(),
      estimate: hotEstimate,
      price,
      operationId: 'big',
      signal: new AbortController().signal,
    });
    expect(held.kind).toBe('admitted');
    await stays.engine.status();
    await expect(stays.admit({ tier: 'batch' })).rejects.toMatchObject({
      code: 'budget_exceeded',
      headers: { 'x-podium-budget-reason': 'hot' },
    });
    // A large reservation given back during the wait cools the budget: admitted.
    let release: () => Promise<void> = () => Promise.resolve();
    const cools = await setup(budgets, '2026-11-01T12:00:00Z', () => release());
    const big = await cools.engine.admit({
      subject: subject(),
      estimate: hotEstimate,
      price,
      operationId: 'big',
      signal: new AbortController().signal,
    });
    if (big.kind !== 'admitted' || !big.reservation) throw new Error('expected a reservation');
    const reservation = big.reservation;
    release = () => cools.engine.release(reservation);
    await cools.engine.status();
    expect(await cools.admit({ tier: 'batch' })).toMatchObject({ kind: 'admitted' });
  });

  it('soft budgets never refuse but alert once per threshold and period', async () => {
    const { engine, events, admit } = await setup([
      {
        id: 'soft',
        scope: { kind: 'key', value: 'key_1' },
        limit: 0.003,
        mode: 'soft',
        period: 'month',
        alertThresholds: [0.5, 1],
      },
    ]);
    for (let call = 0; call < 3; call += 1) {
      const admission = await admit();
      if (admission.kind !== 'admitted' || !admission.reservation) throw new Error('expected a reservation');
      await engine.settle(admission.reservation, { usd: 0.002, tokens: 1, requests: 1 });
    }
    expect(events.map((event) => [event.kind, event.threshold])).toEqual([
      ['threshold', 0.5],
      ['exhausted', 1],
    ]);
    expect(events[0]?.message).toContain('reached 50%');
  });

  it('refuses to pretend it can enforce a hard USD budget on an unpriced model', async () => {
    const { engine } = await setup([{ id: 'team-eng', scope: { kind: 'team', value: 'eng' }, limit: 1 }]);
    await expect(
      engine.admit({
        subject: subject(),
        estimate,
        price: undefined,
        operationId: 'x',
        signal: new AbortController().signal,
      }),
    ).rejects.toMatchObject({ code: 'unsupported', param: 'model' });
  });

  it('matches user, tag, model and provider scopes; token and request budgets count their unit', async () => {
    const { admit } = await setup([
      { id: 'user', scope: { kind: 'user', value: 'alice' }, unit: 'requests', limit: 2, period: 'minute' },
      { id: 'tag', scope: { kind: 'tag', value: 'env=prod' }, unit: 'tokens', limit: 4000 },
    ]);
    await admit({ endUser: 'alice' });
    await admit({ endUser: 'alice' });
    await expect(admit({ endUser: 'alice' })).rejects.toMatchObject({ headers: { 'x-podium-budget-id': 'user' } });
    expect(await admit({ endUser: 'bob' })).toEqual({ kind: 'admitted', reservation: undefined });
    await admit({ tags: { env: 'prod' } });
    await admit({ tags: { env: 'prod' } });
    await expect(admit({ tags: { env: 'prod' } })).rejects.toMatchObject({ headers: { 'x-podium-budget-id': 'tag' } });
    expect(await admit({ tags: { env: 'dev' } })).toMatchObject({ kind: 'admitted', reservation: undefined });
  });
});
