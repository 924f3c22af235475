/** The admin API under /api/v1: identity, keys and the request ledger. Bearer admin key on every route. */
import {
  createKeyBodySchema,
  createProjectBodySchema,
  createTeamBodySchema,
  listRequestsQuerySchema,
  type ListRequestsQuery,
  type RequestPage,
} from '../../contract/index.js';
import { z } from 'zod';
import type { ModelCatalog } from '../gateway/index.js';
import type { AdminCredential, IdentityService } from '../identity/index.js';
import { credentialOf } from './credential.js';
import { sendError, sendJson } from './http-server.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { parseInput, parseJsonBody } from './parse-input.js';
import { readBody } from './read-body.js';
import type { RouteHandler, RouteInput, Router } from './router.js';

export interface AdminRouteOptions {
  admin: AdminCredential;
  identity: IdentityService;
  catalog: ModelCatalog;
  requests: { list(query: ListRequestsQuery): Promise<RequestPage> };
}

const adminBodyLimit = 1024 * 1024;
const keysQuerySchema = z.strictObject({
  team: z.string().min(1).optional(),
  includeRevoked: z.enum(['true', 'false']).optional(),
});
const projectsQuerySchema = z.strictObject({ team: z.string().min(1).optional() });

type AdminAction = (input: RouteInput & { body: () => Promise<unknown> }) => Promise<{ status: number; body: unknown }>;

function adminRoute(options: AdminRouteOptions, action: AdminAction): RouteHandler {
  return async (input) => {
    try {
      options.admin.verify(credentialOf(input.request.headers));
      const body = async () => parseJsonBody(await readBody(input.request, adminBodyLimit));
      const result = await action({ ...input, body });
      sendJson(input.response, result.status, result.body);
    } catch (error) {
      input.request.resume();
      sendError(input.response, error, 'admin');
    }
  };
}

export function addAdminRoutes(router: Router, options: AdminRouteOptions): void {
  const { identity } = options;
  const document = JSON.stringify(buildOpenApiDocument());
  router.add('GET', '/api/v1/openapi.json', ({ response }) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(document);
  });
  router
    .add(
      'GET',
      '/api/v1/teams',
      adminRoute(options, async () => ({ status: 200, body: { data: await identity.listTeams() } })),
    )
    .add(
      'POST',
      '/api/v1/teams',
      adminRoute(options, async ({ body }) => {
        const input = parseInput(createTeamBodySchema, await body(), 'body');
        return { status: 201, body: await identity.createTeam(input.name) };
      }),
    )
    .add(
      'GET',
      '/api/v1/projects',
      adminRoute(options, async ({ query }) => {
        const input = parseInput(projectsQuerySchema, Object.fromEntries(query), 'query');
        return { status: 200, body: { data: await identity.listProjects(input.team) } };
      }),
    )
    .add(
      'POST',
      '/api/v1/projects',
      adminRoute(options, async ({ body }) => {
        const input = parseInput(createProjectBodySchema, await body(), 'body');
        return { status: 201, body: await identity.createProject(input.team, input.name) };
      }),
    )
    .add(
      'GET',
      '/api/v1/keys',
      adminRoute(options, async ({ query }) => {
        const input = parseInput(keysQuerySchema, Object.fromEntries(query), 'query');
        return {
          status: 200,
          body: {
            data: await identity.listKeys({ team: input.team, includeRevoked: input.includeRevoked === 'true' }),
          },
        };
      }),
    )
    .add(
      'POST',
      '/api/v1/keys',
      adminRoute(options, async ({ body }) => ({
        status: 201,
        body: await identity.createKey(parseInput(createKeyBodySchema, await body(), 'body')),
      })),
    )
    .add(
      'POST',
      '/api/v1/keys/:ref/revoke',
      adminRoute(options, async ({ params }) => ({ status: 200, body: await identity.revokeKey(params.ref ?? '') })),
    )
    .add(
      'DELETE',
      '/api/v1/keys/:ref',
      adminRoute(options, async ({ params }) => ({ status: 200, body: await identity.revokeKey(params.ref ?? '') })),
    )
    .add(
      'GET',
      '/api/v1/requests',
      adminRoute(options, async ({ query }) => ({
        status: 200,
        body: await options.requests.list(parseInput(listRequestsQuerySchema, Object.fromEntries(query), 'query')),
      })),
    )
    .add(
      'GET',
      '/api/v1/models',
      adminRoute(options, () => Promise.resolve({ status: 200, body: { data: options.catalog.list() } })),
    );
}
