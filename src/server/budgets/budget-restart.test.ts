/**
 * In-process counters survive a restart by being rebuilt from the ledger, and the rebuild counts exactly what
 * live counting counted: calls that settled with usage — not calls refused (by the budget itself, by a
 * policy-free refusal such as an unknown model) or failed upstream, which the ledger records all the same.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { startPodium, type RunningPodium } from '../main.js';
import { FakeUpstream } from '../testkit/index.js';

const adminKey = 'pa-restart-admin-key-0123456789abcdef';
const completion = {
  id: 'chatcmpl-restart',
  object: 'chat.completion',
  created: 1767225600,
  model: 'gpt-4.1-mini',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, logprobs: null, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
};

describe('in-process budget counters across a restart', () => {
  let upstream: FakeUpstream;
  let dir: string;
  let podium: RunningPodium | undefined;
  let key = '';

  const start = async (): Promise<RunningPodium> => {
    const env = { PODIUM_PORT: '0', PODIUM_DATA_DIR: join(dir, 'data'), PODIUM_ADMIN_KEY: adminKey };
    return startPodium({ config: await loadConfig({ env, cwd: dir }), env, cwd: dir, log: () => undefined });
  };
  const admin = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${podium?.url ?? ''}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const call = async (content: string): Promise<number> => {
    const response = await fetch(`${podium?.url ?? ''}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt', max_tokens: 5, messages: [{ role: 'user', content }] }),
    });
    await response.arrayBuffer();
    return response.status;
  };
  const used = async (): Promise<Record<string, number>> => {
    const data = (await admin('GET', '/api/v1/budgets/status')).data as { id: string; used: number }[];
    return Object.fromEntries(data.map((status) => [status.id, status.used]));
  };

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    // Upstream failures are asked for by the prompt: the same calls fail before and after the restart.
    upstream.always((request) =>
      JSON.stringify(request.json).includes('fail')
        ? { status: 500, json: { error: { message: 'boom', type: 'server_error' } } }
        : { json: completion },
    );
    dir = await mkdtemp(join(tmpdir(), 'podium-restart-'));
    // As root the embedded server runs as `postgres`, which must pass through (mkdtemp makes 0700).
    await chmod(dir, 0o711);
    await writeFile(
      join(dir, 'podium.yaml'),
      `providers:
  openai: { type: openai, apiKey: sk-test, baseUrl: "${upstream.url}/v1", retry: { maxRetries: 0 } }
models:
  gpt: { targets: [{ provider: openai, model: gpt-4.1-mini }], price: { input: 1, output: 2 } }
ledger: { flushIntervalMs: 20 }
budgets:
  definitions:
    - { id: calls, scope: { kind: team, value: restart }, unit: requests, limit: 3, period: day }
    - { id: tokens, scope: { kind: team, value: restart }, unit: tokens, limit: 1000000, period: day, mode: soft }
    - { id: dollars, scope: { kind: team, value: restart }, limit: 100, period: day, mode: soft }
`,
    );
    podium = await start();
    await admin('POST', '/api/v1/teams', { name: 'restart' });
    key = (await admin('POST', '/api/v1/keys', { team: 'restart' })).key as string;
  }, 60_000);

  afterAll(async () => {
    await podium?.close();
    await upstream?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('rebuilds exactly the live counts, with refused and failed calls in the mix, and the hard limit still holds', async () => {
    const statuses = [
      await call('one'),
      await call('please fail'),
      await call('two'),
      await call('fail again'),
      await call('three'),
      await call('four'),
      await call('five'),
    ];
    expect(statuses).toEqual([200, 500, 200, 500, 200, 429, 429]);
    const live = await used();
    expect(live).toEqual({ calls: 3, tokens: 45, dollars: expect.closeTo((3 * (10 * 1 + 5 * 2)) / 1e6, 12) as number });
    // Every call reaches the ledger, refused and failed ones included.
    for (
      let tries = 0;
      tries < 100 && ((await admin('GET', '/api/v1/requests?limit=100')).data as unknown[]).length < 7;
      tries += 1
    )
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await admin('GET', '/api/v1/requests?limit=100')).data).toHaveLength(7);

    await podium?.close();
    podium = await start();
    expect(await used()).toEqual(live);
    expect(await call('six')).toBe(429);
  }, 60_000);
});
