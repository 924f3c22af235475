import { countTokens as countDirectly } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestPodium, type TestPodium } from '../testkit/index.js';
import { countTokens, tokenizerLoaded } from './count-tokens.js';

describe('the tokenizer, loaded when something needs it', () => {
  let podium: TestPodium | undefined;
  afterAll(async () => podium?.close());

  it('is not loaded by a start and calls without budgets, and is loaded once a budget exists', async () => {
    // First in this file's process: nothing has counted tokens yet.
    expect(tokenizerLoaded()).toBe(false);
    podium = await startTestPodium({
      providers: { primary: 'openai' },
      modelsYaml: '  gpt-4o-mini:\n    targets:\n      - { provider: primary, model: gpt-4o-mini }',
    });
    podium.upstreams.primary?.always({
      json: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
      },
    });
    const call = await fetch(`${podium.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(call.status).toBe(200);
    await call.text();
    expect(tokenizerLoaded()).toBe(false);

    const created = await podium.admin('POST', '/api/v1/budgets', {
      id: 'team-tokens',
      scope: { kind: 'team', value: 'test' },
      unit: 'tokens',
      limit: 1_000_000,
      period: 'month',
    });
    expect(created.status).toBe(201);
    const deadline = Date.now() + 5_000;
    while (!tokenizerLoaded() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tokenizerLoaded()).toBe(true);
  }, 60_000);

  it('counts as gpt-tokenizer does', () => {
    for (const text of ['', 'hello world', 'Grüße, 世界! ```ts\nconst x = 1;\n```'])
      expect(countTokens(text)).toBe(countDirectly(text));
  });
});
