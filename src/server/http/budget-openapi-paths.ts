/** The budget routes' part of the OpenAPI 3.1 document, generated from the schemas that validate them. */
import { z } from 'zod';
import {
  adminErrorSchema,
  budgetDefinitionSchema,
  budgetEventSchema,
  budgetRequestSchema,
  budgetStatusSchema,
  createBudgetRequestSchema,
  decideBudgetRequestSchema,
  listOf,
  spendReportSchema,
} from '../../contract/index.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'input') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});
const ok = (schema: z.ZodType, status = '200') => ({
  [status]: { description: 'OK', content: json(schema, 'output') },
  default: { description: 'Error', content: json(adminErrorSchema) },
});
const query = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description,
});
const pathId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** A budget as listed: its definition plus `source` (`config` for podium.yaml, `api` for the admin API). */
const listedBudgetSchema = budgetDefinitionSchema.extend({ source: z.enum(['config', 'api']) });

/** Paths to merge into the admin API document's `paths`. */
export function budgetOpenApiPaths(): Record<string, unknown> {
  return {
    '/api/v1/budgets': {
      get: { summary: 'Budgets in force, from podium.yaml and the API', responses: ok(listOf(listedBudgetSchema)) },
      post: {
        summary: 'Create or replace an API budget (an id from podium.yaml is overridden; the file is unchanged)',
        requestBody: { content: json(budgetDefinitionSchema) },
        responses: ok(listedBudgetSchema, '201'),
      },
    },
    '/api/v1/budgets/{id}': {
      delete: {
        summary: 'Remove an API budget or override (409 for a podium.yaml budget)',
        parameters: [pathId],
        responses: ok(z.object({ id: z.string(), deleted: z.literal(true) })),
      },
    },
    '/api/v1/budgets/status': {
      get: {
        summary: 'Live status of every budget: use, burn rate, projection',
        responses: ok(listOf(budgetStatusSchema)),
      },
    },
    '/api/v1/budgets/{id}/status': {
      get: { summary: 'Live status of one budget', parameters: [pathId], responses: ok(budgetStatusSchema) },
    },
    '/api/v1/budgets/events': {
      get: {
        summary: 'Budget alerts, newest first',
        parameters: [
          query('budget', 'Budget id'),
          query('since', 'ISO timestamp, inclusive'),
          query('limit', '1–1000, default 100'),
        ],
        responses: ok(listOf(budgetEventSchema)),
      },
    },
    '/api/v1/budget-requests': {
      get: {
        summary: 'Budget requests, newest first',
        parameters: [query('state', 'pending, granted or denied')],
        responses: ok(listOf(budgetRequestSchema)),
      },
      post: {
        summary: 'Ask for a higher limit (budgetId) or a new budget (allocation)',
        requestBody: { content: json(createBudgetRequestSchema) },
        responses: ok(budgetRequestSchema, '201'),
      },
    },
    '/api/v1/budget-requests/{id}/grant': {
      post: {
        summary: 'Grant a pending request and apply it',
        parameters: [pathId],
        requestBody: { content: json(decideBudgetRequestSchema) },
        responses: ok(budgetRequestSchema),
      },
    },
    '/api/v1/budget-requests/{id}/deny': {
      post: {
        summary: 'Deny a pending request',
        parameters: [pathId],
        requestBody: { content: json(decideBudgetRequestSchema) },
        responses: ok(budgetRequestSchema),
      },
    },
    '/api/v1/reports/spend': {
      get: {
        summary: 'Spend by team, project, key, model, provider, tier or end user over a calendar period',
        parameters: [
          query('by', 'team (default), project, key, model, provider, tier or user'),
          query('period', 'YYYY, YYYY-MM or YYYY-MM-DD (required)'),
          query('timezone', 'IANA time zone of the period, default UTC'),
          query('format', 'json (default) or csv'),
        ],
        responses: {
          ...ok(spendReportSchema),
          '200': {
            description: 'OK',
            content: { ...json(spendReportSchema, 'output'), 'text/csv': { schema: { type: 'string' } } },
          },
        },
      },
    },
  };
}
