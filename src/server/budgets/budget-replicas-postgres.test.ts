/**
 * Three Podium instances in this process on one fresh PostgreSQL database and no Redis: budgets and grants
 * made through the admin API on one replica are enforced by the others within the refresh interval, the
 * counters are shared (PostgreSQL by default), and a policy file change reaches every replica without a
 * restart — an invalid one keeps the policies in force. Real PostgreSQL; skipped with a message when it is
 * absent, unless PODIUM_TEST_REQUIRE_SERVICES=1.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { startPodium, type RunningPodium } from '../main.js';
import { openPostgresClient } from '../store/index.js';
import { FakeUpstream } from '../testkit/index.js';
import { postgresUnreachable, skipUnreachable } from './counters/counter-services.test-suite.js';

const baseUrl = process.env.PODIUM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skip = skipUnreachable({
  service: 'PostgreSQL',
  reason: await postgresUnreachable(baseUrl),
  required: process.env.PODIUM_TEST_REQUIRE_SERVICES === '1',
});

/** How long a change on one replica may go unseen by another: budgets.refreshIntervalMs and policies.reloadIntervalMs below. */
const refreshMs = 200;
const adminKey = `pa-r3-${randomUUID()}`;
const completion = {
  id: 'chatcmpl-r3',
  object: 'chat.completion',
  created: 1767225600,
  model: 'gpt-4.1-mini',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, logprobs: null, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
};
const permitAll = '@id("allow-all")\npermit(principal, action, resource);\n';
const freeze = '@id("freeze")\nforbid(principal, action == Podium::Action::"model.call", resource);\n';

/** Polls until `probe` returns true, for at most ten refresh intervals and then some (a loaded CI host). */
async function eventually(probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 25 * refreshMs + 5_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('not within the documented staleness');
    await new Promise((resolve) => setTimeout(resolve, refreshMs / 4));
  }
}

describe.skipIf(skip)('3 replicas on one PostgreSQL database, no Redis', () => {
  const database = `podium_r3_${randomUUID().replaceAll('-', '')}`;
  const budgetId = `r3-${randomUUID().slice(0, 8)}`;
  const dirs: string[] = [];
  const logs: string[][] = [];
  let upstream: FakeUpstream;
  let replicas: RunningPodium[] = [];
  let policyFile = '';

  const admin = async (
    replica: number,
    request: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }> => {
    const [method, path] = request.split(' ') as [string, string];
    const response = await fetch(`${replicas[replica]?.url ?? ''}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const call = async (replica: number, key: string): Promise<number> => {
    const response = await fetch(`${replicas[replica]?.url ?? ''}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt', max_tokens: 5, messages: [{ role: 'user', content: 'hello' }] }),
    });
    await response.arrayBuffer();
    return response.status;
  };
  const tally = (statuses: readonly number[]): Record<number, number> =>
    statuses.reduce<Record<number, number>>(
      (counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
      {},
    );

  beforeAll(async () => {
    const sql = openPostgresClient({ url: baseUrl });
    await sql.query(`CREATE DATABASE ${database}`);
    await sql.close();
    upstream = await FakeUpstream.start();
    upstream.always({ json: completion });
    const dir = await mkdtemp(join(tmpdir(), 'podium-r3-'));
    dirs.push(dir);
    policyFile = join(dir, 'policies.cedar');
    await writeFile(policyFile, permitAll);
    await writeFile(
      join(dir, 'podium.yaml'),
      `providers:
  openai: { type: openai, apiKey: sk-test, baseUrl: "${upstream.url}/v1" }
models:
  gpt: { targets: [{ provider: openai, model: gpt-4.1-mini }], price: { input: 1, output: 2 } }
budgets: { refreshIntervalMs: ${refreshMs} }
policies: { files: [policies.cedar], reloadIntervalMs: ${refreshMs} }
ledger: { flushIntervalMs: 50 }
`,
    );
    const databaseUrl = new URL(baseUrl);
    databaseUrl.pathname = `/${database}`;
    for (let index = 0; index < 3; index += 1) {
      const dataDir = await mkdtemp(join(tmpdir(), 'podium-r3-data-'));
      dirs.push(dataDir);
      const env = {
        PODIUM_CONFIG: join(dir, 'podium.yaml'),
        PODIUM_PORT: '0',
        PODIUM_DATABASE_URL: databaseUrl.toString(),
        PODIUM_ADMIN_KEY: adminKey,
        PODIUM_DATA_DIR: dataDir,
        PODIUM_SECRET_KEY: 'replicas-share-this-secret-0123456789',
      };
      const lines: string[] = [];
      logs.push(lines);
      replicas.push(
        await startPodium({
          config: await loadConfig({ env, cwd: dir }),
          env,
          cwd: dir,
          log: (line) => lines.push(line),
        }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    replicas = [];
    await upstream?.close();
    const sql = openPostgresClient({ url: baseUrl });
    await sql.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await sql.close();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }, 60_000);

  it('counts in PostgreSQL by default and says so', () => {
    for (const lines of logs) expect(lines.some((line) => line.includes('budget counters in PostgreSQL'))).toBe(true);
  });

  it('enforces a budget created on replica 1 on replicas 2 and 3: a hard limit of 2 requests admits exactly 2 of 9; a grant on one replica is honoured by the others', async () => {
    expect((await admin(0, 'POST /api/v1/teams', { name: 'r3' })).status).toBe(201);
    const key = (await admin(1, 'POST /api/v1/keys', { team: 'r3' })).json.key as string;
    const created = await admin(0, 'POST /api/v1/budgets', {
      id: budgetId,
      scope: { kind: 'team', value: 'r3' },
      unit: 'requests',
      limit: 2,
      period: 'day',
    });
    expect(created.status).toBe(201);
    await eventually(
      async () =>
        (await admin(1, `GET /api/v1/budgets/${budgetId}/status`)).status === 200 &&
        (await admin(2, `GET /api/v1/budgets/${budgetId}/status`)).status === 200,
    );

    const first = await Promise.all(Array.from({ length: 9 }, (_, index) => call(index % 3, key)));
    expect(tally(first)).toEqual({ 200: 2, 429: 7 });

    // A request filed on replica 2, granted on replica 3: replica 1 admits up to the new limit.
    const filed = await admin(1, 'POST /api/v1/budget-requests', {
      budgetId,
      amount: 4,
      requestedBy: 'alice',
      justification: 'quarter close',
    });
    expect(filed.status).toBe(201);
    expect(
      (await admin(2, `POST /api/v1/budget-requests/${String(filed.json.id)}/grant`, { approver: 'bob' })).status,
    ).toBe(200);
    await eventually(async () => (await admin(0, `GET /api/v1/budgets/${budgetId}/status`)).json.limit === 4);
    const second = await Promise.all(Array.from({ length: 6 }, () => call(0, key)));
    expect(tally(second)).toEqual({ 200: 2, 429: 4 });
    for (let replica = 0; replica < 3; replica += 1) {
      const status = await admin(replica, `GET /api/v1/budgets/${budgetId}/status`);
      expect(status.json).toMatchObject({ limit: 4, used: 4, remaining: 0 });
    }
    expect(upstream.requests).toHaveLength(4);
  }, 60_000);

  it('picks up a policy file change on every replica without a restart, and keeps the policies in force when the change is invalid', async () => {
    await admin(0, 'POST /api/v1/teams', { name: 'r3-policies' });
    const key = (await admin(0, 'POST /api/v1/keys', { team: 'r3-policies' })).json.key as string;
    expect(await call(1, key)).toBe(200);

    await writeFile(policyFile, `${permitAll}${freeze}`);
    for (let replica = 0; replica < 3; replica += 1) await eventually(async () => (await call(replica, key)) === 403);

    await writeFile(policyFile, `${permitAll}forbid(principal, action ==;\n`);
    for (const lines of logs)
      await eventually(() => Promise.resolve(lines.some((line) => line.includes('policy reload (file) rejected'))));
    for (let replica = 0; replica < 3; replica += 1) expect(await call(replica, key)).toBe(403);
    const metrics = await (await fetch(`${replicas[2]?.url ?? ''}/metrics`)).text();
    expect(metrics).toMatch(/podium_policy_reloads_total\{trigger="file",outcome="rejected"\} 1/);
    expect(metrics).toMatch(/podium_policy_reloads_total\{trigger="file",outcome="applied"\} 1/);
  }, 60_000);
});
