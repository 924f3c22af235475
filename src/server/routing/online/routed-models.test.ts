/**
 * Routed aliases end to end: the official OpenAI client against a real Podium whose `smart`-style
 * aliases route to candidates (rules, learned router file, cascades), with the decision in the
 * response headers and the ledger.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashFeatures } from '../learned-router/hash-features.js';
import type { LinearRouter } from '../learned-router/linear-router.js';
import { loadEvents, ownFixturePath, startTestPodium, type TestPodium } from '../../testkit/index.js';

const bits = 12;

/** A router file whose cheap model is confident unless the prompt says "prove". */
function routerFile(): LinearRouter {
  const cheap = new Array<number>(1 << bits).fill(0);
  const reference = new Array<number>(1 << bits).fill(0);
  cheap[0] = 3;
  reference[0] = 10;
  const prove = hashFeatures({ text: 'prove', inputTokens: 1, bits }).indices.find(
    (index) => index !== 0 && !hashFeatures({ text: '', inputTokens: 1, bits }).indices.includes(index),
  );
  if (prove !== undefined) cheap[prove] = -40;
  return {
    kind: 'podium-linear-router',
    version: 1,
    dataset: 'test',
    reference: 'frontier-model',
    costUnit: 'usd',
    featureBits: bits,
    scoreRange: [0, 1],
    referenceMeanCost: 1,
    split: { seed: 'test', validationShare: 0.2 },
    lambda: 0,
    sweep: [0, 0.5, 2],
    operatingPoints: [
      { lambda: 0, qualityPercent: 100, costPercent: 100 },
      { lambda: 0.5, qualityPercent: 96, costPercent: 20 },
      { lambda: 2, qualityPercent: 80, costPercent: 2 },
    ],
    models: [
      { name: 'tiny-model', weights: cheap, costIntercept: 0.01, costPerInputToken: 0 },
      { name: 'frontier-model', weights: reference, costIntercept: 1, costPerInputToken: 0 },
    ],
  };
}

const completion = (text: string, model: string) => ({
  id: `chatcmpl-${model}`,
  object: 'chat.completion',
  created: 1767225600,
  model,
  choices: [
    { index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
});

let podium: TestPodium;
let client: OpenAI;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'podium-router-'));
  const file = join(dir, 'router.json');
  await writeFile(file, JSON.stringify(routerFile()));
  podium = await startTestPodium({
    providers: { cheap: 'openai', mid: 'openai', frontier: 'openai' },
    modelsYaml: `
  tiny:
    targets: [{ provider: cheap, model: tiny-1 }]
    price: { input: 0.1, output: 0.4 }
  medium:
    targets: [{ provider: mid, model: medium-1 }]
    price: { input: 1, output: 4 }
  big:
    targets: [{ provider: frontier, model: big-1 }]
    price: { input: 10, output: 40 }
  by-rules:
    router:
      policy: rules
      candidates: [tiny, big]
      reference: big
      rules:
        - { when: { pattern: "\\\\b(prove|derive)\\\\b" }, use: big }
        - { when: { maxInputTokens: 200, tools: false }, use: tiny }
  learned:
    router:
      policy: learned
      candidates: [tiny, big]
      reference: big
      maxQualityLoss: 0.05
      file: ${file}
      modelNames: { tiny: tiny-model, big: frontier-model }
  strict:
    router:
      policy: learned
      candidates: [tiny, big]
      reference: big
      maxQualityLoss: 0
      file: ${file}
      modelNames: { tiny: tiny-model, big: frontier-model }
  json-cascade:
    router:
      policy: cascade
      candidates: [tiny, medium, big]
      reference: big
      verify: { method: schema }
  agreeing:
    router:
      policy: cascade
      candidates: [tiny, medium, big]
      reference: big
      verify: { method: agreement }
  verified:
    router:
      policy: cascade
      candidates: [tiny, big]
      reference: big
      verify: { method: verifier, verifier: medium }
  consistent:
    router:
      policy: cascade
      candidates: [tiny, big]
      reference: big
      verify: { method: self-consistency, samples: 3 }
`,
    extraYaml: 'ledger: { flushIntervalMs: 20 }',
  });
  client = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: podium.key, maxRetries: 0 });
});

afterAll(async () => podium.close());
beforeEach(() => {
  for (const upstream of Object.values(podium.upstreams)) upstream.reset();
});

const ask = (model: string, content: string) =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content }] }).withResponse();

describe('rules policy', () => {
  it('sends a short prompt to the cheap candidate and records why', async () => {
    podium.upstreams.cheap?.enqueue({ json: completion('4', 'tiny-1') });
    const { data, response } = await ask('by-rules', 'What is 2 + 2?');
    expect(data.choices[0]?.message.content).toBe('4');
    expect(response.headers.get('x-podium-route')).toBe('tiny');
    expect(response.headers.get('x-podium-route-reason')).toBe('rule 2: maxInputTokens=200, tools=false');
    expect(podium.upstreams.cheap?.requests[0]?.json).toMatchObject({ model: 'tiny-1' });
    const record = await podium.ledgerRecord(response.headers.get('x-podium-request-id'));
    expect(record).toMatchObject({
      requestedModel: 'by-rules',
      servedModel: 'tiny-1',
      routePolicy: 'rules',
      routeChoice: 'tiny',
      routeReason: 'rule 2: maxInputTokens=200, tools=false',
    });
  });

  it('sends a matching pattern to the reference and falls back to it when no rule matches', async () => {
    podium.upstreams.frontier?.enqueue({ json: completion('Proof: …', 'big-1') });
    podium.upstreams.frontier?.enqueue({ json: completion('Long answer', 'big-1') });
    const proof = await ask('by-rules', 'Prove that there are infinitely many primes.');
    expect(proof.response.headers.get('x-podium-route')).toBe('big');
    expect(proof.response.headers.get('x-podium-route-reason')).toMatch(/^rule 1: pattern=/);
    const long = await ask('by-rules', 'x '.repeat(1000));
    expect(long.response.headers.get('x-podium-route-reason')).toBe('no rule matched: reference');
    expect(podium.upstreams.cheap?.requests).toHaveLength(0);
  });
});

describe('learned policy', () => {
  it('routes by the prompt text with the λ that keeps maxQualityLoss', async () => {
    podium.upstreams.cheap?.enqueue({ json: completion('Paris', 'tiny-1') });
    podium.upstreams.frontier?.enqueue({ json: completion('Proof', 'big-1') });
    const easy = await ask('learned', 'What is the capital of France?');
    expect(easy.response.headers.get('x-podium-route')).toBe('tiny');
    expect(easy.response.headers.get('x-podium-route-reason')).toMatch(
      /^learned: p\(success\) 0\.\d\d, cost 0\.010x reference, lambda 0\.5$/,
    );
    const hard = await ask('learned', 'prove it');
    expect(hard.response.headers.get('x-podium-route')).toBe('big');
  });

  it('keeps every call on the reference when no quality may be lost', async () => {
    podium.upstreams.frontier?.enqueue({ json: completion('Paris', 'big-1') });
    const { response } = await ask('strict', 'What is the capital of France?');
    expect(response.headers.get('x-podium-route')).toBe('big');
    expect(response.headers.get('x-podium-route-reason')).toMatch(/lambda 0$/);
  });
});

describe('cascade', () => {
  const jsonRequest = (stream: boolean) => ({
    model: 'json-cascade',
    messages: [{ role: 'user' as const, content: 'Give the city as JSON.' }],
    response_format: { type: 'json_object' as const },
    stream,
  });

  it('keeps the cheapest tier whose answer passes verification, without the client seeing the others', async () => {
    podium.upstreams.cheap?.enqueue({ json: completion('The city is Paris', 'tiny-1') });
    podium.upstreams.mid?.enqueue({ json: completion('{"city":"Paris"}', 'medium-1') });
    const { data, response } = await client.chat.completions
      .create({ ...jsonRequest(false), stream: false })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('{"city":"Paris"}');
    expect(data.model).toBe('json-cascade');
    expect(response.headers.get('x-podium-route')).toBe('medium');
    expect(response.headers.get('x-podium-route-reason')).toBe('cascade: kept medium (schema valid)');
    expect(podium.upstreams.frontier?.requests).toHaveLength(0);
    // Tiers are asked for whole answers even when the client streams.
    expect(podium.upstreams.cheap?.requests[0]?.json).toMatchObject({ model: 'tiny-1', stream: false });
    const record = await podium.ledgerRecord(response.headers.get('x-podium-request-id'));
    expect(record).toMatchObject({ routePolicy: 'cascade', routeChoice: 'medium', costUsd: 0 });
    const tiers = (await podium.admin('GET', '/api/v1/requests?limit=100')).json as {
      data: { id: string; tags: Record<string, string> | null; servedModel: string | null }[];
    };
    const internal = tiers.data.filter((row) => row.id.startsWith(`${record.id}.cascade.`));
    expect(internal.map((row) => row.servedModel).sort()).toEqual(['medium-1', 'tiny-1']);
    expect(internal.every((row) => row.tags?.['podium.internal'] === 'cascade')).toBe(true);
  });

  it('streams only the final answer when the client streams', async () => {
    podium.upstreams.cheap?.enqueue({ json: completion('{"city":"Paris"}', 'tiny-1') });
    const stream = await client.chat.completions.create({ ...jsonRequest(true), stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('{"city":"Paris"}');
    expect(podium.upstreams.mid?.requests).toHaveLength(0);
  });

  it('escalates to the reference when no tier passes, and the reference streams live', async () => {
    podium.upstreams.cheap?.enqueue({ json: completion('Paris', 'tiny-1') });
    podium.upstreams.mid?.enqueue({ json: completion('[1]', 'medium-1') });
    podium.upstreams.frontier?.enqueue({ json: completion('{"city":"Paris"}', 'big-1') });
    const { data, response } = await client.chat.completions
      .create({ ...jsonRequest(false), stream: false })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('{"city":"Paris"}');
    expect(response.headers.get('x-podium-route')).toBe('big');
    expect(response.headers.get('x-podium-route-reason')).toBe(
      `cascade: escalated to big (tiny: schema: (root) the answer is not JSON (Unexpected token 'P', "Paris" is not valid JSON); medium: schema: (root) must be a JSON object)`,
    );
    const record = await podium.ledgerRecord(response.headers.get('x-podium-request-id'));
    expect(record).toMatchObject({ routeChoice: 'big', servedModel: 'big-1' });
    expect(record.costUsd).toBeGreaterThan(0);
  });

  it('agreement: two cheap tiers that agree keep the first; disagreement escalates', async () => {
    podium.upstreams.cheap?.enqueue({ json: completion('The answer is 42.', 'tiny-1') });
    podium.upstreams.mid?.enqueue({ json: completion('42', 'medium-1') });
    const agreed = await ask('agreeing', 'What is 6 x 7?');
    expect(agreed.data.choices[0]?.message.content).toBe('The answer is 42.');
    expect(agreed.response.headers.get('x-podium-route-reason')).toBe(
      'cascade: kept tiny (agreement with medium: yes)',
    );

    podium.upstreams.cheap?.enqueue({ json: completion('41', 'tiny-1') });
    podium.upstreams.mid?.enqueue({ json: completion('42', 'medium-1') });
    podium.upstreams.mid?.enqueue({ json: completion('42', 'medium-1') });
    podium.upstreams.frontier?.enqueue({ json: completion('42', 'big-1') });
    const disagreed = await ask('agreeing', 'What is 6 x 7?');
    expect(disagreed.response.headers.get('x-podium-route')).toBe('big');
    expect(disagreed.response.headers.get('x-podium-route-reason')).toMatch(
      /^cascade: escalated to big \(tiny: agreement with medium: no; medium: agreement: no second cheap tier\)$/,
    );
  });

  it('verifier: a YES keeps the cheap answer, a NO escalates; the verifier sees question and answer', async () => {
    podium.upstreams.cheap?.enqueue({ json: completion('Canberra', 'tiny-1') });
    podium.upstreams.mid?.enqueue({ json: completion('YES', 'medium-1') });
    const kept = await ask('verified', 'Capital of Australia?');
    expect(kept.data.choices[0]?.message.content).toBe('Canberra');
    expect(kept.response.headers.get('x-podium-route-reason')).toBe('cascade: kept tiny (verifier medium: YES)');
    const verifierPrompt = JSON.stringify(podium.upstreams.mid?.requests[0]?.json);
    expect(verifierPrompt).toContain('Capital of Australia?');
    expect(verifierPrompt).toContain('Canberra');

    podium.upstreams.cheap?.enqueue({ json: completion('Sydney', 'tiny-1') });
    podium.upstreams.mid?.enqueue({ json: completion('NO', 'medium-1') });
    podium.upstreams.frontier?.enqueue({ json: completion('Canberra', 'big-1') });
    const escalated = await ask('verified', 'Capital of Australia?');
    expect(escalated.data.choices[0]?.message.content).toBe('Canberra');
    expect(escalated.response.headers.get('x-podium-route-reason')).toBe(
      'cascade: escalated to big (tiny: verifier medium: NO)',
    );
  });

  it('escalated while the client streams: the rejected tier is never shown and the reference streams live', async () => {
    const events = loadEvents(ownFixturePath('openai/chat-text.chunks.txt'), { done: true });
    const expected = events
      .filter((event) => event.data !== '[DONE]')
      .map(
        (event) =>
          (JSON.parse(event.data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '',
      )
      .join('');
    podium.upstreams.cheap?.enqueue({ json: completion('Sydney', 'tiny-1') });
    podium.upstreams.mid?.enqueue({ json: completion('NO', 'medium-1') });
    podium.upstreams.frontier?.enqueue({ events, eventDelayMs: 5 });
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'verified', messages: [{ role: 'user', content: 'Capital of Australia?' }], stream: true })
      .withResponse();
    const deltas: string[] = [];
    for await (const chunk of stream) deltas.push(chunk.choices[0]?.delta.content ?? '');
    expect(deltas.join('')).toBe(expected);
    expect(deltas.join('')).not.toContain('Sydney');
    expect(deltas.filter((delta) => delta !== '').length).toBeGreaterThan(1);
    expect(response.headers.get('x-podium-route')).toBe('big');
    // The tiers were asked for whole answers; only the reference streamed, straight through to the client.
    expect(podium.upstreams.cheap?.requests[0]?.json).toMatchObject({ stream: false });
    expect(podium.upstreams.frontier?.requests[0]?.json).toMatchObject({ model: 'big-1', stream: true });
  });

  it('never keeps a tier answer that breaks the requested JSON format, whatever the verification method', async () => {
    podium.upstreams.cheap?.enqueue({ json: completion('Canberra', 'tiny-1') });
    podium.upstreams.frontier?.enqueue({ json: completion('{"capital":"Canberra"}', 'big-1') });
    const { data, response } = await client.chat.completions
      .create({
        model: 'verified',
        messages: [{ role: 'user', content: 'Capital of Australia, as JSON?' }],
        response_format: { type: 'json_object' },
      })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('{"capital":"Canberra"}');
    expect(response.headers.get('x-podium-route-reason')).toMatch(
      /^cascade: escalated to big \(tiny: schema: \(root\) the answer is not JSON/,
    );
    // The verifier was not even asked: the format check comes first and costs nothing.
    expect(podium.upstreams.mid?.requests).toHaveLength(0);
  });

  it("holds Anthropic Messages tiers to the caller's output_config.format, with verify: schema and with any other method", async () => {
    const anthropic = new Anthropic({ baseURL: podium.url, apiKey: podium.key, maxRetries: 0 });
    const format = {
      type: 'json_schema' as const,
      schema: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      },
    };
    const ask = (model: string) =>
      anthropic.messages
        .create({
          model,
          max_tokens: 100,
          messages: [{ role: 'user', content: 'Capital of Australia, as JSON?' }],
          output_config: { format },
        })
        .withResponse();
    // verify: schema — tiny's JSON lacks the required field, medium's matches the caller's schema.
    podium.upstreams.cheap?.enqueue({ json: completion('{"capital":"Canberra"}', 'tiny-1') });
    podium.upstreams.mid?.enqueue({ json: completion('{"city":"Canberra"}', 'medium-1') });
    const kept = await ask('json-cascade');
    expect(kept.data.content[0]).toMatchObject({ type: 'text', text: '{"city":"Canberra"}' });
    expect(kept.response.headers.get('x-podium-route-reason')).toBe('cascade: kept medium (schema valid)');
    // verify: verifier — a tier answer that breaks the format escalates before the verifier is paid for.
    podium.upstreams.cheap?.enqueue({ json: completion('{"capital":"Canberra"}', 'tiny-1') });
    podium.upstreams.frontier?.enqueue({ json: completion('{"city":"Canberra"}', 'big-1') });
    const verifierCallsBefore = podium.upstreams.mid?.requests.length;
    const escalated = await ask('verified');
    expect(escalated.response.headers.get('x-podium-route')).toBe('big');
    expect(escalated.response.headers.get('x-podium-route-reason')).toMatch(
      /^cascade: escalated to big \(tiny: schema: \(root\) must have required property 'city'|^cascade: escalated to big \(tiny: schema: \/city is required/,
    );
    expect(podium.upstreams.mid?.requests.length).toBe(verifierCallsBefore);
  });

  it('self-consistency: warm samples of the same tier must all agree', async () => {
    for (const text of ['42', 'It is 42', '42.0'])
      podium.upstreams.cheap?.enqueue({ json: completion(text, 'tiny-1') });
    const kept = await ask('consistent', 'What is 6 x 7?');
    expect(kept.response.headers.get('x-podium-route-reason')).toBe(
      'cascade: kept tiny (self-consistency: 3 of 3 agree)',
    );
    expect(
      podium.upstreams.cheap?.requests
        .slice(1)
        .map((request) => (request.json as { temperature?: number }).temperature),
    ).toEqual([0.7, 0.7]);

    for (const text of ['42', '41', '42']) podium.upstreams.cheap?.enqueue({ json: completion(text, 'tiny-1') });
    podium.upstreams.frontier?.enqueue({ json: completion('42', 'big-1') });
    const escalated = await ask('consistent', 'What is 6 x 7?');
    expect(escalated.response.headers.get('x-podium-route-reason')).toBe(
      'cascade: escalated to big (tiny: self-consistency: 2 of 3 agree)',
    );
  });

  it('lets a key allowed only the routed alias use its candidates through it, and nothing else', async () => {
    const created = await podium.admin('POST', '/api/v1/keys', {
      team: 'test',
      name: 'smart-only',
      allowedModels: ['agreeing'],
    });
    const restricted = new OpenAI({
      baseURL: `${podium.url}/v1`,
      apiKey: (created.json as { key: string }).key,
      maxRetries: 0,
    });
    podium.upstreams.cheap?.enqueue({ json: completion('42', 'tiny-1') });
    podium.upstreams.mid?.enqueue({ json: completion('42', 'medium-1') });
    const answer = await restricted.chat.completions
      .create({ model: 'agreeing', messages: [{ role: 'user', content: 'What is 6 x 7?' }] })
      .withResponse();
    expect(answer.response.headers.get('x-podium-route-reason')).toBe(
      'cascade: kept tiny (agreement with medium: yes)',
    );
    const direct = await restricted.chat.completions
      .create({ model: 'tiny', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect((direct as { code?: string }).code).toBe('model_not_allowed');
  });
});
