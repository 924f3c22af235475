/**
 * Hostile clients against a real Podium, for every registered route (enumerated from the router, so
 * new routes are covered without touching this file): nothing a request carries may crash the
 * process, every refusal is a 4xx in the caller's shape, and no answer carries internals.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startTestPodium, type RawAnswer, type TestPodium } from '../testkit/index.js';

const bodyTimeoutMs = 300;
const maxBodyBytes = 64 * 1024;
const metricsToken = 'metrics-token-0123456789';
let podium: TestPodium;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { primary: 'openai' },
    modelsYaml: `  gpt-4o-mini:\n    targets:\n      - { provider: primary, model: gpt-4.1-mini-2025-04-14 }`,
    extraYaml: `gateway: { maxBodyBytes: ${maxBodyBytes} }\nhttp: { bodyTimeoutMs: ${bodyTimeoutMs}, headersTimeoutMs: 2000, maxHeaderBytes: 8192, metricsToken: "${metricsToken}" }`,
  });
  podium.upstreams.primary?.always({
    json: {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 0,
      model: 'gpt-4.1-mini-2025-04-14',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    },
  });
}, 120_000);

afterAll(async () => {
  await podium.close();
});

type Shape = 'openai' | 'anthropic' | 'admin' | 'mcp';
const shapeOf = (path: string): Shape =>
  path === '/mcp' || path.startsWith('/mcp?')
    ? 'mcp'
    : path === '/v1/messages' || path.startsWith('/v1/messages/')
      ? 'anthropic'
      : path.startsWith('/v1/')
        ? 'openai'
        : 'admin';
const fill = (path: string, value = 'x'): string => path.replace(/:[A-Za-z]+/g, value);
// `/mcp` is served to callers' keys, like the model endpoints.
const credentialFor = (path: string): string =>
  path.startsWith('/v1/') || shapeOf(path) === 'mcp' ? podium.key : podium.adminKey;
const host = () => new URL(podium.url).host;

/** Asserts a well-formed refusal in the caller's shape that names nothing internal. */
function expectRefusal(answer: { status: number; body: string }, path: string): void {
  expect(answer.status, `${path}: ${answer.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${path}: ${answer.body.slice(0, 200)}`).toBeLessThan(500);
  expectNoInternals(answer.body);
  // The signed approval link is opened in a browser: its answers are pages, not JSON.
  // (The router's own refusals, before the page handler runs, stay JSON.)
  if (path.endsWith('/act') && !answer.body.startsWith('{')) {
    expect(answer.body).toMatch(/^<!doctype html>/i);
    return;
  }
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  if (shapeOf(path) === 'mcp') {
    // MCP speaks JSON-RPC: its refusals are JSON-RPC errors. The router's own refusals, before the route
    // runs (a control character in the query), keep the admin API's shape.
    expect(body).toMatchObject({ error: { message: expect.any(String) as unknown } });
    if (body.jsonrpc === '2.0') expect(body.error).toHaveProperty('code', expect.any(Number));
    else expect(body.error).toHaveProperty('code', expect.any(String));
  } else if (shapeOf(path) === 'anthropic') {
    expect(body).toMatchObject({
      type: 'error',
      error: { type: expect.any(String) as unknown, message: expect.any(String) as unknown },
    });
  } else {
    expect(body).toMatchObject({
      error: { type: expect.any(String) as unknown, message: expect.any(String) as unknown },
    });
    expect(body.error).toHaveProperty('param');
    if (shapeOf(path) === 'admin') expect(body.error).toHaveProperty('code', expect.any(String));
  }
}

function expectNoInternals(text: string): void {
  for (const secret of [
    podium.adminKey,
    podium.key,
    podium.adminKey.slice(0, 11),
    podium.key.slice(0, 11),
    'sk-upstream',
    ...Object.values(podium.upstreams).map((upstream) => upstream.url),
  ]) {
    expect(text).not.toContain(secret);
  }
  expect(text).not.toMatch(/\n\s+at |node_modules|\/src\/server\//);
}

async function send(
  method: string,
  path: string,
  init: { body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${podium.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${credentialFor(path)}`, 'content-type': 'application/json', ...init.headers },
    body: method === 'GET' || method === 'HEAD' ? null : (init.body ?? null),
  });
  return { status: response.status, body: await response.text() };
}

/**
 * One raw request line with `target` verbatim; the server closes the connection after answering
 * (`connection: close`). The socket is not half-closed: a client FIN reads as an abort (see http-server.ts).
 */
const rawTo = (method: string, target: string, extraHeaders = ''): Promise<RawAnswer> =>
  rawRequest({
    url: podium.url,
    bytes: `${method} ${target} HTTP/1.1\r\nhost: ${host()}\r\nauthorization: Bearer ${credentialFor(target)}\r\ncontent-length: 0\r\n${extraHeaders}connection: close\r\n\r\n`,
    keepWriting: true,
  });

async function expectAlive(): Promise<void> {
  expect((await fetch(`${podium.url}/healthz`)).status).toBe(200);
  const models = await fetch(`${podium.url}/v1/models`, { headers: { authorization: `Bearer ${podium.key}` } });
  expect(models.status).toBe(200);
}

describe('hostile clients, on every route', () => {
  it('enumerates the routes the server actually serves', () => {
    expect(podium.routes.length).toBeGreaterThan(30);
    expect(podium.routes).toContainEqual({ method: 'GET', path: '/api/v1/approvals/:id' });
  });

  it('answers malformed percent-encoding in every path parameter with 400 naming the parameter', async () => {
    const withParams = podium.routes.filter((route) => route.path.includes(':'));
    expect(withParams.length).toBeGreaterThan(5);
    for (const route of withParams) {
      for (const name of route.path.match(/:[A-Za-z]+/g) ?? []) {
        const target = route.path.replace(name, '%ZZ').replace(/:[A-Za-z]+/g, 'x');
        const answer = await rawTo(route.method, target);
        expectRefusal(answer, target);
        expect(answer.status).toBe(400);
        expect(JSON.parse(answer.body)).toMatchObject({ error: { param: name.slice(1) } });
      }
    }
    // The original report: one unauthenticated GET from a cross-site <img>.
    expect((await fetch(`${podium.url}/api/v1/approvals/%ZZ`)).status).toBe(400);
    await expectAlive();
  });

  it('refuses NUL and control characters in path, query and headers without falling over', async () => {
    for (const route of podium.routes) {
      const path = fill(route.path);
      for (const target of [
        `${fill(route.path, '%00%01%7F')}`,
        `${path}?team=%00%1B&limit=%FF`,
        `${path}\u0000x`,
        `${path}?a=\u0001`,
      ]) {
        const answer = await rawTo(route.method, target);
        if (answer.status >= 400) expectRefusal(answer, path);
        else expect(answer.status, `${route.method} ${JSON.stringify(target)}`).toBeGreaterThanOrEqual(200);
      }
      const header = await rawTo(route.method, path, 'x-podium-user: a\u0001b\r\nx-podium-tags: \u0000\r\n');
      expect(header.status).toBe(400);
      expectNoInternals(header.body);
    }
    await expectAlive();
  });

  it('answers 4xx in the caller shape to deep nesting, invalid UTF-8, unknown fields and huge bodies', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deepInField = `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}]}`;
    const bodies = [
      deep,
      deepInField,
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      '{"unknown_field_x":{"y":1},"model":"no-such-model"}',
      'x'.repeat(2 * 1024 * 1024),
    ];
    for (const route of podium.routes.filter((candidate) => candidate.method !== 'GET')) {
      const path = fill(route.path);
      for (const body of bodies) {
        const answer = await send(route.method, path, { body });
        expectRefusal(answer, path);
      }
    }
    const tooDeep = await send('POST', '/v1/chat/completions', { body: deepInField });
    expect(tooDeep.status).toBe(400);
    expect(JSON.parse(tooDeep.body)).toMatchObject({
      error: { param: expect.stringMatching(/^tools\.0\.function\.parameters\.a\.a/) as unknown },
    });
    const notUtf8 = await send('POST', '/v1/messages', {
      body: Buffer.concat([
        Buffer.from('{"model":"gpt-4o-mini","max_tokens":5,"messages":[{"role":"user","content":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}]}'),
      ]),
    });
    expect(notUtf8.status).toBe(400);
    expect(JSON.parse(notUtf8.body)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(podium.upstreams.primary?.requests).toHaveLength(0);
    await expectAlive();
  });

  it('cuts off a slow body with 408 and closes the socket within the bound', async () => {
    const head = (credential: string) =>
      `POST /v1/chat/completions HTTP/1.1\r\nhost: ${host()}\r\nauthorization: Bearer ${credential}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"model":`;
    const slow = await rawRequest({
      url: podium.url,
      bytes: head(podium.key),
      keepWriting: true,
      waitMs: bodyTimeoutMs * 10,
    });
    expect(slow.status).toBe(408);
    expectRefusal(slow, '/v1/chat/completions');
    expect(slow.closedAfterMs).toBeDefined();
    expect(slow.closedAfterMs).toBeLessThan(bodyTimeoutMs + 1500);
    // Without a valid key the body is never waited for: 401 at once, and the connection closes.
    const stranger = await rawRequest({
      url: podium.url,
      bytes: head('pk-not-a-real-key-0123456789'),
      keepWriting: true,
      waitMs: bodyTimeoutMs * 10,
    });
    expect(stranger.status).toBe(401);
    expect(stranger.closedAfterMs).toBeLessThan(bodyTimeoutMs);
    const admin = await rawRequest({
      url: podium.url,
      bytes: `POST /api/v1/teams HTTP/1.1\r\nhost: ${host()}\r\nauthorization: Bearer ${podium.adminKey}\r\ncontent-length: 1000\r\n\r\n{`,
      keepWriting: true,
      waitMs: bodyTimeoutMs * 10,
    });
    expect(admin.status).toBe(408);
    expect(admin.closedAfterMs).toBeLessThan(bodyTimeoutMs + 1500);
    await expectAlive();
  });

  it('answers oversized headers with 431 and never echoes a presented credential', async () => {
    const big = await rawTo('GET', '/v1/models', `x-filler: ${'a'.repeat(10_000)}\r\n`);
    expect(big.status).toBe(431);
    for (const path of ['/v1/models', '/v1/chat/completions', '/api/v1/teams', '/metrics']) {
      const answer = await send(path === '/v1/chat/completions' ? 'POST' : 'GET', path, {
        headers: { authorization: 'Bearer pk-presented-secret-0123456789' },
        body: '{}',
      });
      expect(answer.status).toBe(401);
      expect(answer.body).not.toContain('pk-presen');
    }
    await expectAlive();
  });

  it('any bytes as a body yield a 2xx or a well-formed 4xx, on the gateway and the admin API', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/chat/completions', '/v1/messages', '/v1/embeddings', '/api/v1/teams', '/api/v1/keys'),
        fc.uint8Array({ maxLength: 300 }),
        async (path, bytes) => {
          const answer = await send('POST', path, { body: Buffer.from(bytes) });
          if (answer.status >= 300) expectRefusal(answer, path);
        },
      ),
      { numRuns: 60 },
    );
    await expectAlive();
  });
});

describe('the edge guards', () => {
  it('answers only allowed Host names (DNS rebinding) and keeps /metrics behind its token', async () => {
    for (const path of ['/metrics', '/api/v1/teams', '/v1/models']) {
      const rebound = await rawRequest({
        url: podium.url,
        bytes: `GET ${path} HTTP/1.1\r\nhost: evil.example:${new URL(podium.url).port}\r\nauthorization: Bearer ${metricsToken}\r\nconnection: close\r\n\r\n`,
      });
      expect(rebound.status).toBe(403);
      expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: 'host_not_allowed' } });
    }
    const local = await rawRequest({
      url: podium.url,
      bytes: `GET /healthz HTTP/1.1\r\nhost: localhost:${new URL(podium.url).port}\r\nconnection: close\r\n\r\n`,
    });
    expect(local.status).toBe(200);
    expect((await fetch(`${podium.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${podium.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).status,
    ).toBe(200);
  });

  it('keeps /metrics bounded after 1,000 distinct unknown model names', async () => {
    const names = Array.from({ length: 1000 }, (_, index) => `unknown-${index}-${'m'.repeat(300)}`);
    for (let at = 0; at < names.length; at += 50) {
      await Promise.all(
        names.slice(at, at + 50).map(async (model) => {
          const answer = await send('POST', '/v1/chat/completions', {
            body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
          });
          expect(answer.status).toBe(404);
        }),
      );
    }
    const text = await (
      await fetch(`${podium.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
    ).text();
    expect(text).toContain('model="other",status="404"');
    expect(text).not.toContain('unknown-');
    expect(text.length).toBeLessThan(64 * 1024);
  }, 120_000);
});
