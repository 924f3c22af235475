/**
 * Caller-chosen strings reach the ledger (end user, model asked for): a NUL in any of them is answered
 * like any other request and recorded cleaned, and never stops the records of later calls.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadJson, ownFixturePath, startTestPodium, type TestPodium } from '../testkit/index.js';

let podium: TestPodium;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: '  mini:\n    targets: [{ provider: openai, model: gpt-4o-mini }]\n',
    extraYaml: 'ledger: { flushIntervalMs: 10 }',
  });
  podium.upstreams.openai?.always({ json: loadJson(ownFixturePath('openai/chat-text.json')) });
}, 60_000);
afterAll(async () => podium.close());

it('records NUL-laden users and models cleaned, and keeps recording everyone else', async () => {
  const openai = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: podium.key, maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: podium.url, apiKey: podium.key, maxRetries: 0 });

  const viaUser = await openai.chat.completions
    .create({ model: 'mini', user: `mallory\0${'x'.repeat(5000)}`, messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  const viaMetadata = await anthropic.messages
    .create({
      model: 'mini',
      max_tokens: 10,
      metadata: { user_id: 'eve\0' },
      messages: [{ role: 'user', content: 'hi' }],
    })
    .withResponse();
  const badModel = await fetch(`${podium.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mini\0\uD800', messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(badModel.status).toBe(404);
  const after = await openai.chat.completions
    .create({ model: 'mini', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();

  const userRow = await podium.ledgerRecord(viaUser.response.headers.get('x-podium-request-id'));
  expect(userRow.endUser).toBe(`mallory${'x'.repeat(249)}`);
  expect(userRow.sanitized).toBe(true);
  expect((await podium.ledgerRecord(viaMetadata.response.headers.get('x-podium-request-id'))).endUser).toBe('eve');
  expect(await podium.ledgerRecord(badModel.headers.get('x-podium-request-id'))).toMatchObject({
    requestedModel: 'mini',
    status: 404,
    sanitized: true,
  });
  expect(await podium.ledgerRecord(after.response.headers.get('x-podium-request-id'))).toMatchObject({
    status: 200,
    sanitized: false,
  });
}, 30_000);
