import { describe, expect, it } from 'vitest';
import { redisUnreachable, skipUnreachable } from './cache-services.test-suite.js';
import { createCacheStore } from './create-cache-store.js';

const url = process.env.PODIUM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const config = { maxEntries: 10, maxEntryBytes: 1024 };
const skip = skipUnreachable({
  service: `Redis at ${url}`,
  reason: await redisUnreachable(url),
  required: process.env.PODIUM_TEST_REQUIRE_SERVICES === '1',
});

describe('createCacheStore', () => {
  it('uses memory without PODIUM_REDIS_URL, and refuses store: redis without it', async () => {
    const store = await createCacheStore({ config, redisUrl: undefined, now: Date.now });
    expect(store.kind).toBe('memory');
    await store.close();
    await expect(
      createCacheStore({ config: { ...config, store: 'redis' }, redisUrl: undefined, now: Date.now }),
    ).rejects.toThrow(/PODIUM_REDIS_URL/);
  });

  it('keeps memory when asked, even with PODIUM_REDIS_URL set', async () => {
    const store = await createCacheStore({ config: { ...config, store: 'memory' }, redisUrl: url, now: Date.now });
    expect(store.kind).toBe('memory');
    await store.close();
  });

  it.skipIf(skip)('defaults to Redis when PODIUM_REDIS_URL is set', async () => {
    const store = await createCacheStore({ config, redisUrl: url, now: Date.now });
    expect(store.kind).toBe('redis');
    await store.close();
  });
});
