import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { PodiumError } from '../../../contract/index.js';
import { deleteRedisKeys, freePort, redisUnreachable, skipUnreachable } from './counter-services.test-suite.js';
import { describeCountersConformance } from './counters-conformance.test-suite.js';
import { createRedisCounters } from './redis-counters.js';

const url = process.env.PODIUM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const skip = skipUnreachable({
  service: `Redis at ${url}`,
  reason: await redisUnreachable(url),
  required: process.env.PODIUM_TEST_REQUIRE_SERVICES === '1',
});

describe.skipIf(skip)('redis counters', () => {
  // A fresh prefix per run: the shared Redis keeps other runs' keys apart, and cleanup finds ours.
  const keyPrefix = `podium:test:${randomUUID()}:`;
  afterAll(() => deleteRedisKeys(url, keyPrefix));

  describeCountersConformance('redis', async () => {
    const counters = createRedisCounters({ url, keyPrefix });
    await counters.ready();
    return counters;
  });

  it('keeps counters and operation outcomes under the prefix, with the TTLs asked for', async () => {
    const counters = createRedisCounters({ url, keyPrefix, operationTtlSeconds: 120 });
    const redis = new Redis(url);
    try {
      await counters.ready();
      await counters.reserve('op-ttl', [{ key: 'ttl-budget', amount: 3, limit: 10, ttlSeconds: 600 }]);
      expect(await redis.get(`${keyPrefix}c:ttl-budget`)).toBe('3');
      expect(await redis.ttl(`${keyPrefix}c:ttl-budget`)).toBeGreaterThan(590);
      expect(await redis.ttl(`${keyPrefix}op:op-ttl`)).toBeGreaterThan(110);
      // Seeding keeps the expiry the writes gave the counter.
      await counters.seed(new Map([['ttl-budget', 8]]));
      expect(await redis.ttl(`${keyPrefix}c:ttl-budget`)).toBeGreaterThan(590);
    } finally {
      redis.disconnect();
      await counters.close();
    }
  });

  it('reloads its scripts when Redis has forgotten them', async () => {
    const counters = createRedisCounters({ url, keyPrefix });
    const redis = new Redis(url);
    try {
      await counters.ready();
      await counters.reserve(`op-${randomUUID()}`, [{ key: 'flushed', amount: 1 }]);
      // What a Redis restart does to the script cache (SCRIPT FLUSH only drops scripts, never data).
      await redis.script('FLUSH');
      await counters.reserve(`op-${randomUUID()}`, [{ key: 'flushed', amount: 1 }]);
      expect(await counters.read(['flushed'])).toEqual([2]);
    } finally {
      redis.disconnect();
      await counters.close();
    }
  });

  it('applies each operation of a batch on its own, however the batch is split', async () => {
    for (const maxBatch of [128, 2]) {
      const counters = createRedisCounters({ url, keyPrefix, maxBatch });
      try {
        await counters.ready();
        const key = `batch-${randomUUID()}`;
        // Issued in one tick: one script call (or three, with maxBatch 2), applied in this order.
        const results = await Promise.all([
          counters.reserve(`${key}-1`, [{ key, amount: 6, limit: 10 }]),
          counters.reserve(`${key}-2`, [{ key, amount: 6, limit: 10 }]),
          counters.adjust(`${key}-3`, [{ key, amount: -6 }]),
          counters.reserve(`${key}-4`, [{ key, amount: 6, limit: 10 }]),
          counters.reserve(`${key}-1`, [{ key, amount: 6, limit: 10 }]),
        ]);
        expect(results).toEqual([
          { ok: true },
          { ok: false, key, used: 6, limit: 10 },
          undefined,
          { ok: true },
          { ok: true },
        ]);
        expect(await counters.read([key])).toEqual([6]);
      } finally {
        await counters.close();
      }
    }
  });

  it('refuses amounts that are not safe integers before sending anything', async () => {
    const counters = createRedisCounters({ url, keyPrefix });
    try {
      await counters.ready();
      await expect(counters.reserve('op-fraction', [{ key: 'x', amount: 0.5 }])).rejects.toBeInstanceOf(PodiumError);
      await expect(counters.adjust('op-huge', [{ key: 'x', amount: 2 ** 60 }])).rejects.toBeInstanceOf(PodiumError);
      expect(await counters.read(['x'])).toEqual([0]);
    } finally {
      await counters.close();
    }
  });
});

describe('redis counters against nothing', () => {
  it('fails fast when nothing listens, instead of queueing the command', async () => {
    const counters = createRedisCounters({ url: `redis://127.0.0.1:${await freePort()}`, connectTimeoutMs: 200 });
    try {
      const started = performance.now();
      await expect(counters.reserve('op', [{ key: 'k', amount: 1, limit: 10 }])).rejects.toThrow();
      await expect(counters.ready(100)).rejects.toThrow(/not reachable/);
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      await counters.close();
    }
  });
});
