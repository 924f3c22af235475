/**
 * The governed tool call end to end: a real policy engine with real Cedar, real approvals, a real budget engine,
 * the ledger and the audit trail in a real database, and a small in-test catalog over in-test upstreams. Each
 * test would fail if its stage were left out or reordered.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  budgetDefinitionSchema,
  PodiumError,
  type BudgetDefinitionInput,
  type RequestRecord,
} from '../../contract/index.js';
import { BudgetEngine, MemoryCounters } from '../budgets/index.js';
import { identifyCaller } from '../gateway/index.js';
import { ApprovalService, createApprovalRepository } from '../governance/approvals/index.js';
import { createAuditLog, createAuditRepository, createCheckpointSigner } from '../governance/audit/index.js';
import { loadPolicies, PolicyCheck, PolicyEngine, toolArgumentFields } from '../governance/policies/index.js';
import type { Caller } from '../identity/index.js';
import { createLedgerRepository } from '../ledger/index.js';
import type { SqlClient } from '../store/index.js';
import { SchemaValidator } from '../structured/index.js';
import { createGatewayMetrics } from '../telemetry/index.js';
import { openTestDatabase } from '../testkit/index.js';
import {
  createToolApprovalGrants,
  createToolCallAudit,
  createToolGateway,
  exposedToolName,
  textResult,
  toolCallsMetric,
  waitForApproval,
  type CatalogTool,
  type ToolCatalog,
  type ToolDefinition,
  type ToolResult,
  type ToolUpstream,
} from '../tools/index.js';
import { declareToolCallPipeline } from './tool-call-pipeline.js';

const caller = (orgId: string, keyId: string): Caller => ({
  keyId,
  keyPrefix: keyId.slice(0, 8),
  orgId,
  teamId: `team_support_${orgId}`,
  teamName: 'support',
  projectId: null,
  projectName: null,
  allowedModels: null,
  tier: 'standard',
});
const keys: Record<string, Caller> = {
  'pk-support': caller('org_1', 'key_support'),
  'pk-other-org': caller('org_2', 'key_other'),
};

/** The keys Podium knows: an unknown one is refused as identity refuses it. */
const authenticate = (credential: string): Promise<Caller> => {
  const found = keys[credential];
  return found ? Promise.resolve(found) : Promise.reject(new PodiumError('invalid_api_key', 'unknown key'));
};

const card = '4111 1111 1111 1111';
const definitions: ToolDefinition[] = [
  {
    upstream: 'crm',
    name: 'lookup',
    inputSchema: { type: 'object', properties: { email: { type: 'string' } }, required: ['email'] },
    outputSchema: { type: 'object', properties: { email: { type: 'string' } }, required: ['email'] },
    annotations: { readOnlyHint: true },
  },
  {
    upstream: 'crm',
    name: 'refund',
    inputSchema: {
      type: 'object',
      properties: { orderId: { type: 'string' }, amount: { type: 'number' } },
      required: ['orderId', 'amount'],
    },
  },
  {
    upstream: 'crm',
    name: 'delete_customer',
    inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
    annotations: { destructiveHint: true },
  },
  { upstream: 'crm', name: 'card_info', inputSchema: { type: 'object', properties: {} } },
  { upstream: 'crm', name: 'dump', inputSchema: { type: 'object', properties: {} } },
  {
    upstream: 'crm',
    name: 'broken_output',
    inputSchema: { type: 'object' },
    outputSchema: { type: 'object', required: ['id'] },
  },
  { upstream: 'flaky', name: 'ping', inputSchema: { type: 'object' } },
  { upstream: 'slow', name: 'hang', inputSchema: { type: 'object' } },
];

const policies = `
@id("support-uses-crm")
permit(principal in Podium::Team::"support", action == Podium::Action::"tool.call", resource)
when { context.upstream != "crm" || context.tool != "refund" };

@id("small-refunds")
permit(principal in Podium::Team::"support", action == Podium::Action::"tool.call", resource == Podium::Tool::"crm/refund")
when { context.arguments has amount && context.arguments.amount.lessThanOrEqual(decimal("100.0")) };

@id("large-refunds")
@approval("alice, bob")
permit(principal in Podium::Team::"support", action == Podium::Action::"tool.call", resource == Podium::Tool::"crm/refund")
when { context.arguments has amount && context.arguments.amount.greaterThan(decimal("100.0")) };

@id("no-destructive-tools")
forbid(principal, action == Podium::Action::"tool.call", resource)
when { context has destructiveHint && context.destructiveHint };

@id("withhold-cards")
forbid(principal, action == Podium::Action::"tool.result", resource)
when { context.resultDataClasses.contains("card") };
`;

/** The in-test upstreams: what each tool answers, and how often each was called. */
function upstreams(calls: string[]): Map<string, ToolUpstream> {
  const answer = (name: string, args: Readonly<Record<string, unknown>>): Promise<ToolResult> => {
    calls.push(name);
    switch (name) {
      case 'lookup': {
        const email = String(args.email);
        return Promise.resolve({
          content: [{ type: 'text', text: `Customer ${email}, phone +1 415 555 0100` }],
          structuredContent: { email },
        });
      }
      case 'card_info':
        return Promise.resolve(textResult(`card on file: ${card}`));
      case 'dump':
        return Promise.resolve(textResult('x'.repeat(20_000)));
      case 'broken_output':
        return Promise.resolve({ content: [], structuredContent: { other: 1 } });
      case 'ping':
        return Promise.reject(new PodiumError('upstream_unavailable', 'flaky is down'));
      case 'hang':
        // Ignores its signal: the gateway's deadline must still end the call.
        return new Promise<ToolResult>(() => undefined);
      default:
        return Promise.resolve(textResult(`${name} done`));
    }
  };
  const upstream = (name: string): ToolUpstream => ({
    name,
    kind: 'mcp',
    listTools: () => Promise.resolve(definitions.filter((definition) => definition.upstream === name)),
    callTool: (tool, args) => answer(tool, args),
    health: () => ({ state: 'ready', since: '2026-12-01T00:00:00Z' }),
    onToolsChanged: () => () => undefined,
    close: () => Promise.resolve(),
  });
  return new Map([
    ['crm', upstream('crm')],
    ['flaky', upstream('flaky')],
    ['slow', upstream('slow')],
  ]);
}

function catalogOver(byName: Map<string, ToolUpstream>): ToolCatalog {
  const tools: CatalogTool[] = definitions.map((definition) => ({
    exposedName: exposedToolName(definition.upstream, definition.name),
    canonicalName: exposedToolName(definition.upstream, definition.name),
    definition,
    description: definition.description,
    pinDigest: 'pinned',
  }));
  return {
    list: () => Promise.resolve(tools),
    resolve: (_caller, name) => Promise.resolve(tools.find((tool) => tool.exposedName === name)),
    searchTools: () => Promise.resolve(tools),
    upstream: (name) => byName.get(name),
    upstreams: () => [...byName.values()],
    onChanged: () => () => undefined,
  };
}

let sql: SqlClient;
beforeAll(async () => {
  sql = await openTestDatabase();
});
afterAll(async () => {
  await sql.close();
});

const approvalTimeoutMs = 60_000;

async function setup(options: { budgets?: BudgetDefinitionInput[]; maxResultBytes?: number } = {}) {
  let clock = Date.parse('2026-12-01T12:00:00Z');
  const now = () => new Date(clock);
  const metrics = createGatewayMetrics();
  const engine = await BudgetEngine.create({
    counters: new MemoryCounters(),
    configured: (options.budgets ?? []).map((budget) => budgetDefinitionSchema.parse(budget)),
    store: { list: () => Promise.resolve([]), upsert: () => Promise.resolve(), remove: () => Promise.resolve(false) },
    resolver: {
      organization: () => Promise.resolve('org_1'),
      team: (ref) => Promise.resolve(ref === 'support' ? 'team_support_org_1' : undefined),
      project: () => Promise.resolve(undefined),
      key: (ref) => Promise.resolve(ref),
      teamIds: () => Promise.resolve(['team_support_org_1']),
    },
    events: { emit: () => undefined },
    now,
    sleep: () => Promise.resolve(),
  });
  const auditLog = createAuditLog({
    store: createAuditRepository(sql),
    signer: createCheckpointSigner(generateKeyPairSync('ed25519').privateKey),
  });
  const check = new PolicyCheck({
    engine: new PolicyEngine({
      policies: loadPolicies({
        texts: { 'tools.cedar': policies },
        baseDir: '.',
        toolArguments: toolArgumentFields(definitions),
      }),
    }),
    mode: 'enforce',
    metrics,
    onDeny: (denial) =>
      auditLog.append({
        tenant: denial.tenant,
        kind: 'policy',
        actor: denial.actor,
        subject: denial.subject,
        payload: { action: denial.action, policies: denial.policies },
      }),
  });
  const approvals = new ApprovalService({ records: createApprovalRepository(sql), now });
  const errors: unknown[] = [];
  const audit = createToolCallAudit({
    append: (entry) => auditLog.append(entry),
    now: () => performance.now(),
    onError: (error) => errors.push(error),
  });
  const upstreamCalls: string[] = [];
  const catalog = catalogOver(upstreams(upstreamCalls));
  const records: RequestRecord[] = [];
  const pipeline = declareToolCallPipeline({
    catalog,
    identify: identifyCaller({ authenticate }),
    validator: new SchemaValidator(),
    metrics,
    config: {
      costs: { 'crm__*': { usd: 0.25, requests: 1 } },
      approvalTimeoutMs,
      maxResultBytes: options.maxResultBytes ?? 64 * 1024,
    },
    timeoutMs: (name) => (name === 'slow' ? 50 : 5_000),
    policy: { check, approvals, grants: createToolApprovalGrants(sql), onError: (error) => errors.push(error) },
    budget: { engine, onError: (error) => errors.push(error) },
    record: (record) => records.push(record),
    audit,
    now,
    onStageError: (error) => errors.push(error),
  });
  const gateway = createToolGateway({
    catalog,
    identity: { authenticate },
    stages: pipeline.stages,
    waitForApproval: waitForApproval({
      approvals,
      now,
      // Time passes only when the test says so: each poll lets the test act (vote) before the next look.
      sleep: () => Promise.resolve(),
    }),
    now,
  });
  const ledger = createLedgerRepository(sql);
  const call = (name: string, args: unknown, init: { key?: string; headers?: Record<string, string> } = {}) =>
    gateway.callTool({
      credential: init.key ?? 'pk-support',
      headers: init.headers ?? { 'x-podium-user': 'ada', 'x-podium-agent': 'refund-bot' },
      signal: new AbortController().signal,
      name,
      arguments: args,
    });
  /** Writes the records so far to the ledger and the audit entries to the trail; returns the rows by id. */
  const flush = async () => {
    await ledger.insertMany(records.splice(0));
    await audit.drain();
    await auditLog.flush();
  };
  const auditEntries = async (tenant: string) => createAuditRepository(sql).list({ tenant, after: 0, limit: 1000 });
  return {
    call,
    gateway,
    pipeline,
    approvals,
    metrics,
    records,
    upstreamCalls,
    errors,
    ledger,
    flush,
    auditEntries,
    advance: (ms: number) => void (clock += ms),
    close: () => auditLog.close(),
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const rejection = async (promise: Promise<unknown>): Promise<PodiumError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PodiumError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
};

async function ledgerRow(env: Setup, callId: string): Promise<RequestRecord | undefined> {
  await env.flush();
  const page = await env.ledger.list({ kind: 'tool.call', limit: 1000 });
  return page.data.find((record) => record.id === callId);
}

describe('the tool-call pipeline', () => {
  it('runs its steps in the declared order', async () => {
    const env = await setup();
    expect(env.pipeline.steps).toEqual([
      'admission:identify',
      'admission:attribute',
      'admission:attribute-agent',
      'admission:resolve-tool',
      'admission:validate-arguments',
      'admission:policy',
      'admission:approval',
      'admission:reserve-budget',
      'executor:screen-result',
      'executor:check-result',
      'executor:call-upstream',
      'settlement:settle-holds',
      'completion:finish-holds',
      'completion:record',
      'completion:audit',
    ]);
    await env.close();
  });

  it('runs an allowed call, redacts personal data in its result, and records it in the ledger', async () => {
    const env = await setup();
    const outcome = await env.call('crm__lookup', { email: 'ada@example.com' });
    expect(outcome.type).toBe('result');
    if (outcome.type !== 'result') return;
    const text = JSON.stringify(outcome.result);
    expect(text).not.toContain('ada@example.com');
    expect(text).not.toContain('555 0100');
    expect(outcome.result.content).toEqual([{ type: 'text', text: 'Customer [EMAIL], phone [PHONE]' }]);
    expect(outcome.result.structuredContent).toEqual({ email: '[EMAIL]' });
    const row = await ledgerRow(env, outcome.callId);
    expect(row).toMatchObject({
      kind: 'tool.call',
      tool: 'crm__lookup',
      orgId: 'org_1',
      keyId: 'key_support',
      endUser: 'ada',
      status: 200,
      errorCode: null,
      charged: true,
      costUsd: 0.25,
    });
    expect(row?.argumentsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(env.metrics.value(toolCallsMetric, { upstream: 'crm', outcome: 'ok' })).toBe(1);
    expect(env.errors).toEqual([]);
    await env.close();
  });

  it('refuses an unknown tool (404 naming it) and arguments its schema refuses (400 naming the field)', async () => {
    const env = await setup();
    const unknown = await rejection(env.call('crm__nope', {}));
    expect(unknown).toMatchObject({ code: 'tool_not_found', status: 404, param: 'name' });
    expect(unknown.message).toContain('crm__nope');
    const invalid = await rejection(env.call('crm__lookup', { email: 5 }));
    expect(invalid).toMatchObject({ code: 'invalid_tool_arguments', status: 400, param: 'arguments.email' });
    const missing = await rejection(env.call('crm__refund', { orderId: 'o1' }));
    expect(missing).toMatchObject({ code: 'invalid_tool_arguments', param: 'arguments.amount' });
    expect(env.upstreamCalls).toEqual([]);
    await env.close();
  });

  it('denies by policy (403 naming it), records the denial and audits it for its tenant only', async () => {
    const env = await setup();
    const denied = await rejection(env.call('crm__delete_customer', { id: 'c1' }));
    expect(denied).toMatchObject({ code: 'policy_denied', status: 403 });
    expect(denied.message).toContain('no-destructive-tools');
    expect(env.upstreamCalls).toEqual([]);
    const [record] = env.records;
    expect(record).toMatchObject({
      tool: 'crm__delete_customer',
      status: 403,
      errorCode: 'policy_denied',
      charged: false,
    });
    await env.flush();
    const entries = await env.auditEntries('org_1');
    const mine = entries.filter((entry) => entry.subject === record?.id);
    const payloads = mine.map((entry) => JSON.parse(entry.payloadJson) as Record<string, unknown>);
    expect(payloads).toContainEqual(
      expect.objectContaining({
        action: 'tool.call',
        outcome: 'denied',
        policies: ['no-destructive-tools'],
        chain: { user: 'ada', agent: 'refund-bot', key: 'key_support', team: 'support', tool: 'crm__delete_customer' },
        arguments: { id: 'c1' },
      }),
    );
    expect(mine.every((entry) => entry.tenant === 'org_1')).toBe(true);
    expect((await env.auditEntries('org_2')).some((entry) => entry.subject === record?.id)).toBe(false);
    await env.close();
  });

  it('asks a human for a gated call, runs the same call once approved, once, and asks again on replay', async () => {
    const env = await setup();
    const args = { orderId: 'ord_approval', amount: 250 };
    const first = await env.call('crm__refund', args);
    expect(first).toMatchObject({ type: 'pending' });
    if (first.type !== 'pending') return;
    expect(first.expiresAt).toBe(new Date(Date.parse('2026-12-01T12:00:00Z') + approvalTimeoutMs).toISOString());
    // Asking again before anyone decides: the same approval, still pending, nothing run.
    expect(await env.call('crm__refund', { amount: 250, orderId: 'ord_approval' })).toMatchObject({
      type: 'pending',
      approvalId: first.approvalId,
    });
    expect(env.upstreamCalls).toEqual([]);
    const waiting = env.gateway.waitForApproval(first.approvalId, new AbortController().signal);
    await env.approvals.vote({ id: first.approvalId, approver: 'alice', verdict: 'approve', via: 'api' });
    expect(await waiting).toBe('approved');
    // Two retries race for the one approval: one runs, the other is told it was used.
    const raced = await Promise.allSettled([env.call('crm__refund', args), env.call('crm__refund', args)]);
    const ran = raced.filter((settled) => settled.status === 'fulfilled');
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ value: { type: 'result' } });
    const lost = raced.find((settled) => settled.status === 'rejected');
    expect(lost).toMatchObject({ reason: { code: 'conflict', status: 409 } });
    expect(env.upstreamCalls).toEqual(['refund']);
    // The used approval does not run the call again: a new approval is needed.
    const replay = await env.call('crm__refund', args);
    expect(replay).toMatchObject({ type: 'pending' });
    expect(replay.type === 'pending' && replay.approvalId).not.toBe(first.approvalId);
    expect(env.upstreamCalls).toEqual(['refund']);
    // A small refund needs nobody.
    expect(await env.call('crm__refund', { orderId: 'ord_approval', amount: 20 })).toMatchObject({ type: 'result' });
    await env.flush();
    const payloads = (await env.auditEntries('org_1'))
      .filter((entry) => entry.kind === 'approval')
      .map(
        (entry) =>
          JSON.parse(entry.payloadJson) as { approval: { id: string; state: string } | null; policies: string[] },
      );
    expect(payloads).toContainEqual(
      expect.objectContaining({
        approval: expect.objectContaining({ id: first.approvalId, state: 'used' }) as unknown,
      }),
    );
    expect(payloads.find((payload) => payload.approval?.state === 'used')?.policies).toEqual(['large-refunds']);
    await env.close();
  });

  it('binds the approval to the arguments: a changed argument needs its own approval', async () => {
    const env = await setup();
    const first = await env.call('crm__refund', { orderId: 'ord_bound', amount: 250 });
    if (first.type !== 'pending') throw new Error('expected pending');
    await env.approvals.vote({ id: first.approvalId, approver: 'bob', verdict: 'approve', via: 'api' });
    const changed = await env.call('crm__refund', { orderId: 'ord_bound', amount: 900 });
    expect(changed).toMatchObject({ type: 'pending' });
    expect(changed.type === 'pending' && changed.approvalId).not.toBe(first.approvalId);
    // Another agent making the same call is another caller: its own approval too.
    const otherAgent = await env.call(
      'crm__refund',
      { orderId: 'ord_bound', amount: 250 },
      { headers: { 'x-podium-user': 'ada', 'x-podium-agent': 'other-bot' } },
    );
    expect(otherAgent).toMatchObject({ type: 'pending' });
    expect(env.upstreamCalls).toEqual([]);
    expect(await env.call('crm__refund', { orderId: 'ord_bound', amount: 250 })).toMatchObject({ type: 'result' });
    await env.close();
  });

  it('refuses a call whose approval was denied or expired (403), then asks again', async () => {
    const env = await setup();
    const args = { orderId: 'ord_denied', amount: 500 };
    const first = await env.call('crm__refund', args);
    if (first.type !== 'pending') throw new Error('expected pending');
    await env.approvals.vote({ id: first.approvalId, approver: 'alice', verdict: 'deny', via: 'api' });
    expect(await env.gateway.waitForApproval(first.approvalId, new AbortController().signal)).toBe('denied');
    expect(await rejection(env.call('crm__refund', args))).toMatchObject({ code: 'approval_denied', status: 403 });
    expect(await env.call('crm__refund', args)).toMatchObject({ type: 'pending' });

    const late = { orderId: 'ord_expired', amount: 500 };
    const second = await env.call('crm__refund', late);
    if (second.type !== 'pending') throw new Error('expected pending');
    env.advance(approvalTimeoutMs + 1);
    expect(await env.gateway.waitForApproval(second.approvalId, new AbortController().signal)).toBe('expired');
    expect(await rejection(env.call('crm__refund', late))).toMatchObject({ code: 'approval_expired', status: 403 });
    expect(env.upstreamCalls).toEqual([]);
    await env.flush();
    await env.close();
  });

  it('refuses a call once its budget is spent (429), and charges only what ran', async () => {
    const env = await setup({
      budgets: [
        { id: 'support-tools', scope: { kind: 'team', value: 'support' }, unit: 'requests', limit: 2, period: 'day' },
      ],
    });
    await env.call('crm__lookup', { email: 'one@example.com' });
    await rejection(env.call('flaky__ping', {}));
    await env.call('crm__lookup', { email: 'two@example.com' });
    const refused = await rejection(env.call('crm__lookup', { email: 'three@example.com' }));
    expect(refused).toMatchObject({ code: 'budget_exceeded', status: 429 });
    expect(env.records.map((record) => [record.tool, record.status, record.charged])).toEqual([
      ['crm__lookup', 200, true],
      ['flaky__ping', 503, false],
      ['crm__lookup', 200, true],
      ['crm__lookup', 429, false],
    ]);
    await env.close();
  });

  it('withholds a result a tool.result forbid matches, without echoing it', async () => {
    const env = await setup();
    const outcome = await env.call('crm__card_info', {});
    if (outcome.type !== 'result') throw new Error('expected a result');
    const text = JSON.stringify(outcome.result);
    expect(text).toContain('withheld');
    expect(text).toContain('withhold-cards');
    expect(text).not.toContain('4111');
    expect(text).not.toContain('[CARD]');
    expect(env.metrics.value(toolCallsMetric, { upstream: 'crm', outcome: 'withheld' })).toBe(1);
    await env.flush();
    const withheld = (await env.auditEntries('org_1')).find((entry) => entry.subject === outcome.callId);
    expect(JSON.parse(withheld?.payloadJson ?? '{}')).toMatchObject({ withheldBy: ['withhold-cards'] });
    await env.close();
  });

  it('cuts a result larger than maxResultBytes, saying so', async () => {
    const env = await setup({ maxResultBytes: 2000 });
    const outcome = await env.call('crm__dump', {});
    if (outcome.type !== 'result') throw new Error('expected a result');
    expect(Buffer.byteLength(JSON.stringify(outcome.result))).toBeLessThanOrEqual(2000);
    expect(JSON.stringify(outcome.result)).toContain('Podium cut this result');
    await env.close();
  });

  it('records an upstream failure (503) and a result that breaks its output schema (502)', async () => {
    const env = await setup();
    const failed = await rejection(env.call('flaky__ping', {}));
    expect(failed).toMatchObject({ code: 'upstream_unavailable', status: 503 });
    const broken = await rejection(env.call('crm__broken_output', {}));
    expect(broken).toMatchObject({ code: 'invalid_tool_result', status: 502 });
    const [row] = env.records;
    const stored = row && (await ledgerRow(env, row.id));
    expect(stored).toMatchObject({
      tool: 'flaky__ping',
      status: 503,
      errorCode: 'upstream_unavailable',
      charged: false,
    });
    expect(env.metrics.value(toolCallsMetric, { upstream: 'flaky', outcome: 'upstream_error' })).toBe(1);
    await env.close();
  });

  it('ends a call its upstream does not answer at the upstream deadline (504), uncharged', async () => {
    const env = await setup();
    expect(await rejection(env.call('slow__hang', {}))).toMatchObject({ code: 'upstream_timeout', status: 504 });
    expect(env.records.map((record) => [record.tool, record.status, record.charged])).toEqual([
      ['slow__hang', 504, false],
    ]);
    await env.close();
  });

  it('lists tools only for a known key', async () => {
    const env = await setup();
    const base = { headers: {}, signal: new AbortController().signal };
    expect((await env.gateway.listTools({ ...base, credential: 'pk-support' })).length).toBe(definitions.length);
    await expect(env.gateway.listTools({ ...base, credential: undefined })).rejects.toMatchObject({ status: 401 });
    await expect(env.gateway.listTools({ ...base, credential: 'pk-unknown' })).rejects.toMatchObject({
      code: 'invalid_api_key',
    });
    expect(await rejection(env.call('crm__lookup', { email: 'x@example.com' }, { key: 'pk-unknown' }))).toMatchObject({
      code: 'invalid_api_key',
      status: 401,
    });
    await env.close();
  });

  it('keeps tenants apart in the ledger', async () => {
    const env = await setup();
    const own = await env.call('crm__lookup', { email: 'tenant@example.com' });
    const other = await env.call('crm__lookup', { email: 'tenant@example.com' }, { key: 'pk-other-org' });
    await env.flush();
    const orgOne = await env.ledger.list({ orgId: 'org_1', kind: 'tool.call', limit: 1000 });
    expect(orgOne.data.some((record) => record.id === own.callId)).toBe(true);
    expect(orgOne.data.some((record) => record.id === other.callId)).toBe(false);
    expect(orgOne.data.every((record) => record.orgId === 'org_1')).toBe(true);
    await env.close();
  });
});
