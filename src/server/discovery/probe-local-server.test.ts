/**
 * A local server is whatever happens to listen on a port: a first start must survive one that stalls,
 * floods, or answers garbage, within the probe's deadline, and take only safe model names from it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalServerCandidate } from '../config/index.js';
import { createOutboundGuard } from '../outbound/index.js';
import { FakeUpstream, hangAfterHeaders, hugeJsonBody, type Responder } from '../testkit/index.js';
import { maxModelsPerServer, probeLocalServer } from './probe-local-server.js';

const timeoutMs = 300;
const maxResponseBytes = 64 * 1024;
const fetch = createOutboundGuard({ allow: ['127.0.0.0/8'], timeoutMs, maxResponseBytes }).fetch;
let server: FakeUpstream;

beforeAll(async () => {
  server = await FakeUpstream.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

const candidate = (listsTags = false): LocalServerCandidate => ({
  name: 'ollama',
  label: 'Ollama',
  origin: server.url,
  listsTags,
});
const byPath =
  (answers: Record<string, Responder>): Responder =>
  (request) => {
    const answer = answers[request.path] ?? { status: 404, text: 'not found' };
    return typeof answer === 'function' ? answer(request) : answer;
  };
const probe = async (listsTags = false) => {
  const started = performance.now();
  const outcome = await probeLocalServer(candidate(listsTags), { fetch, timeoutMs, maxResponseBytes });
  return { outcome, elapsedMs: performance.now() - started };
};

describe('probeLocalServer', () => {
  it('lists the models of an OpenAI-compatible /v1/models', async () => {
    server.always(
      byPath({
        '/v1/models': {
          json: { object: 'list', data: [{ id: 'llama3.1:8b', object: 'model' }, { id: 'qwen2.5-coder:7b' }] },
        },
      }),
    );

    expect((await probe()).outcome).toEqual({
      kind: 'found',
      server: { ...candidate(), models: ['llama3.1:8b', 'qwen2.5-coder:7b'] },
    });
  });

  it("falls back to Ollama's /api/tags, and only for Ollama", async () => {
    server.always(byPath({ '/api/tags': { json: { models: [{ name: 'mistral:latest', size: 1 }] } } }));

    expect((await probe(true)).outcome).toMatchObject({ kind: 'found', server: { models: ['mistral:latest'] } });
    expect((await probe(false)).outcome).toEqual({ kind: 'unusable', reason: 'answered HTTP 404' });
  });

  it('says nothing when nothing listens', async () => {
    const closed = await FakeUpstream.start();
    const origin = closed.url;
    await closed.close();

    expect(await probeLocalServer({ ...candidate(true), origin }, { fetch, timeoutMs, maxResponseBytes })).toEqual({
      kind: 'absent',
    });
  });

  it('gives up on a server that stalls, within the deadline for both requests', async () => {
    server.always(byPath({ '/v1/models': { hang: true }, '/api/tags': hangAfterHeaders({ stream: false }) }));

    const { outcome, elapsedMs } = await probe(true);

    expect(outcome).toEqual({ kind: 'unusable', reason: `did not answer within ${timeoutMs} ms` });
    expect(elapsedMs).toBeLessThan(timeoutMs + 200);
  });

  it('refuses a body past the bound without reading it all', async () => {
    server.always(byPath({ '/v1/models': hugeJsonBody(50 * 1024 * 1024) }));

    const { outcome, elapsedMs } = await probe();

    expect(outcome).toEqual({ kind: 'unusable', reason: `answered more than ${maxResponseBytes} bytes` });
    expect(elapsedMs).toBeLessThan(timeoutMs + 200);
  });

  it('refuses garbage and JSON of the wrong shape', async () => {
    server.always(byPath({ '/v1/models': { text: '<html>router login</html>' } }));
    expect((await probe()).outcome).toEqual({ kind: 'unusable', reason: 'answered something that is not JSON' });

    server.always(byPath({ '/v1/models': { json: { data: [{ name: 'no id' }] } } }));
    expect((await probe()).outcome).toEqual({ kind: 'unusable', reason: 'answered JSON that is not a model list' });

    server.always(byPath({ '/v1/models': { json: { data: [] } } }));
    expect((await probe()).outcome).toEqual({ kind: 'unusable', reason: 'lists no model' });
  });

  it('keeps only names safe as an alias and in a log line, deduplicated and bounded', async () => {
    const many = Array.from({ length: maxModelsPerServer + 50 }, (_, index) => ({ id: `model-${index}` }));
    const hostile = [
      { id: 'ok:1b' },
      { id: 'ok:1b' },
      { id: 'evil\nline' },
      { id: '../../etc' },
      { id: '' },
      { id: 'x'.repeat(300) },
      { id: '${OPENAI_API_KEY}' },
    ];
    server.always(byPath({ '/v1/models': { json: { data: [...hostile, ...many] } } }));

    const { outcome } = await probe();

    expect(outcome.kind).toBe('found');
    const models = outcome.kind === 'found' ? outcome.server.models : [];
    expect(models[0]).toBe('ok:1b');
    expect(models).toHaveLength(maxModelsPerServer);
    expect(models.filter((name) => !/^model-\d+$/.test(name))).toEqual(['ok:1b']);
  });
});
