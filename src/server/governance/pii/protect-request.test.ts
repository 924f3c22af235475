import { afterEach, describe, expect, it } from 'vitest';
import {
  loadJson,
  ownFixturePath,
  startTestGateway,
  type TestGateway,
  type TestGatewayOptions,
} from '../../testkit/index.js';
import { DataPolicy } from './data-policy.js';
import { dataProtectionSchema } from '../../../contract/index.js';
import { piiFindingsMetric } from './pii-metrics.js';
import { protectRequest } from './protect-request.js';

const chatText = loadJson(ownFixturePath('openai/chat-text.json'));
const anthropicText = loadJson(ownFixturePath('anthropic/text.json'));
const responsesText = loadJson(ownFixturePath('openai/responses-text.json'));

/** Cards blocked everywhere; emails and phones redacted for external providers, allowed for the local one. */
const policy = new DataPolicy({
  global: dataProtectionSchema.parse({
    classes: { card: 'block', email: 'redact', phone: 'redact', iban: 'redact' },
    providers: { ollama: { email: 'allow', phone: 'allow' } },
  }),
});

const models: TestGatewayOptions['models'] = {
  cloud: { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }] },
  local: { targets: [{ provider: 'ollama', model: 'llama3.2' }] },
  'local-then-cloud': {
    targets: [
      { provider: 'ollama', model: 'llama3.2' },
      { provider: 'openai', model: 'gpt-4o-mini' },
    ],
  },
  claude: { targets: [{ provider: 'anthropic', model: 'claude-sonnet-4-5' }] },
};

describe('protectRequest', () => {
  let gateway: TestGateway | undefined;
  afterEach(async () => gateway?.close());

  const start = async (): Promise<TestGateway> =>
    (gateway = await startTestGateway({
      providers: { openai: 'openai', ollama: 'openai-compatible', anthropic: 'anthropic' },
      models,
      admission: (context) => [protectRequest({ policy, metrics: context.metrics })],
    }));

  it('redacts an OpenAI chat request with stable placeholders in what the upstream receives', async () => {
    const { upstreams, call: send, metrics } = await start();
    upstreams.openai?.enqueue({ json: chatText });
    const { call, response } = await send({
      model: 'cloud',
      messages: [
        { role: 'system', content: 'You help ann@example.com.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'I am ann@example.com, call +44 20 7946 0958.' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 't1', type: 'function', function: { name: 'lookup', arguments: '{"email":"bob@example.org"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 't1', content: 'Bob: +44 20 7946 0958, IBAN GB82 WEST 1234 5698 7654 32' },
      ],
    });
    expect(response.status).toBe(200);
    const sent = upstreams.openai?.requests[0];
    expect(sent?.json).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You help [EMAIL_1].' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'I am [EMAIL_1], call [PHONE_1].' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
        { role: 'assistant', tool_calls: [{ function: { arguments: '{"email":"[EMAIL_2]"}' } }] },
        { role: 'tool', content: 'Bob: [PHONE_1], IBAN [IBAN_1]' },
      ],
    });
    expect(sent?.body).not.toMatch(/example\.com|7946|WEST/);
    expect(call.findings).toEqual([
      { dataClass: 'email', direction: 'request', count: 3, action: 'redacted' },
      { dataClass: 'phone', direction: 'request', count: 2, action: 'redacted' },
      { dataClass: 'iban', direction: 'request', count: 1, action: 'redacted' },
    ]);
    expect(call.warnings).toEqual(['data protection: redacted 3 email, 2 phone, 1 iban in the request']);
    expect(metrics.value(piiFindingsMetric, { class: 'email', direction: 'request', action: 'redacted' })).toBe(3);
  });

  it('redacts an Anthropic request: system blocks, text blocks, tool results and tool input', async () => {
    const { upstreams, call: send } = await start();
    upstreams.anthropic?.enqueue({ json: anthropicText });
    const { response } = await send(
      {
        model: 'claude',
        max_tokens: 64,
        system: [{ type: 'text', text: 'Customer phone 020 7946 0958' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'My email: ann@example.com' }] },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'tu1', name: 'crm', input: { query: { email: 'ann@example.com' } } }],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'tu1', content: [{ type: 'text', text: 'found 020 7946 0958' }] },
            ],
          },
        ],
      },
      { surface: 'anthropic-messages' },
    );
    expect(response.status).toBe(200);
    expect(upstreams.anthropic?.requests[0]?.json).toMatchObject({
      model: 'claude-sonnet-4-5',
      system: [{ type: 'text', text: 'Customer phone [PHONE_1]' }],
      messages: [
        { content: [{ type: 'text', text: 'My email: [EMAIL_1]' }] },
        { content: [{ type: 'tool_use', input: { query: { email: '[EMAIL_1]' } } }] },
        { content: [{ type: 'tool_result', content: [{ type: 'text', text: 'found [PHONE_1]' }] }] },
      ],
    });
  });

  it('redacts Responses input and instructions', async () => {
    const { upstreams, call: send } = await start();
    upstreams.openai?.enqueue({ json: responsesText });
    await send(
      {
        model: 'cloud',
        instructions: 'Reply to ann@example.com',
        input: [{ role: 'user', content: [{ type: 'input_text', text: 'SSN-free, mail ann@example.com' }] }],
      },
      { surface: 'openai-responses' },
    );
    expect(upstreams.openai?.requests[0]?.json).toMatchObject({
      instructions: 'Reply to [EMAIL_1]',
      input: [{ content: [{ type: 'input_text', text: 'SSN-free, mail [EMAIL_1]' }] }],
    });
  });

  it('blocks a card number before anything leaves, naming the class and where but never the value', async () => {
    const { upstreams, call: send, metrics } = await start();
    const { call, response } = await send({
      model: 'cloud',
      messages: [
        { role: 'user', content: 'hi ann@example.com' },
        { role: 'user', content: 'Charge 4111 1111 1111 1111 please' },
      ],
    });
    expect(response.status).toBe(403);
    expect(response.error?.code).toBe('data_blocked');
    expect(response.error?.param).toBe('messages.1.content');
    expect(response.error?.message).toBe(
      'Request blocked by the data protection policy: a payment card number was found in messages.1.content, and card data may not be sent to provider "openai" (model "cloud"). Remove it or ask an administrator to change the policy.',
    );
    expect(response.error?.message).not.toMatch(/4111|ann@/);
    expect(upstreams.openai?.requests).toHaveLength(0);
    expect(call.findings).toEqual([
      { dataClass: 'email', direction: 'request', count: 1, action: 'blocked' },
      { dataClass: 'card', direction: 'request', count: 1, action: 'blocked' },
    ]);
    expect(metrics.value(piiFindingsMetric, { class: 'card', direction: 'request', action: 'blocked' })).toBe(1);
  });

  it('applies the per-provider override: emails reach the local provider, and are recorded as allowed', async () => {
    const { upstreams, call: send } = await start();
    upstreams.ollama?.enqueue({ json: chatText });
    const body = { model: 'local', messages: [{ role: 'user', content: 'I am ann@example.com' }] };
    const { call } = await send(body);
    expect(upstreams.ollama?.requests[0]?.json).toMatchObject({ messages: [{ content: 'I am ann@example.com' }] });
    expect(call.findings).toEqual([{ dataClass: 'email', direction: 'request', count: 1, action: 'allowed' }]);
    expect(call.warnings.filter((warning) => warning.startsWith('data protection'))).toEqual([]);
  });

  it('redacts for the strictest provider a fallback route may reach', async () => {
    const { upstreams, call: send } = await start();
    upstreams.ollama?.enqueue({ status: 503, json: { error: { message: 'overloaded' } } });
    upstreams.openai?.enqueue({ json: chatText });
    const { response } = await send({
      model: 'local-then-cloud',
      messages: [{ role: 'user', content: 'I am ann@example.com' }],
    });
    expect(response.status).toBe(200);
    expect(upstreams.ollama?.requests[0]?.json).toMatchObject({ messages: [{ content: 'I am [EMAIL_1]' }] });
    expect(upstreams.openai?.requests[0]?.json).toMatchObject({ messages: [{ content: 'I am [EMAIL_1]' }] });
  });

  it('leaves a request with only look-alikes byte for byte as the client sent it', async () => {
    const { upstreams, call: send } = await start();
    upstreams.openai?.enqueue({ json: chatText });
    const content =
      'Order 2024-000123, ref 4111 1111 1111 1112, id 123e4567-e89b-12d3-a456-426614174000 at 2024-01-15T10:30:00Z from 192.168.1.20, v1.2.3, ISBN 978-3-16-148410-0, $1,234.56, @Component, lodash@4.17.21';
    const { call } = await send({ model: 'cloud', messages: [{ role: 'user', content }] });
    expect(upstreams.openai?.requests[0]?.body).toBe(
      JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }),
    );
    expect(call.findings).toEqual([]);
  });
});
