/** The audit routes' part of the OpenAPI 3.1 document, generated from the schemas that validate them. */
import { z } from 'zod';
import {
  adminErrorSchema,
  auditCheckpointSchema,
  auditEntryPageSchema,
  auditHeadSchema,
  auditPublicKeySchema,
  listOf,
} from '../../contract/index.js';

const query = (options: { name: string; description: string; required?: boolean }) => ({
  name: options.name,
  in: 'query',
  required: options.required ?? false,
  schema: { type: 'string' },
  description: options.description,
});
const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) },
});
const answers = (schema: z.ZodType) => ({
  '200': { description: 'OK', content: json(schema) },
  default: { description: 'Error', content: json(adminErrorSchema) },
});

/** Paths to merge into the admin API document's `paths`. */
export function auditOpenApiPaths(): Record<string, unknown> {
  return {
    '/api/v1/audit/entries': {
      get: {
        summary: "One page of a tenant's audit chain in seq order (verify it with `podium audit verify`)",
        parameters: [
          query({ name: 'tenant', description: 'The organisation id whose chain to read', required: true }),
          query({
            name: 'after',
            description: 'Last seq already read (default 0); pass the previous page’s nextAfter',
          }),
          query({ name: 'limit', description: 'Entries per page, 1–5000 (default 1000)' }),
        ],
        responses: answers(auditEntryPageSchema),
      },
    },
    '/api/v1/audit/heads': {
      get: { summary: "Every tenant's chain head (last seq and hash)", responses: answers(listOf(auditHeadSchema)) },
    },
    '/api/v1/audit/checkpoints': {
      get: {
        summary: 'Signed checkpoints as stored in the database (verify against the exported copy, not these)',
        parameters: [query({ name: 'tenant', description: 'One tenant (default: all)' })],
        responses: answers(listOf(auditCheckpointSchema)),
      },
    },
    '/api/v1/audit/public-key': {
      get: {
        summary: 'The Ed25519 key checkpoints are signed with (SPKI PEM)',
        responses: answers(auditPublicKeySchema),
      },
    },
  };
}
