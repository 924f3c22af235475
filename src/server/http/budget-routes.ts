/** The budget admin API under /api/v1: budgets and their status, alerts, budget requests, spend reports. */
import { z } from 'zod';
import {
  budgetDefinitionSchema,
  budgetRequestStates,
  createBudgetRequestSchema,
  decideBudgetRequestSchema,
  PodiumError,
  spendReportQuerySchema,
  type BudgetEvent,
} from '../../contract/index.js';
import { spendReport, toCsv, type BudgetAdmin, type BudgetEntry, type BudgetRequestService } from '../budgets/index.js';
import type { AdminCredential } from '../identity/index.js';
import type { BudgetEventFilter, SpendReportRepository } from '../budgets/index.js';
import { credentialOf } from './credential.js';
import { sendError, sendJson } from './http-server.js';
import { parseInput, parseJsonBody } from './parse-input.js';
import { readBody } from './read-body.js';
import type { RouteHandler, RouteInput, Router } from './router.js';

export interface BudgetRouteOptions {
  admin: AdminCredential;
  budgets: BudgetAdmin;
  requests: Pick<BudgetRequestService, 'file' | 'list' | 'grant' | 'deny'>;
  events: { list(filter: BudgetEventFilter): Promise<BudgetEvent[]> };
  spend: Pick<SpendReportRepository, 'spend'>;
}

const bodyLimit = 1024 * 1024;
const eventsQuerySchema = z.strictObject({
  budget: z.string().min(1).optional(),
  /** ISO timestamp, inclusive. */
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const requestsQuerySchema = z.strictObject({ state: z.enum(budgetRequestStates).optional() });

/** A JSON answer (with extra headers, e.g. warnings), or a CSV one (spend reports). */
type Reply =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { status: number; csv: string; filename: string };
type Action = (input: RouteInput & { body: () => Promise<unknown> }) => Promise<Reply>;

/** Checks the admin key, runs the action and answers; every failure in the admin error shape. */
function route(admin: AdminCredential, action: Action): RouteHandler {
  return async (input) => {
    try {
      admin.verify(credentialOf(input.request.headers));
      const body = async () => parseJsonBody(await readBody(input.request, bodyLimit));
      const reply = await action({ ...input, body });
      if ('body' in reply) {
        for (const [name, value] of Object.entries(reply.headers ?? {})) input.response.setHeader(name, value);
        return sendJson(input.response, reply.status, reply.body);
      }
      input.response.writeHead(reply.status, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${reply.filename}"`,
        'content-length': String(Buffer.byteLength(reply.csv)),
      });
      input.response.end(reply.csv);
    } catch (error) {
      input.request.resume();
      sendError(input.response, error, 'admin');
    }
  };
}

/** A definition as listed: the definition's fields plus where it comes from. */
const listed = (entry: BudgetEntry) => ({ ...entry.definition, source: entry.source });
const query = (input: RouteInput): Record<string, string> => Object.fromEntries(input.query);

/** Adds the budget routes; every one requires the admin key. */
export function addBudgetRoutes(router: Router, options: BudgetRouteOptions): void {
  const { admin, budgets, requests } = options;
  router
    .add(
      'GET',
      '/api/v1/budgets',
      route(admin, () => Promise.resolve({ status: 200, body: { data: budgets.list().map(listed) } })),
    )
    .add(
      'POST',
      '/api/v1/budgets',
      route(admin, async ({ body }) => ({
        status: 201,
        body: listed(await budgets.upsert(parseInput(budgetDefinitionSchema, await body(), 'body'))),
      })),
    )
    .add(
      'DELETE',
      '/api/v1/budgets/:id',
      route(admin, async ({ params }) => {
        const id = params.id ?? '';
        if (await budgets.remove(id)) return { status: 200, body: { id, deleted: true } };
        if (budgets.get(id)?.source === 'config')
          throw new PodiumError('conflict', `budget "${id}" is defined in podium.yaml: change it there`, {
            param: 'id',
          });
        throw new PodiumError('not_found', `budget "${id}" not found`, { param: 'id' });
      }),
    )
    .add(
      'GET',
      '/api/v1/budgets/status',
      route(admin, async () => ({ status: 200, body: { data: await budgets.status() } })),
    )
    .add(
      'GET',
      '/api/v1/budgets/:id/status',
      route(admin, async ({ params }) => {
        const [status] = await budgets.status(params.id ?? '');
        if (status === undefined)
          throw new PodiumError('not_found', `budget "${params.id ?? ''}" not found`, { param: 'id' });
        return { status: 200, body: status };
      }),
    )
    .add(
      'GET',
      '/api/v1/budgets/events',
      route(admin, async (input) => {
        const { budget, since, limit } = parseInput(eventsQuerySchema, query(input), 'query');
        return { status: 200, body: { data: await options.events.list({ budgetId: budget, since, limit }) } };
      }),
    );

  router
    .add(
      'POST',
      '/api/v1/budget-requests',
      // Cedar `budget.request` decides first when policies are configured; a log-only denial comes back as a warning.
      route(admin, async ({ body }) => {
        const filed = await requests.file(parseInput(createBudgetRequestSchema, await body(), 'body'));
        // Header values must be Latin-1: a requester's name in another script would make Node throw.
        const warning = filed.warnings.join('; ').replace(/[^\x20-\x7e]/g, '?');
        return { status: 201, body: filed.request, ...(warning ? { headers: { 'x-podium-warning': warning } } : {}) };
      }),
    )
    .add(
      'GET',
      '/api/v1/budget-requests',
      route(admin, async (input) => ({
        status: 200,
        body: { data: await requests.list(parseInput(requestsQuerySchema, query(input), 'query')) },
      })),
    )
    .add(
      'POST',
      '/api/v1/budget-requests/:id/grant',
      route(admin, async ({ params, body }) => ({
        status: 200,
        body: await requests.grant(params.id ?? '', parseInput(decideBudgetRequestSchema, await body(), 'body')),
      })),
    )
    .add(
      'POST',
      '/api/v1/budget-requests/:id/deny',
      route(admin, async ({ params, body }) => ({
        status: 200,
        body: await requests.deny(params.id ?? '', parseInput(decideBudgetRequestSchema, await body(), 'body')),
      })),
    );

  router.add(
    'GET',
    '/api/v1/reports/spend',
    route(admin, async (input) => {
      const parsed = parseInput(spendReportQuerySchema, query(input), 'query');
      const report = await spendReport(parsed, { repository: options.spend });
      if (parsed.format === 'json') return { status: 200, body: report };
      return { status: 200, csv: toCsv(report), filename: `spend-by-${report.by}-${report.period}.csv` };
    }),
  );
}
