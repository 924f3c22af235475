/**
 * Test support: a small in-memory implementation of the admin endpoints the CLI calls, served over real
 * HTTP and recording every call. Tests pass in `createServer` from node:http (only test files may import
 * it); excluded from the build by its name.
 */
import {
  createdKeySchema,
  createKeyBodySchema,
  createProjectBodySchema,
  createTeamBodySchema,
  listRequestsQuerySchema,
  type Key,
  type Project,
  type RequestRecord,
  type Team,
} from '../contract/index.js';
import type { z } from 'zod';

interface IncomingLike extends AsyncIterable<unknown> {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}
interface OutgoingLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: string): unknown;
}
interface ServerLike {
  listen(port: number, host: string, listening: () => void): unknown;
  address(): unknown;
  close(callback: (error?: Error) => void): unknown;
  closeAllConnections(): void;
}
export type CreateServer = (listener: (request: IncomingLike, response: OutgoingLike) => void) => ServerLike;

/** One call as the fake received it. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
  contentType: string | undefined;
}

export interface Reply {
  status: number;
  body: unknown;
  /** `application/json` unless set (CSV reports). */
  contentType?: string;
}

/** A route added by a test suite for endpoints the fake does not know (see fake-budget-api.test-suite.ts). */
export type ExtraRoute = (call: RecordedCall, match: RegExpExecArray) => Reply;

export interface FakeAdminApi {
  readonly url: string;
  readonly adminKey: string;
  readonly calls: RecordedCall[];
  readonly teams: Team[];
  readonly projects: Project[];
  readonly keys: Key[];
  /** The ledger; tests push records (see `requestRecord`). */
  readonly records: RequestRecord[];
  /** Answers the next call with this instead of the fake's own reply (bodies may be strings: sent raw). */
  replyOnce(status: number, body: unknown): void;
  /** Holds the reply to the next call forever; resolves once that call has arrived. */
  holdNextReply(): Promise<void>;
  /** Answers `method` on paths matching `path` (after the admin key check), before the fake's own routes. */
  addRoute(method: string, path: RegExp, handler: ExtraRoute): void;
  close(): Promise<void>;
}

const org = 'org_1';
const now = () => new Date('2025-06-01T12:00:00.000Z').toISOString();

/** A ledger record with sensible defaults: a priced 200 call to gpt-4o-mini. */
export function requestRecord(overrides: Partial<RequestRecord> & Pick<RequestRecord, 'id' | 'at'>): RequestRecord {
  return {
    orgId: org,
    teamId: 'team_1',
    projectId: null,
    keyId: 'key_1',
    surface: 'openai-chat',
    requestedModel: 'gpt-4o-mini',
    servedModel: 'gpt-4o-mini-2024-07-18',
    provider: 'openai',
    stream: false,
    status: 200,
    errorCode: null,
    tier: null,
    endUser: null,
    tags: null,
    inputTokens: 1200,
    outputTokens: 80,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    costUsd: 0.00042,
    latencyMs: 812.4,
    overheadMs: 1.2,
    attempts: 1,
    routePolicy: null,
    routeChoice: null,
    routeReason: null,
    cacheStatus: null,
    dataFindings: null,
    usageEstimated: false,
    sanitized: false,
    ...overrides,
  };
}

/** Starts the fake on 127.0.0.1 and an ephemeral port. */
export async function startFakeAdminApi(createServer: CreateServer, adminKey = 'admin-secret'): Promise<FakeAdminApi> {
  const state = { teams: [] as Team[], projects: [] as Project[], keys: [] as Key[], records: [] as RequestRecord[] };
  const calls: RecordedCall[] = [];
  const overrides: Reply[] = [];
  const extraRoutes: { method: string; path: RegExp; handler: ExtraRoute }[] = [];
  let hold: (() => void) | undefined;
  const server = createServer((request, response) => {
    void receive(request).then((call) => {
      calls.push(call);
      if (hold !== undefined) {
        hold();
        hold = undefined;
        return;
      }
      const reply = overrides.shift() ?? route(call);
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      response.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  function route(call: RecordedCall): Reply {
    if (call.authorization !== `Bearer ${adminKey}`)
      return failure(401, { code: 'invalid_api_key', message: 'invalid admin key' });
    for (const extra of extraRoutes) {
      const match = extra.method === call.method ? extra.path.exec(call.path) : null;
      if (match !== null) return extra.handler(call, match);
    }
    const revoke = /^\/api\/v1\/keys\/([^/]+)\/revoke$/.exec(call.path);
    if (call.method === 'POST' && revoke?.[1] !== undefined) return revokeKey(decodeURIComponent(revoke[1]));
    const handler = routes[`${call.method} ${call.path}`];
    return handler === undefined
      ? failure(404, { code: 'not_found', message: `no route ${call.method} ${call.path}` })
      : handler(call);
  }

  const findTeam = (reference: string) => state.teams.find((team) => team.id === reference || team.name === reference);

  const routes: Record<string, (call: RecordedCall) => Reply> = {
    'GET /api/v1/teams': () => ({ status: 200, body: { data: state.teams } }),
    'POST /api/v1/teams': (call) => {
      const body = createTeamBodySchema.safeParse(call.body);
      if (!body.success) return invalid(body.error);
      if (findTeam(body.data.name))
        return failure(409, { code: 'conflict', message: `team "${body.data.name}" already exists`, param: 'name' });
      const team = { id: `team_${state.teams.length + 1}`, orgId: org, name: body.data.name, createdAt: now() };
      state.teams.push(team);
      return { status: 201, body: team };
    },
    'GET /api/v1/projects': (call) => {
      const team = call.query.team === undefined ? undefined : findTeam(call.query.team);
      return {
        status: 200,
        body: {
          data: state.projects.filter((project) => call.query.team === undefined || project.teamId === team?.id),
        },
      };
    },
    'POST /api/v1/projects': (call) => {
      const body = createProjectBodySchema.safeParse(call.body);
      if (!body.success) return invalid(body.error);
      const team = findTeam(body.data.team);
      if (!team)
        return failure(404, { code: 'not_found', message: `team "${body.data.team}" not found`, param: 'team' });
      const project = {
        id: `proj_${state.projects.length + 1}`,
        teamId: team.id,
        name: body.data.name,
        createdAt: now(),
      };
      state.projects.push(project);
      return { status: 201, body: project };
    },
    'GET /api/v1/keys': (call) => {
      const team = call.query.team === undefined ? undefined : findTeam(call.query.team);
      const keys = state.keys.filter(
        (key) =>
          (call.query.team === undefined || key.teamId === team?.id) &&
          (call.query.includeRevoked === 'true' || key.revokedAt === null),
      );
      return { status: 200, body: { data: keys } };
    },
    'POST /api/v1/keys': (call) => {
      const body = createKeyBodySchema.safeParse(call.body);
      if (!body.success) return invalid(body.error);
      const team = findTeam(body.data.team);
      if (!team)
        return failure(404, { code: 'not_found', message: `team "${body.data.team}" not found`, param: 'team' });
      const project =
        body.data.project === undefined
          ? undefined
          : state.projects.find(
              (candidate) =>
                candidate.teamId === team.id &&
                (candidate.name === body.data.project || candidate.id === body.data.project),
            );
      if (body.data.project !== undefined && !project)
        return failure(404, {
          code: 'not_found',
          message: `project "${body.data.project}" not found`,
          param: 'project',
        });
      const number = state.keys.length + 1;
      const key: Key = {
        id: `key_${number}`,
        prefix: `pk-${number}abc`,
        name: body.data.name ?? null,
        orgId: org,
        teamId: team.id,
        teamName: team.name,
        projectId: project?.id ?? null,
        projectName: project?.name ?? null,
        allowedModels: body.data.allowedModels ?? null,
        tier: body.data.tier ?? 'standard',
        createdAt: now(),
        revokedAt: null,
      };
      state.keys.push(key);
      return { status: 201, body: createdKeySchema.parse({ ...key, key: `pk-${number}abc-secret${number}` }) };
    },
    'GET /api/v1/requests': (call) => {
      const query = listRequestsQuerySchema.safeParse(call.query);
      if (!query.success) return invalid(query.error);
      const { team, key, model, since, until, limit, cursor } = query.data;
      const teamId = team === undefined ? undefined : (findTeam(team)?.id ?? team);
      const matching = state.records
        .filter((record) => teamId === undefined || record.teamId === teamId)
        .filter((record) => key === undefined || record.keyId === key)
        .filter((record) => model === undefined || record.requestedModel === model || record.servedModel === model)
        .filter((record) => since === undefined || Date.parse(record.at) >= Date.parse(since))
        .filter((record) => until === undefined || Date.parse(record.at) < Date.parse(until))
        .sort((left, right) => Date.parse(right.at) - Date.parse(left.at) || right.id.localeCompare(left.id));
      const offset = Number(cursor ?? '0');
      const end = offset + limit;
      return {
        status: 200,
        body: { data: matching.slice(offset, end), nextCursor: end < matching.length ? String(end) : null },
      };
    },
  };

  function revokeKey(reference: string): Reply {
    const key = state.keys.find((candidate) => candidate.id === reference || candidate.prefix === reference);
    if (!key) return failure(404, { code: 'not_found', message: `key "${reference}" not found` });
    if (key.revokedAt !== null) return failure(409, { code: 'conflict', message: `key ${key.id} is already revoked` });
    key.revokedAt = '2025-06-02T09:30:00.000Z';
    return { status: 200, body: key };
  }

  return {
    url: `http://127.0.0.1:${port}`,
    adminKey,
    calls,
    ...state,
    replyOnce: (status, body) => void overrides.push({ status, body }),
    holdNextReply: () => new Promise<void>((resolve) => (hold = resolve)),
    addRoute: (method, path, handler) => void extraRoutes.push({ method, path, handler }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function receive(request: IncomingLike): Promise<RecordedCall> {
  const chunks: string[] = [];
  for await (const chunk of request) chunks.push(String(chunk));
  const text = chunks.join('');
  const url = new URL(request.url ?? '/', 'http://fake');
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
    authorization: header('authorization'),
    contentType: header('content-type'),
  };
}

/** An admin API error reply. */
export function failure(status: number, error: { code: string; message: string; param?: string | null }): Reply {
  const { code, message, param = null } = error;
  const type = status === 401 ? 'authentication_error' : status === 404 ? 'not_found_error' : 'invalid_request_error';
  return { status, body: { error: { type, code, message, param } } };
}

/** A 400 naming the first zod issue's field, as the server does. */
export function invalid(error: z.ZodError): Reply {
  const issue = error.issues[0];
  return failure(400, {
    code: 'invalid_request',
    message: issue?.message ?? 'invalid request',
    param: issue === undefined ? null : issue.path.join('.'),
  });
}
