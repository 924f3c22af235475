/**
 * Keeps resolved keys in memory so authenticating a request costs a hash and a Map lookup, not SQL.
 * Entries expire after `ttlMs`: that is the bound on how long a key revoked on ANOTHER replica keeps
 * working here (a revocation through this process takes effect at once). Unknown secrets are cached
 * too, briefly, so a flood of bad keys cannot turn into a flood of queries.
 *
 * A known key's entry outlives its expiry by `staleTtlMs`: while the database is unreachable the key is
 * served from that stale entry (see {@link KeyCache.stale}), so an outage does not take the gateway down
 * when the entries expire. Unknown secrets are never served stale.
 */
import type { Key } from '../../contract/index.js';

export interface KeyCacheEntry {
  key: Key | undefined;
  /** Fresh until then: after it, the database is asked again. */
  expiresAt: number;
  /** When the database last answered for this key; a stale entry is served until `fetchedAt + ttlMs + staleTtlMs`. */
  fetchedAt: number;
}

export interface KeyCacheOptions {
  ttlMs: number;
  negativeTtlMs: number;
  /** How long past its expiry a known key may still be served while the database is away; 0 never. */
  staleTtlMs: number;
  maxEntries: number;
  now: () => number;
}

export class KeyCache {
  private readonly entries = new Map<string, KeyCacheEntry>();

  constructor(private readonly options: KeyCacheOptions) {}

  /** The fresh entry for a hash, or undefined (absent, or expired: ask the database). */
  get(hash: string): KeyCacheEntry | undefined {
    const entry = this.entries.get(hash);
    if (entry && entry.expiresAt > this.options.now()) return entry;
    if (entry && this.staleDeadline(entry) <= this.options.now()) this.entries.delete(hash);
    return undefined;
  }

  /**
   * The expired entry of a known key still within its stale window, for when the database cannot answer.
   * Serving it pushes its next database attempt back by `negativeTtlMs`, so requests on a stale key do
   * not each wait for a connection that will fail; its stale deadline does not move.
   */
  stale(hash: string): KeyCacheEntry | undefined {
    const entry = this.entries.get(hash);
    const now = this.options.now();
    if (!entry?.key || this.staleDeadline(entry) <= now) return undefined;
    entry.expiresAt = Math.min(now + this.options.negativeTtlMs, this.staleDeadline(entry));
    return entry;
  }

  set(hash: string, key: Key | undefined): void {
    // Map keeps insertion order: dropping the first entry evicts the oldest. A refreshed hash moves to the end.
    this.entries.delete(hash);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const now = this.options.now();
    const ttl = key ? this.options.ttlMs : this.options.negativeTtlMs;
    this.entries.set(hash, { key, expiresAt: now + ttl, fetchedAt: now });
  }

  /**
   * Replaces the cached record of a key by id (after revocation through this process), as if just read:
   * the revocation holds at once, and keeps holding while the database is away.
   */
  replaceKey(key: Key): void {
    const now = this.options.now();
    for (const entry of this.entries.values()) {
      if (entry.key?.id !== key.id) continue;
      entry.key = key;
      entry.fetchedAt = now;
      entry.expiresAt = now + this.options.ttlMs;
    }
  }

  private staleDeadline(entry: KeyCacheEntry): number {
    return entry.key ? entry.fetchedAt + this.options.ttlMs + this.options.staleTtlMs : entry.expiresAt;
  }
}
