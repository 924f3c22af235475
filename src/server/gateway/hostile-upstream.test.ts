/**
 * A hostile or broken upstream must never turn into a 500, an unbounded wait or unbounded memory, and
 * must never make Podium repeat where it lives: stalls after the headers are 504 and cut bodies 502,
 * both retried on the next target while the client has seen nothing; oversized bodies and SSE lines
 * fail the call clearly (a mid-stream error event once the stream has begun); connection and DNS
 * failures name the provider only. Every call that reached an upstream has its ledger row.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../contract/index.js';
import {
  cutJsonBody,
  hangAfterHeaders,
  hugeJsonBody,
  hugeSseLine,
  loadEvents,
  loadJson,
  ownFixturePath,
  rawSse,
  startTestPodium,
  type TestPodium,
} from '../testkit/index.js';

const chatText = loadJson(ownFixturePath('openai/chat-text.json')) as { choices: { message: { content: string } }[] };
const chatEvents = loadEvents(ownFixturePath('openai/chat-text.chunks.txt'), { done: true });
const limit = 1024 * 1024;

let podium: TestPodium;
let closedPort: number;

/** A port nobody listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  closedPort = await freePort();
  const fast = 'idleTimeoutMs: 150, timeoutMs: 2000, retry: { maxRetries: 0 }';
  podium = await startTestPodium({
    providers: {
      primary: 'openai',
      backup: 'openai-compatible',
      claude: 'anthropic',
      dead: 'openai',
      nowhere: 'openai',
    },
    baseUrls: { dead: `http://127.0.0.1:${closedPort}/v1`, nowhere: 'http://podium-upstream.invalid/v1' },
    providerExtras: { primary: fast, backup: fast, claude: fast, dead: fast, nowhere: fast },
    modelsYaml: `
  fallback:
    targets: [{ provider: primary, model: gpt-a }, { provider: backup, model: gpt-b }]
  solo:
    targets: [{ provider: primary, model: gpt-a }]
  claude-solo:
    targets: [{ provider: claude, model: claude-x }]
  dead:
    targets: [{ provider: dead, model: m }]
  nowhere:
    targets: [{ provider: nowhere, model: m }]
`,
    extraYaml: `ledger: { flushIntervalMs: 20 }\ngateway: { maxUpstreamBodyBytes: ${limit}, maxStreamEventLength: ${limit} }`,
  });
}, 120_000);
afterAll(async () => podium.close());
beforeEach(() => {
  for (const upstream of Object.values(podium.upstreams)) upstream.reset();
});

interface Answer {
  status: number;
  text: string;
  headers: Headers;
  row: RequestRecord;
}

/** One chat call by hand (to see the exact status and bytes), with its ledger row. */
async function chat(model: string, options: { stream?: boolean } = {}): Promise<Answer> {
  const response = await fetch(`${podium.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], stream: options.stream ?? false }),
  });
  const text = await response.text();
  const row = await podium.ledgerRecord(response.headers.get('x-podium-request-id'));
  return { status: response.status, text, headers: response.headers, row };
}

/** Nothing the client receives may say where an upstream lives or what its key is. */
function expectNoInternals(answer: Answer): void {
  const everything = `${answer.text}\n${[...answer.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n')}`;
  for (const [name, upstream] of Object.entries(podium.upstreams)) {
    expect(everything).not.toContain(new URL(upstream.url).host);
    expect(everything).not.toContain(`sk-upstream-${name}`);
  }
  expect(everything).not.toContain(`:${closedPort}`);
  expect(everything).not.toContain('podium-upstream.invalid');
  expect(everything).not.toContain('127.0.0.1');
}

const errorOf = (text: string) => (JSON.parse(text) as { error: { code: string | null; message: string } }).error;

describe('non-streamed calls against a hostile upstream', () => {
  it('a stall after the headers is a 504, retried on the next target', async () => {
    podium.upstreams.primary?.enqueue(hangAfterHeaders({ stream: false }));
    podium.upstreams.backup?.enqueue({ json: chatText });
    const answer = await chat('fallback');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(chatText.choices[0]?.message.content);
    expect(answer.row).toMatchObject({ status: 200, provider: 'backup', attempts: 2 });
    expect(podium.upstreams.primary?.requests[0]?.clientAborted).toBe(true);

    podium.upstreams.primary?.enqueue(hangAfterHeaders({ stream: false }));
    const alone = await chat('solo');
    expect(alone.status).toBe(504);
    expect(errorOf(alone.text)).toMatchObject({
      code: 'timeout',
      message: 'provider "primary" sent nothing for 150 ms after its response headers',
    });
    expect(alone.row).toMatchObject({ status: 504, errorCode: 'upstream_timeout', provider: 'primary' });
    expectNoInternals(alone);
  });

  it('a body cut short is a 502, retried on the next target', async () => {
    podium.upstreams.primary?.enqueue(cutJsonBody(chatText));
    podium.upstreams.backup?.enqueue({ json: chatText });
    const answer = await chat('fallback');
    expect(answer.status).toBe(200);
    expect(answer.row).toMatchObject({ status: 200, provider: 'backup', attempts: 2 });

    podium.upstreams.primary?.enqueue(cutJsonBody(chatText));
    const alone = await chat('solo');
    expect(alone.status).toBe(502);
    expect(errorOf(alone.text).message).toContain(
      'provider "primary" closed the connection before its response was complete',
    );
    expect(alone.row).toMatchObject({ status: 502, errorCode: 'upstream_error', provider: 'primary' });
    expectNoInternals(alone);
  });

  it('a body over maxUpstreamBodyBytes is a 502 upstream_body_too_large naming the provider, read no further', async () => {
    podium.upstreams.primary?.enqueue(hugeJsonBody(100 * limit));
    const started = performance.now();
    const answer = await chat('solo');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(answer.status).toBe(502);
    expect(errorOf(answer.text)).toMatchObject({
      code: 'upstream_body_too_large',
      message: `provider "primary" sent a response body larger than ${limit} bytes`,
    });
    expect(answer.row).toMatchObject({ status: 502, errorCode: 'upstream_body_too_large', provider: 'primary' });
    expect(podium.upstreams.primary?.requests[0]?.clientAborted).toBe(true);
    expectNoInternals(answer);
  });

  it('an unreachable address and a name that does not resolve are 503s that name the provider, not the host', async () => {
    const refused = await chat('dead');
    expect(refused.status).toBe(503);
    expect(errorOf(refused.text).message).toBe('cannot reach provider "dead" (ECONNREFUSED)');
    expect(refused.row).toMatchObject({ status: 503, errorCode: 'upstream_unavailable', provider: 'dead' });
    expectNoInternals(refused);

    const unresolved = await chat('nowhere', { stream: true });
    expect(unresolved.status).toBe(503);
    expect(errorOf(unresolved.text).message).toMatch(/^cannot reach provider "nowhere"( \(E[A-Z_]+\))?$/);
    expectNoInternals(unresolved);
  });

  it("scrubs the upstream's base URL, host and key out of an error it relays", async () => {
    const primary = podium.upstreams.primary;
    primary?.enqueue({
      status: 400,
      json: {
        error: {
          message: `POST ${primary.url}/v1/chat/completions refused key sk-upstream-primary`,
          type: 'invalid_request_error',
        },
      },
    });
    const answer = await chat('solo');
    expect(answer.status).toBe(400);
    expect(errorOf(answer.text).message).toBe('POST [provider primary]/chat/completions refused key [redacted]');
    expectNoInternals(answer);
  });
});

describe('streamed calls against a hostile upstream', () => {
  it('a stall or a dropped connection before the first event falls back: the client sees one clean stream', async () => {
    podium.upstreams.primary?.enqueue(hangAfterHeaders({ stream: true }));
    podium.upstreams.backup?.enqueue({ events: chatEvents });
    const stalled = await chat('fallback', { stream: true });
    expect(stalled.status).toBe(200);
    expect(stalled.text).toContain('data: [DONE]');
    expect(stalled.text).not.toContain('"error"');
    expect(stalled.row).toMatchObject({ status: 200, provider: 'backup', attempts: 2 });

    podium.upstreams.primary?.enqueue({ events: chatEvents, dropAfterEvents: 0 });
    podium.upstreams.backup?.enqueue({ events: chatEvents });
    const dropped = await chat('fallback', { stream: true });
    expect(dropped.status).toBe(200);
    expect(dropped.row).toMatchObject({ status: 200, provider: 'backup', attempts: 2 });
  });

  it('a stall after the first event ends the stream with an error event, recorded as a timeout', async () => {
    podium.upstreams.primary?.enqueue(hangAfterHeaders({ stream: true, events: chatEvents.slice(0, 1) }));
    const answer = await chat('solo', { stream: true });
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith(`data: ${chatEvents[0]?.data}\n\n`)).toBe(true);
    expect(answer.text).toContain('sent nothing for 150 ms after its response headers');
    expect(answer.row).toMatchObject({ status: 502, errorCode: 'upstream_timeout', provider: 'primary' });
    expectNoInternals(answer);
  });

  it('a connection dropped mid-stream ends the stream with an error event in the caller’s protocol', async () => {
    podium.upstreams.primary?.enqueue({ events: chatEvents, dropAfterEvents: 2, eventDelayMs: 5 });
    const answer = await chat('solo', { stream: true });
    expect(answer.status).toBe(200);
    const last = answer.text.trim().split('\n\n').at(-1) ?? '';
    expect(JSON.parse(last.replace(/^data: /, ''))).toMatchObject({ error: { type: 'server_error' } });
    expect(answer.row).toMatchObject({ status: 502, errorCode: 'upstream_error' });
    expectNoInternals(answer);
  });

  it('a 100 MB SSE line fails the stream at maxStreamEventLength, mid-stream, without reading the rest', async () => {
    podium.upstreams.primary?.enqueue(hugeSseLine({ bytes: 100 * 1024 * 1024, events: chatEvents.slice(0, 1) }));
    const started = performance.now();
    const answer = await chat('solo', { stream: true });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`longer than ${limit} characters`);
    expect(answer.row).toMatchObject({ status: 502, errorCode: 'upstream_protocol_error', provider: 'primary' });
    expect(podium.upstreams.primary?.requests[0]?.clientAborted).toBe(true);

    // Before any event reached the client, the same line is an ordinary 502 in the caller's shape.
    podium.upstreams.primary?.enqueue(hugeSseLine({ bytes: 100 * 1024 * 1024 }));
    const first = await chat('solo', { stream: true });
    expect(first.status).toBe(502);
    expect(errorOf(first.text).message).toContain(`longer than ${limit} characters`);
    expect(first.row).toMatchObject({ status: 502, errorCode: 'upstream_protocol_error' });
  });

  it('garbage where SSE should be never becomes a 500 (translated to an OpenAI client)', async () => {
    podium.upstreams.claude?.enqueue(
      rawSse('data: {not json\n\nevent: message_start\ndata: [1,2\n\n\u0000\u0001garbage\r\n\r\n'),
    );
    const answer = await chat('claude-solo', { stream: true });
    expect(answer.status).toBe(502);
    expect(errorOf(answer.text).message).toBe('provider "claude" sent a stream Podium could not read');
    expect(answer.row).toMatchObject({ status: 502, errorCode: 'upstream_protocol_error', provider: 'claude' });
    expectNoInternals(answer);
  });
});
