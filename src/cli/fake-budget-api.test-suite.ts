/**
 * Test support: the budget endpoints the CLI calls, added to the fake admin API, in memory. Bodies and queries
 * are validated with the contract's schemas like the server does. Excluded from the build by its name.
 */
import {
  budgetDefinitionSchema,
  createBudgetRequestSchema,
  decideBudgetRequestSchema,
  spendReportQuerySchema,
  type BudgetDefinition,
  type BudgetRequest,
  type BudgetStatus,
  type SpendReport,
} from '../contract/index.js';
import { failure, invalid, type FakeAdminApi, type Reply } from './fake-admin-api.test-suite.js';

export interface FakeBudgetState {
  budgets: (BudgetDefinition & { source: 'config' | 'api' })[];
  statuses: BudgetStatus[];
  requests: BudgetRequest[];
  /** Rows and total of every spend report; `by`, `period`, `from` and `to` come from the query. */
  spend: Pick<SpendReport, 'rows' | 'totalUsd'>;
  /** The CSV body answered for `format=csv`. */
  csv: string;
}

const decidedAt = '2026-11-21T09:00:00.000Z';
const notFound = (what: string): Reply =>
  failure(404, { code: 'not_found', message: `${what} not found`, param: 'id' });

/** Adds the budget routes to `api`; tests read and seed the returned state. */
export function installFakeBudgetApi(api: FakeAdminApi): FakeBudgetState {
  const state: FakeBudgetState = { budgets: [], statuses: [], requests: [], spend: { rows: [], totalUsd: 0 }, csv: '' };
  const id = (match: RegExpExecArray): string => decodeURIComponent(match[1] ?? '');

  api.addRoute('GET', /^\/api\/v1\/budgets$/, () => ({ status: 200, body: { data: state.budgets } }));
  api.addRoute('POST', /^\/api\/v1\/budgets$/, (call) => {
    const body = budgetDefinitionSchema.safeParse(call.body);
    if (!body.success) return invalid(body.error);
    const budget = { ...body.data, source: 'api' as const };
    state.budgets = [...state.budgets.filter((candidate) => candidate.id !== budget.id), budget];
    return { status: 201, body: budget };
  });
  api.addRoute('DELETE', /^\/api\/v1\/budgets\/([^/]+)$/, (_call, match) => {
    const found = state.budgets.find((budget) => budget.id === id(match));
    if (found?.source === 'config')
      return failure(409, { code: 'conflict', message: `budget "${found.id}" is defined in podium.yaml`, param: 'id' });
    if (found === undefined) return notFound(`budget "${id(match)}"`);
    state.budgets = state.budgets.filter((budget) => budget !== found);
    return { status: 200, body: { id: found.id, deleted: true } };
  });
  api.addRoute('GET', /^\/api\/v1\/budgets\/status$/, () => ({ status: 200, body: { data: state.statuses } }));
  api.addRoute('GET', /^\/api\/v1\/budgets\/([^/]+)\/status$/, (_call, match) => {
    const status = state.statuses.find((candidate) => candidate.id === id(match));
    return status === undefined ? notFound(`budget "${id(match)}"`) : { status: 200, body: status };
  });

  api.addRoute('GET', /^\/api\/v1\/budget-requests$/, (call) => ({
    status: 200,
    body: {
      data: state.requests.filter((request) => call.query.state === undefined || request.state === call.query.state),
    },
  }));
  api.addRoute('POST', /^\/api\/v1\/budget-requests$/, (call) => {
    const body = createBudgetRequestSchema.safeParse(call.body);
    if (!body.success) return invalid(body.error);
    const { budgetId, allocation, expectedValue, ...rest } = body.data;
    const request: BudgetRequest = {
      ...rest,
      id: `breq_${state.requests.length + 1}`,
      budgetId: budgetId ?? null,
      allocation: allocation === undefined ? null : { ...allocation, limit: rest.amount },
      expectedValue: expectedValue ?? null,
      state: 'pending',
      decidedBy: null,
      decisionComment: null,
      createdAt: '2026-11-20T08:00:00.000Z',
      decidedAt: null,
    };
    state.requests.unshift(request);
    return { status: 201, body: request };
  });
  api.addRoute('POST', /^\/api\/v1\/budget-requests\/([^/]+)\/(grant|deny)$/, (call, match) => {
    const body = decideBudgetRequestSchema.safeParse(call.body);
    if (!body.success) return invalid(body.error);
    const request = state.requests.find((candidate) => candidate.id === id(match));
    if (request === undefined) return notFound(`budget request "${id(match)}"`);
    if (request.state !== 'pending')
      return failure(409, {
        code: 'conflict',
        message: `budget request "${request.id}" was already ${request.state}`,
        param: 'id',
      });
    Object.assign(request, {
      state: match[2] === 'grant' ? 'granted' : 'denied',
      decidedBy: body.data.approver,
      decisionComment: body.data.comment ?? null,
      decidedAt,
    });
    return { status: 200, body: request };
  });

  api.addRoute('GET', /^\/api\/v1\/reports\/spend$/, (call) => {
    const query = spendReportQuerySchema.safeParse(call.query);
    if (!query.success) return invalid(query.error);
    if (query.data.format === 'csv') return { status: 200, body: state.csv, contentType: 'text/csv; charset=utf-8' };
    const { by, period } = query.data;
    return {
      status: 200,
      body: { by, period, from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z', ...state.spend },
    };
  });
  return state;
}
