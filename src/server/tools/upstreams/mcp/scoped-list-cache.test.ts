import { describe, expect, it } from 'vitest';
import { ScopedListCache, type CacheableList } from './scoped-list-cache.js';

function setup(defaultTtlMs = 1000): { cache: ScopedListCache<string>; advance: (ms: number) => void } {
  let now = 0;
  return { cache: new ScopedListCache<string>({ defaultTtlMs, now: () => now }), advance: (ms) => (now += ms) };
}

function counter(result: Omit<CacheableList<string>, 'value'> = {}): {
  fetch: () => Promise<CacheableList<string>>;
  count: () => number;
} {
  let count = 0;
  return {
    fetch: () => {
      count += 1;
      return Promise.resolve({ value: `v${count}`, ...result });
    },
    count: () => count,
  };
}

describe('ScopedListCache', () => {
  it('keeps a hint-less list for the default TTL, shared by every scope', async () => {
    const { cache, advance } = setup();
    const source = counter();
    expect(await cache.get('a', source.fetch)).toBe('v1');
    expect(await cache.get('b', source.fetch)).toBe('v1');
    advance(1000);
    expect(await cache.get('a', source.fetch)).toBe('v2');
    expect(source.count()).toBe(2);
  });

  it("honours the server's ttlMs, and ttlMs 0 is never served from cache", async () => {
    const { cache, advance } = setup(60_000);
    const short = counter({ ttlMs: 10, scope: 'public' });
    await cache.get('a', short.fetch);
    advance(11);
    await cache.get('a', short.fetch);
    expect(short.count()).toBe(2);
    cache.invalidate();
    const none = counter({ ttlMs: 0, scope: 'public' });
    await cache.get('a', none.fetch);
    await cache.get('a', none.fetch);
    expect(none.count()).toBe(2);
  });

  it('keeps a private list per scope', async () => {
    const { cache } = setup();
    const source = counter({ ttlMs: 1000, scope: 'private' });
    expect(await cache.get('a', source.fetch)).toBe('v1');
    expect(await cache.get('b', source.fetch)).toBe('v2');
    expect(await cache.get('a', source.fetch)).toBe('v1');
  });

  it('shares one in-flight fetch, and a fetch that predates an invalidation does not write back', async () => {
    const { cache } = setup();
    let release: (value: CacheableList<string>) => void = () => undefined;
    let calls = 0;
    const slow = (): Promise<CacheableList<string>> => {
      calls += 1;
      return new Promise((resolve) => (release = resolve));
    };
    const first = cache.get('a', slow);
    const second = cache.get('a', slow);
    expect(calls).toBe(1);
    cache.invalidate();
    release({ value: 'stale' });
    expect(await first).toBe('stale');
    expect(await second).toBe('stale');
    const fresh = counter();
    expect(await cache.get('a', fresh.fetch)).toBe('v1');
  });
});
