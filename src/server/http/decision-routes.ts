/**
 * The decision registry over HTTP. Agents (virtual keys) and named humans (the admin key with
 * `actingAs`) propose decisions at `POST /api/v1/decisions/{id}` and poll pending ones; the admin
 * key manages API-defined decisions at `/api/v1/decision-definitions`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  decisionDefinitionSchema,
  PodiumError,
  type DecisionAnswer,
  type DecisionRequestStatus,
} from '../../contract/index.js';
import type { DecisionMaker, DecisionRegistry, DecisionService } from '../governance/decisions/index.js';
import type { AdminCredential, Caller } from '../identity/index.js';
import { credentialOf } from './credential.js';
import { sendError, sendJson } from './http-server.js';
import { parseInput, parseJsonBody } from './parse-input.js';
import { readBody } from './read-body.js';
import type { RouteHandler, RouteInput, Router } from './router.js';

/** What polling needs from human approvals. */
export interface ApprovalLookup {
  get(
    id: string,
  ): Promise<
    | { id: string; decisionId: string; tenant: string; state: string; outcomeReason?: string | null | undefined }
    | undefined
  >;
}

export interface DecisionRouteOptions {
  admin: AdminCredential;
  authenticate: (secret: string) => Promise<Caller>;
  organizationId: string;
  registry: DecisionRegistry;
  service: DecisionService;
  approvals: ApprovalLookup;
}

const bodyLimit = 1024 * 1024;

type Principal = { kind: 'admin' } | { kind: 'key'; caller: Caller };
type Action = (
  input: RouteInput & { principal: Principal; body: () => Promise<unknown> },
) => Promise<{ status: number; body: unknown }>;

function route(options: DecisionRouteOptions, allow: 'admin' | 'any', action: Action): RouteHandler {
  return async (input) => {
    try {
      const principal = await identify(options, input.request.headers);
      if (allow === 'admin' && principal.kind !== 'admin')
        throw new PodiumError('permission_denied', 'this route needs the admin key');
      const body = async () => parseJsonBody(await readBody(input.request, bodyLimit));
      const reply = await action({ ...input, principal, body });
      sendJson(input.response, reply.status, reply.body);
    } catch (error) {
      input.request.resume();
      sendError(input.response, error, 'admin');
    }
  };
}

async function identify(options: DecisionRouteOptions, headers: IncomingHttpHeaders): Promise<Principal> {
  const secret = credentialOf(headers);
  if (secret?.startsWith('pk-')) return { kind: 'key', caller: await options.authenticate(secret) };
  options.admin.verify(secret);
  return { kind: 'admin' };
}

function makerOf(principal: Principal, body: unknown, headers: IncomingHttpHeaders): DecisionMaker {
  if (principal.kind === 'key') {
    const agent = headers['x-podium-agent'];
    const caller = principal.caller;
    return {
      kind: 'key',
      keyId: caller.keyId,
      teamName: caller.teamName,
      tier: caller.tier,
      agent: (Array.isArray(agent) ? agent[0] : agent)?.trim() || undefined,
    };
  }
  const actingAs = (body as { actingAs?: unknown } | null)?.actingAs;
  if (typeof actingAs !== 'string' || actingAs === '')
    throw new PodiumError(
      'invalid_request',
      'actingAs: required with the admin key (the named human making the decision)',
      { param: 'actingAs' },
    );
  return { kind: 'human', name: actingAs };
}

/** Maps an approval's state to the decision outcome an agent polls for. */
function outcomeOf(state: string): DecisionAnswer['outcome'] {
  if (state === 'approved') return 'allowed';
  if (state === 'pending') return 'pending';
  return 'denied';
}

export function addDecisionRoutes(router: Router, options: DecisionRouteOptions): void {
  const { registry, service } = options;
  const listed = () => registry.list().map((entry) => ({ ...entry.definition, source: entry.source }));
  router
    .add(
      'GET',
      '/api/v1/decisions',
      route(options, 'any', () => Promise.resolve({ status: 200, body: { data: listed() } })),
    )
    .add(
      'POST',
      '/api/v1/decisions/:id',
      route(options, 'any', async ({ params, principal, body, request }) => {
        const raw = await body();
        const tenant = principal.kind === 'key' ? principal.caller.orgId : options.organizationId;
        const answer = await service.propose({
          decisionId: params.id ?? '',
          tenant,
          maker: makerOf(principal, raw, request.headers),
          body: raw,
        });
        return { status: 200, body: answer };
      }),
    )
    .add(
      'GET',
      '/api/v1/decisions/:id/requests/:requestId',
      route(options, 'any', async ({ params, principal }) => {
        const decision = params.id ?? '';
        const approval = await options.approvals.get(params.requestId ?? '');
        // A key sees only its own organisation's requests (the admin key sees all); another tenant's is "not found", not "forbidden".
        const visible =
          approval !== undefined && (principal.kind === 'admin' || approval.tenant === principal.caller.orgId);
        if (!visible || !approval.decisionId.startsWith(`${decision}/`))
          throw new PodiumError(
            'not_found',
            `no pending request "${params.requestId ?? ''}" for decision "${decision}"`,
            { param: 'requestId' },
          );
        const status: DecisionRequestStatus = {
          approvalId: approval.id,
          decision,
          request: approval.decisionId.slice(decision.length + 1),
          state: approval.state,
          outcome: outcomeOf(approval.state),
          reason: approval.outcomeReason ?? null,
        };
        return { status: 200, body: status };
      }),
    )
    .add(
      'GET',
      '/api/v1/decision-definitions',
      route(options, 'admin', () => Promise.resolve({ status: 200, body: { data: listed() } })),
    )
    .add(
      'POST',
      '/api/v1/decision-definitions',
      route(options, 'admin', async ({ body }) => {
        const definition = parseInput(decisionDefinitionSchema, await body(), 'body');
        await registry.put(definition);
        return { status: 201, body: { ...definition, source: 'api' } };
      }),
    )
    .add(
      'DELETE',
      '/api/v1/decision-definitions/:id',
      route(options, 'admin', async ({ params }) => {
        await registry.remove(params.id ?? '');
        return { status: 200, body: { id: params.id, deleted: true } };
      }),
    );
}
