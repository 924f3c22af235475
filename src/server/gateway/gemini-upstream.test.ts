/** OpenAI and Anthropic clients reaching a Gemini model: translated both ways, streamed, with function calls. */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEvents, loadJson, ownFixturePath, startTestPodium, type TestPodium } from '../testkit/index.js';

const fixture = (name: string) => ownFixturePath(`gemini/${name}`);
const text = loadJson(fixture('text.json')) as { candidates: { content: { parts: { text: string }[] } }[] };

let podium: TestPodium;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { google: 'gemini' },
    providerExtras: { google: 'retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 }' },
    modelsYaml: '  flash:\n    targets: [{ provider: google, model: gemini-2.5-flash }]\n',
    extraYaml: 'ledger: { flushIntervalMs: 20 }',
  });
  openai = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: podium.key, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: podium.url, apiKey: podium.key, maxRetries: 0 });
});
afterAll(async () => podium.close());
beforeEach(() => podium.upstreams.google?.reset());

describe('clients → Gemini (translation)', () => {
  it('OpenAI client, plain: generateContent body, text and thinking tokens metered', async () => {
    podium.upstreams.google?.enqueue({ json: loadJson(fixture('text.json')) });
    const completion = await openai.chat.completions.create({
      model: 'flash',
      max_tokens: 500,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Haiku rules?' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe(text.candidates[0]?.content.parts[0]?.text);
    // Gemini's output is candidates + thoughts; reasoning is reported as its subset.
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 17 + 312 });
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(312);
    const sent = podium.upstreams.google?.requests[0];
    expect(sent?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent?.headers['x-goog-api-key']).toBe('sk-upstream-google');
    expect(sent?.json).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'Haiku rules?' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { maxOutputTokens: 500 },
    });
  });

  it('OpenAI client, streamed function call', async () => {
    podium.upstreams.google?.enqueue({ events: loadEvents(fixture('function-call.chunks.txt')) });
    const stream = await openai.chat.completions.create({
      model: 'flash',
      messages: [{ role: 'user', content: 'Forecast?' }],
      tools: [
        {
          type: 'function',
          function: { name: 'get_forecast', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
        },
      ],
      stream: true,
    });
    const calls = new Map<number, { name: string; args: string }>();
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        const slot = calls.get(call.index) ?? { name: '', args: '' };
        slot.name ||= call.function?.name ?? '';
        slot.args += call.function?.arguments ?? '';
        calls.set(call.index, slot);
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(calls.get(0)?.name).toBe('get_forecast');
    expect(JSON.parse(calls.get(0)?.args ?? '')).toEqual({ city: 'Lisbon', days: 3 });
    expect(finish).toBe('tool_calls');
    expect(podium.upstreams.google?.requests[0]?.path).toBe(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
  });

  it('Anthropic client, streamed text', async () => {
    podium.upstreams.google?.enqueue({ events: loadEvents(fixture('text.chunks.txt')) });
    const message = await anthropic.messages
      .stream({ model: 'flash', max_tokens: 100, messages: [{ role: 'user', content: 'Haiku rules?' }] })
      .finalMessage();
    const joined = loadEvents(fixture('text.chunks.txt'))
      .map(
        (event) =>
          (JSON.parse(event.data) as typeof text).candidates[0]?.content.parts.map((part) => part.text).join('') ?? '',
      )
      .join('');
    expect(message.content).toEqual([{ type: 'text', text: joined }]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('retries a 429 RESOURCE_EXHAUSTED, then answers in the caller’s shape', async () => {
    podium.upstreams.google?.always({ status: 429, json: loadJson(fixture('error-429-resource-exhausted.json')) });
    const error = await openai.chat.completions
      .create({ model: 'flash', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).message).toContain('Resource has been exhausted');
    expect(podium.upstreams.google?.requests).toHaveLength(2);
  });
});
