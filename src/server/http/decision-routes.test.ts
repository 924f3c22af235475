/**
 * The decision routes over real HTTP: a Router and server with these routes, the identity, settings and
 * approvals in a real store (a throwaway database on the embedded PostgreSQL), the decision registry and service, and the audit trail on an
 * in-memory store that a test can take down.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionDefinitionSchema, type DecisionDefinitionInput } from '../../contract/index.js';
import { ApprovalService } from '../governance/approvals/index.js';
import {
  createAuditLog,
  createCheckpointSigner,
  createMemoryAuditStore,
  type AuditLog,
  type AuditStore,
} from '../governance/audit/index.js';
import { createAuthorityAudit, DecisionRegistry, DecisionService } from '../governance/decisions/index.js';
import { ensureAdminCredential, IdentityService } from '../identity/index.js';
import type { SqlClient } from '../store/index.js';
import { decisionOpenApiPaths } from './decision-openapi-paths.js';
import { addDecisionRoutes } from './decision-routes.js';
import { createHttpServer } from './http-server.js';
import { Router } from './router.js';
import { openTestDatabase } from '../testkit/index.js';
import { createApprovalRepository } from '../governance/approvals/index.js';
import { createIdentityRepository } from '../identity/index.js';
import { createSettingsRepository } from '../store/index.js';

const adminKey = 'pa-decision-routes-test-key';
const refund: DecisionDefinitionInput = {
  id: 'refund',
  description: 'Refund a customer order',
  owner: 'payments',
  makers: { teams: ['support'] },
  context: { amount: { schema: { type: 'number', minimum: 0 } } },
  risk: [
    { name: 'small', when: { amount: { lt: 100 } }, outcome: 'auto' },
    { name: 'large', outcome: 'approve', approvers: ['alice'] },
  ],
};

let store: SqlClient;
let registry: DecisionRegistry;
let approvals: ApprovalService;
let auditLog: AuditLog;
let auditDown = false;
const memoryAudit = createMemoryAuditStore();
let orgId: string;
let key: string;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  store = await openTestDatabase();
  const identity = new IdentityService({ records: createIdentityRepository(store) });
  orgId = (await identity.initialize()).id;
  await identity.createTeam('support');
  key = (await identity.createKey({ team: 'support', name: 'refund-bot' })).key;
  const admin = await ensureAdminCredential({
    configured: adminKey,
    settings: createSettingsRepository(store),
    announce: () => undefined,
  });
  const auditStore: AuditStore = {
    ...memoryAudit,
    append: (batch) => (auditDown ? Promise.reject(new Error('audit disk full')) : memoryAudit.append(batch)),
  };
  auditLog = createAuditLog({
    store: auditStore,
    signer: createCheckpointSigner(generateKeyPairSync('ed25519').privateKey),
  });
  const audit = createAuthorityAudit({ append: (input) => auditLog.append(input) });
  approvals = new ApprovalService({ records: createApprovalRepository(store) });
  registry = new DecisionRegistry({
    configured: [decisionDefinitionSchema.parse(refund)],
    settings: createSettingsRepository(store),
  });
  await registry.start();
  const service = new DecisionService({
    definitions: (id) => registry.get(id),
    approvals,
    policies: undefined,
    record: (record) => audit.recordDecision(record),
  });
  const router = new Router();
  addDecisionRoutes(router, {
    admin,
    authenticate: (secret) => identity.authenticate(secret),
    organizationId: orgId,
    registry,
    service,
    approvals,
  });
  const server = createHttpServer(router, () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close();
  registry.close();
  await auditLog.close();
  await store.close();
});

async function call(
  method: string,
  path: string,
  options: { body?: unknown; as?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${options.as ?? adminKey}`, 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const apiError = (status: number, code: string, param: string | null) => ({
  status,
  json: { error: expect.objectContaining({ code, param }) as unknown },
});
const expenses = (fields: Record<string, unknown> = {}) => ({ ...refund, id: 'expenses', owner: 'finance', ...fields });

describe('decision definitions (admin API)', () => {
  it('creates, lists (with the source) and deletes API-defined decisions', async () => {
    const created = await call('POST', '/api/v1/decision-definitions', { body: expenses() });
    expect(created).toMatchObject({
      status: 201,
      json: {
        id: 'expenses',
        owner: 'finance',
        source: 'api',
        makers: { teams: ['support'], humans: [] },
        timeoutMs: 86_400_000,
      },
    });
    const listed = await call('GET', '/api/v1/decision-definitions');
    expect((listed.json.data as { id: string; source: string }[]).map((entry) => [entry.id, entry.source])).toEqual([
      ['refund', 'file'],
      ['expenses', 'api'],
    ]);
    // Agents list them too (with their key), and can propose at once.
    expect(((await call('GET', '/api/v1/decisions', { as: key })).json.data as unknown[]).length).toBe(2);
    expect(
      (
        await call('POST', '/api/v1/decisions/expenses', {
          as: key,
          body: { proposal: 'lunch', context: { amount: 12 } },
        })
      ).json,
    ).toMatchObject({ outcome: 'allowed' });

    expect(await call('DELETE', '/api/v1/decision-definitions/expenses')).toEqual({
      status: 200,
      json: { id: 'expenses', deleted: true },
    });
    expect(await call('DELETE', '/api/v1/decision-definitions/expenses')).toEqual(apiError(404, 'not_found', 'id'));
    expect(
      await call('POST', '/api/v1/decisions/expenses', {
        as: key,
        body: { proposal: 'lunch', context: { amount: 12 } },
      }),
    ).toEqual(apiError(404, 'not_found', 'id'));
  });

  it('refuses to overwrite or delete a decision podium.yaml defines (409), and keys (403)', async () => {
    expect(await call('POST', '/api/v1/decision-definitions', { body: { ...refund, owner: 'mallory' } })).toEqual(
      apiError(409, 'conflict', 'id'),
    );
    expect(await call('DELETE', '/api/v1/decision-definitions/refund')).toEqual(apiError(409, 'conflict', 'id'));
    expect(await call('POST', '/api/v1/decision-definitions', { as: key, body: expenses() })).toEqual(
      apiError(403, 'permission_denied', null),
    );
    expect(registry.get('refund')?.owner).toBe('payments');
  });

  it('answers 400 naming the field: a missing one, a bad risk tier, and a context schema that does not compile', async () => {
    const { risk: _risk, ...withoutRisk } = expenses();
    expect(await call('POST', '/api/v1/decision-definitions', { body: withoutRisk })).toEqual(
      apiError(400, 'invalid_request', 'risk'),
    );
    expect(
      await call('POST', '/api/v1/decision-definitions', { body: expenses({ risk: [{ outcome: 'approve' }] }) }),
    ).toEqual(apiError(400, 'invalid_request', 'risk.0.approvers'));
    const badSchema = await call('POST', '/api/v1/decision-definitions', {
      body: expenses({ context: { amount: { schema: { type: 'nmber' } } } }),
    });
    expect(badSchema).toEqual(apiError(400, 'invalid_request', 'context.amount.schema'));
    expect((badSchema.json.error as { message: string }).message).toMatch(
      /^body\.context\.amount\.schema: not a valid JSON Schema: schema is invalid/,
    );
    const badPattern = await call('POST', '/api/v1/decision-definitions', {
      body: expenses({ context: { id: { schema: { type: 'string', pattern: '(' } } } }),
    });
    expect(badPattern).toEqual(apiError(400, 'invalid_request', 'context.id.schema'));
    expect(registry.get('expenses')).toBeUndefined();
  });
});

describe('polling a pending decision', () => {
  it("lets a key poll its own organisation's requests only; the admin key polls all", async () => {
    const answer = await call('POST', '/api/v1/decisions/refund', {
      as: key,
      body: { proposal: 'refund', context: { amount: 500 } },
    });
    expect(answer.json).toMatchObject({ outcome: 'pending', approvalId: expect.stringMatching(/^appr_/) as string });
    const own = await call('GET', `/api/v1/decisions/refund/requests/${String(answer.json.approvalId)}`, { as: key });
    expect(own).toEqual({
      status: 200,
      json: {
        approvalId: answer.json.approvalId,
        decision: 'refund',
        request: answer.json.id,
        state: 'pending',
        outcome: 'pending',
        reason: null,
      },
    });

    // Another organisation's pending refund, filed as the decision service files them.
    const foreign = await approvals.request({
      decisionId: 'refund/dec_other',
      tenant: 'org_elsewhere',
      requester: 'their-bot',
      proposal: 'x',
      summary: 'Refund',
      approvers: ['zed'],
      quorum: 1,
      timeoutMs: 3_600_000,
    });
    expect(await call('GET', `/api/v1/decisions/refund/requests/${foreign.id}`, { as: key })).toEqual(
      apiError(404, 'not_found', 'requestId'),
    );
    expect(await call('GET', `/api/v1/decisions/refund/requests/${foreign.id}`)).toMatchObject({
      status: 200,
      json: { request: 'dec_other', state: 'pending' },
    });
    // The right id under another decision's path is not found either.
    expect(
      await call('GET', `/api/v1/decisions/expenses/requests/${String(answer.json.approvalId)}`, { as: key }),
    ).toEqual(apiError(404, 'not_found', 'requestId'));
  });
});

describe('the audit trail fails closed', () => {
  it('answers 503 audit_unavailable and opens nothing when the decision cannot be recorded', async () => {
    const before = (await approvals.list({ limit: 1000 })).length;
    auditDown = true;
    try {
      for (const amount of [5, 5000]) {
        const refused = await call('POST', '/api/v1/decisions/refund', {
          as: key,
          body: { proposal: 'refund', context: { amount } },
        });
        expect(refused).toEqual(apiError(503, 'audit_unavailable', null));
        expect((refused.json.error as { type: string }).type).toBe('api_error');
      }
    } finally {
      auditDown = false;
    }
    expect((await approvals.list({ limit: 1000 })).length).toBe(before);
    const allowed = await call('POST', '/api/v1/decisions/refund', {
      as: key,
      body: { proposal: 'refund', context: { amount: 5 } },
    });
    expect(allowed.json).toMatchObject({ outcome: 'allowed' });
    expect(
      memoryAudit.entriesOf(orgId).some((entry) => entry.kind === 'decision' && entry.subject === allowed.json.id),
    ).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('documents every decision route from the contract schemas', () => {
    const paths = decisionOpenApiPaths() as Record<
      string,
      Record<
        string,
        { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }
      >
    >;
    expect(Object.keys(paths).sort()).toEqual([
      '/api/v1/decision-definitions',
      '/api/v1/decision-definitions/{id}',
      '/api/v1/decisions',
      '/api/v1/decisions/{id}',
      '/api/v1/decisions/{id}/requests/{requestId}',
    ]);
    const propose =
      paths['/api/v1/decisions/{id}']?.post?.requestBody?.content['application/json']?.schema.properties ?? {};
    expect(Object.keys(propose)).toEqual(['proposal', 'context', 'evidence', 'model', 'actingAs', 'callbackUrl']);
    const definition =
      paths['/api/v1/decision-definitions']?.post?.requestBody?.content['application/json']?.schema.properties ?? {};
    expect(Object.keys(definition)).toEqual(
      expect.arrayContaining(['id', 'makers', 'context', 'risk', 'escalation', 'onTimeout']),
    );
  });
});
