/**
 * The in-process driver: one Map kept in least-recently-used order (a read moves the key to the end,
 * eviction takes from the front), bounded by entry count and by total bytes, with expiry checked on
 * read against an injected clock so tests need no real waiting.
 */
import type { CacheStore } from './cache-store.js';

export interface MemoryCacheStoreOptions {
  /** Most entries kept (podium.yaml `cache.maxEntries`). */
  maxEntries: number;
  /**
   * Most bytes of values kept (default 256 MiB): without it, maxEntries × maxEntryBytes (10,000 × 1 MiB
   * by default) would allow ~10 GiB.
   */
  maxBytes?: number | undefined;
  /** Milliseconds; the same clock the caching executor uses. */
  now: () => number;
}

interface Slot {
  value: string;
  bytes: number;
  expiresAt: number;
}

/** An LRU + TTL store in this process's memory. */
export function createMemoryCacheStore(options: MemoryCacheStoreOptions): CacheStore {
  const slots = new Map<string, Slot>();
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  let bytes = 0;

  const remove = (key: string): void => {
    const slot = slots.get(key);
    if (slot === undefined) return;
    slots.delete(key);
    bytes -= slot.bytes;
  };

  const evictOverflow = (): void => {
    for (const key of slots.keys()) {
      if (slots.size <= options.maxEntries && bytes <= maxBytes) return;
      remove(key);
    }
  };

  return {
    kind: 'memory',
    get(key) {
      const slot = slots.get(key);
      if (slot === undefined) return Promise.resolve(undefined);
      if (slot.expiresAt <= options.now()) {
        remove(key);
        return Promise.resolve(undefined);
      }
      // Re-inserting moves the key to the most recently used end of the Map's order.
      slots.delete(key);
      slots.set(key, slot);
      return Promise.resolve(slot.value);
    },
    set(key, value, ttlMs) {
      remove(key);
      const slot = { value, bytes: Buffer.byteLength(value), expiresAt: options.now() + ttlMs };
      if (slot.bytes <= maxBytes) {
        slots.set(key, slot);
        bytes += slot.bytes;
        evictOverflow();
      }
      return Promise.resolve();
    },
    delete(key) {
      remove(key);
      return Promise.resolve();
    },
    close() {
      slots.clear();
      bytes = 0;
      return Promise.resolve();
    },
  };
}
