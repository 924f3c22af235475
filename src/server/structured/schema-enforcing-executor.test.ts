import { afterEach, describe, expect, it } from 'vitest';
import { answerText, readAnswer } from '../gateway/index.js';
import { loadJson, ownFixturePath, startTestGateway, type TestGateway } from '../testkit/index.js';
import { createSchemaEnforcingExecutor } from './schema-enforcing-executor.js';
import { structuredOutputMetric } from './structured-output-metrics.js';

const chatText = loadJson(ownFixturePath('openai/chat-text.json')) as Record<string, unknown>;
const anthropicText = loadJson(ownFixturePath('anthropic/text.json')) as Record<string, unknown>;

/** An OpenAI chat completion in the recorded fixture's exact shape, with another answer and usage. */
function completion(content: string, usage: { prompt: number; completion: number }): Record<string, unknown> {
  const [choice] = chatText.choices as Record<string, unknown>[];
  return {
    ...chatText,
    choices: [{ ...choice, message: { role: 'assistant', content, refusal: null, annotations: [] } }],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  };
}

/** The same answer as OpenAI streams it: role chunk, content deltas, finish chunk, usage chunk, [DONE]. */
function completionChunks(
  pieces: readonly string[],
  usage: { prompt: number; completion: number },
): { data: string }[] {
  const base = {
    id: 'chatcmpl-stream1',
    object: 'chat.completion.chunk',
    created: 1767225601,
    model: 'gpt-4.1-mini-2025-04-14',
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    data: JSON.stringify({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      usage: null,
    }),
  });
  return [
    chunk({ role: 'assistant', content: '' }, null),
    ...pieces.map((content) => chunk({ content }, null)),
    chunk({}, 'stop'),
    {
      data: JSON.stringify({
        ...base,
        choices: [],
        usage: {
          prompt_tokens: usage.prompt,
          completion_tokens: usage.completion,
          total_tokens: usage.prompt + usage.completion,
        },
      }),
    },
    { data: '[DONE]' },
  ];
}

const citySchema = {
  type: 'object',
  properties: { city: { type: 'string' }, country: { type: 'string' } },
  required: ['city', 'country'],
  additionalProperties: false,
};
const price = { input: 1, output: 2 };
const models = {
  fast: { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }], structuredOutput: {}, price },
  claude: { targets: [{ provider: 'anthropic', model: 'claude-sonnet-4-5' }], structuredOutput: {}, price },
  strict: { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }], structuredOutput: { repair: false }, price },
  plain: { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }], price },
};
const settings: Record<string, { enforce: boolean; repair: boolean }> = {
  fast: { enforce: true, repair: true },
  claude: { enforce: true, repair: true },
  strict: { enforce: true, repair: false },
};

const request = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'Where is the Eiffel tower? Answer in JSON.' }],
  response_format: { type: 'json_schema', json_schema: { name: 'place', schema: citySchema, strict: true } },
  ...extra,
});

describe('structured-output enforcement', () => {
  let gateway: TestGateway | undefined;
  afterEach(async () => gateway?.close());

  const start = async () => {
    gateway = await startTestGateway({
      providers: { openai: 'openai', anthropic: 'anthropic' },
      models,
      decorate: (inner, context) =>
        createSchemaEnforcingExecutor({
          inner,
          codecs: context.codecs,
          options: (alias) => settings[alias],
          metrics: context.metrics,
        }),
    });
    const openai = gateway.upstreams.openai;
    const anthropic = gateway.upstreams.anthropic;
    const reader = gateway.codecs.upstreams.get('openai-chat');
    if (!openai || !anthropic || !reader) throw new Error('test gateway incomplete');
    return { gateway, openai, anthropic, reader };
  };

  it('delivers a valid first answer after one upstream call', async () => {
    const { gateway, openai, reader } = await start();
    openai.enqueue({ json: completion('{"city":"Paris","country":"France"}', { prompt: 20, completion: 9 }) });
    const { call, response } = await gateway.call(request('fast'));
    expect(response.status).toBe(200);
    expect(openai.requests).toHaveLength(1);
    const answer = readAnswer(response, reader);
    expect(answer && JSON.parse(answerText(answer))).toEqual({ city: 'Paris', country: 'France' });
    expect(answer?.model).toBe('fast');
    expect(response.headers['x-podium-structured-output']).toBe('valid');
    expect(call.usage).toMatchObject({ inputTokens: 20, outputTokens: 9 });
    expect(gateway.metrics.value(structuredOutputMetric, { model: 'fast', outcome: 'valid' })).toBe(1);
  });

  it('repairs an invalid answer with one retry that carries the errors, and counts both attempts', async () => {
    const { gateway, openai, reader } = await start();
    openai.enqueue({ json: completion('{"city":3}', { prompt: 20, completion: 4 }) });
    openai.enqueue({ json: completion('{"city":"Paris","country":"France"}', { prompt: 45, completion: 9 }) });
    const { call, response } = await gateway.call(request('fast'));
    expect(response.status).toBe(200);
    expect(openai.requests).toHaveLength(2);
    const retry = openai.requests[1]?.json as {
      messages: { role: string; content: string }[];
      response_format: unknown;
    };
    expect(retry.messages.slice(-2, -1)).toEqual([{ role: 'assistant', content: '{"city":3}' }]);
    const instructions = retry.messages.at(-1)?.content ?? '';
    expect(instructions).toContain('- /city: must be string');
    expect(instructions).toContain('- /country: is required');
    expect(retry.response_format).toEqual(request('fast').response_format);
    const answer = readAnswer(response, reader);
    expect(answer && JSON.parse(answerText(answer))).toEqual({ city: 'Paris', country: 'France' });
    // Both attempts are one call: summed usage, priced once (1 and 2 USD per 1M tokens).
    expect(call.usage).toMatchObject({ inputTokens: 65, outputTokens: 13 });
    expect(answer?.usage).toMatchObject({ inputTokens: 65, outputTokens: 13 });
    expect(call.costUsd).toBeCloseTo((65 * 1 + 13 * 2) / 1e6, 12);
    expect(response.headers['x-podium-structured-output']).toBe('repaired');
    expect(response.headers['x-podium-warning']).toContain('structured output repaired');
    expect(gateway.metrics.value(structuredOutputMetric, { model: 'fast', outcome: 'repaired' })).toBe(1);
  });

  it('answers 502 naming the failing path when the repair is still invalid', async () => {
    const { gateway, openai } = await start();
    openai.enqueue({ json: completion('{"city":3}', { prompt: 20, completion: 4 }) });
    openai.enqueue({ json: completion('{"city":"Paris","country":7}', { prompt: 45, completion: 8 }) });
    const { call, response } = await gateway.call(request('fast'));
    expect(openai.requests).toHaveLength(2);
    expect(response.status).toBe(502);
    expect(call.status).toBe(502);
    expect(response.error?.message).toContain('/country must be string');
    expect(response.error?.message).toContain('after one repair retry');
    expect(call.usage).toMatchObject({ inputTokens: 65, outputTokens: 12 });
    expect(call.costUsd).toBeGreaterThan(0);
    expect(gateway.metrics.value(structuredOutputMetric, { model: 'fast', outcome: 'invalid' })).toBe(1);
  });

  it('refuses a json_object answer that is not an object (no repair when the alias disables it)', async () => {
    const { gateway, openai } = await start();
    openai.enqueue({ json: completion('[1, 2, 3]', { prompt: 12, completion: 5 }) });
    const { response } = await gateway.call(request('strict', { response_format: { type: 'json_object' } }));
    expect(openai.requests).toHaveLength(1);
    expect(response.status).toBe(502);
    expect(response.error?.message).toContain('(root) must be a JSON object');
  });

  it('validates a streamed answer before sending it, then streams it in the client protocol at once', async () => {
    const { gateway, openai, reader } = await start();
    openai.enqueue({
      events: completionChunks(['{"city":"Par', 'is","country":', '"France"}'], { prompt: 20, completion: 9 }),
    });
    const { call, response } = await gateway.call(request('fast', { stream: true }));
    expect(openai.requests).toHaveLength(1);
    expect(response.streamed).toBe(true);
    expect(response.headers['x-podium-structured-output']).toBe('valid');
    expect(response.body.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const answer = readAnswer(response, reader);
    expect(answer && JSON.parse(answerText(answer))).toEqual({ city: 'Paris', country: 'France' });
    // Podium asked the upstream for usage itself; the client did not, so its stream has none.
    expect(response.body).not.toContain('"prompt_tokens"');
    expect(call.usage).toMatchObject({ inputTokens: 20, outputTokens: 9 });
  });

  it('repairs a streamed answer: the client sees only the valid one', async () => {
    const { gateway, openai, reader } = await start();
    openai.enqueue({ events: completionChunks(['{"city":"Paris"}'], { prompt: 20, completion: 5 }) });
    openai.enqueue({
      events: completionChunks(['{"city":"Paris",', '"country":"France"}'], { prompt: 40, completion: 9 }),
    });
    const { call, response } = await gateway.call(
      request('fast', { stream: true, stream_options: { include_usage: true } }),
    );
    expect(openai.requests).toHaveLength(2);
    const answer = readAnswer(response, reader);
    expect(answer && answerText(answer)).toBe('{"city":"Paris","country":"France"}');
    expect(answer?.usage).toMatchObject({ inputTokens: 60, outputTokens: 14 });
    expect(call.usage).toMatchObject({ inputTokens: 60, outputTokens: 14 });
  });

  it('leaves requests without a schema, and aliases that do not enforce, byte for byte as they were', async () => {
    const { gateway, openai } = await start();
    const upstreamBody = completion('not json at all', { prompt: 10, completion: 4 });
    openai.enqueue({ json: upstreamBody });
    openai.enqueue({ json: upstreamBody });
    const free = { model: 'fast', messages: [{ role: 'user', content: 'hi' }] };
    const unenforced = request('plain');
    const first = await gateway.call(free);
    const second = await gateway.call(unenforced);
    for (const [sent, result] of [
      [free, first],
      [unenforced, second],
    ] as const) {
      expect(result.response.status).toBe(200);
      expect(result.response.body).toBe(JSON.stringify(upstreamBody));
      expect(result.response.headers['x-podium-structured-output']).toBeUndefined();
      const model = sent.model;
      expect(
        openai.requests.find(
          (received) => received.body === JSON.stringify(sent).replace(`"model":"${model}"`, '"model":"gpt-4o-mini"'),
        ),
      ).toBeDefined();
    }
  });

  it('refuses a schema Ajv cannot compile with a 400 naming response_format, before any upstream call', async () => {
    const { gateway, openai } = await start();
    const broken = { name: 'place', schema: { type: 'object', properties: { city: { type: 'strnig' } } } };
    const { response } = await gateway.call(
      request('fast', { response_format: { type: 'json_schema', json_schema: broken } }),
    );
    expect(response.status).toBe(400);
    expect(response.error?.code).toBe('invalid_request');
    expect(response.error?.param).toBe('response_format.json_schema.schema');
    expect(openai.requests).toHaveLength(0);
  });

  it('enforces a translated call and unwraps JSON an Anthropic model put in a code fence', async () => {
    const { gateway, anthropic, reader } = await start();
    const [block] = anthropicText.content as Record<string, unknown>[];
    anthropic.enqueue({
      json: { ...anthropicText, content: [{ ...block, text: '```json\n{"city":"Paris","country":"France"}\n```' }] },
    });
    const { response } = await gateway.call(request('claude'));
    expect(anthropic.requests).toHaveLength(1);
    expect(response.status).toBe(200);
    const answer = readAnswer(response, reader);
    expect(answer && answerText(answer)).toBe('{"city":"Paris","country":"France"}');
    expect(response.headers['x-podium-warning']).toContain('code fence');
  });

  it('enforces an Anthropic Messages request with output_config.format, repairing in the Messages shape', async () => {
    const { gateway, anthropic } = await start();
    const [block] = anthropicText.content as Record<string, unknown>[];
    const answer = (text: string) => ({ json: { ...anthropicText, content: [{ ...block, text }] } });
    anthropic.enqueue(answer('{"city":"Paris"}'), answer('{"city":"Paris","country":"France"}'));
    const body = {
      model: 'claude',
      max_tokens: 200,
      messages: [{ role: 'user', content: 'Where is the Eiffel tower?' }],
      output_config: { format: { type: 'json_schema', schema: citySchema } },
    };
    const { response } = await gateway.call(body, { surface: 'anthropic-messages' });
    expect(response.status).toBe(200);
    expect(anthropic.requests).toHaveLength(2);
    // Same protocol: the caller's output_config went upstream as it came, on both attempts.
    const retry = anthropic.requests[1]?.json as {
      messages: { role: string; content: string }[];
      output_config: unknown;
    };
    expect(retry.output_config).toEqual(body.output_config);
    expect(retry.messages.at(-2)).toEqual({ role: 'assistant', content: '{"city":"Paris"}' });
    expect(retry.messages.at(-1)?.content).toContain('- /country: is required');
    const delivered = JSON.parse(response.body) as { type: string; content: { type: string; text: string }[] };
    expect(delivered.type).toBe('message');
    expect(JSON.parse(delivered.content[0]?.text ?? '')).toEqual({ city: 'Paris', country: 'France' });
    expect(response.headers['x-podium-structured-output']).toBe('repaired');
  });

  it('names the Anthropic field when its schema cannot compile', async () => {
    const { gateway, anthropic } = await start();
    const body = {
      model: 'claude',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'x' }],
      output_format: { type: 'json_schema', schema: { type: 'strnig' } },
    };
    const { response } = await gateway.call(body, { surface: 'anthropic-messages' });
    expect(response.status).toBe(400);
    expect(response.error?.param).toBe('output_format.schema');
    expect(anthropic.requests).toHaveLength(0);
  });

  it('sends the json_schema of an OpenAI client to an Anthropic model as output_config.format', async () => {
    const { gateway, anthropic } = await start();
    const [block] = anthropicText.content as Record<string, unknown>[];
    anthropic.enqueue({
      json: { ...anthropicText, content: [{ ...block, text: '{"city":"Paris","country":"France"}' }] },
    });
    const { response } = await gateway.call(request('claude'));
    expect(response.status).toBe(200);
    expect((anthropic.requests[0]?.json as { output_config?: unknown }).output_config).toEqual({
      format: { type: 'json_schema', schema: citySchema },
    });
  });
});
