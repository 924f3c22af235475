import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  approvalDelegateBodySchema,
  approvalVoteBodySchema,
  listApprovalsQuerySchema,
  type Approval,
} from '../contract/index.js';
import { createTestContext } from './cli-test-context.test-suite.js';
import { failure, invalid, startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { runCli } from './run-cli.js';

const approval = (fields: Partial<Approval>): Approval => ({
  id: 'appr_1',
  decisionId: 'dec_1',
  tenant: 'org_1',
  requester: 'key_agent',
  summary: 'Refund 420 EUR to customer 42',
  proposal: { action: 'refund', amount: 420 },
  context: {},
  state: 'pending',
  stage: 0,
  approvers: ['ana', 'bo', 'cy'],
  quorum: 2,
  escalation: [['lead']],
  votes: [],
  delegations: [],
  timeoutMs: 3_600_000,
  remindAfterMs: null,
  onTimeout: 'deny',
  deadline: '2026-03-02T10:00:00.000Z',
  remindAt: null,
  createdAt: '2026-03-02T09:00:00.000Z',
  decidedAt: null,
  outcomeReason: null,
  ...fields,
});

let api: FakeAdminApi;
let approvals: Approval[];

/** The approval routes, in memory: votes and delegations are recorded, no rules beyond "pending". */
function installApprovalRoutes(): void {
  const find = (match: RegExpExecArray) =>
    approvals.find((candidate) => candidate.id === decodeURIComponent(match[1] ?? ''));
  const notFound = failure(404, { code: 'not_found', message: 'approval not found', param: 'id' });
  api.addRoute('GET', /^\/api\/v1\/approvals$/, (call) => {
    const query = listApprovalsQuerySchema.safeParse(call.query);
    if (!query.success) return invalid(query.error);
    const data = approvals.filter(
      (item) =>
        (query.data.state ?? item.state) === item.state &&
        (query.data.approver === undefined || item.approvers.includes(query.data.approver)),
    );
    return { status: 200, body: { data } };
  });
  api.addRoute('GET', /^\/api\/v1\/approvals\/([^/]+)$/, (_call, match) => {
    const found = find(match);
    return found === undefined ? notFound : { status: 200, body: found };
  });
  api.addRoute('POST', /^\/api\/v1\/approvals\/([^/]+)\/(approve|deny)$/, (call, match) => {
    const found = find(match);
    const body = approvalVoteBodySchema.safeParse(call.body);
    if (!body.success) return invalid(body.error);
    if (found === undefined) return notFound;
    if (found.state !== 'pending')
      return failure(409, {
        code: 'conflict',
        message: `approval "${found.id}" is already ${found.state}`,
        param: 'id',
      });
    const verdict = match[2] === 'deny' ? 'deny' : 'approve';
    found.votes.push({
      approver: body.data.approver,
      verdict,
      comment: body.data.comment ?? null,
      via: body.data.via,
      at: '2026-03-02T09:05:00.000Z',
      stage: 0,
    });
    if (verdict === 'deny') Object.assign(found, { state: 'denied', outcomeReason: `denied by ${body.data.approver}` });
    return { status: 200, body: found };
  });
  api.addRoute('POST', /^\/api\/v1\/approvals\/([^/]+)\/delegate$/, (call, match) => {
    const found = find(match);
    const body = approvalDelegateBodySchema.safeParse(call.body);
    if (!body.success) return invalid(body.error);
    if (found === undefined) return notFound;
    found.approvers = found.approvers.map((name) => (name === body.data.from ? body.data.to : name));
    return { status: 200, body: found };
  });
}

beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
  approvals = [];
  installApprovalRoutes();
});
afterEach(() => api.close());

async function podium(...argv: string[]) {
  const context = createTestContext({ url: api.url });
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium approvals', () => {
  it('lists approvals as a table, filtered by state and approver, or as JSON', async () => {
    approvals.push(
      approval({
        id: 'appr_2',
        summary: 'Delete the staging database and every snapshot taken before March',
        votes: [
          { approver: 'ana', verdict: 'approve', comment: null, via: 'link', at: '2026-03-02T09:01:00.000Z', stage: 0 },
        ],
      }),
    );
    approvals.push(approval({ state: 'approved', outcomeReason: 'quorum reached' }));

    const listed = await podium('approvals', 'list', '--state', 'pending', '--approver', 'ana');
    expect(api.calls[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/approvals',
      query: { state: 'pending', approver: 'ana' },
    });
    expect(listed).toEqual({
      exitCode: 0,
      stderr: '',
      stdout:
        'ID      STATE    STAGE  APPROVED  APPROVERS  DEADLINE (UTC)       SUMMARY\n' +
        'appr_2  pending  0      1/2       ana,bo,cy  2026-03-02 10:00:00  Delete the staging database and every snapshot ta…\n',
    });
    expect(JSON.parse((await podium('approvals', 'list', '--json')).stdout)).toEqual({ data: approvals });
    expect((await podium('approvals', 'list', '--state', 'denied')).stdout).toBe('No approvals.\n');
    expect(await podium('approvals', 'list', '--state', 'maybe')).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('--state must be pending, approved, denied, expired') as unknown,
    });
  });

  it('shows one approval with its votes, escalation and proposal', async () => {
    approvals.push(
      approval({
        votes: [
          {
            approver: 'ana',
            verdict: 'approve',
            comment: 'fine',
            via: 'cli',
            at: '2026-03-02T09:01:00.000Z',
            stage: 0,
          },
        ],
      }),
    );
    const shown = await podium('approvals', 'show', 'appr_1');
    expect(shown.stdout).toBe(
      'appr_1  pending\n' +
        '  Refund 420 EUR to customer 42\n' +
        '  decision dec_1 · tenant org_1 · requested by key_agent at 2026-03-02 09:00:00 UTC\n' +
        '  stage 0: 1/2 approvals from ana, bo, cy, deadline 2026-03-02 10:00:00 UTC\n' +
        '  escalates to: lead\n' +
        '  approved by ana at stage 0 via cli, 2026-03-02 09:01:00: fine\n' +
        '  proposal: {"action":"refund","amount":420}\n',
    );
    expect(await podium('approvals', 'show', 'appr_9')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: approval not found (not_found, param id)\n',
    });
  });

  it('approves and denies as --as, recorded as a CLI vote, and reports a conflict', async () => {
    approvals.push(approval({}));
    const approved = await podium('approvals', 'approve', 'appr_1', '--as', 'ana', '--comment', 'ok');
    expect(api.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/v1/approvals/appr_1/approve',
      body: { approver: 'ana', comment: 'ok', via: 'cli' },
    });
    expect(approved.stdout).toBe('Voted approve on appr_1: still pending, 1/2 approvals.\n');
    expect((await podium('approvals', 'deny', 'appr_1', '--as', 'bo')).stdout).toBe(
      'Voted deny on appr_1: denied (denied by bo).\n',
    );
    expect((await podium('approvals', 'deny', 'appr_1', '--as', 'cy')).stderr).toBe(
      'error: approval "appr_1" is already denied (conflict, param id)\n',
    );
    expect(await podium('approvals', 'approve', 'appr_1')).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('--as is required') as unknown,
    });
  });

  it('delegates a vote', async () => {
    approvals.push(approval({}));
    const delegated = await podium('approvals', 'delegate', 'appr_1', '--from', 'bo', '--to', 'dana');
    expect(api.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/v1/approvals/appr_1/delegate',
      body: { from: 'bo', to: 'dana' },
    });
    expect(delegated.stdout).toBe('bo delegated their vote on appr_1 to dana; approvers now: ana, dana, cy.\n');
  });

  it('is listed in podium --help', async () => {
    expect((await podium('--help')).stdout).toContain('approvals  ');
  });
});
