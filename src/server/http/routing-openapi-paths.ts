/** The routing routes' part of the OpenAPI 3.1 document, generated from the schemas that validate them. */
import { z } from 'zod';
import { adminErrorSchema, shadowReportSchema } from '../../contract/index.js';

const query = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description,
});
const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) },
});

/** Paths to merge into the admin API document's `paths`. */
export function routingOpenApiPaths(): Record<string, unknown> {
  return {
    '/api/v1/routing/report': {
      get: {
        summary:
          'Shadow-sampling report per routed alias and choice: quality kept, non-regression and money saved against the reference, with 95 % intervals',
        parameters: [
          query('alias', 'One routed alias (default: all)'),
          query('since', 'ISO timestamp, inclusive (default: 30 days before until)'),
          query('until', 'ISO timestamp, exclusive (default: now)'),
        ],
        responses: {
          '200': { description: 'OK', content: json(shadowReportSchema) },
          default: { description: 'Error', content: json(adminErrorSchema) },
        },
      },
    },
  };
}
