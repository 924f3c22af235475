/**
 * The sampler in a real pipeline: fake upstreams for the cheap candidate, the reference and a judge, and a
 * tiny admission stage playing the router (it routes alias `auto` to `small`, reference `large`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ShadowConfig } from '../../config/index.js';
import { runInternalCall, type AdmissionStage, type Executor } from '../../gateway/index.js';
import type { ShadowResult } from './shadow-result-repository.js';
import {
  loadEvents,
  ownFixturePath,
  startTestGateway,
  type TestGateway,
  type TestGatewayContext,
} from '../../testkit/index.js';
import { createShadowSampler, shadowSamplesMetric, type ShadowSampler } from './shadow-sampler.js';

const completion = (text: string, usage = { prompt_tokens: 1000, completion_tokens: 500 }) => ({
  id: 'chatcmpl-shadow',
  object: 'chat.completion',
  created: 1767225600,
  model: 'upstream-model',
  choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
  usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
});

const messages = [
  { role: 'system', content: 'Answer with a number.' },
  { role: 'user', content: 'What is 6 × 7?' },
];

interface Harness {
  gateway: TestGateway;
  sampler: ShadowSampler;
  results: ShadowResult[];
  errors: unknown[];
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.sampler.close({ abortAfterMs: 1000 });
  await harness?.gateway.close();
  harness = undefined;
});

/** Routes `auto` to `choice` (reference `large`), as the router would. */
const playRouter =
  (choice: string) =>
  (context: TestGatewayContext): AdmissionStage[] => [
    (call) => {
      if (call.requestedModel !== 'auto') return;
      call.routing = { alias: 'auto', policy: 'rules', choice, reason: 'test rule', reference: 'large' };
      call.route = context.catalog.resolve(choice);
    },
  ];

async function start(options: {
  shadow: ShadowConfig;
  choice?: string;
  random?: () => number;
  maxInFlight?: number;
  /** Wraps the executor inside the sampler (a cascade stand-in). */
  inner?: (executor: Executor, context: TestGatewayContext) => Executor;
}): Promise<Harness> {
  const results: ShadowResult[] = [];
  const errors: unknown[] = [];
  const holder: { sampler?: ShadowSampler } = {};
  const gateway = await startTestGateway({
    providers: { cheap: 'openai', big: 'openai', judge: 'openai' },
    models: {
      small: { targets: [{ provider: 'cheap', model: 'gpt-4o-mini' }], price: { input: 1, output: 2 } },
      large: { targets: [{ provider: 'big', model: 'gpt-4o' }], price: { input: 10, output: 30 } },
      grader: { targets: [{ provider: 'judge', model: 'gpt-judge' }], price: { input: 1, output: 1 } },
      auto: {
        router: {
          policy: 'rules',
          candidates: ['small', 'large'],
          reference: 'large',
          rules: [{ use: 'small' }],
          shadow: options.shadow,
        },
      },
    },
    admission: playRouter(options.choice ?? 'small'),
    decorate: (executor, context) => {
      const sampler = createShadowSampler({
        gateway: context.gateway,
        codecs: context.codecs,
        metrics: context.metrics,
        shadowFor: (alias) => (alias === 'auto' ? options.shadow : undefined),
        results: { insert: (result) => Promise.resolve(void results.push(result)) },
        random: options.random ?? (() => 0.5),
        now: () => new Date('2026-11-20T10:00:00.000Z'),
        maxInFlight: options.maxInFlight,
        onError: (error) => errors.push(error),
      });
      holder.sampler = sampler;
      return sampler.wrap(options.inner ? options.inner(executor, context) : executor);
    },
  });
  if (!holder.sampler) throw new Error('the sampler was not built');
  harness = { gateway, sampler: holder.sampler, results, errors };
  return harness;
}

const samples = (gateway: TestGateway, outcome: string) =>
  gateway.metrics.value(shadowSamplesMetric, { alias: 'auto', outcome });

describe('shadow sampler', () => {
  it('samples nothing at rate 0', async () => {
    const { gateway, sampler, results } = await start({ shadow: { rate: 0, grader: 'numeric' }, random: () => 0 });
    gateway.upstreams.cheap?.always({ json: completion('42') });
    for (let index = 0; index < 3; index += 1)
      expect((await gateway.call({ model: 'auto', messages })).response.status).toBe(200);
    await sampler.close();
    expect(gateway.upstreams.big?.requests).toHaveLength(0);
    expect(results).toHaveLength(0);
  });

  it('at rate 1 sends the same messages, whole, to the reference, grades the pair and stores one result with both costs', async () => {
    const { gateway, sampler, results } = await start({ shadow: { rate: 1, grader: 'numeric' }, random: () => 0.999 });
    gateway.upstreams.cheap?.enqueue({
      events: loadEvents(ownFixturePath('openai/chat-text.chunks.txt'), { done: true }),
    });
    gateway.upstreams.big?.enqueue({ json: completion('Violin, viola, cello — the café quartet’s core. 4 strings') });

    const client = await gateway.call({
      model: 'auto',
      stream: true,
      stream_options: { include_usage: true },
      messages,
      temperature: 0.2,
    });
    await sampler.close();

    expect(client.response.streamed).toBe(true);
    const sent = gateway.upstreams.big?.requests[0]?.json as Record<string, unknown>;
    expect(gateway.upstreams.big?.requests).toHaveLength(1);
    expect(sent).toMatchObject({ model: 'gpt-4o', messages, temperature: 0.2 });
    expect(sent.stream === undefined || sent.stream === false).toBe(true);
    expect(sent.stream_options).toBeUndefined();
    expect(gateway.upstreams.big?.requests[0]?.headers['x-podium-tags']).toBeUndefined();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      alias: 'auto',
      policy: 'rules',
      choice: 'small',
      reference: 'large',
      grader: 'numeric',
      // The fixture's answer has no number, the reference's ends with 4: a miss against the truth.
      servedScore: 0,
      referenceScore: 1,
      servedModel: 'gpt-4o-mini',
      referenceModel: 'gpt-4o',
      requestId: client.call.id,
      teamId: 'team_test',
      at: '2026-11-20T10:00:00.000Z',
    });
    // 1000 prompt + 500 completion tokens at $10 / $30 per million.
    expect(results[0]?.referenceCostUsd).toBeCloseTo(0.025, 12);
    expect(results[0]?.servedCostUsd).toBe(client.call.costUsd);
    expect(samples(gateway, 'graded')).toBe(1);
  });

  it('answers the client without waiting for a slow reference, and shutdown drains the shadow in flight', async () => {
    const { gateway, sampler, results } = await start({ shadow: { rate: 1, grader: 'exact' } });
    gateway.upstreams.cheap?.enqueue({ json: completion('42') });
    gateway.upstreams.big?.enqueue({ json: completion(' 42 '), delayMs: 1500 });

    const started = performance.now();
    const client = await gateway.call({ model: 'auto', messages });
    const elapsed = performance.now() - started;

    expect(client.response.status).toBe(200);
    expect(JSON.parse(client.response.body)).toEqual(completion('42'));
    expect(elapsed).toBeLessThan(1000);
    expect(sampler.inFlight).toBe(1);
    expect(results).toHaveLength(0);

    await sampler.close();
    expect(sampler.inFlight).toBe(0);
    expect(results).toMatchObject([{ servedScore: 1, referenceScore: 1 }]);

    // Closed: later calls are served, never sampled.
    gateway.upstreams.cheap?.enqueue({ json: completion('42') });
    expect((await gateway.call({ model: 'auto', messages })).response.status).toBe(200);
    expect(gateway.upstreams.big?.requests).toHaveLength(1);
  });

  it('drops and counts samples beyond the in-flight bound', async () => {
    const { gateway, sampler, results } = await start({ shadow: { rate: 1, grader: 'exact' }, maxInFlight: 1 });
    gateway.upstreams.cheap?.always({ json: completion('42') });
    gateway.upstreams.big?.always({ json: completion('42'), delayMs: 300 });
    await gateway.call({ model: 'auto', messages });
    await new Promise((resolve) => setImmediate(resolve));
    await gateway.call({ model: 'auto', messages });
    await sampler.close();
    expect(samples(gateway, 'dropped')).toBe(1);
    expect(samples(gateway, 'graded')).toBe(1);
    expect(results).toHaveLength(1);
  });

  it('never shadows internal calls or calls the reference served, and counts a failed reference without failing the client', async () => {
    const reference = await start({ shadow: { rate: 1, grader: 'exact' }, choice: 'large' });
    reference.gateway.upstreams.big?.always({ json: completion('42') });
    await reference.gateway.call({ model: 'auto', messages });
    await reference.sampler.close();
    expect(reference.gateway.upstreams.big?.requests).toHaveLength(1);
    expect(reference.results).toHaveLength(0);
    await reference.gateway.close();

    const { gateway, sampler, results } = await start({ shadow: { rate: 1, grader: 'exact' } });
    gateway.upstreams.cheap?.always({ json: completion('42') });
    const parent = await gateway.call({ model: 'small', messages });
    const internal = await runInternalCall(gateway.gateway(), {
      parent: parent.call,
      kind: 'repair',
      body: { model: 'auto', messages },
    });
    expect(internal.call.routing?.alias).toBe('auto');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sampler.inFlight).toBe(0);

    gateway.upstreams.big?.enqueue({ status: 500, json: { error: { message: 'boom' } } });
    const client = await gateway.call({ model: 'auto', messages });
    await sampler.close();
    expect(client.response.status).toBe(200);
    expect(gateway.upstreams.big?.requests).toHaveLength(1);
    expect(results).toHaveLength(0);
    expect(samples(gateway, 'failed')).toBe(1);
  });

  it('asks the judge with the rubric and stores its scores; an unparsable verdict is stored ungraded', async () => {
    const { gateway, sampler, results, errors } = await start({
      shadow: { rate: 1, grader: 'judge', judge: 'grader' },
      random: () => 0.25,
    });
    gateway.upstreams.cheap?.always({ json: completion('It is 42.') });
    gateway.upstreams.big?.always({ json: completion('6 × 7 = 42') });
    // The two shadows run concurrently: the verdict depends on the question, not on arrival order.
    gateway.upstreams.judge?.always((request) =>
      request.body.includes('6 × 7?')
        ? { json: completion('{"answer_1": 6, "answer_2": 9}') }
        : { json: completion('Both good: 9 and 9') },
    );

    await gateway.call({ model: 'auto', messages });
    await gateway.call({ model: 'auto', messages: [{ role: 'user', content: 'Say 42' }] });
    await sampler.close();

    const verdictRequest = gateway.upstreams.judge?.requests
      .map((request) => request.json as { model: string; messages: { role: string; content: string }[] })
      .find((body) => body.messages[1]?.content.includes('6 × 7?'));
    expect(verdictRequest?.model).toBe('gpt-judge');
    expect(verdictRequest?.messages[0]?.content).toMatch(/Score each answer on its own from 1 to 10/);
    // random() = 0.25 < 0.5: the served answer is shown first.
    expect(verdictRequest?.messages[1]?.content).toMatch(
      /user: What is 6 × 7\?[\s\S]*Answer 1:\n<<<\nIt is 42\.\n>>>[\s\S]*Answer 2:\n<<<\n6 × 7 = 42/,
    );
    const scores = results.map((result) => [result.grader, result.servedScore, result.referenceScore]);
    expect(scores).toHaveLength(2);
    expect(scores).toEqual(
      expect.arrayContaining([
        ['judge', 6, 9],
        ['judge', null, null],
      ]),
    );
    expect(samples(gateway, 'graded')).toBe(1);
    expect(samples(gateway, 'ungraded')).toBe(1);
    expect(errors).toEqual([]);
  });

  it("adds a cascade's tier calls to the served cost", async () => {
    const tier =
      (executor: Executor, context: TestGatewayContext): Executor =>
      async (call, sink, settle) => {
        // A cascade stand-in: one internal tier call for the client's call, then the call itself.
        if (call.routing && call.internal === undefined)
          await runInternalCall(context.gateway(), {
            parent: call,
            kind: 'cascade',
            body: { model: 'small', messages },
          });
        return executor(call, sink, settle);
      };
    const { gateway, sampler, results } = await start({ shadow: { rate: 1, grader: 'exact' }, inner: tier });
    gateway.upstreams.cheap?.enqueue(
      { json: completion('42', { prompt_tokens: 2000, completion_tokens: 0 }) },
      { json: completion('42') },
    );
    gateway.upstreams.big?.enqueue({ json: completion('42') });
    const client = await gateway.call({ model: 'auto', messages });
    await sampler.close();
    // The client's own call: $0.002; its tier call: 2000 prompt tokens at $1 per million.
    expect(client.call.costUsd).toBeCloseTo(0.002, 12);
    expect(results[0]?.servedCostUsd).toBeCloseTo(0.004, 12);
  });
});
