/**
 * Podium killed with SIGKILL under load, on its own embedded PostgreSQL, then started again on the same data
 * dir: the directory opens, exactly one postmaster runs on it, and the ledger lost at most the documented
 * crash window (docs/ledger.md: the calls of the last `ledger.flushIntervalMs`).
 */
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { afterAll, expect, it } from 'vitest';
import { createLedgerRepository } from './ledger/index.js';
import { podiumMigrations } from './podium-migrations.js';
import { openStore } from './store/index.js';
import { FakeUpstream, startPodiumProcesses, stopPodiumProcesses, type PodiumProcess } from './testkit/index.js';

const flushIntervalMs = 200;
const concurrency = 8;
const adminKey = 'pa-kill-test-0123456789';
const started: PodiumProcess[] = [];
let upstream: FakeUpstream | undefined;
// 0711: as root, the embedded server runs as `postgres`, which must pass through (mkdtemp makes 0700).
const dir = await mkdtemp(join(tmpdir(), 'podium-kill-'));
await chmod(dir, 0o711);
const dataDir = join(dir, 'data');
const clusterDir = join(dataDir, 'postgres');

afterAll(async () => {
  await stopPodiumProcesses(
    started.filter((podium) => podium.child.exitCode === null && podium.child.signalCode === null),
  );
  await upstream?.close();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

/** Postmasters running on the cluster, from /proc: a postgres program with the cluster after `-D`. */
async function postmasters(): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (args[0]?.endsWith('/postgres') === true && args.includes(clusterDir)) found.push(Number(entry));
  }
  return found;
}

async function start(): Promise<PodiumProcess> {
  const [podium] = await startPodiumProcesses({
    count: 1,
    timeoutMs: 90_000,
    // No PODIUM_DATABASE_URL: the embedded default (undefined values are dropped from a child's environment).
    env: {
      PODIUM_CONFIG: join(dir, 'podium.yaml'),
      PODIUM_PORT: '0',
      PODIUM_DATA_DIR: dataDir,
      PODIUM_ADMIN_KEY: adminKey,
      PODIUM_SECRET_KEY: 'kill-test-secret-0123456789abcdef0123',
      PODIUM_DATABASE_URL: undefined,
      PODIUM_REDIS_URL: undefined,
    },
  });
  if (podium === undefined) throw new Error('podium did not start');
  started.push(podium);
  return podium;
}

it('restarts on the same data dir after kill -9 under load: one postmaster, ledger loss within the flush window', async () => {
  upstream = await FakeUpstream.start();
  upstream.always({
    json: {
      id: 'chatcmpl-kill',
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
      usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
    },
  });
  await writeFile(
    join(dir, 'podium.yaml'),
    `providers:\n  openai: { type: openai, apiKey: sk-test, baseUrl: "${upstream.url}/v1" }\nmodels:\n  gpt: { targets: [{ provider: openai, model: gpt-4.1-mini }], price: { input: 1, output: 2 } }\nledger: { flushIntervalMs: ${flushIntervalMs} }\n`,
  );
  const first = await start();
  const admin = (path: string, payload: unknown): Promise<Response> =>
    fetch(`${first.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
  expect((await admin('/api/v1/teams', { name: 'kill' })).status).toBe(201);
  const key = ((await (await admin('/api/v1/keys', { team: 'kill' })).json()) as { key: string }).key;

  // Closed-loop load; each 200 is stamped with the time its answer arrived.
  const answeredAt: number[] = [];
  let killedAt = Number.POSITIVE_INFINITY;
  const agent = new Agent({ connections: concurrency });
  const loop = async (): Promise<void> => {
    while (Date.now() < killedAt) {
      try {
        const response = await request(`${first.url}/v1/chat/completions`, {
          method: 'POST',
          dispatcher: agent,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }] }),
        });
        await response.body.dump();
        if (response.statusCode === 200 && Date.now() < killedAt) answeredAt.push(Date.now());
      } catch {
        return; // the process is gone
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  await sleep(2_000);
  const [orphan] = await postmasters();
  killedAt = Date.now();
  first.child.kill('SIGKILL');
  await Promise.all(loops);
  await agent.close();
  expect(answeredAt.length).toBeGreaterThan(20);
  expect(orphan).toBeDefined();

  // The watchdog stops the orphaned server within about a second of Podium's death.
  const deadline = Date.now() + 10_000;
  while ((await postmasters()).length > 0 && Date.now() < deadline) await sleep(100);
  expect(await postmasters()).toEqual([]);

  const second = await start();
  const running = await postmasters();
  expect(running).toHaveLength(1);
  expect(running[0]).not.toBe(orphan);
  expect(Number.parseInt(await readFile(join(clusterDir, 'postmaster.pid'), 'utf8'), 10)).toBe(running[0]);
  const health: unknown = await fetch(`${second.url}/healthz`).then((response) => response.json());
  expect(health).toMatchObject({ store: 'embedded' });
  await stopPodiumProcesses([second]);

  const store = await openStore({ dataDir, migrations: podiumMigrations });
  try {
    const recorded = await createLedgerRepository(store).count();
    const lost = answeredAt.length - recorded;
    // The window: answers of the last flush interval (plus scheduling slack on a loaded machine) may be lost.
    const inWindow = answeredAt.filter((at) => at > killedAt - flushIntervalMs - 300).length;
    console.log(
      `kill -9: ${answeredAt.length} answered, ${recorded} recorded, ${Math.max(lost, 0)} lost; window allows ${inWindow}`,
    );
    expect(lost).toBeLessThanOrEqual(inWindow);
    // Calls in flight at the kill may be recorded without their answer reaching the client: never more.
    expect(recorded).toBeLessThanOrEqual(answeredAt.length + concurrency);
  } finally {
    await store.close();
  }
}, 180_000);
