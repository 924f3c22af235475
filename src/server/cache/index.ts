export type { CacheStore } from './cache-store.js';
export { createMemoryCacheStore } from './memory-cache-store.js';
export type { MemoryCacheStoreOptions } from './memory-cache-store.js';
export { createRedisCacheStore } from './redis-cache-store.js';
export type { RedisCacheStore, RedisCacheStoreOptions } from './redis-cache-store.js';
export { createCacheStore } from './create-cache-store.js';
export type { CreateCacheStoreOptions } from './create-cache-store.js';
