/**
 * Three Podium processes sharing PostgreSQL (identity, ledger) and Redis (budget counters): 1,000
 * concurrent calls spread across them against a hard budget worth N calls admit exactly N.
 * Real PostgreSQL and Redis; skipped with a message when they are absent, unless
 * PODIUM_TEST_REQUIRE_SERVICES=1 (CI), which makes their absence a failure.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresClient } from '../store/index.js';
import { FakeUpstream, startPodiumProcesses, stopPodiumProcesses, type PodiumProcess } from '../testkit/index.js';
import { estimateCall } from './estimate-call.js';

const baseUrl = process.env.PODIUM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.PODIUM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const required = process.env.PODIUM_TEST_REQUIRE_SERVICES === '1';

async function reachable(): Promise<string | undefined> {
  const sql = openPostgresClient({ url: baseUrl });
  try {
    await sql.query('SELECT 1');
  } catch (error) {
    return `PostgreSQL at ${baseUrl}: ${(error as Error).message}`;
  } finally {
    await sql.close();
  }
  const { hostname, port } = new URL(redisUrl);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(`Redis at ${redisUrl}: timeout`);
    });
    socket.once('connect', () => {
      socket.end();
      resolve(undefined);
    });
    socket.once('error', (error) => resolve(`Redis at ${redisUrl}: ${error.message}`));
  });
}

const missing = await reachable();
if (missing !== undefined) {
  if (required) throw new Error(`${missing}; PODIUM_TEST_REQUIRE_SERVICES=1, so this is a failure.`);
  console.warn(`SKIPPING the multi-replica budget test: ${missing}.`);
}

const body = { model: 'gpt', max_tokens: 100, messages: [{ role: 'user', content: 'Three replicas, one budget.' }] };
const estimate = estimateCall({ body, defaultMaxOutputTokens: 4096, openAITokenizer: true });
const perCall = (estimate.inputTokens * 1 + estimate.outputTokens * 2) / 1e6;
const admittedCalls = 25;

describe.skipIf(missing !== undefined)('3 replicas sharing PostgreSQL and Redis', () => {
  const database = `podium_replicas_${randomUUID().replaceAll('-', '')}`;
  const budgetId = `replicas-${randomUUID().slice(0, 8)}`;
  const adminKey = `pa-replicas-${randomUUID()}`;
  let upstream: FakeUpstream;
  let replicas: PodiumProcess[] = [];

  beforeAll(async () => {
    const sql = openPostgresClient({ url: baseUrl });
    await sql.query(`CREATE DATABASE ${database}`);
    await sql.close();
    upstream = await FakeUpstream.start();
    upstream.always({
      delayMs: 50,
      json: {
        id: 'chatcmpl-replicas',
        object: 'chat.completion',
        created: 1767225600,
        model: 'gpt-4.1-mini',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'ok', refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: estimate.inputTokens,
          completion_tokens: estimate.outputTokens,
          total_tokens: estimate.inputTokens + estimate.outputTokens,
        },
      },
    });
    const dir = await mkdtemp(join(tmpdir(), 'podium-replicas-'));
    await writeFile(
      join(dir, 'podium.yaml'),
      `providers:
  openai: { type: openai, apiKey: sk-test, baseUrl: "${upstream.url}/v1" }
models:
  gpt: { targets: [{ provider: openai, model: gpt-4.1-mini }], price: { input: 1, output: 2 } }
budgets:
  counters: redis
  definitions:
    - { id: ${budgetId}, scope: { kind: team, value: replicas }, limit: ${perCall * admittedCalls}, period: month }
ledger: { flushIntervalMs: 50 }
`,
    );
    const databaseUrl = new URL(baseUrl);
    databaseUrl.pathname = `/${database}`;
    // Started together: they also race to migrate the fresh database.
    replicas = await startPodiumProcesses({
      count: 3,
      together: true,
      env: {
        PODIUM_CONFIG: join(dir, 'podium.yaml'),
        PODIUM_PORT: '0',
        PODIUM_DATABASE_URL: databaseUrl.toString(),
        PODIUM_REDIS_URL: redisUrl,
        PODIUM_ADMIN_KEY: adminKey,
        PODIUM_SECRET_KEY: 'replicas-share-this-secret-0123456789abcdef',
        PODIUM_DATA_DIR: join(dir, 'data'),
      },
    });
  }, 120_000);

  afterAll(async () => {
    await stopPodiumProcesses(replicas);
    await upstream?.close();
    const sql = openPostgresClient({ url: baseUrl });
    await sql.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await sql.close();
  }, 60_000);

  it('admits exactly the budget’s worth of 1,000 concurrent calls spread over the replicas', async () => {
    const admin = (url: string, path: string, payload?: unknown) =>
      fetch(`${url}${path}`, {
        method: payload ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: payload ? JSON.stringify(payload) : null,
      });
    const [first, second, third] = replicas;
    if (!first || !second || !third) throw new Error('replicas did not start');
    expect((await admin(first.url, '/api/v1/teams', { name: 'replicas' })).status).toBe(201);
    const key = ((await (await admin(second.url, '/api/v1/keys', { team: 'replicas' })).json()) as { key: string }).key;

    const agent = new Agent({ connections: 400 });
    const statuses = await Promise.all(
      Array.from({ length: 1000 }, async (_, index) => {
        const target = replicas[index % replicas.length] as PodiumProcess;
        const response = await request(`${target.url}/v1/chat/completions`, {
          method: 'POST',
          dispatcher: agent,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        await response.body.dump();
        return response.statusCode;
      }),
    );
    await agent.close();
    const tally = statuses.reduce<Record<number, number>>(
      (counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
      {},
    );
    expect(tally).toEqual({ 200: admittedCalls, 429: 1000 - admittedCalls });
    expect(upstream.requests).toHaveLength(admittedCalls);

    // Every replica reads the same shared counter: settled spend equals the limit, never more.
    for (const replica of replicas) {
      let used = 0;
      for (let tries = 0; tries < 50; tries += 1) {
        used = ((await (await admin(replica.url, `/api/v1/budgets/${budgetId}/status`)).json()) as { used: number })
          .used;
        if (Math.abs(used - perCall * admittedCalls) < 1e-12) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(used).toBeCloseTo(perCall * admittedCalls, 12);
    }
  }, 120_000);
});
