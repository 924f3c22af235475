import { describe, expect, it } from 'vitest';
import { describeCacheStoreConformance } from './cache-store-conformance.test-suite.js';
import { createMemoryCacheStore } from './memory-cache-store.js';

function fakeClock(): { now: () => number; advance: (milliseconds: number) => Promise<void> } {
  let time = 1_000_000;
  return {
    now: () => time,
    advance: (milliseconds) => {
      time += milliseconds;
      return Promise.resolve();
    },
  };
}

describeCacheStoreConformance('memory', () => {
  const clock = fakeClock();
  return Promise.resolve({
    store: createMemoryCacheStore({ maxEntries: 100, now: clock.now }),
    advance: clock.advance,
  });
});

describe('memory cache store bounds', () => {
  it('evicts the least recently used entry once maxEntries is reached, a read counting as a use', async () => {
    const store = createMemoryCacheStore({ maxEntries: 2, now: fakeClock().now });
    await store.set('a', '1', 60_000);
    await store.set('b', '2', 60_000);
    expect(await store.get('a')).toBe('1');
    await store.set('c', '3', 60_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('1');
    expect(await store.get('c')).toBe('3');
  });

  it('keeps total bytes under maxBytes, evicting the oldest, and refuses a value larger than the bound', async () => {
    const store = createMemoryCacheStore({ maxEntries: 100, maxBytes: 10, now: fakeClock().now });
    await store.set('a', 'xxxx', 60_000);
    await store.set('b', 'yyyy', 60_000);
    await store.set('c', 'zzzz', 60_000);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('yyyy');
    await store.set('huge', 'x'.repeat(11), 60_000);
    expect(await store.get('huge')).toBeUndefined();
    expect(await store.get('c')).toBe('zzzz');
    // Multi-byte characters count as the bytes they take, not as one each.
    await store.set('wide', 'é'.repeat(6), 60_000);
    expect(await store.get('wide')).toBeUndefined();
  });
});
