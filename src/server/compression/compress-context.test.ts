import { afterEach, describe, expect, it } from 'vitest';
import { loadJson, ownFixturePath, startTestGateway, type TestGateway } from '../testkit/index.js';
import { compressContext } from './compress-context.js';
import { compressionTokensSavedMetric } from './compression-metrics.js';
import { dialectFor } from './dialect-for.js';
import { planCompression } from './plan-compression.js';

const chatText = loadJson(ownFixturePath('openai/chat-text.json')) as Record<string, unknown>;
const anthropicText = loadJson(ownFixturePath('anthropic/text.json'));

/** About `words` tokens of distinct text (each word is one o200k token). */
const filler = (label: string, words: number): string =>
  `${label}: ${Array.from({ length: words }, (_, index) => ['river', 'stone', 'maple', 'cloud'][index % 4]).join(' ')}`;

function chatTurns(pairs: number): Record<string, unknown>[] {
  return Array.from({ length: pairs }, (_, index) => [
    { role: 'user', content: filler(`question ${index}`, 100) },
    { role: 'assistant', content: filler(`answer ${index}`, 100) },
  ]).flat();
}

const summary = 'The user asked about rivers; the vault code is 4471.';
const settings = {
  long: { maxInputTokens: 1000, keepLastMessages: 4, strategy: 'drop' as const },
  summarized: { maxInputTokens: 1000, keepLastMessages: 4, strategy: 'summarize' as const, summarizer: 'small' },
  agent: { maxInputTokens: 1000, keepLastMessages: 3, strategy: 'drop' as const },
  broken: { maxInputTokens: 1000, keepLastMessages: 4, strategy: 'summarize' as const, summarizer: 'missing' },
};
const target = (provider: string) => ({ targets: [{ provider, model: 'gpt-4o-mini' }] });
const models = {
  long: target('openai'),
  agent: target('openai'),
  summarized: target('openai'),
  broken: target('openai'),
  small: target('small'),
  claude: { targets: [{ provider: 'anthropic', model: 'claude-sonnet-4-5' }] },
};

describe('context compression', () => {
  let gateway: TestGateway | undefined;
  afterEach(async () => gateway?.close());

  const start = async (lookup: Record<string, (typeof settings)[keyof typeof settings]> = settings) => {
    gateway = await startTestGateway({
      providers: { openai: 'openai', small: 'openai', anthropic: 'anthropic' },
      models,
      admission: (context) => [
        compressContext({
          options: (alias) => lookup[alias],
          gateway: context.gateway,
          codecs: context.codecs,
          metrics: context.metrics,
        }),
      ],
    });
    const { openai, small, anthropic } = gateway.upstreams;
    if (!openai || !small || !anthropic) throw new Error('test gateway incomplete');
    return { gateway, openai, small, anthropic };
  };

  it('leaves a conversation under budget byte for byte as it came', async () => {
    const { gateway, openai } = await start();
    openai.enqueue({ json: chatText });
    const body = { model: 'long', messages: [{ role: 'system', content: 'Be brief.' }, ...chatTurns(2)] };
    const { call } = await gateway.call(body);
    expect(openai.requests[0]?.body).toBe(JSON.stringify(body).replace('"model":"long"', '"model":"gpt-4o-mini"'));
    expect(call.warnings).toEqual([]);
  });

  it('drops the oldest turns until under budget, keeping the system prompt and the last messages', async () => {
    const { gateway, openai } = await start();
    openai.enqueue({ json: chatText });
    const turns = chatTurns(8);
    const { call } = await gateway.call({
      model: 'long',
      messages: [{ role: 'system', content: 'Be brief.' }, ...turns],
    });
    const sent = (openai.requests[0]?.json as { messages: { role: string; content: string }[] }).messages;
    expect(sent[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(sent.slice(1)).toEqual(turns.slice(turns.length - (sent.length - 1)));
    expect(sent.length - 1).toBeGreaterThanOrEqual(4);
    expect(sent.length - 1).toBeLessThan(turns.length);
    // The kept part opens with a user turn.
    expect(sent[1]?.role).toBe('user');
    // What reached the upstream is what the call carries: both forms were rewritten.
    expect(JSON.parse(call.rawBody.toString('utf8'))).toEqual(call.body);
    const dialect = dialectFor('openai-chat');
    if (!dialect) throw new Error('no dialect');
    expect(
      planCompression({ body: call.body, dialect, maxInputTokens: 1000, keepLastMessages: 4 }).tokensBefore,
    ).toBeLessThanOrEqual(1000);
  });

  it('reports the saving as a warning and a metric', async () => {
    const { gateway, openai } = await start();
    openai.enqueue({ json: chatText });
    const { call } = await gateway.call({ model: 'long', messages: chatTurns(8) });
    const warning = call.warnings.find((text) => text.startsWith('context compressed:')) ?? '';
    const [, before, after] = /prompt (\d+) -> (\d+) tokens \((\d+)% saved\)/.exec(warning) ?? [];
    expect(Number(before)).toBeGreaterThan(1000);
    expect(Number(after)).toBeLessThanOrEqual(1000);
    expect(gateway.metrics.value(compressionTokensSavedMetric, { model: 'long' })).toBe(Number(before) - Number(after));
  });

  it('keeps an assistant tool call and its results together, and never opens with a tool result', async () => {
    const { gateway, openai } = await start();
    openai.enqueue({ json: chatText });
    const toolRound = (index: number) => [
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: `call_${index}`, type: 'function', function: { name: 'lookup', arguments: `{"q":${index}}` } },
        ],
      },
      { role: 'tool', tool_call_id: `call_${index}`, content: filler(`result ${index}a`, 200) },
      { role: 'tool', tool_call_id: `call_${index}`, content: filler(`result ${index}b`, 200) },
    ];
    const messages = [
      { role: 'user', content: filler('task', 50) },
      ...toolRound(1),
      ...toolRound(2),
      ...toolRound(3),
      { role: 'user', content: 'and now?' },
    ];
    await gateway.call({ model: 'agent', messages });
    const sent = (
      openai.requests[0]?.json as { messages: { role: string; tool_call_id?: string; tool_calls?: { id: string }[] }[] }
    ).messages;
    expect(sent.length).toBeLessThan(messages.length);
    expect(sent[0]?.role).not.toBe('tool');
    const called = new Set(sent.flatMap((message) => message.tool_calls?.map((toolCall) => toolCall.id) ?? []));
    for (const message of sent) if (message.role === 'tool') expect(called.has(message.tool_call_id ?? '')).toBe(true);
    // The last three messages cut the third tool round in two: that round is kept whole.
    expect(called).toEqual(new Set(['call_3']));
    expect(sent.filter((message) => message.role === 'tool')).toHaveLength(2);
  });

  it('compresses an Anthropic body: system untouched, tool_use and tool_result together, opening with the user', async () => {
    const { gateway, anthropic } = await start({
      claude: { maxInputTokens: 800, keepLastMessages: 3, strategy: 'drop' },
    });
    anthropic.enqueue({ json: anthropicText });
    const system = [{ type: 'text', text: 'You are a travel agent.' }];
    const messages = [
      { role: 'user', content: filler('plan a trip', 200) },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: filler('thinking', 100) },
          { type: 'tool_use', id: 'toolu_1', name: 'search', input: { q: 'Paris' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: filler('hotels', 300) }] },
      { role: 'assistant', content: filler('summary so far', 150) },
      { role: 'user', content: 'Book the second one.' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_2', name: 'book', input: { hotel: 2 } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_2', content: 'booked' }] },
    ];
    const { call } = await gateway.call(
      { model: 'claude', max_tokens: 100, system, messages },
      { surface: 'anthropic-messages' },
    );
    const sent = anthropic.requests[0]?.json as { system: unknown; messages: { role: string; content: unknown }[] };
    expect(sent.system).toEqual(system);
    expect(sent.messages.length).toBeLessThan(messages.length);
    expect(sent.messages[0]?.role).toBe('user');
    expect(JSON.stringify(sent.messages[0])).not.toContain('tool_result');
    expect(sent.messages.slice(-3)).toEqual(messages.slice(-3));
    expect(JSON.stringify(sent.messages)).not.toContain('toolu_1');
    expect(call.warnings.some((text) => text.startsWith('context compressed:'))).toBe(true);
  });

  it('summarize: the summarizer alias gets the dropped turns, the final request carries its summary', async () => {
    const { gateway, openai, small } = await start();
    small.enqueue({
      json: {
        ...chatText,
        choices: [{ index: 0, message: { role: 'assistant', content: summary }, finish_reason: 'stop' }],
      },
    });
    openai.enqueue({ json: chatText });
    const turns = chatTurns(8);
    const { call, response } = await gateway.call({ model: 'summarized', messages: turns });
    expect(response.status).toBe(200);
    const summarization = small.requests[0]?.json as {
      model: string;
      max_tokens: number;
      messages: { content: string }[];
    };
    expect(summarization.model).toBe('gpt-4o-mini');
    expect(summarization.messages.at(-1)?.content).toContain('question 0: river stone');
    expect(summarization.messages.at(-1)?.content).toContain('assistant: answer 0');
    const sent = (openai.requests[0]?.json as { messages: { role: string; content: string }[] }).messages;
    expect(sent[0]?.role).toBe('user');
    expect(sent[0]?.content).toContain(summary);
    const kept = turns.slice(turns.length - sent.length);
    // The summary opens the first kept user turn (two user messages in a row are not valid everywhere).
    expect(sent[0]?.content).toBe(
      `[Summary of the earlier part of this conversation]\n${summary}\n\n${String(kept[0]?.content)}`,
    );
    expect(sent.slice(1)).toEqual(kept.slice(1));
    expect(call.warnings.some((text) => text.includes('summarized'))).toBe(true);
  });

  it('summarize: falls back to dropping, with a warning, when the summarizer fails', async () => {
    const { gateway, openai } = await start();
    openai.enqueue({ json: chatText });
    const { call, response } = await gateway.call({ model: 'broken', messages: chatTurns(8) });
    expect(response.status).toBe(200);
    expect(call.warnings.some((text) => text.includes('summarizer "missing" failed'))).toBe(true);
    expect(call.warnings.some((text) => text.includes('dropped,'))).toBe(true);
    expect(openai.requests).toHaveLength(1);
  });
});
