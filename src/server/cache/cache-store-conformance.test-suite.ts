/**
 * The behaviour every cache driver must have, run against each (memory, Redis). Time is moved by the
 * harness (`advance`), never waited for: the memory driver's clock is fake, and the Redis harness ages
 * every key under its prefix, since Redis's own clock cannot be faked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheStore } from './cache-store.js';

export interface CacheStoreHarness {
  store: CacheStore;
  /** Moves the store's notion of time forward. */
  advance: (milliseconds: number) => Promise<void>;
}

export function describeCacheStoreConformance(name: string, open: () => Promise<CacheStoreHarness>): void {
  describe(`${name} cache store conformance`, () => {
    let harness: CacheStoreHarness | undefined;
    afterEach(async () => harness?.store.close());

    const start = async (): Promise<CacheStoreHarness> => {
      harness = await open();
      return harness;
    };

    it('returns what was stored, byte for byte, and nothing for a key never stored', async () => {
      const { store } = await start();
      const sse = 'data: {"choices":[{"delta":{"content":"héllo ✓ 日本"}}]}\n\ndata: [DONE]\n\n';
      await store.set('k:sse', sse, 60_000);
      expect(await store.get('k:sse')).toBe(sse);
      expect(await store.get('k:other')).toBeUndefined();
    });

    it('expires an entry once its time to live has passed, not before', async () => {
      const { store, advance } = await start();
      await store.set('k:ttl', 'v', 10_000);
      await advance(9_000);
      expect(await store.get('k:ttl')).toBe('v');
      await advance(1_500);
      expect(await store.get('k:ttl')).toBeUndefined();
    });

    it('replaces the value and the time to live on a second set', async () => {
      const { store, advance } = await start();
      await store.set('k:replace', 'first', 5_000);
      await store.set('k:replace', 'second', 20_000);
      await advance(10_000);
      expect(await store.get('k:replace')).toBe('second');
    });

    it('deletes one key and leaves the others', async () => {
      const { store } = await start();
      await store.set('k:a', 'a', 60_000);
      await store.set('k:b', 'b', 60_000);
      await store.delete('k:a');
      await store.delete('k:never-stored');
      expect(await store.get('k:a')).toBeUndefined();
      expect(await store.get('k:b')).toBe('b');
    });
  });
}
