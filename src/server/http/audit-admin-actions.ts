/**
 * Every mutation of the admin API (POST, PUT, PATCH, DELETE under /api/v1) leaves an audit entry: which credential,
 * which action on which target, and the outcome. One router wrapper rather than a line in each route, so a route
 * added tomorrow is covered too (a test enumerates the router's routes). The answer waits for the entry to commit,
 * so whoever sees the answer can find its record; should the trail be down, the answer still goes out (the change
 * was made) and the failure is reported.
 */
import type { ServerResponse } from 'node:http';
import type { AuditEntryInput } from '../governance/audit/index.js';
import type { AdminActor } from './admin-actor.js';
import type { RouteHandler, RouteInput, RouteName, RouteWrapper } from './router.js';

export interface AuditAdminActionsOptions {
  identify: (route: RouteName, input: RouteInput) => Promise<AdminActor | undefined>;
  append: (input: AuditEntryInput) => Promise<unknown>;
  /** An entry that could not be recorded: wire it to the server log. */
  onError: (error: unknown) => void;
}

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Answers larger than this are not read for the target's id (admin answers are small; the cap bounds the work). */
const maxAnswerBytes = 64 * 1024;
const shortString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length <= 200 ? value : undefined;

/** The target's `id` and `name`, and an error's `code`, from a JSON answer — nothing else (a new key's answer holds its secret). */
function answerFacts(chunk: unknown): { id?: string; name?: string; code?: string } {
  // Not by content-type: writeHead's headers are not readable back. An HTML page simply fails to parse.
  const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
  if (text === undefined || text.length > maxAnswerBytes) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const error = record.error as Record<string, unknown> | undefined;
  const facts: { id?: string; name?: string; code?: string } = {};
  const id = shortString(record.id);
  const name = shortString(record.name);
  const code = shortString(error?.code);
  if (id !== undefined) facts.id = id;
  if (name !== undefined) facts.name = name;
  if (code !== undefined) facts.code = code;
  return facts;
}

/** The router wrapper: leaves reads and the model gateway alone. */
export function auditAdminActions(options: AuditAdminActionsOptions): RouteWrapper {
  return (route, handler): RouteHandler => {
    if (!mutating.has(route.method) || !route.path.startsWith('/api/v1/')) return handler;
    return async (input) => {
      const actor = await options.identify(route, input).catch(() => undefined);
      if (actor === undefined) return handler(input);
      const { response } = input;
      // Shadowed by an own property while the handler runs; deleting it brings back the prototype's method.
      let held: unknown[] | undefined;
      const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
      // Holds the answer until the entry is committed; the handler never notices. An answer given before the body
      // arrived (the edge's 408 for a slow body) goes out at once: the edge closes the socket only once it is sent.
      response.end = ((...args: unknown[]) => {
        if (!input.request.complete) return end(...args);
        held = args;
        return response;
      }) as ServerResponse['end'];
      try {
        await handler(input);
      } finally {
        Reflect.deleteProperty(response, 'end');
      }
      const facts = held === undefined ? {} : answerFacts(held[0]);
      const params = { ...input.params };
      await options
        .append({
          tenant: actor.tenant,
          kind: 'admin',
          actor: `${actor.kind}:${actor.id}`,
          subject: params.id ?? params.ref ?? facts.id ?? facts.name ?? route.path,
          payload: {
            action: `${route.method} ${route.path}`,
            params,
            target: { id: facts.id ?? null, name: facts.name ?? null },
            credential: { kind: actor.kind, id: actor.id },
            outcome: { status: response.statusCode, code: facts.code ?? null },
          },
        })
        .catch(options.onError);
      if (held !== undefined) (response as unknown as { end(...args: unknown[]): unknown }).end(...held);
    };
  };
}
