/**
 * A second kind of call through the same generic stages: the shape the tool gateway (next issue) needs —
 * identify the caller, Cedar policy on `tool.call` / `Podium::Tool`, a budget counted in requests, one
 * record per call whatever happened — with a real policy engine, a real budget engine and no model
 * call anywhere. If a governance stage slips back to model-call-only types or fields, this stops compiling
 * or failing here.
 */
import { describe, expect, it } from 'vitest';
import { budgetDefinitionSchema, PodiumError, type BudgetDefinitionInput } from '../../contract/index.js';
import { budgetSubjectOf, BudgetEngine, MemoryCounters, reserveCallBudget } from '../budgets/index.js';
import {
  attributeCall,
  finishHolds,
  identifyCaller,
  Pipeline,
  recordEveryCall,
  settleHolds,
  type CallBase,
  type CallSink,
} from '../gateway/index.js';
import {
  authorizeCall,
  loadPolicies,
  PolicyCheck,
  PolicyEngine,
  type PolicyCheckInput,
} from '../governance/policies/index.js';
import type { Caller } from '../identity/index.js';
import { createGatewayMetrics } from '../telemetry/index.js';

interface ToolCall extends CallBase<'tool.call'> {
  readonly tool: string;
  readonly arguments: Record<string, unknown>;
  result: unknown;
}

interface ToolRecord {
  id: string;
  kind: string;
  keyId: string | null;
  tool: string;
  endUser: string | null;
  status: number;
  errorCode: string | null;
  charged: boolean;
}

class ToolSink implements CallSink {
  readonly signal = new AbortController().signal;
  started = false;
  failure: PodiumError | undefined;
  fail(error: PodiumError): void {
    this.failure = error;
  }
}

const support: Caller = {
  keyId: 'key_support',
  keyPrefix: 'pk-supp',
  orgId: 'org_1',
  teamId: 'team_support',
  teamName: 'support',
  projectId: null,
  projectName: null,
  allowedModels: null,
  tier: 'standard',
};

const policies = `
@id("support-uses-github")
permit(principal in Podium::Team::"support", action == Podium::Action::"tool.call", resource == Podium::Tool::"github/search");
`;

function toolCall(
  tool: string,
  init: { credential?: string; headers?: Record<string, string>; arguments?: Record<string, unknown> } = {},
): ToolCall {
  return {
    id: `call_${Math.random().toString(36).slice(2, 10)}`,
    kind: 'tool.call',
    receivedAt: new Date(),
    startedAt: performance.now(),
    credential: init.credential ?? 'pk-support',
    headers: init.headers ?? {},
    endUser: undefined,
    tags: undefined,
    caller: undefined,
    costUsd: undefined,
    charge: undefined,
    charged: false,
    holds: [],
    status: 0,
    error: undefined,
    warnings: [],
    signal: undefined,
    tool,
    arguments: init.arguments ?? {},
    result: undefined,
  };
}

/** The policy input for a tool call, as the tool gateway will state it. */
const toolCallRequest = (call: ToolCall): PolicyCheckInput | undefined =>
  call.caller && {
    principal: { kind: 'key', keyId: call.caller.keyId, teamName: call.caller.teamName, tier: call.caller.tier },
    action: 'tool.call',
    resource: { type: 'Tool', id: call.tool },
    context: { dataClasses: [], tags: [] },
    tenant: call.caller.orgId,
    subject: call.id,
  };

async function setup(budgets: BudgetDefinitionInput[]) {
  const metrics = createGatewayMetrics();
  const counters = new MemoryCounters();
  const engine = await BudgetEngine.create({
    counters,
    configured: budgets.map((budget) => budgetDefinitionSchema.parse(budget)),
    store: { list: () => Promise.resolve([]), upsert: () => Promise.resolve(), remove: () => Promise.resolve(false) },
    resolver: {
      organization: () => Promise.resolve('org_1'),
      team: (ref) => Promise.resolve(ref === 'support' ? 'team_support' : undefined),
      project: () => Promise.resolve(undefined),
      key: (ref) => Promise.resolve(ref),
      teamIds: () => Promise.resolve(['team_support']),
    },
    events: { emit: () => undefined },
    now: () => new Date('2026-12-01T12:00:00Z'),
    sleep: () => Promise.resolve(),
  });
  const check = new PolicyCheck({
    engine: new PolicyEngine({ policies: loadPolicies({ texts: { 'tools.cedar': policies }, baseDir: '.' }) }),
    mode: 'enforce',
    metrics,
    roles: {},
    onDeny: () => Promise.resolve(),
  });
  const records: ToolRecord[] = [];
  const errors: unknown[] = [];
  const pipeline = new Pipeline<ToolCall, ToolSink>({
    admission: [
      identifyCaller<ToolCall>({
        authenticate: (credential) =>
          credential === 'pk-support'
            ? Promise.resolve(support)
            : Promise.reject(new PodiumError('invalid_api_key', 'unknown key')),
      }),
      attributeCall,
      authorizeCall<ToolCall>({ check, describe: toolCallRequest, param: 'tool' }),
      reserveCallBudget<ToolCall>({
        engine,
        subject: (call) => budgetSubjectOf(call, call.tool),
        // A tool call uses no tokens: only a request-counted budget can hold it back.
        estimate: () => ({ inputTokens: 0, outputTokens: 0, outputCapped: true }),
        onError: (error) => errors.push(error),
      }),
    ],
    executor: (call, _sink, settle) => {
      if (call.arguments.fail === true)
        return Promise.reject(new PodiumError('upstream_error', 'the tool server failed'));
      call.result = { echo: call.arguments };
      call.charge = { usd: null, tokens: 0, requests: 1 };
      settle(call);
      call.status = 200;
      return Promise.resolve();
    },
    settlement: [settleHolds],
    completion: [
      finishHolds,
      recordEveryCall<ToolCall, ToolRecord>({
        toRecord: (call) => ({
          id: call.id,
          kind: call.kind,
          keyId: call.caller?.keyId ?? null,
          tool: call.tool,
          endUser: call.endUser ?? null,
          status: call.status,
          errorCode: call.error?.code ?? null,
          charged: call.charged,
        }),
        append: (record) => records.push(record),
        now: () => performance.now(),
      }),
    ],
  });
  const run = async (call: ToolCall) => {
    const sink = new ToolSink();
    await pipeline.handle(call, sink);
    return { call, sink };
  };
  return { run, records, counters, errors };
}

const requestsBudget: BudgetDefinitionInput = {
  id: 'support-tools',
  scope: { kind: 'team', value: 'support' },
  unit: 'requests',
  limit: 2,
  period: 'day',
};

describe('a tool call through the generic stages', () => {
  it('identifies, authorises, reserves, runs, settles and records an allowed call', async () => {
    const { run, records } = await setup([requestsBudget]);
    const { call, sink } = await run(
      toolCall('github/search', { headers: { 'x-podium-user': 'ada' }, arguments: { q: 'pipeline' } }),
    );
    expect(sink.failure).toBeUndefined();
    expect(call.result).toEqual({ echo: { q: 'pipeline' } });
    expect(records).toEqual([
      {
        id: call.id,
        kind: 'tool.call',
        keyId: 'key_support',
        tool: 'github/search',
        endUser: 'ada',
        status: 200,
        errorCode: null,
        charged: true,
      },
    ]);
  });

  it('refuses a tool the policy does not permit, before any budget is taken, and records the refusal', async () => {
    const { run, records } = await setup([{ ...requestsBudget, limit: 1 }]);
    const denied = await run(toolCall('stripe/refund'));
    expect(denied.sink.failure?.code).toBe('policy_denied');
    expect(denied.sink.failure?.param).toBe('tool');
    expect(denied.call.status).toBe(403);
    // The one request the budget allows is still there: the refused call reserved nothing.
    const allowed = await run(toolCall('github/search'));
    expect(allowed.call.status).toBe(200);
    expect(records.map((record) => [record.tool, record.errorCode, record.charged])).toEqual([
      ['stripe/refund', 'policy_denied', false],
      ['github/search', null, true],
    ]);
  });

  it('counts tool calls on a request budget: the third of two is refused; a failed call gives its request back', async () => {
    const { run, records } = await setup([requestsBudget]);
    expect((await run(toolCall('github/search'))).call.status).toBe(200);
    const failed = await run(toolCall('github/search', { arguments: { fail: true } }));
    expect(failed.call.charged).toBe(false);
    expect((await run(toolCall('github/search'))).call.status).toBe(200);
    const refused = await run(toolCall('github/search'));
    expect(refused.sink.failure?.code).toBe('budget_exceeded');
    expect(refused.call.status).toBe(429);
    expect(records.map((record) => record.charged)).toEqual([true, false, true, false]);
  });

  it('refuses an unknown key with the same error a model call gets, and still records the call', async () => {
    const { run, records } = await setup([]);
    const missing = await run(toolCall('github/search', { credential: '' }));
    expect(missing.sink.failure?.code).toBe('missing_api_key');
    expect(missing.call.status).toBe(401);
    expect(records).toHaveLength(1);
    expect(records[0]?.keyId).toBeNull();
  });
});
