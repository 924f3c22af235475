/** Picks the cache driver from podium.yaml's `cache:` section and the environment. */
import type { CacheStoreConfig } from '../config/index.js';
import type { CacheStore } from './cache-store.js';
import { createMemoryCacheStore } from './memory-cache-store.js';
import { createRedisCacheStore } from './redis-cache-store.js';

export interface CreateCacheStoreOptions {
  config: CacheStoreConfig;
  /** PODIUM_REDIS_URL (`config.server.redisUrl`). */
  redisUrl: string | undefined;
  /** Milliseconds, wall clock: the memory driver's expiry clock. */
  now: () => number;
  /** Told when Redis is not reachable at start (the cache then misses until it is). */
  log?: ((line: string) => void) | undefined;
}

/**
 * `cache.store`, defaulting to redis when PODIUM_REDIS_URL is set (replicas then share answers) and to
 * memory otherwise. Redis not answering at start is not fatal: lookups miss until it connects.
 */
export async function createCacheStore(options: CreateCacheStoreOptions): Promise<CacheStore> {
  const kind = options.config.store ?? (options.redisUrl ? 'redis' : 'memory');
  if (kind === 'memory') return createMemoryCacheStore({ maxEntries: options.config.maxEntries, now: options.now });
  if (!options.redisUrl) throw new Error('cache.store is redis but PODIUM_REDIS_URL is not set');
  const store = createRedisCacheStore({ url: options.redisUrl });
  await store
    .ready(2_000)
    .catch((error: unknown) =>
      options.log?.(
        `podium: Redis is not reachable yet (${(error as Error).message}); the response cache misses until it is`,
      ),
    );
  return store;
}
