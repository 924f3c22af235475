/**
 * A list (tools, prompts, resources) cached the way its server says: a 2026-07-28 result carries
 * `ttlMs` and `cacheScope`; a `public` list is shared by every caller, a `private` one is kept per
 * caller identity (the spec forbids sharing it across authorization contexts). A result without hints
 * (2025-era servers) lives `defaultTtlMs` and is shared: Podium reaches the server with one credential.
 * Concurrent misses for one scope share one fetch; a change notification drops everything, and a fetch
 * that started before it never writes its stale answer back.
 */
import type { CacheScope } from '@modelcontextprotocol/client';

export interface CacheableList<T> {
  readonly value: T;
  /** The server's hint: `0` is "immediately stale"; absent falls back to `defaultTtlMs`. */
  readonly ttlMs?: number | undefined;
  readonly scope?: CacheScope | undefined;
}

export interface ScopedListCacheOptions {
  readonly defaultTtlMs: number;
  readonly now?: (() => number) | undefined;
}

interface Entry<T> {
  readonly value: T;
  readonly expiresAt: number;
}

/** The SDK's own ceiling: a server cannot pin an entry for more than a day. */
const maxTtlMs = 86_400_000;
/** Private entries kept at most (one per caller identity); the oldest goes first. */
const maxPrivateEntries = 1000;

export class ScopedListCache<T> {
  private publicEntry: Entry<T> | undefined;
  private readonly privateEntries = new Map<string, Entry<T>>();
  private readonly inFlight = new Map<string, Promise<T>>();
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: ScopedListCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The fresh cached list for `scopeKey` (the caller's identity), else one shared fetch. */
  get(scopeKey: string, fetch: () => Promise<CacheableList<T>>): Promise<T> {
    const time = this.now();
    if (this.publicEntry !== undefined && this.publicEntry.expiresAt > time)
      return Promise.resolve(this.publicEntry.value);
    const own = this.privateEntries.get(scopeKey);
    if (own !== undefined && own.expiresAt > time) return Promise.resolve(own.value);
    const pending = this.inFlight.get(scopeKey);
    if (pending !== undefined) return pending;
    const generation = this.generation;
    const request = fetch()
      .then((result) => {
        if (generation === this.generation) this.store(scopeKey, result);
        return result.value;
      })
      .finally(() => {
        if (this.inFlight.get(scopeKey) === request) this.inFlight.delete(scopeKey);
      });
    this.inFlight.set(scopeKey, request);
    return request;
  }

  /** Drops every entry and detaches fetches under way (their answers may predate the change). */
  invalidate(): void {
    this.generation += 1;
    this.publicEntry = undefined;
    this.privateEntries.clear();
    this.inFlight.clear();
  }

  private store(scopeKey: string, result: CacheableList<T>): void {
    const ttlMs = Math.min(maxTtlMs, Math.max(0, result.ttlMs ?? this.options.defaultTtlMs));
    if (ttlMs === 0) return;
    const entry = { value: result.value, expiresAt: this.now() + ttlMs };
    if (result.scope !== 'private') {
      this.publicEntry = entry;
      return;
    }
    this.privateEntries.delete(scopeKey);
    this.privateEntries.set(scopeKey, entry);
    if (this.privateEntries.size > maxPrivateEntries) {
      const oldest = this.privateEntries.keys().next();
      if (oldest.done !== true) this.privateEntries.delete(oldest.value);
    }
  }
}
