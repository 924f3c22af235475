/** The admin API's OpenAPI 3.1 document, generated from the same zod schemas that validate it. */
import { z } from 'zod';
import { approvalOpenApiPaths } from './approval-openapi-paths.js';
import { auditOpenApiPaths } from './audit-openapi-paths.js';
import { budgetOpenApiPaths } from './budget-openapi-paths.js';
import { decisionOpenApiPaths } from './decision-openapi-paths.js';
import { routingOpenApiPaths } from './routing-openapi-paths.js';
import { toolOpenApiPaths } from './tool-openapi-paths.js';
import {
  adminErrorSchema,
  createdKeySchema,
  createKeyBodySchema,
  createProjectBodySchema,
  createTeamBodySchema,
  keySchema,
  listOf,
  projectSchema,
  requestPageSchema,
  teamSchema,
} from '../../contract/index.js';

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
});
const ok = (schema: z.ZodType, status = '200') => ({
  [status]: { description: 'OK', content: json(schema) },
  default: { description: 'Error', content: json(adminErrorSchema) },
});
const query = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description,
});

export function buildOpenApiDocument(): Record<string, unknown> {
  const document = coreDocument();
  return {
    ...document,
    paths: {
      ...(document.paths as Record<string, unknown>),
      ...budgetOpenApiPaths(),
      ...routingOpenApiPaths(),
      ...approvalOpenApiPaths(),
      ...auditOpenApiPaths(),
      ...decisionOpenApiPaths(),
      ...toolOpenApiPaths(),
    },
  };
}

function coreDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Podium admin API', version: '1' },
    components: {
      securitySchemes: {
        admin: { type: 'http', scheme: 'bearer', description: 'The admin key (PODIUM_ADMIN_KEY).' },
        virtualKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A virtual key (pk-…): decision proposals and polls.',
        },
      },
    },
    security: [{ admin: [] }],
    paths: {
      '/api/v1/teams': {
        get: { summary: 'List teams', responses: ok(listOf(teamSchema)) },
        post: {
          summary: 'Create a team',
          requestBody: { content: json(createTeamBodySchema) },
          responses: ok(teamSchema, '201'),
        },
      },
      '/api/v1/projects': {
        get: {
          summary: 'List projects',
          parameters: [query('team', 'Team name or id')],
          responses: ok(listOf(projectSchema)),
        },
        post: {
          summary: 'Create a project',
          requestBody: { content: json(createProjectBodySchema) },
          responses: ok(projectSchema, '201'),
        },
      },
      '/api/v1/keys': {
        get: {
          summary: 'List virtual keys (never their secrets)',
          parameters: [query('team', 'Team name or id'), query('includeRevoked', 'true to include revoked keys')],
          responses: ok(listOf(keySchema)),
        },
        post: {
          summary: 'Create a virtual key; the secret is returned once',
          requestBody: { content: json(createKeyBodySchema) },
          responses: ok(createdKeySchema, '201'),
        },
      },
      '/api/v1/keys/{ref}/revoke': {
        post: {
          summary: 'Revoke a key by id or prefix',
          parameters: [{ name: 'ref', in: 'path', required: true, schema: { type: 'string' } }],
          responses: ok(keySchema),
        },
      },
      '/api/v1/requests': {
        get: {
          summary: 'The request ledger, newest first',
          parameters: [
            query('team', 'Team name or id'),
            query('key', 'Key id or prefix'),
            query('model', 'Requested or served model'),
            query('since', 'ISO timestamp, inclusive'),
            query('until', 'ISO timestamp, exclusive'),
            query('limit', '1–1000, default 100'),
            query('cursor', 'nextCursor of the previous page'),
          ],
          responses: ok(requestPageSchema),
        },
      },
      '/api/v1/models': {
        get: {
          summary: 'Configured model aliases, their targets and whether they are priced',
          responses: { '200': { description: 'OK' } },
        },
      },
    },
  };
}
