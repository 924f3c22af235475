/**
 * The budget admin API over real HTTP: a Router and server with these routes, real stores (a throwaway database on the embedded PostgreSQL)
 * and a stub of the budget engine that keeps definitions in a Map.
 */
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  budgetDefinitionSchema,
  type BudgetDefinition,
  type BudgetStatus,
  type RequestRecord,
} from '../../contract/index.js';
import { BudgetRequestService, type BudgetAdmin, type BudgetEntry } from '../budgets/index.js';
import { ensureAdminCredential } from '../identity/index.js';
import type { SqlClient } from '../store/index.js';
import { budgetOpenApiPaths } from './budget-openapi-paths.js';
import { addBudgetRoutes } from './budget-routes.js';
import { createHttpServer } from './http-server.js';
import { Router } from './router.js';
import { openTestDatabase } from '../testkit/index.js';
import {
  createBudgetEventRepository,
  createBudgetRequestRepository,
  createSpendReportRepository,
} from '../budgets/index.js';
import { createLedgerRepository } from '../ledger/index.js';
import { createSettingsRepository } from '../store/index.js';

/** The engine's admin side, in memory: status is derived from a fixed `used` per budget. */
class StubBudgetAdmin implements BudgetAdmin {
  readonly config = new Map<string, BudgetDefinition>();
  readonly api = new Map<string, BudgetDefinition>();
  readonly upserts: BudgetDefinition[] = [];

  list(): BudgetEntry[] {
    return [...new Set([...this.config.keys(), ...this.api.keys()])].flatMap((id) => this.get(id) ?? []);
  }
  get(id: string): BudgetEntry | undefined {
    const api = this.api.get(id);
    if (api !== undefined) return { definition: api, source: 'api' };
    const config = this.config.get(id);
    return config && { definition: config, source: 'config' };
  }
  status(id?: string): Promise<BudgetStatus[]> {
    const entries = this.list().filter((entry) => id === undefined || entry.definition.id === id);
    return Promise.resolve(entries.map(({ definition, source }) => statusOf(definition, source)));
  }
  upsert(definition: BudgetDefinition): Promise<BudgetEntry> {
    this.upserts.push(definition);
    this.api.set(definition.id, definition);
    return Promise.resolve({ definition, source: 'api' });
  }
  remove(id: string): Promise<boolean> {
    return Promise.resolve(this.api.delete(id));
  }
}

const statusOf = (definition: BudgetDefinition, source: BudgetEntry['source']): BudgetStatus => ({
  id: definition.id,
  scope: definition.scope,
  unit: definition.unit,
  mode: definition.mode,
  period: definition.period,
  periodStart: '2026-11-01T00:00:00.000Z',
  resetsAt: '2026-12-01T00:00:00.000Z',
  limit: definition.limit,
  used: 40,
  remaining: definition.limit - 40,
  burnRatePerHour: 0.25,
  projectedAtPeriodEnd: 180,
  hot: 180 > definition.limit,
  source,
});

const budget = (id: string, fields: Record<string, unknown> = {}): BudgetDefinition =>
  budgetDefinitionSchema.parse({ id, scope: { kind: 'team', value: 'eng' }, limit: 100, ...fields });

const adminKey = 'pa-budget-routes-test-key';
let store: SqlClient;
let engine: StubBudgetAdmin;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  store = await openTestDatabase();
  engine = new StubBudgetAdmin();
  engine.config.set(
    'org-total',
    budget('org-total', { scope: { kind: 'organization', value: 'default' }, limit: 5000 }),
  );
  const admin = await ensureAdminCredential({
    configured: adminKey,
    settings: createSettingsRepository(store),
    announce: () => undefined,
  });
  const router = new Router();
  addBudgetRoutes(router, {
    admin,
    budgets: engine,
    requests: new BudgetRequestService({ repository: createBudgetRequestRepository(store), admin: engine }),
    events: createBudgetEventRepository(store),
    spend: createSpendReportRepository(store),
  });
  const server = createHttpServer(router, () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close();
  await store.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown; response: Response; text: string }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json')
    ? (JSON.parse(text) as unknown)
    : undefined;
  return { status: response.status, json, response, text };
}

describe('budget routes', () => {
  it('require the admin key', async () => {
    for (const path of [
      '/api/v1/budgets',
      '/api/v1/budgets/status',
      '/api/v1/budget-requests',
      '/api/v1/reports/spend?period=2026',
    ]) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(401);
      expect(await response.json()).toMatchObject({ error: { type: 'authentication_error', code: 'missing_api_key' } });
    }
  });

  it('create a budget with defaults applied, list it with its source, and delete only API budgets', async () => {
    const created = await call('POST', '/api/v1/budgets', {
      id: 'team-eng',
      scope: { kind: 'team', value: 'eng' },
      limit: 100,
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ ...budget('team-eng'), source: 'api' });
    expect(engine.upserts.at(-1)).toEqual(budget('team-eng'));

    const listed = await call('GET', '/api/v1/budgets');
    expect(listed.json).toEqual({
      data: expect.arrayContaining([
        expect.objectContaining({ id: 'org-total', source: 'config' }),
        created.json,
      ]) as unknown,
    });

    expect(await call('DELETE', '/api/v1/budgets/team-eng')).toMatchObject({
      status: 200,
      json: { id: 'team-eng', deleted: true },
    });
    expect(await call('DELETE', '/api/v1/budgets/team-eng')).toMatchObject({
      status: 404,
      json: { error: { code: 'not_found', param: 'id' } },
    });
    expect(await call('DELETE', '/api/v1/budgets/org-total')).toMatchObject({
      status: 409,
      json: { error: { code: 'conflict' } },
    });
  });

  it('name the field of an invalid definition', async () => {
    const negative = await call('POST', '/api/v1/budgets', {
      id: 'x',
      scope: { kind: 'team', value: 'eng' },
      limit: -5,
    });
    expect(negative).toMatchObject({
      status: 400,
      json: { error: { type: 'invalid_request_error', code: 'invalid_request', param: 'limit' } },
    });
    const scope = await call('POST', '/api/v1/budgets', { id: 'x', scope: { kind: 'galaxy', value: 'eng' }, limit: 5 });
    expect(scope).toMatchObject({ status: 400, json: { error: { param: 'scope.kind' } } });
    expect(
      (await call('POST', '/api/v1/budgets', { id: 'x', scope: { kind: 'team', value: 'e' }, limit: 5, colour: 'red' }))
        .text,
    ).toContain('colour');
  });

  it('report the status of every budget and of one', async () => {
    const all = await call('GET', '/api/v1/budgets/status');
    expect(all.json).toEqual({
      data: [
        statusOf(budget('org-total', { scope: { kind: 'organization', value: 'default' }, limit: 5000 }), 'config'),
      ],
    });
    expect((await call('GET', '/api/v1/budgets/org-total/status')).json).toMatchObject({
      id: 'org-total',
      used: 40,
      burnRatePerHour: 0.25,
    });
    expect(await call('GET', '/api/v1/budgets/ghost/status')).toMatchObject({
      status: 404,
      json: { error: { code: 'not_found' } },
    });
  });

  it('list alerts newest first, filtered, and validate the query', async () => {
    const budgetId = `b-${randomUUID()}`;
    const event = {
      budgetId,
      kind: 'threshold' as const,
      used: 50,
      limit: 100,
      periodStart: '2026-11-01T00:00:00.000Z',
      message: 'half',
    };
    await createBudgetEventRepository(store).insertOnce({
      ...event,
      id: 'bevt_1',
      at: '2026-11-10T00:00:00.000Z',
      threshold: 0.5,
    });
    await createBudgetEventRepository(store).insertOnce({
      ...event,
      id: 'bevt_2',
      at: '2026-11-20T00:00:00.000Z',
      threshold: 0.8,
      used: 80,
    });

    const newest = await call('GET', `/api/v1/budgets/events?budget=${budgetId}&limit=1`);
    expect(newest.json).toEqual({ data: [expect.objectContaining({ id: 'bevt_2', threshold: 0.8 })] });
    const since = await call('GET', `/api/v1/budgets/events?budget=${budgetId}&since=2026-11-15T00:00:00Z`);
    expect((since.json as { data: { id: string }[] }).data.map((item) => item.id)).toEqual(['bevt_2']);
    expect(await call('GET', '/api/v1/budgets/events?since=yesterday')).toMatchObject({
      status: 400,
      json: { error: { param: 'since' } },
    });
    expect(await call('GET', '/api/v1/budgets/events?limit=0')).toMatchObject({
      status: 400,
      json: { error: { param: 'limit' } },
    });
  });

  it('file, list, grant and refuse to re-decide budget requests', async () => {
    engine.api.set('team-web', budget('team-web', { limit: 200 }));
    const filed = await call('POST', '/api/v1/budget-requests', {
      budgetId: 'team-web',
      amount: 300,
      requestedBy: 'ana',
      justification: 'launch',
    });
    expect(filed).toMatchObject({ status: 201, json: { state: 'pending', budgetId: 'team-web', amount: 300 } });
    const id = (filed.json as { id: string }).id;
    const pending = await call('GET', '/api/v1/budget-requests?state=pending');
    expect((pending.json as { data: { id: string }[] }).data.map((item) => item.id)).toContain(id);

    const granted = await call('POST', `/api/v1/budget-requests/${id}/grant`, { approver: 'bo', comment: 'ok' });
    expect(granted).toMatchObject({
      status: 200,
      json: { id, state: 'granted', decidedBy: 'bo', decisionComment: 'ok' },
    });
    expect(engine.get('team-web')?.definition.limit).toBe(300);
    expect(await call('POST', `/api/v1/budget-requests/${id}/deny`, { approver: 'cy' })).toMatchObject({
      status: 409,
      json: { error: { code: 'conflict' } },
    });
  });

  it('validate budget request bodies and queries, naming the field', async () => {
    const missing = await call('POST', '/api/v1/budget-requests', {
      budgetId: 'team-web',
      amount: 300,
      requestedBy: 'ana',
    });
    expect(missing).toMatchObject({ status: 400, json: { error: { param: 'justification' } } });
    const neither = await call('POST', '/api/v1/budget-requests', {
      amount: 300,
      requestedBy: 'ana',
      justification: 'x',
    });
    expect(neither).toMatchObject({ status: 400, json: { error: { param: 'budgetId' } } });
    expect(await call('GET', '/api/v1/budget-requests?state=maybe')).toMatchObject({
      status: 400,
      json: { error: { param: 'state' } },
    });
    expect(await call('POST', '/api/v1/budget-requests/breq_x/grant', {})).toMatchObject({
      status: 400,
      json: { error: { param: 'approver' } },
    });
    expect(await call('POST', '/api/v1/budget-requests/breq_x/grant', { approver: 'bo' })).toMatchObject({
      status: 404,
    });
  });

  it('report spend for a month in a time zone, as JSON and as CSV', async () => {
    const teamId = `team_${randomUUID()}`;
    const record = (at: string, costUsd: number): RequestRecord => ({
      id: `req_${randomUUID()}`,
      at,
      orgId: 'org_1',
      teamId,
      projectId: null,
      keyId: null,
      surface: 'openai-chat',
      requestedModel: 'fast',
      servedModel: 'gpt-4o-mini',
      provider: 'openai',
      stream: false,
      status: 200,
      errorCode: null,
      tier: null,
      endUser: null,
      tags: null,
      inputTokens: 10,
      outputTokens: 2,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      costUsd,
      latencyMs: 1,
      overheadMs: 0,
      attempts: 1,
      routePolicy: null,
      routeChoice: null,
      routeReason: null,
      cacheStatus: null,
      dataFindings: null,
      usageEstimated: false,
      sanitized: false,
    });
    await createLedgerRepository(store).insertMany([
      record('2030-10-31T23:30:00.000Z', 0.25),
      record('2030-11-30T23:30:00.000Z', 9),
    ]);

    const json = await call('GET', '/api/v1/reports/spend?by=team&period=2030-11&timezone=Europe/Paris');
    expect(json.json).toEqual({
      by: 'team',
      period: '2030-11',
      from: '2030-10-31T23:00:00.000Z',
      to: '2030-11-30T23:00:00.000Z',
      rows: [
        {
          group: teamId,
          label: null,
          requests: 1,
          inputTokens: 10,
          outputTokens: 2,
          costUsd: 0.25,
          unpricedRequests: 0,
        },
      ],
      totalUsd: 0.25,
    });
    const csv = await call('GET', '/api/v1/reports/spend?by=team&period=2030-11&timezone=Europe/Paris&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.response.headers.get('content-disposition')).toBe('attachment; filename="spend-by-team-2030-11.csv"');
    expect(csv.text).toBe(
      `period,group,label,requests,input_tokens,output_tokens,cost_usd,unpriced_requests\r\n2030-11,${teamId},,1,10,2,0.25,0\r\n`,
    );
  });

  it('name the field of a bad report query', async () => {
    expect(await call('GET', '/api/v1/reports/spend?by=team')).toMatchObject({
      status: 400,
      json: { error: { param: 'period' } },
    });
    expect(await call('GET', '/api/v1/reports/spend?period=2026-13')).toMatchObject({
      status: 400,
      json: { error: { param: 'period' } },
    });
    expect(await call('GET', '/api/v1/reports/spend?period=2026&by=colour')).toMatchObject({
      status: 400,
      json: { error: { param: 'by' } },
    });
    expect(await call('GET', '/api/v1/reports/spend?period=2026&timezone=Mars/Base')).toMatchObject({
      status: 400,
      json: { error: { param: 'timezone' } },
    });
    expect(await call('GET', '/api/v1/reports/spend?period=2026&format=xml')).toMatchObject({
      status: 400,
      json: { error: { param: 'format' } },
    });
  });
});

describe('budgetOpenApiPaths', () => {
  it('describes every budget route with the schemas that validate it', () => {
    const paths = budgetOpenApiPaths() as Record<
      string,
      Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>
    >;
    expect(Object.keys(paths).sort()).toEqual([
      '/api/v1/budget-requests',
      '/api/v1/budget-requests/{id}/deny',
      '/api/v1/budget-requests/{id}/grant',
      '/api/v1/budgets',
      '/api/v1/budgets/events',
      '/api/v1/budgets/status',
      '/api/v1/budgets/{id}',
      '/api/v1/budgets/{id}/status',
      '/api/v1/reports/spend',
    ]);
    expect(paths['/api/v1/budgets']?.post?.requestBody?.content['application/json']?.schema.required).toEqual([
      'id',
      'scope',
      'limit',
    ]);
    expect(
      paths['/api/v1/budget-requests/{id}/grant']?.post?.requestBody?.content['application/json']?.schema.required,
    ).toEqual(['approver']);
  });
});
