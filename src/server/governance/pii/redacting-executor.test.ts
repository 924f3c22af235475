import { afterEach, describe, expect, it } from 'vitest';
import { readAnswer, answerText, runInternalCall } from '../../gateway/index.js';
import { SseParser } from '../../protocols/index.js';
import { loadJson, ownFixturePath, startTestGateway, type TestGateway } from '../../testkit/index.js';
import { DataPolicy } from './data-policy.js';
import { dataProtectionSchema } from '../../../contract/index.js';
import { piiFindingsMetric } from './pii-metrics.js';
import { protectRequest } from './protect-request.js';
import { createRedactingExecutor } from './redacting-executor.js';

const chatText = loadJson(ownFixturePath('openai/chat-text.json')) as { choices: { message: { content: string } }[] };
const anthropicText = loadJson(ownFixturePath('anthropic/text.json')) as { content: { text: string }[] };

const policy = new DataPolicy({
  global: dataProtectionSchema.parse({
    classes: { card: 'block', email: 'redact', phone: 'redact', 'national-id': 'redact' },
    providers: { ollama: { email: 'allow' } },
  }),
});

const withAnswer = <T extends object>(fixture: T, set: (copy: T) => void): T => {
  const copy = structuredClone(fixture);
  set(copy);
  return copy;
};

const chatChunk = (content: string, finish: string | null = null): { data: string } => ({
  data: JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
    usage: null,
  }),
});
const usageChunk = {
  data: JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [],
    usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
  }),
};
const anthropicEvent = (data: Record<string, unknown>) => ({ event: String(data.type), data: JSON.stringify(data) });

describe('createRedactingExecutor', () => {
  let gateway: TestGateway | undefined;
  afterEach(async () => gateway?.close());

  const start = async (): Promise<TestGateway> =>
    (gateway = await startTestGateway({
      providers: { openai: 'openai', ollama: 'openai-compatible', anthropic: 'anthropic' },
      models: {
        cloud: { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }] },
        local: { targets: [{ provider: 'ollama', model: 'llama3.2' }] },
        claude: { targets: [{ provider: 'anthropic', model: 'claude-sonnet-4-5' }] },
      },
      admission: (context) => [protectRequest({ policy, metrics: context.metrics })],
      decorate: (inner, context) => createRedactingExecutor({ inner, policy, metrics: context.metrics }),
    }));

  it('rewrites a complete answer, numbering after the request’s placeholders', async () => {
    const { upstreams, call: send, metrics } = await start();
    upstreams.openai?.enqueue({
      json: withAnswer(
        chatText,
        (copy) =>
          void ((copy.choices[0] as { message: { content: string } }).message.content =
            'Ask bob@example.org, not ann@example.com.'),
      ),
    });
    const { call, response } = await send({
      model: 'cloud',
      messages: [{ role: 'user', content: 'I am ann@example.com' }],
    });
    const body = JSON.parse(response.body) as typeof chatText;
    expect(body.choices[0]?.message.content).toBe('Ask [EMAIL_2], not [EMAIL_1].');
    expect(call.findings).toEqual([
      { dataClass: 'email', direction: 'request', count: 1, action: 'redacted' },
      { dataClass: 'email', direction: 'response', count: 2, action: 'redacted' },
    ]);
    expect(metrics.value(piiFindingsMetric, { class: 'email', direction: 'response', action: 'redacted' })).toBe(2);
  });

  it('redacts a phone number split across two SSE deltas without breaking the stream', async () => {
    const { upstreams, call: send, codecs } = await start();
    const events = [
      chatChunk(''),
      chatChunk('Sure: +44 20 79'),
      chatChunk('46 0958 is the '),
      chatChunk('desk.'),
      chatChunk('', 'stop'),
      usageChunk,
      { data: '[DONE]' },
    ];
    upstreams.openai?.enqueue({ events });
    const { call, response } = await send({
      model: 'cloud',
      stream: true,
      messages: [{ role: 'user', content: 'number?' }],
    });
    expect(response.streamed).toBe(true);
    const parser = new SseParser();
    const received = [...parser.push(response.body), ...parser.flush()];
    // Same events in the same order (the usage chunk Podium asked for itself is held back by the pass-through).
    expect(received.map((event) => (event.data === '[DONE]' ? '[DONE]' : 'chunk'))).toEqual([
      'chunk',
      'chunk',
      'chunk',
      'chunk',
      'chunk',
      '[DONE]',
    ]);
    expect(response.body).not.toMatch(/7946|0958/);
    const protocol = codecs.upstreams.get('openai-chat');
    const answer = protocol && readAnswer(response, protocol);
    expect(answer && answerText(answer)).toBe('Sure: [PHONE_1] is the desk.');
    expect(call.findings).toEqual([{ dataClass: 'phone', direction: 'response', count: 1, action: 'redacted' }]);
    expect(call.usage?.outputTokens).toBe(12);
  });

  it('redacts an Anthropic stream and an Anthropic JSON answer', async () => {
    const { upstreams, call: send, codecs } = await start();
    upstreams.anthropic?.enqueue({
      events: [
        anthropicEvent({
          type: 'message_start',
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            model: 'claude-sonnet-4-5',
            content: [],
            usage: { input_tokens: 5, output_tokens: 1 },
          },
        }),
        anthropicEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
        anthropicEvent({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'text_delta', text: 'Write to bob.smith@exam' },
        }),
        anthropicEvent({ type: 'ping' }),
        anthropicEvent({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'text_delta', text: 'ple.org today.' },
        }),
        anthropicEvent({ type: 'content_block_stop', index: 0 }),
        anthropicEvent({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 9 } }),
        anthropicEvent({ type: 'message_stop' }),
      ],
    });
    upstreams.anthropic?.enqueue({
      json: withAnswer(
        anthropicText,
        (copy) => void ((copy.content[0] as { text: string }).text = 'Call 020 7946 0958.'),
      ),
    });
    const streamed = await send(
      { model: 'claude', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'who?' }] },
      { surface: 'anthropic-messages' },
    );
    const whole = await send(
      { model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'who?' }] },
      { surface: 'anthropic-messages' },
    );
    const protocol = codecs.upstreams.get('anthropic-messages');
    const streamedAnswer = protocol && readAnswer(streamed.response, protocol);
    expect(streamedAnswer && answerText(streamedAnswer)).toBe('Write to [EMAIL_1] today.');
    expect((JSON.parse(whole.response.body) as typeof anthropicText).content[0]?.text).toBe('Call [PHONE_1].');
  });

  it('redacts a translated stream (OpenAI client, Anthropic upstream) in the client’s own format', async () => {
    const { upstreams, call: send, codecs } = await start();
    upstreams.anthropic?.enqueue({
      events: [
        anthropicEvent({
          type: 'message_start',
          message: {
            id: 'msg_2',
            type: 'message',
            role: 'assistant',
            model: 'claude-sonnet-4-5',
            content: [],
            usage: { input_tokens: 5, output_tokens: 1 },
          },
        }),
        anthropicEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
        anthropicEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'SSN 536-2' } }),
        anthropicEvent({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'text_delta', text: '2-1234 on file' },
        }),
        anthropicEvent({ type: 'content_block_stop', index: 0 }),
        anthropicEvent({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 9 } }),
        anthropicEvent({ type: 'message_stop' }),
      ],
    });
    const { response } = await send({ model: 'claude', stream: true, messages: [{ role: 'user', content: 'ssn?' }] });
    const protocol = codecs.upstreams.get('openai-chat');
    const answer = protocol && readAnswer(response, protocol);
    expect(answer && answerText(answer)).toBe('SSN [NATIONAL_ID_1] on file');
  });

  it('follows the serving provider’s rules: an allowed class passes and is recorded as allowed', async () => {
    const { upstreams, call: send } = await start();
    upstreams.ollama?.enqueue({
      json: withAnswer(
        chatText,
        (copy) =>
          void ((copy.choices[0] as { message: { content: string } }).message.content =
            'Mail ann@example.com or 020 7946 0958'),
      ),
    });
    const { call, response } = await send({ model: 'local', messages: [{ role: 'user', content: 'contact?' }] });
    expect((JSON.parse(response.body) as typeof chatText).choices[0]?.message.content).toBe(
      'Mail ann@example.com or [PHONE_1]',
    );
    expect(call.findings).toEqual([
      { dataClass: 'email', direction: 'response', count: 1, action: 'allowed' },
      { dataClass: 'phone', direction: 'response', count: 1, action: 'redacted' },
    ]);
  });

  it('leaves internal calls alone: their answers reach the client through the parent', async () => {
    const { upstreams, call: send, gateway: lateGateway } = await start();
    const answer = withAnswer(
      chatText,
      (copy) => void ((copy.choices[0] as { message: { content: string } }).message.content = 'ann@example.com'),
    );
    upstreams.openai?.enqueue({ json: chatText });
    upstreams.openai?.enqueue({ json: answer });
    const parent = await send({ model: 'cloud', messages: [{ role: 'user', content: 'hi' }] });
    const internal = await runInternalCall(lateGateway(), {
      parent: parent.call,
      kind: 'shadow',
      body: { model: 'cloud', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(JSON.parse(internal.response.body)).toEqual(answer);
    expect(internal.call.findings).toEqual([]);
  });
});
