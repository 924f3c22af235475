import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ageKeys, keysUnder, redisUnreachable, skipUnreachable } from './cache-services.test-suite.js';
import { describeCacheStoreConformance } from './cache-store-conformance.test-suite.js';
import { createRedisCacheStore } from './redis-cache-store.js';

const url = process.env.PODIUM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const skip = skipUnreachable({
  service: `Redis at ${url}`,
  reason: await redisUnreachable(url),
  required: process.env.PODIUM_TEST_REQUIRE_SERVICES === '1',
});

describe.skipIf(skip)('redis cache store', () => {
  // A fresh prefix per run keeps this run's keys apart from other runs' on the shared Redis.
  const keyPrefix = `podium:test:cache:${randomUUID()}:`;
  const admin = new Redis(url, { maxRetriesPerRequest: 0 });
  afterAll(async () => {
    const keys = await keysUnder(admin, keyPrefix);
    if (keys.length > 0) await admin.unlink(...keys);
    admin.disconnect();
  });

  describeCacheStoreConformance('redis', async () => {
    // One prefix per test: aging the keys of one test must not touch another's.
    const prefix = `${keyPrefix}${randomUUID()}:`;
    const store = createRedisCacheStore({ url, keyPrefix: prefix });
    await store.ready();
    return { store, advance: (milliseconds) => ageKeys(admin, { prefix, milliseconds }) };
  });

  it('stores under podium:cache: by default, with a millisecond expiry', async () => {
    const store = createRedisCacheStore({ url });
    const key = `test:${randomUUID()}`;
    try {
      await store.ready();
      await store.set(key, 'value', 90_000);
      const remaining = await admin.pttl(`podium:cache:${key}`);
      expect(remaining).toBeGreaterThan(85_000);
      expect(remaining).toBeLessThanOrEqual(90_000);
    } finally {
      await admin.unlink(`podium:cache:${key}`);
      await store.close();
    }
  });
});

describe('redis cache store against nothing', () => {
  it('fails a lookup fast instead of queueing it while Redis is unreachable', async () => {
    const store = createRedisCacheStore({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 200 });
    try {
      const started = performance.now();
      await expect(store.get('k')).rejects.toThrow();
      await expect(store.ready(100)).rejects.toThrow(/not reachable/);
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      await store.close();
    }
  });
});
