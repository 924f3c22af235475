/**
 * A PostgreSQL outage, end to end, on a server this test starts and stops itself: known keys keep being
 * served after their cache entries expire, what needs the database answers 503 + retry-after (never 500,
 * never the driver's text or the database's address), /healthz stays alive while /readyz says not ready,
 * and once the database is back the ledger rows buffered during the outage arrive and /readyz recovers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadJson,
  ownFixturePath,
  postgresBinDir,
  startPrivatePostgres,
  startTestPodium,
  type PrivatePostgres,
  type TestPodium,
} from './testkit/index.js';

const required = process.env.PODIUM_TEST_REQUIRE_SERVICES === '1';
const canRun = (await postgresBinDir()) !== undefined;
if (!canRun && required)
  throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql, and PODIUM_TEST_REQUIRE_SERVICES=1');
if (!canRun)
  console.warn('SKIPPING the database outage test: no PostgreSQL server binaries under /usr/lib/postgresql.');

let database: PrivatePostgres;
let podium: TestPodium;

interface Reply {
  status: number;
  retryAfter: string | null;
  requestId: string | null;
  text: string;
}

const chat = async (key: string): Promise<Reply> => {
  const response = await fetch(`${podium.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mini', messages: [{ role: 'user', content: 'hi' }] }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    requestId: response.headers.get('x-podium-request-id'),
    text: await response.text(),
  };
};

const propose = async (key: string): Promise<Reply> => {
  const response = await fetch(`${podium.url}/api/v1/decisions/discount`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ proposal: 'five percent off', context: { percent: 5 } }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    requestId: null,
    text: await response.text(),
  };
};

const get = async (path: string, headers: Record<string, string> = {}): Promise<Reply & { json: unknown }> => {
  const response = await fetch(`${podium.url}${path}`, { headers });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    requestId: null,
    text,
    json: JSON.parse(text) as unknown,
  };
};

/** Polls `probe` every 50 ms until it returns true, for at most `withinMs`. */
const eventually = async (probe: () => Promise<boolean>, withinMs: number): Promise<boolean> => {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return probe();
};

beforeAll(async () => {
  if (!canRun) return;
  database = await startPrivatePostgres();
  podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: `
  mini:
    targets: [{ provider: openai, model: gpt-4.1-mini-2025-04-14 }]
`,
    // A key cache entry is fresh for 1 ms: every call after the stop has outlived it.
    extraYaml: `ledger: { flushIntervalMs: 50 }
identity: { keyCacheTtlMs: 1 }
decisions:
  definitions:
    - { id: discount, description: Give a discount, owner: sales, context: { percent: { schema: { type: number } } }, risk: [{ outcome: auto }] }
`,
    env: { PODIUM_DATABASE_URL: database.url, PODIUM_SECRET_KEY: 'database-outage-test-secret-0123456789' },
  });
  podium.upstreams.openai?.always({ json: loadJson(ownFixturePath('openai/chat-text.json')) });
}, 60_000);

afterAll(async () => {
  try {
    await podium?.close();
  } finally {
    await database?.close();
  }
}, 60_000);

describe.runIf(canRun)('a PostgreSQL outage', () => {
  it('keeps known keys served, refuses the rest with 503, tells the truth on /readyz, and catches up when the database returns', async () => {
    const served: string[] = [];
    const before = await chat(podium.key);
    expect(before.status).toBe(200);
    served.push(before.requestId ?? '');
    await podium.ledgerRecord(before.requestId);
    expect((await get('/readyz')).status).toBe(200);
    const allowed = await propose(podium.key);
    expect(allowed.status, allowed.text).toBe(200);

    await database.stop();
    const address = `127.0.0.1:${database.port}`;
    const leaks = (text: string) =>
      text.includes(address) ||
      text.includes(String(database.port)) ||
      /ECONNREFUSED|ECONNRESET|terminating connection/.test(text);

    // A known key, long past its cache TTL: still served from the fake upstream.
    for (let call = 0; call < 5; call += 1) {
      const reply = await chat(podium.key);
      expect(reply.status, reply.text).toBe(200);
      served.push(reply.requestId ?? '');
    }

    // A key this process has never seen: the database cannot say, so 503 to retry, not 401 and not 500.
    const unknown = await chat('pk-0000000000000000000000000000000000000000');
    expect(unknown.status).toBe(503);
    expect(unknown.retryAfter).toBe('5');
    expect(JSON.parse(unknown.text)).toMatchObject({ error: { type: 'server_error', code: 'store_unavailable' } });
    expect(leaks(unknown.text)).toBe(false);

    // The admin API, reads and writes: 503 in the admin shape.
    const admin = { authorization: `Bearer ${podium.adminKey}` };
    const teams = await get('/api/v1/teams', admin);
    expect(teams.status).toBe(503);
    expect(teams.retryAfter).toBe('5');
    expect(teams.json).toMatchObject({ error: { type: 'api_error', code: 'store_unavailable' } });
    const created = await podium.admin('POST', '/api/v1/keys', { team: 'test' });
    expect(created).toMatchObject({ status: 503, json: { error: { code: 'store_unavailable' } } });
    const requests = await get('/api/v1/requests', admin);
    expect(requests.status).toBe(503);
    for (const body of [teams.text, JSON.stringify(created.json), requests.text]) expect(leaks(body)).toBe(false);

    // A decision is never answered without its audit entry: 503 to retry, from a key served stale.
    const decision = await propose(podium.key);
    expect(decision.status).toBe(503);
    expect(decision.retryAfter).toBe('5');
    expect(JSON.parse(decision.text)).toMatchObject({ error: { code: 'audit_unavailable' } });
    expect(leaks(decision.text)).toBe(false);

    // Alive, not ready, and the report names the store without its address.
    expect((await get('/healthz')).status).toBe(200);
    const notReady = await get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.json).toMatchObject({
      status: 'not_ready',
      dependencies: { store: { status: 'down', required: true } },
    });
    expect(leaks(notReady.text)).toBe(false);

    await database.start();
    expect(await eventually(async () => (await get('/readyz')).status === 200, 10_000)).toBe(true);
    // Every call that reached the upstream has its row, the ones buffered during the outage included.
    for (const id of served) expect(await podium.ledgerRecord(id)).toMatchObject({ id, status: 200 });
    expect(podium.upstreams.openai?.requests.length).toBe(served.length);
    // And what needed the database works again without a restart.
    expect((await chat('pk-0000000000000000000000000000000000000000')).status).toBe(401);
    expect((await podium.admin('POST', '/api/v1/keys', { team: 'test' })).status).toBe(201);
  }, 60_000);
});
