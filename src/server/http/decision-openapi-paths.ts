/** The decision routes' part of the OpenAPI 3.1 document, generated from the schemas that validate them. */
import { z } from 'zod';
import {
  adminErrorSchema,
  decisionAnswerSchema,
  decisionDefinitionSchema,
  decisionRequestStatusSchema,
  listedDecisionDefinitionSchema,
  listOf,
  proposeDecisionBodySchema,
} from '../../contract/index.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'input') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});
const ok = (schema: z.ZodType, status = 200) => ({
  [status]: { description: 'OK', content: json(schema, 'output') },
  default: { description: 'Error', content: json(adminErrorSchema) },
});
const path = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});
// Agents propose with their virtual key; humans through the admin key, naming themselves in `actingAs`.
const keyOrAdmin = [{ virtualKey: [] }, { admin: [] }];
const agentHeader = {
  name: 'x-podium-agent',
  in: 'header',
  required: false,
  schema: { type: 'string' },
  description: 'The agent making the proposal (a maker by agent or role; a Podium::Agent parent in Cedar)',
};

/** Paths to merge into the admin API document's `paths`. */
export function decisionOpenApiPaths(): Record<string, unknown> {
  return {
    '/api/v1/decisions': {
      get: {
        summary: 'Registered decisions (podium.yaml and the admin API), each with its source',
        security: keyOrAdmin,
        responses: ok(listOf(listedDecisionDefinitionSchema)),
      },
    },
    '/api/v1/decisions/{id}': {
      post: {
        summary:
          'Propose a decision: allowed, pending (an approval was opened) or denied, with reasons and the deciding policies',
        description:
          '400 names the invalid field; 503 `audit_unavailable` when the decision could not be recorded (nothing was allowed or opened).',
        security: keyOrAdmin,
        parameters: [path('id', 'The decision id'), agentHeader],
        requestBody: { content: json(proposeDecisionBodySchema) },
        responses: ok(decisionAnswerSchema),
      },
    },
    '/api/v1/decisions/{id}/requests/{requestId}': {
      get: {
        summary: "Poll a pending decision by its approval id (a key sees only its own organisation's)",
        security: keyOrAdmin,
        parameters: [path('id', 'The decision id'), path('requestId', 'The approvalId of the answer')],
        responses: ok(decisionRequestStatusSchema),
      },
    },
    '/api/v1/decision-definitions': {
      get: {
        summary: 'Decision definitions, each with its source (file or api)',
        responses: ok(listOf(listedDecisionDefinitionSchema)),
      },
      post: {
        summary: 'Create or replace an API-defined decision (409 for an id podium.yaml defines; 400 names the field)',
        requestBody: { content: json(decisionDefinitionSchema) },
        responses: ok(listedDecisionDefinitionSchema, 201),
      },
    },
    '/api/v1/decision-definitions/{id}': {
      delete: {
        summary: 'Delete an API-defined decision (404 unknown, 409 for one podium.yaml defines)',
        parameters: [path('id', 'The decision id')],
        responses: ok(z.object({ id: z.string(), deleted: z.literal(true) })),
      },
    },
  };
}
