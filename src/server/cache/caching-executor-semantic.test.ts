import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../embeddings/index.js';
import { loadEvents, loadJson, ownFixturePath, type ReceivedRequest } from '../testkit/index.js';
import { cacheMetricNames } from './cache-metrics.js';
import { startCachedTestGateway, type CachedTestGateway } from './cached-test-gateway.test-suite.js';

const chatText = loadJson(ownFixturePath('openai/chat-text.json'));
const chatChunks = loadEvents(ownFixturePath('openai/chat-text.chunks.txt'), { done: true });
const question = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'fast',
  messages: [{ role: 'user', content }],
  ...extra,
});
// One model for the whole file: loading it is the expensive part (~200 ms, seconds on a busy machine).
// A generous timeout: on a loaded test machine a lookup must not turn into a miss.
const local = createLocalEmbedder({ timeoutMs: 60_000 });

describe('semantic response cache with the local embedder', () => {
  let setup: CachedTestGateway | undefined;
  beforeAll(() => local.warmUp(60_000));
  afterAll(() => local.close());
  afterEach(async () => setup?.gateway.close());
  const start = async (): Promise<CachedTestGateway> => {
    setup = await startCachedTestGateway({
      models: { fast: { semantic: { ttlSeconds: 60, threshold: 0.85, embedding: 'local' } } },
      localEmbedder: local,
    });
    setup.gateway.upstreams.openai?.always({ json: chatText });
    return setup;
  };
  const lookups = (outcome: string): number =>
    setup?.gateway.metrics.value(cacheMetricNames.lookups, { kind: 'semantic', outcome }) ?? 0;

  it('serves a paraphrase from the cache, saying how similar it was', async () => {
    const { gateway } = await start();
    const first = await gateway.call(question('What is the capital of France?'));
    const paraphrase = await gateway.call(question("What's France's capital city?"));
    expect(first.call.cacheStatus).toBe('miss');
    expect(paraphrase.call.cacheStatus).toBe('semantic-hit');
    expect(paraphrase.response.headers['x-podium-cache']).toBe('semantic-hit');
    expect(Number(paraphrase.response.headers['x-podium-cache-similarity'])).toBeGreaterThan(0.85);
    expect(Number(paraphrase.response.headers['x-podium-cache-similarity'])).toBeLessThan(1);
    expect(paraphrase.response.body).toBe(first.response.body);
    expect(paraphrase.call.usage?.outputTokens).toBe(0);
    expect(gateway.upstreams.openai?.requests).toHaveLength(1);
  });

  it('misses near-misses: another entity, a negation (turned away by the guard), a changed number', async () => {
    const { gateway } = await start();
    await gateway.call(question('What is the capital of France?'));
    await gateway.call(question('How many moons does Mars have? Answer in 2 words.'));
    const germany = await gateway.call(question('What is the capital of Germany?'));
    const negation = await gateway.call(question('What is not the capital of France?'));
    const number = await gateway.call(question('How many moons does Mars have? Answer in 3 words.'));
    expect([germany, negation, number].map((result) => result.call.cacheStatus)).toEqual(['miss', 'miss', 'miss']);
    expect(lookups('guarded')).toBeGreaterThanOrEqual(2);
    expect(gateway.upstreams.openai?.requests).toHaveLength(5);
  });

  it('keeps teams, system prompts and streamed answers apart', async () => {
    const { gateway } = await start();
    await gateway.call(question('What is the capital of France?'), { headers: { 'x-test-team': 'team_a' } });
    const otherTeam = await gateway.call(question("What's France's capital city?"), {
      headers: { 'x-test-team': 'team_b' },
    });
    const otherSystem = await gateway.call(
      {
        model: 'fast',
        messages: [
          { role: 'system', content: 'Answer as a pirate.' },
          { role: 'user', content: "What's France's capital city?" },
        ],
      },
      { headers: { 'x-test-team': 'team_a' } },
    );
    const sameTeam = await gateway.call(question("What's France's capital city?"), {
      headers: { 'x-test-team': 'team_a' },
    });
    expect([otherTeam, otherSystem, sameTeam].map((result) => result.call.cacheStatus)).toEqual([
      'miss',
      'miss',
      'semantic-hit',
    ]);
  });

  it('replays a streamed answer to a paraphrase byte for byte', async () => {
    const { gateway } = await start();
    gateway.upstreams.openai?.enqueue({ events: chatChunks });
    const first = await gateway.call(question('Which instruments make up a string quartet?', { stream: true }));
    const paraphrase = await gateway.call(question('What instruments are in a string quartet?', { stream: true }));
    expect(paraphrase.call.cacheStatus).toBe('semantic-hit');
    expect(paraphrase.response.streamed).toBe(true);
    expect(paraphrase.response.body).toBe(first.response.body);
  });

  it('skips requests it cannot compare by meaning (an image), still answering them', async () => {
    const { gateway } = await start();
    const image = {
      model: 'fast',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            { type: 'text', text: 'What is this?' },
          ],
        },
      ],
    };
    await gateway.call(image);
    const again = await gateway.call(image);
    expect(again.response.status).toBe(200);
    expect(again.call.cacheStatus).toBe('miss');
    expect(lookups('skipped')).toBe(2);
  });
});

/** A deterministic "embedding": counts of a few words, so reordered wording embeds identically. */
function bagOfWords(text: string): number[] {
  const vocabulary = ['capital', 'france', 'germany', 'city', 'what', 'is'];
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return vocabulary.map((word) => words.filter((candidate) => candidate === word).length + 0.01);
}

describe('semantic response cache with an embedding alias', () => {
  let setup: CachedTestGateway | undefined;
  afterEach(async () => setup?.gateway.close());

  it('embeds through the pipeline with the caller key and serves a reworded question', async () => {
    setup = await startCachedTestGateway({
      models: { fast: { semantic: { ttlSeconds: 60, threshold: 0.99, embedding: 'embed' } } },
      extraModels: { embed: { targets: [{ provider: 'embedder', model: 'text-embedding-3-small' }] } },
    });
    const { gateway } = setup;
    gateway.upstreams.openai?.always({ json: chatText });
    gateway.upstreams.embedder?.always((request: ReceivedRequest) => {
      const input = (request.json as { input: string }).input;
      return {
        json: {
          object: 'list',
          data: [{ object: 'embedding', index: 0, embedding: bagOfWords(input) }],
          model: 'text-embedding-3-small',
          usage: { prompt_tokens: 5, total_tokens: 5 },
        },
      };
    });
    await gateway.call(question('What is the capital of France?'));
    const reworded = await gateway.call(question('France: what is its capital?'));
    expect(reworded.call.cacheStatus).toBe('semantic-hit');
    // Through the pipeline as internal calls on the caller's behalf, tagged for chargeback.
    const embeddingCalls = setup.finished.filter((call) => call.internal === 'embedding');
    expect(embeddingCalls).toHaveLength(2);
    expect(embeddingCalls[0]?.tags).toEqual({ 'podium.internal': 'embedding' });
    expect(embeddingCalls[0]?.caller?.teamId).toBe('team_test');
    const embeddingRequests = gateway.upstreams.embedder?.requests ?? [];
    // One embedding per lookup; the miss reuses its lookup's vector to index the answer.
    expect(embeddingRequests).toHaveLength(2);
    expect(embeddingRequests[0]?.path).toBe('/v1/embeddings');
    expect(embeddingRequests[0]?.json).toMatchObject({
      model: 'text-embedding-3-small',
      input: 'What is the capital of France?',
    });
    expect(embeddingRequests[0]?.headers.authorization).toBe('Bearer sk-upstream-embedder');
    expect(gateway.upstreams.openai?.requests).toHaveLength(1);
  });

  it('answers from upstream when the embedding alias fails', async () => {
    setup = await startCachedTestGateway({
      models: { fast: { semantic: { ttlSeconds: 60, threshold: 0.9, embedding: 'embed' } } },
      extraModels: { embed: { targets: [{ provider: 'embedder', model: 'text-embedding-3-small' }] } },
    });
    const { gateway, errors } = setup;
    gateway.upstreams.openai?.always({ json: chatText });
    gateway.upstreams.embedder?.always({
      status: 400,
      json: { error: { message: 'bad input', type: 'invalid_request_error' } },
    });
    const served = await gateway.call(question('What is the capital of France?'));
    expect(served.response.status).toBe(200);
    expect(served.call.cacheStatus).toBe('miss');
    expect(gateway.metrics.value(cacheMetricNames.lookups, { kind: 'semantic', outcome: 'error' })).toBe(1);
    expect(String(errors[0])).toMatch(/embedding alias "embed" failed/);
  });
});
