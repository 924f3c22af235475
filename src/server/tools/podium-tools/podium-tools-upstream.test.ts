/**
 * Podium's own tools over the real services: approvals and budget requests on a migrated test database, the
 * decision registry and service as main.ts builds them, the budget engine on memory counters. Each tool is
 * called as the gateway calls an upstream, for a caller of organisation A or B.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetDefinitionSchema, decisionDefinitionSchema, PodiumError } from '../../../contract/index.js';
import {
  BudgetEngine,
  BudgetRequestService,
  createBudgetRepository,
  createBudgetRequestRepository,
  MemoryCounters,
  periodWindow,
  toBaseUnits,
} from '../../budgets/index.js';
import { ApprovalService, createApprovalRepository } from '../../governance/approvals/index.js';
import { DecisionRegistry, DecisionService, type DecisionRecord } from '../../governance/decisions/index.js';
import type { SqlClient } from '../../store/index.js';
import { openTestDatabase } from '../../testkit/index.js';
import { toolDefinitionSchema } from '../tool-definition.js';
import type { CallToolContext, ToolCaller, ToolUpstream } from '../tool-upstream.js';
import { createPodiumToolsUpstream, type PodiumToolsOptions } from './index.js';

const now = new Date('2026-12-01T12:00:00Z');
const callerA: ToolCaller = { orgId: 'org_a', keyId: 'key_a', teamName: 'support', user: 'sam', agent: 'support-bot' };
const callerB: ToolCaller = { orgId: 'org_b', keyId: 'key_b', teamName: 'sales', user: undefined, agent: 'sales-bot' };

const refund = decisionDefinitionSchema.parse({
  id: 'refund',
  description: 'Refund an order',
  owner: 'payments',
  makers: { teams: ['support'] },
  context: { amount: { schema: { type: 'number' } } },
  risk: [
    { name: 'low', when: { amount: { lt: 100 } }, outcome: 'auto' },
    { name: 'high', outcome: 'approve', approvers: ['role:finance'] },
  ],
});

const budgets = [
  { id: 'org-a', scope: { kind: 'organization', value: 'org_a' }, unit: 'usd', limit: 1000, period: 'month' },
  { id: 'support-daily', scope: { kind: 'team', value: 'support' }, unit: 'requests', limit: 10, period: 'day' },
  { id: 'key-a', scope: { kind: 'key', value: 'key_a' }, unit: 'tokens', limit: 5000, period: 'total' },
  { id: 'sales-daily', scope: { kind: 'team', value: 'sales' }, unit: 'requests', limit: 10, period: 'day' },
].map((budget) => budgetDefinitionSchema.parse(budget));

let store: SqlClient;
let approvals: ApprovalService;
let budgetRequests: BudgetRequestService;
let upstream: ToolUpstream;
let services: PodiumToolsOptions;
const records: DecisionRecord[] = [];
let calls = 0;

const context = (caller: ToolCaller, signal = new AbortController().signal): CallToolContext => ({
  caller,
  signal,
  callId: `call_${(calls += 1)}`,
});

const ajv = new Ajv2020({ strict: false });

/** Calls a tool and checks its structured result against the output schema it declares (the gateway checks it too). */
const call = async (name: string, args: Record<string, unknown>, caller = callerA) => {
  const result = await upstream.callTool(name, args, context(caller));
  const declared = (await upstream.listTools({ caller })).find((tool) => tool.name === name)?.outputSchema;
  const structured = result.structuredContent ?? {};
  expect(ajv.validate(declared ?? { not: {} }, structured), JSON.stringify(ajv.errors)).toBe(true);
  expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(structured) }]);
  return structured;
};

/** The PodiumError a call rejects with. */
const failure = async (name: string, args: Record<string, unknown>, caller = callerA): Promise<PodiumError> => {
  const error: unknown = await upstream.callTool(name, args, context(caller)).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof PodiumError)) throw new Error(`expected a PodiumError from ${name}, got ${String(error)}`);
  return error;
};

beforeAll(async () => {
  store = await openTestDatabase();
  approvals = new ApprovalService({ records: createApprovalRepository(store), now: () => now });
  const settings = new Map<string, unknown>();
  const registry = new DecisionRegistry({
    configured: [refund],
    settings: {
      get: (key) => Promise.resolve(settings.get(key)),
      set: (key, value) => Promise.resolve(void settings.set(key, value)),
    },
  });
  const roles = { finance: ['ana', 'agent:ledger-bot'] };
  const decisions = new DecisionService({
    definitions: (id) => registry.get(id),
    approvals,
    policies: undefined,
    record: (record) => Promise.resolve(void records.push(record)),
    roles,
    now: () => now,
  });
  const counters = new MemoryCounters();
  const engine = await BudgetEngine.create({
    counters,
    configured: budgets,
    store: createBudgetRepository(store),
    resolver: {
      organization: (ref) => Promise.resolve(ref),
      team: (ref) => Promise.resolve(`team_${ref}`),
      project: () => Promise.resolve(undefined),
      key: (ref) => Promise.resolve(ref),
      teamIds: () => Promise.resolve(['team_support', 'team_sales']),
    },
    events: { emit: () => undefined },
    now: () => now,
    sleep: () => Promise.resolve(),
  });
  const day = periodWindow({ period: 'day', timeZone: 'UTC', now }).start.toISOString();
  await counters.seed(new Map([[`support-daily:${day}`, toBaseUnits('requests', 3)]]));
  budgetRequests = new BudgetRequestService({ repository: createBudgetRequestRepository(store), admin: engine });
  services = { approvals, decisions, registry, budgets: engine, budgetRequests, roles };
  upstream = createPodiumToolsUpstream({ ...services, pollMs: 5 });
});
afterAll(async () => {
  await upstream.close();
  await approvals.close();
  await store.close();
});

describe('the podium upstream', () => {
  it('lists its tools sorted by name, each a valid definition with an output schema', async () => {
    const tools = await upstream.listTools({ caller: callerA });
    expect(tools.map((tool) => tool.name)).toEqual([
      'check_budget',
      'get_decision_definition',
      'list_decisions',
      'propose_decision',
      'request_approval',
      'request_budget',
      'wait_for_approval',
    ]);
    for (const tool of tools) {
      expect(toolDefinitionSchema.safeParse(tool).success).toBe(true);
      expect(tool.upstream).toBe('podium');
      expect(tool.outputSchema).toMatchObject({ type: 'object' });
    }
    const readOnly = tools.filter((tool) => tool.annotations?.readOnlyHint === true).map((tool) => tool.name);
    expect(readOnly).toEqual(['check_budget', 'get_decision_definition', 'list_decisions', 'wait_for_approval']);
    expect(upstream.kind).toBe('podium');
    expect(upstream.health().state).toBe('ready');
  });

  it('answers an unknown tool with a 404', async () => {
    expect(await failure('drop_tables', {})).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('request_approval and wait_for_approval', () => {
  it("files a pending approval in the caller's organisation, a role expanded to its humans", async () => {
    const answer = await call('request_approval', {
      subject: 'refund:order-1',
      summary: 'Refund order 1 (damaged)',
      details: { order: 'order-1', amount: 120 },
      approvers: ['role:finance', 'bo'],
    });
    expect(answer).toMatchObject({ state: 'pending', approvers: ['ana', 'bo'] });
    const stored = await approvals.get(String(answer.approvalId));
    expect(stored).toMatchObject({
      tenant: 'org_a',
      requester: 'support-bot',
      summary: 'Refund order 1 (damaged)',
      context: { order: 'order-1', amount: 120 },
    });
  });

  /** An upstream on a fake clock: each poll's sleep advances it, and `onSleep` acts between polls. */
  const onFakeClock = (onSleep: (count: number) => Promise<void>) => {
    let clock = now.getTime();
    const sleeps: number[] = [];
    const waiter = createPodiumToolsUpstream({
      ...services,
      pollMs: 1000,
      now: () => new Date(clock),
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
        await onSleep(sleeps.length);
      },
    });
    return { waiter, sleeps };
  };

  it('returns the decision once another party votes', async () => {
    const { approvalId } = await call('request_approval', { subject: 'deploy', summary: 'Deploy', approvers: ['ana'] });
    const id = String(approvalId);
    const { waiter, sleeps } = onFakeClock(async (count) => {
      if (count === 3) await approvals.vote({ id, approver: 'ana', verdict: 'approve', via: 'api' });
    });
    const result = await waiter.callTool('wait_for_approval', { approvalId, timeoutSeconds: 30 }, context(callerA));
    expect(result.structuredContent).toMatchObject({
      approvalId,
      state: 'approved',
      reason: expect.any(String) as string,
    });
    expect(sleeps).toEqual([1000, 1000, 1000]);
    const denied = await call('request_approval', { subject: 'deploy', summary: 'Deploy again', approvers: ['ana'] });
    await approvals.vote({ id: String(denied.approvalId), approver: 'ana', verdict: 'deny', via: 'api' });
    expect(await call('wait_for_approval', { approvalId: denied.approvalId })).toMatchObject({ state: 'denied' });
  });

  it('waits no longer than timeoutSeconds', async () => {
    const { approvalId } = await call('request_approval', { subject: 'slow', summary: 'Slow', approvers: ['ana'] });
    const { waiter, sleeps } = onFakeClock(() => Promise.resolve());
    const result = await waiter.callTool('wait_for_approval', { approvalId, timeoutSeconds: 3 }, context(callerA));
    expect(result.structuredContent).toMatchObject({ state: 'pending' });
    expect(sleeps.reduce((total, ms) => total + ms, 0)).toBe(3000);
  });

  it('returns pending when the wait ends first, and stops when the caller goes away', async () => {
    const { approvalId } = await call('request_approval', { subject: 'wait', summary: 'Wait', approvers: ['ana'] });
    expect(await call('wait_for_approval', { approvalId, timeoutSeconds: 0 })).toMatchObject({ state: 'pending' });
    const controller = new AbortController();
    const waiting = upstream.callTool(
      'wait_for_approval',
      { approvalId, timeoutSeconds: 60 },
      context(callerA, controller.signal),
    );
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'request_timeout' });
  });

  it("does not let organisation B see or wait on organisation A's approval", async () => {
    const { approvalId } = await call('request_approval', { subject: 'secret', summary: 'Secret', approvers: ['ana'] });
    const error = await failure('wait_for_approval', { approvalId, timeoutSeconds: 0 }, callerB);
    expect(error).toMatchObject({ status: 404, code: 'not_found', param: 'approvalId' });
  });

  it('refuses bad arguments with a 400 naming the field', async () => {
    expect(await failure('request_approval', { subject: 'x', approvers: ['ana'] })).toMatchObject({
      status: 400,
      param: 'summary',
    });
    expect(await failure('request_approval', { subject: 'x', summary: 'X' })).toMatchObject({
      status: 400,
      param: 'approvers',
    });
    expect(await failure('request_approval', { subject: 'x', summary: 'X', approvers: ['role:nobody'] })).toMatchObject(
      { status: 400, param: 'approvers.0' },
    );
    expect(await failure('request_approval', { subject: 'x', summary: 'X', approvers: ['sam'] })).toMatchObject({
      status: 400,
      param: 'approvers',
    });
    expect(await failure('request_approval', { subject: 'x', summary: 'X', approvers: ['agent:bot'] })).toMatchObject({
      status: 400,
      param: 'approvers',
    });
    const huge = { blob: 'x'.repeat(20_000) };
    expect(
      await failure('request_approval', { subject: 'x', summary: 'X', approvers: ['ana'], details: huge }),
    ).toMatchObject({ status: 400, param: 'details' });
    expect(await failure('wait_for_approval', { approvalId: 'appr_12345678', timeoutSeconds: 61 })).toMatchObject({
      status: 400,
      param: 'timeoutSeconds',
    });
    expect(await failure('wait_for_approval', { approvalId: 'nope' })).toMatchObject({
      status: 400,
      param: 'approvalId',
    });
  });
});

describe('the decision registry', () => {
  it('lists the registered decisions and shows one definition', async () => {
    expect(await call('list_decisions', {})).toEqual({
      decisions: [
        {
          name: 'refund',
          description: 'Refund an order',
          owner: 'payments',
          contextFields: ['amount'],
          riskTiers: [
            { name: 'low', outcome: 'auto' },
            { name: 'high', outcome: 'approve' },
          ],
        },
      ],
      truncated: false,
    });
    expect(await call('get_decision_definition', { name: 'refund' })).toMatchObject({
      name: 'refund',
      context: { amount: { schema: { type: 'number' }, required: true } },
      riskTiers: [
        { name: 'low', when: { amount: { lt: 100 } } },
        { name: 'high', approvers: ['role:finance'] },
      ],
    });
    expect(await failure('get_decision_definition', { name: 'payout' })).toMatchObject({ status: 404, param: 'name' });
  });

  it('allows a low-risk proposal and opens an approval for a high-risk one', async () => {
    expect(
      await call('propose_decision', { name: 'refund', proposal: 'refund', context: { amount: 20 } }),
    ).toMatchObject({
      outcome: 'allowed',
      tier: 'low',
    });
    const pending = await call('propose_decision', { name: 'refund', proposal: 'refund', context: { amount: 500 } });
    expect(pending).toMatchObject({
      outcome: 'pending',
      tier: 'high',
      approvalId: expect.stringMatching(/^appr_/) as string,
    });
    expect(records.at(-1)).toMatchObject({
      tenant: 'org_a',
      maker: { kind: 'key', keyId: 'key_a', teamName: 'support', agent: 'support-bot' },
    });
    expect(await call('wait_for_approval', { approvalId: pending.approvalId, timeoutSeconds: 0 })).toMatchObject({
      state: 'pending',
      approvers: ['ana'],
    });
    expect(await failure('wait_for_approval', { approvalId: pending.approvalId }, callerB)).toMatchObject({
      status: 404,
    });
  });

  it('denies a maker the definition does not name, and validates the context as the API does', async () => {
    expect(
      await call('propose_decision', { name: 'refund', proposal: 'x', context: { amount: 5 } }, callerB),
    ).toMatchObject({ outcome: 'denied' });
    expect(
      await failure('propose_decision', { name: 'refund', proposal: 'x', context: { amount: 'lots' } }),
    ).toMatchObject({ status: 400, code: 'invalid_request', param: 'context.amount' });
    expect(await failure('propose_decision', { name: 'payout', proposal: 'x' })).toMatchObject({
      status: 404,
      param: 'name',
    });
    expect(await failure('propose_decision', { proposal: 'x' })).toMatchObject({ status: 400, param: 'name' });
    expect(await failure('propose_decision', { name: 'refund', actingAs: 'ana' })).toMatchObject({ status: 400 });
  });
});

describe('budgets', () => {
  it('shows only the budgets that apply to the caller, with what is spent', async () => {
    const { budgets: shown } = (await call('check_budget', {})) as { budgets: { budgetId: string }[] };
    expect(shown.map((budget) => budget.budgetId)).toEqual(['key-a', 'org-a', 'support-daily']);
    expect(shown.find((budget) => budget.budgetId === 'support-daily')).toMatchObject({
      limit: 10,
      spent: 3,
      remaining: 7,
      period: 'day',
      unit: 'requests',
      resetsAt: '2026-12-02T00:00:00.000Z',
    });
    const other = (await call('check_budget', {}, callerB)) as { budgets: { budgetId: string }[] };
    expect(other.budgets.map((budget) => budget.budgetId)).toEqual(['sales-daily']);
  });

  it('files a budget request visible in the budget-requests list, only for its own budgets', async () => {
    const filed = await call('request_budget', { budgetId: 'support-daily', amount: 20, reason: 'Holiday peak' });
    expect(filed).toMatchObject({ state: 'pending', budgetId: 'support-daily', amount: 20, warnings: [] });
    const listed = await budgetRequests.list({ state: 'pending' });
    expect(listed.find((request) => request.id === filed.requestId)).toMatchObject({
      budgetId: 'support-daily',
      justification: 'Holiday peak',
      requestedBy: 'support-bot (key key_a, team support)',
    });
    expect(await failure('request_budget', { budgetId: 'sales-daily', amount: 20, reason: 'x' })).toMatchObject({
      status: 404,
      param: 'budgetId',
    });
    expect(await failure('request_budget', { budgetId: 'support-daily', amount: 5, reason: 'x' })).toMatchObject({
      status: 400,
      param: 'amount',
    });
    expect(await failure('request_budget', { budgetId: 'support-daily', amount: -1, reason: 'x' })).toMatchObject({
      status: 400,
      param: 'amount',
    });
  });
});
