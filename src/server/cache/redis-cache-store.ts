/**
 * The shared driver: replicas behind a load balancer see each other's answers. One SET … PX per store
 * and one GET per lookup; Redis expires entries itself and evicts under its own `maxmemory-policy`
 * (set `allkeys-lru` on a Redis dedicated to caching; `cache.maxEntries` bounds the memory driver only).
 * A cache must never make a call fail or wait: commands fail fast (no offline queue, no retries, a
 * short command timeout) and the caching executor treats any failure as a miss.
 */
import { openRedisConnection } from '../store/index.js';
import type { CacheStore } from './cache-store.js';

export interface RedisCacheStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (PODIUM_REDIS_URL). */
  url: string;
  /** Prepended to every key (default `podium:cache:`). */
  keyPrefix?: string | undefined;
  /** Bound on one connection attempt, in ms (default 1,000). */
  connectTimeoutMs?: number | undefined;
  /** Bound on one command, in ms (default 250): past it the lookup is a miss and the call goes upstream. */
  commandTimeoutMs?: number | undefined;
}

/** The Redis driver, plus a way to wait for the first connection. */
export interface RedisCacheStore extends CacheStore {
  readonly kind: 'redis';
  /** Resolves once connected; rejects after `timeoutMs` (default: the connect timeout) otherwise. */
  ready(timeoutMs?: number): Promise<void>;
}

/** Connects in the background (see `ready`) and returns the driver. */
export function createRedisCacheStore(options: RedisCacheStoreOptions): RedisCacheStore {
  const prefix = options.keyPrefix ?? 'podium:cache:';
  // The cache's own connection (store/redis-connection.ts says why not the counters').
  const connection = openRedisConnection({
    url: options.url,
    role: 'response cache',
    commandTimeoutMs: options.commandTimeoutMs ?? 250,
    connectTimeoutMs: options.connectTimeoutMs,
  });
  const redis = connection.client;

  return {
    kind: 'redis',
    async get(key) {
      return (await redis.get(prefix + key)) ?? undefined;
    },
    async set(key, value, ttlMs) {
      await redis.set(prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
    },
    async delete(key) {
      await redis.unlink(prefix + key);
    },
    ready: (timeoutMs?: number) => connection.ready(timeoutMs),
    close: () => connection.close(),
  };
}
