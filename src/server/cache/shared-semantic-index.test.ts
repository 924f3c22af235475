import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresClient, type SqlClient } from '../store/index.js';
import { loadJson, ownFixturePath } from '../testkit/index.js';
import { startCachedTestGateway, type CachedTestGateway } from './cached-test-gateway.test-suite.js';
import { unitVector, type Embedder } from '../embeddings/index.js';
import { createSemanticEntryRepository } from './semantic-entry-repository.js';
import { openSharedSemanticIndex } from './shared-semantic-index.js';
import { openTestDatabase } from '../testkit/index.js';

const chatText = loadJson(ownFixturePath('openai/chat-text.json'));
const question = (content: string) => ({ model: 'fast', messages: [{ role: 'user', content }] });
const semantic = { semantic: { ttlSeconds: 60, threshold: 0.99, embedding: 'local' } };

/** Word counts over a small vocabulary: reworded questions with the same words embed identically. */
const bagOfWords: Embedder = {
  embed: (text) => {
    const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
    return Promise.resolve(
      unitVector(
        ['capital', 'france', 'germany', 'city', 'what', 'is'].map(
          (word) => words.filter((candidate) => candidate === word).length + 0.01,
        ),
      ),
    );
  },
};

/** One Podium replica's cache: its own memory store and index, the semantic rows in `store`. */
const replica = (store: SqlClient, startTime?: number): Promise<CachedTestGateway> =>
  startCachedTestGateway({
    models: { fast: semantic },
    localEmbedder: bagOfWords,
    startTime,
    openSharedIndex: (now) =>
      openSharedSemanticIndex({
        repository: createSemanticEntryRepository(store),
        maxEntries: 100,
        now,
        syncIntervalMs: 0,
      }),
  });

/** Rows in the store: a stored answer is written behind the response, so tests wait for it. */
const rows = async (store: SqlClient): Promise<number> =>
  Number((await store.query<{ count: unknown }>('SELECT count(*) AS count FROM semantic_cache_entries'))[0]?.count);

const stop = async (setup: CachedTestGateway): Promise<void> => {
  await setup.sharedIndex?.close();
  await setup.gateway.close();
};

// The embedded PostgreSQL starts (initdb, migrations) in seconds on a busy machine.
describe('semantic index kept in the embedded store', { timeout: 120_000 }, () => {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'podium-semantic-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('survives a restart: the reopened data directory serves a paraphrase, within its TTL and its team only', async () => {
    const before = await openTestDatabase({ dataDir });
    const first = await replica(before);
    first.gateway.upstreams.openai?.always({ json: chatText });
    const original = await first.gateway.call(question('What is the capital of France?'));
    expect(original.call.cacheStatus).toBe('miss');
    await expect.poll(() => rows(before)).toBe(1);
    await stop(first);
    await before.close();

    const after = await openTestDatabase({ dataDir });
    try {
      // A row this release cannot read (a 2-byte vector) is skipped, not loaded and not fatal.
      await after.query(
        "INSERT INTO semantic_cache_entries (store_key, partition, vector, salient, answer, expires_at_ms) VALUES ('k', 'p', '\\x0102', '{}', 'x', 9e15)",
      );
      // 30 s later: the entry (60 s TTL) is still fresh; its answer was only in the old process's memory.
      const second = await replica(after, first.clock.time + 30_000);
      expect(second.sharedIndex?.index.size).toBe(1);
      second.gateway.upstreams.openai?.always({ json: chatText });
      const reworded = await second.gateway.call(question('France: what is its capital?'));
      expect(reworded.call.cacheStatus).toBe('semantic-hit');
      expect(reworded.response.body).toBe(original.response.body);
      const otherTeam = await second.gateway.call(question('France: what is its capital?'), {
        headers: { 'x-test-team': 'team_other' },
      });
      expect(otherTeam.call.cacheStatus).toBe('miss');
      second.clock.time += 31_000;
      const expiredParaphrase = await second.gateway.call(question('France: what is its capital?'));
      expect(expiredParaphrase.call.cacheStatus).toBe('miss');
      expect(second.gateway.upstreams.openai?.requests).toHaveLength(2);
      await stop(second);
    } finally {
      await after.close();
    }
  });
});

const url = process.env.PODIUM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const unreachable = await (async () => {
  const sql = openPostgresClient({ url });
  try {
    await sql.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await sql.close();
  }
})();
if (unreachable !== undefined && process.env.PODIUM_TEST_REQUIRE_SERVICES === '1')
  throw new Error(`PostgreSQL at ${url} is unreachable (${unreachable})`);

describe.skipIf(unreachable !== undefined)('semantic index shared by replicas through PostgreSQL', () => {
  const schema = `podium_semantic_${randomUUID().replaceAll('-', '')}`;
  const stores: SqlClient[] = [];
  const setups: CachedTestGateway[] = [];
  const admin = async (statement: string): Promise<void> => {
    const sql = openPostgresClient({ url });
    try {
      await sql.query(statement);
    } finally {
      await sql.close();
    }
  };
  beforeAll(() => admin(`CREATE SCHEMA ${schema}`));
  afterEach(async () => {
    for (const setup of setups.splice(0)) await stop(setup);
    for (const store of stores.splice(0)) await store.close();
  });
  afterAll(() => admin(`DROP SCHEMA ${schema} CASCADE`));

  it('an answer stored by one replica is a semantic hit on another after its next sync', async () => {
    for (let index = 0; index < 2; index += 1) stores.push(await openTestDatabase({ databaseUrl: url, schema }));
    const [storeA, storeB] = stores as [SqlClient, SqlClient];
    const a = await replica(storeA);
    const b = await replica(storeB);
    setups.push(a, b);
    a.gateway.upstreams.openai?.always({ json: chatText });
    b.gateway.upstreams.openai?.always({ json: chatText });
    const original = await a.gateway.call(question('What is the capital of France?'));
    expect(original.call.cacheStatus).toBe('miss');
    await expect.poll(() => rows(storeB)).toBe(1);
    await b.sharedIndex?.sync();
    const reworded = await b.gateway.call(question('France: what is its capital?'));
    expect(reworded.call.cacheStatus).toBe('semantic-hit');
    expect(reworded.response.body).toBe(original.response.body);
    expect(b.gateway.upstreams.openai?.requests).toHaveLength(0);
  });

  it('prunes expired rows and all but the newest maxEntries', async () => {
    const store = await openTestDatabase({ databaseUrl: url, schema });
    stores.push(store);
    await store.query('DELETE FROM semantic_cache_entries');
    const repository = createSemanticEntryRepository(store);
    const salient = { exact: '', entities: new Set<string>(), words: new Set<string>(), content: new Set<string>() };
    for (const [index, expiresAt] of [5_000, 500, 5_000, 5_000, 5_000].entries()) {
      await repository.put({
        storeKey: `key${index}`,
        partition: 'p',
        vector: unitVector([1, index]),
        salient,
        expiresAt,
        answer: `answer ${index}`,
      });
    }
    await repository.prune({ now: 1_000, keep: 2 });
    const page = await repository.since({ cursor: 0, limit: 10, now: 1_000 });
    expect(page.entries.map((entry) => entry.storeKey)).toEqual(['key3', 'key4']);
    expect(page.entries[1]?.vector).toEqual(unitVector([1, 4]));
    expect(await repository.answer('key4', 1_000)).toBe('answer 4');
    expect(await repository.answer('key4', 5_000)).toBeUndefined();
  });
});
