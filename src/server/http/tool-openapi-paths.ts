/** The tool catalog routes' part of the OpenAPI 3.1 document, generated from the schemas that validate them. */
import { z } from 'zod';
import {
  adminErrorSchema,
  listOf,
  pendingToolSchema,
  toolDecisionBodySchema,
  toolDiffSchema,
  toolSetSummarySchema,
  toolSummarySchema,
  toolUpstreamSummarySchema,
} from '../../contract/index.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'input') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});
const ok = (schema: z.ZodType) => ({
  200: { description: 'OK', content: json(schema, 'output') },
  default: { description: 'Error', content: json(adminErrorSchema) },
});
const toolPath = [
  {
    name: 'upstream',
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description: 'the upstream in podium.yaml',
  },
  { name: 'tool', in: 'path', required: true, schema: { type: 'string' }, description: 'the tool’s name on it' },
];

/** Paths to merge into the admin API document's `paths`. */
export function toolOpenApiPaths(): Record<string, unknown> {
  const decision = (summary: string, answer: z.ZodType) => ({
    post: {
      summary,
      parameters: toolPath,
      requestBody: { content: json(toolDecisionBodySchema) },
      responses: ok(answer),
    },
  });
  return {
    '/api/v1/tools/upstreams': {
      get: {
        summary: 'Tool upstreams: kind, health and tool counts',
        responses: ok(listOf(toolUpstreamSummarySchema)),
      },
    },
    '/api/v1/tools': {
      get: {
        summary: 'Every tool with its pin state (pinned, pending-new, pending-changed, rejected)',
        responses: ok(listOf(toolSummarySchema)),
      },
    },
    '/api/v1/tools/pending': {
      get: { summary: 'Definitions quarantined until an admin decides', responses: ok(listOf(pendingToolSchema)) },
    },
    '/api/v1/tools/pending/{upstream}/{tool}/diff': {
      get: {
        summary: 'The pending definition against the pinned one, field by field',
        parameters: toolPath,
        responses: ok(toolDiffSchema),
      },
    },
    '/api/v1/tools/pending/{upstream}/{tool}/approve': decision(
      'Pins the pending definition with this digest (409 when another is pending now)',
      toolSummarySchema,
    ),
    '/api/v1/tools/pending/{upstream}/{tool}/reject': decision(
      'Keeps the pending definition with this digest quarantined (409 when another is pending now)',
      pendingToolSchema,
    ),
    '/api/v1/tools/sets': {
      get: {
        summary: 'Tool sets from podium.yaml and whom they are attached to',
        responses: ok(listOf(toolSetSummarySchema)),
      },
    },
  };
}
