/**
 * Keeps resolved keys in memory so authenticating a request costs a hash and a Map lookup, not SQL.
 * Entries expire after `ttlMs`: that is the bound on how long a key revoked on ANOTHER replica keeps
 * working here (a revocation through this process takes effect at once). Unknown secrets are cached
 * too, briefly, so a flood of bad keys cannot turn into a flood of queries.
 */
import type { Key } from '../../contract/index.js';

interface Entry {
  key: Key | undefined;
  expiresAt: number;
}

export class KeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { ttlMs: number; negativeTtlMs: number; maxEntries: number; now: () => number }) {}

  get(hash: string): Entry | undefined {
    const entry = this.entries.get(hash);
    if (entry && entry.expiresAt > this.options.now()) return entry;
    if (entry) this.entries.delete(hash);
    return undefined;
  }

  set(hash: string, key: Key | undefined): void {
    // Map keeps insertion order: dropping the first entry evicts the oldest.
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const ttl = key ? this.options.ttlMs : this.options.negativeTtlMs;
    this.entries.set(hash, { key, expiresAt: this.options.now() + ttl });
  }

  /** Forgets a key by id (after revocation through this process). */
  forgetKey(id: string): void {
    for (const [hash, entry] of this.entries) if (entry.key?.id === id) this.entries.delete(hash);
  }
}
