/**
 * Where cached answers live: a key → text map with a time to live. Two drivers behind this one
 * interface (memory, Redis), held to one conformance suite. Values are opaque text: the caching
 * executor encodes and validates them, so a driver never needs to understand an entry.
 */
export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  /** The value, or undefined when absent or expired. Counts as a use for least-recently-used eviction. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` for `ttlMs` milliseconds, replacing any earlier value. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
  /** Shared stores: resolves once connected, rejects after `timeoutMs` otherwise (the readiness probe). */
  ready?(timeoutMs?: number): Promise<void>;
}
