/**
 * The tool catalog's admin API under /api/v1/tools (admin key): upstreams and their health, every tool with its
 * pin state, the definitions waiting for an admin, their diff against the pin, and the decisions, each naming the
 * digest the admin was shown (409 when another is pending now).
 */
import { z } from 'zod';
import { PodiumError, toolDecisionBodySchema, toolUpstreamNameSchema } from '../../contract/index.js';
import type { AdminCredential } from '../identity/index.js';
import type { ToolAdmin } from '../tools/index.js';
import { credentialOf } from './credential.js';
import { sendError, sendJson } from './http-server.js';
import { parseInput, parseJsonBody } from './parse-input.js';
import { readBody } from './read-body.js';
import type { RouteHandler, RouteInput, Router } from './router.js';

export interface ToolRouteOptions {
  admin: AdminCredential;
  tools: ToolAdmin;
}

const bodyLimit = 16 * 1024;
const toolPathSchema = z.strictObject({ upstream: toolUpstreamNameSchema, tool: z.string().min(1).max(128) });
/** Who decides when the body does not say: the admin credential (the router's audit entry names which one). */
const defaultDecider = 'admin';

type Action = (input: RouteInput & { body: () => Promise<unknown> }) => Promise<{ status: number; body: unknown }>;

function adminRoute(admin: AdminCredential, action: Action): RouteHandler {
  return async (input) => {
    try {
      admin.verify(credentialOf(input.request.headers));
      const body = async () => parseJsonBody(await readBody(input.request, bodyLimit));
      const reply = await action({ ...input, body });
      sendJson(input.response, reply.status, reply.body);
    } catch (error) {
      input.request.resume();
      sendError(input.response, error, 'admin');
    }
  };
}

/** The `{upstream}/{tool}` of a path, validated: a 400 names the segment at fault. */
function toolOf(input: RouteInput): z.output<typeof toolPathSchema> {
  const result = toolPathSchema.safeParse({ upstream: input.params.upstream, tool: input.params.tool });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue?.path.map(String).join('.') || 'path';
  throw new PodiumError('invalid_request', `path.${param}: ${issue?.message ?? 'invalid'}`, { param });
}

/** Adds the tool admin routes. */
export function addToolRoutes(router: Router, options: ToolRouteOptions): void {
  const { admin, tools } = options;
  const decide = (verdict: 'approve' | 'reject'): RouteHandler =>
    adminRoute(admin, async (input) => {
      const target = toolOf(input);
      const body = parseInput(toolDecisionBodySchema, await input.body(), 'body');
      const decision = { ...target, digest: body.digest, by: body.as ?? defaultDecider, comment: body.comment };
      return {
        status: 200,
        body: verdict === 'approve' ? await tools.approve(decision) : await tools.reject(decision),
      };
    });

  router
    .add(
      'GET',
      '/api/v1/tools/upstreams',
      adminRoute(admin, async () => ({ status: 200, body: { data: await tools.upstreamSummaries() } })),
    )
    .add(
      'GET',
      '/api/v1/tools',
      adminRoute(admin, async () => ({ status: 200, body: { data: await tools.tools() } })),
    )
    .add(
      'GET',
      '/api/v1/tools/pending',
      adminRoute(admin, async () => ({ status: 200, body: { data: await tools.pending() } })),
    )
    .add(
      'GET',
      '/api/v1/tools/sets',
      adminRoute(admin, () => Promise.resolve({ status: 200, body: { data: tools.sets() } })),
    )
    .add(
      'GET',
      '/api/v1/tools/pending/:upstream/:tool/diff',
      adminRoute(admin, async (input) => {
        const { upstream, tool } = toolOf(input);
        return { status: 200, body: await tools.diff(upstream, tool) };
      }),
    )
    .add('POST', '/api/v1/tools/pending/:upstream/:tool/approve', decide('approve'))
    .add('POST', '/api/v1/tools/pending/:upstream/:tool/reject', decide('reject'));
}
