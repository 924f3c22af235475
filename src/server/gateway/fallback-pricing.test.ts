/**
 * A call that fell back is priced as what served it: the fallback target's own price (or the price
 * table for its model), never the alias's price, which describes the primary target. The USD budget
 * settles the same number the ledger records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJson, ownFixturePath, startTestPodium, type TestPodium } from '../testkit/index.js';

const million = { prompt_tokens: 1_000_000, completion_tokens: 1_000_000, total_tokens: 2_000_000 };
const completion = {
  ...(loadJson(ownFixturePath('openai/chat-text.json')) as Record<string, unknown>),
  usage: million,
};
const serverError = { status: 500, json: loadJson(ownFixturePath('openai/error-500-server-error.json')) };

let podium: TestPodium;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { primary: 'openai', backup: 'openai', spare: 'openai' },
    providerExtras: { primary: 'retry: { maxRetries: 0 }', backup: 'retry: { maxRetries: 0 }' },
    modelsYaml: `
  mini:
    targets:
      - { provider: primary, model: gpt-4o-mini }
      - { provider: backup, model: gpt-4o }
      - { provider: spare, model: my-finetune, price: { input: 5, output: 7 } }
    price: { input: 0.15, output: 0.6 }
`,
    extraYaml: `
ledger: { flushIntervalMs: 10 }
budgets:
  definitions:
    - { id: team-usd, scope: { kind: team, value: test }, limit: 1000, period: month }
`,
  });
}, 60_000);
afterAll(async () => podium.close());

async function call(): Promise<{ cost: number | null; warning: string | null; requestId: string | null }> {
  const response = await fetch(`${podium.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mini', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.text();
  expect(response.status).toBe(200);
  const header = response.headers.get('x-podium-cost-usd');
  return {
    cost: header === null ? null : Number(header),
    warning: response.headers.get('x-podium-warning'),
    requestId: response.headers.get('x-podium-request-id'),
  };
}

async function settledUsd(expected: number): Promise<number> {
  let used = 0;
  for (let tries = 0; tries < 200; tries += 1) {
    used = ((await podium.admin('GET', '/api/v1/budgets/team-usd/status')).json as { used: number }).used;
    if (Math.abs(used - expected) < 1e-9) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return used;
}

describe('fallback pricing', () => {
  it('the primary target is priced at the alias price', async () => {
    podium.upstreams.primary?.enqueue({ json: completion });
    const { cost, requestId } = await call();
    expect(cost).toBeCloseTo(0.75, 10);
    expect((await podium.ledgerRecord(requestId)).costUsd).toBeCloseTo(0.75, 10);
    expect(await settledUsd(0.75)).toBeCloseTo(0.75, 9);
  });

  it('a fallback to gpt-4o is priced at gpt-4o ($12.50 for 1M + 1M), in the ledger and the budget alike', async () => {
    podium.upstreams.primary?.enqueue(serverError);
    podium.upstreams.backup?.enqueue({ json: completion });
    const { cost, requestId } = await call();
    const row = await podium.ledgerRecord(requestId);
    expect(row).toMatchObject({ provider: 'backup', servedModel: 'gpt-4o', attempts: 2, status: 200 });
    expect(cost).toBeCloseTo(12.5, 10);
    expect(row.costUsd).toBeCloseTo(12.5, 10);
    expect(await settledUsd(0.75 + 12.5)).toBeCloseTo(0.75 + 12.5, 9);
  });

  it('a fallback target with its own price is priced at it', async () => {
    podium.upstreams.primary?.enqueue(serverError);
    podium.upstreams.backup?.enqueue(serverError);
    podium.upstreams.spare?.enqueue({ json: completion });
    const { cost, requestId } = await call();
    expect(cost).toBeCloseTo(12, 10);
    expect((await podium.ledgerRecord(requestId)).costUsd).toBeCloseTo(12, 10);
    expect(await settledUsd(0.75 + 12.5 + 12)).toBeCloseTo(0.75 + 12.5 + 12, 9);
  });
});
