/**
 * The approval routes over real HTTP: a Router and server with these routes, the approval service on in-memory
 * records, links signed for this server's address.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Approval, ApprovalRequestInput } from '../../contract/index.js';
import {
  ApprovalService,
  createApprovalLinks,
  createMemoryApprovalRecords,
  type ApprovalLinks,
} from '../governance/approvals/index.js';
import { ensureAdminCredential } from '../identity/index.js';
import { approvalOpenApiPaths } from './approval-openapi-paths.js';
import { addApprovalRoutes } from './approval-routes.js';
import { createHttpServer } from './http-server.js';
import { Router } from './router.js';

const adminKey = 'pa-approval-routes-test-key';
const hour = 3_600_000;
let current = Date.parse('2026-03-02T09:00:00.000Z');
const now = () => new Date(current);
let service: ApprovalService;
let links: ApprovalLinks;
let url: string;
let close: () => Promise<void>;
let decisions = 0;

beforeAll(async () => {
  const settings = {
    get: () => Promise.resolve(undefined),
    set: () => Promise.resolve(),
    setIfAbsent: () => Promise.resolve(true),
    delete: () => Promise.resolve(false),
  };
  const admin = await ensureAdminCredential({ configured: adminKey, settings, announce: () => undefined });
  service = new ApprovalService({ records: createMemoryApprovalRecords(), now });
  const router = new Router();
  const server = createHttpServer(router, () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  links = createApprovalLinks({ secret: 'route-test-secret', publicUrl: url, ttlMs: 24 * hour, now });
  addApprovalRoutes(router, { admin, approvals: service, links });
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(() => close());
beforeEach(() => (current = Date.parse('2026-03-02T09:00:00.000Z')));

const file = (fields: Partial<ApprovalRequestInput> = {}): Promise<Approval> =>
  service.request({
    decisionId: `dec_${(decisions += 1)}`,
    tenant: 'org_1',
    requester: 'key_agent',
    proposal: { action: 'deploy' },
    summary: 'Deploy <release> & migrate',
    approvers: ['a', 'b', 'c'],
    quorum: 2,
    timeoutMs: hour,
    ...fields,
  });

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

const apiError = (status: number, code: string, param: string | null) => ({
  status,
  json: { error: expect.objectContaining({ code, param }) as unknown },
});

describe('approval admin routes', () => {
  it('require the admin key', async () => {
    const approval = await file();
    for (const [method, path] of [
      ['GET', '/api/v1/approvals'],
      ['GET', `/api/v1/approvals/${approval.id}`],
      ['POST', `/api/v1/approvals/${approval.id}/approve`],
    ] as const) {
      const response = await fetch(`${url}${path}`, { method });
      expect(response.status, path).toBe(401);
    }
  });

  it('list by state and approver, show one, and name a bad query field or an unknown id', async () => {
    const approval = await file({ approvers: ['lister'], quorum: 1 });
    const listed = await call('GET', '/api/v1/approvals?state=pending&approver=lister');
    expect(listed).toEqual({ status: 200, json: { data: [approval] } });
    expect(await call('GET', `/api/v1/approvals/${approval.id}`)).toEqual({ status: 200, json: approval });
    expect(await call('GET', '/api/v1/approvals/appr_nope')).toEqual(apiError(404, 'not_found', 'id'));
    expect(await call('GET', '/api/v1/approvals?state=maybe')).toEqual(apiError(400, 'invalid_request', 'state'));
    expect(await call('GET', '/api/v1/approvals?limit=0')).toEqual(apiError(400, 'invalid_request', 'limit'));
  });

  it('vote: record the channel, refuse a stranger (403), a vote on a final approval (409) and a bad body (400)', async () => {
    const approval = await file();
    const first = await call('POST', `/api/v1/approvals/${approval.id}/approve`, {
      approver: 'a',
      comment: 'ship it',
      via: 'cli',
    });
    expect(first).toMatchObject({
      status: 200,
      json: { state: 'pending', votes: [{ approver: 'a', comment: 'ship it', via: 'cli', verdict: 'approve' }] },
    });
    expect(await call('POST', `/api/v1/approvals/${approval.id}/deny`, { approver: 'mallory' })).toEqual(
      apiError(403, 'permission_denied', 'approver'),
    );
    expect(await call('POST', `/api/v1/approvals/${approval.id}/approve`, {})).toEqual(
      apiError(400, 'invalid_request', 'approver'),
    );
    expect(await call('POST', `/api/v1/approvals/${approval.id}/approve`, { approver: 'b', via: 'link' })).toEqual(
      apiError(400, 'invalid_request', 'via'),
    );
    const denied = await call('POST', `/api/v1/approvals/${approval.id}/deny`, { approver: 'b' });
    expect(denied).toMatchObject({
      status: 200,
      json: { state: 'denied', outcomeReason: 'denied by b', votes: [{}, { approver: 'b', via: 'api' }] },
    });
    expect(await call('POST', `/api/v1/approvals/${approval.id}/approve`, { approver: 'c' })).toEqual(
      apiError(409, 'conflict', 'id'),
    );
    expect(await call('POST', '/api/v1/approvals/appr_nope/approve', { approver: 'c' })).toEqual(
      apiError(404, 'not_found', 'id'),
    );
  });

  it('delegate: the delegate votes, the delegator no longer', async () => {
    const approval = await file();
    const delegated = await call('POST', `/api/v1/approvals/${approval.id}/delegate`, { from: 'b', to: 'dana' });
    expect(delegated).toMatchObject({
      status: 200,
      json: { approvers: ['a', 'dana', 'c'], delegations: [{ from: 'b', to: 'dana', by: 'b' }] },
    });
    expect(await call('POST', `/api/v1/approvals/${approval.id}/approve`, { approver: 'b' })).toEqual(
      apiError(403, 'permission_denied', 'approver'),
    );
    expect((await call('POST', `/api/v1/approvals/${approval.id}/approve`, { approver: 'dana' })).status).toBe(200);
    expect(await call('POST', `/api/v1/approvals/${approval.id}/delegate`, { from: 'a' })).toEqual(
      apiError(400, 'invalid_request', 'to'),
    );
  });
});

describe('the signed link route', () => {
  const linkFor = (approval: Approval, approver: string, verdict: 'approve' | 'deny' = 'approve'): URL =>
    new URL(links.url({ id: approval.id, verdict, approver }) ?? '');
  const open = async (link: URL, method: 'GET' | 'POST' = 'GET', form = '') => {
    const response = await fetch(
      link,
      method === 'GET' ? {} : { method, body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    );
    return { status: response.status, html: await response.text(), headers: response.headers };
  };

  it('GET shows a confirmation without voting; POST votes as the link says, with the comment, via link', async () => {
    const approval = await file();
    const link = linkFor(approval, 'a');
    const page = await open(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.html).toContain('<h1>Approve as a?</h1>');
    expect(page.html).toContain('Deploy &lt;release&gt; &amp; migrate');
    expect(page.html).toContain('<form method="post">');
    expect((await service.get(approval.id))?.votes).toEqual([]);

    const voted = await open(link, 'POST', 'comment=looks+good');
    expect(voted.status).toBe(200);
    expect(voted.html).toContain('Approved: your vote is recorded');
    expect(voted.html).toContain('It is still pending.');
    expect((await service.get(approval.id))?.votes).toMatchObject([
      { approver: 'a', verdict: 'approve', comment: 'looks good', via: 'link' },
    ]);

    const denied = await open(linkFor(approval, 'b', 'deny'), 'POST');
    expect(denied.html).toContain('It is now denied: denied by b.');
    const late = await open(linkFor(approval, 'c'));
    expect(late.status).toBe(409);
    expect(late.html).toContain('This approval is already denied');
  });

  it('refuses a tampered, expired or re-addressed link, and an approver who is no longer one (403), before anything changes', async () => {
    const approval = await file();
    const tampered = linkFor(approval, 'a');
    tampered.searchParams.set(
      'signature',
      `${tampered.searchParams.get('signature')?.startsWith('A') ? 'B' : 'A'}${tampered.searchParams.get('signature')?.slice(1) ?? ''}`,
    );
    const wrongApprover = linkFor(approval, 'a');
    wrongApprover.searchParams.set('approver', 'b');
    const expired = linkFor(approval, 'a');
    for (const link of [tampered, wrongApprover]) {
      expect((await open(link, 'POST')).status).toBe(403);
      expect((await open(link)).html).toContain('not valid');
    }
    await service.delegate({ id: approval.id, from: 'c', to: 'dana', by: 'c' });
    const delegator = await open(linkFor(approval, 'c'));
    expect(delegator.status).toBe(403);
    expect(delegator.html).toContain('c is no longer among the approvers (a, b, dana)');
    expect((await open(linkFor(approval, 'c'), 'POST')).status).toBe(403);

    current += 24 * hour;
    const late = await open(expired, 'POST');
    expect(late.status).toBe(403);
    expect(late.html).toContain('expired');
    expect((await service.get(approval.id))?.votes).toEqual([]);
  });

  it('answers 400 naming the field of a malformed link, and 403 for an approval the link was not signed for', async () => {
    const approval = await file();
    const link = linkFor(approval, 'a');
    link.searchParams.set('verdict', 'maybe');
    const malformed = await open(link);
    expect(malformed.status).toBe(400);
    expect(malformed.html).toContain('query.verdict');
    const unknown = new URL(linkFor(approval, 'a').href.replace(approval.id, 'appr_unknown'));
    expect((await open(unknown)).status).toBe(403);
  });
});

describe('approvalOpenApiPaths', () => {
  it('describes every approval route with the schemas that validate it', () => {
    const paths = approvalOpenApiPaths() as Record<
      string,
      Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>
    >;
    expect(Object.keys(paths).sort()).toEqual([
      '/api/v1/approvals',
      '/api/v1/approvals/{id}',
      '/api/v1/approvals/{id}/act',
      '/api/v1/approvals/{id}/approve',
      '/api/v1/approvals/{id}/delegate',
      '/api/v1/approvals/{id}/deny',
    ]);
    expect(
      paths['/api/v1/approvals/{id}/approve']?.post?.requestBody?.content['application/json']?.schema.required,
    ).toEqual(['approver']);
    expect(
      paths['/api/v1/approvals/{id}/delegate']?.post?.requestBody?.content['application/json']?.schema.required,
    ).toEqual(['from', 'to']);
  });
});
