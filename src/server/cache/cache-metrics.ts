/** The response cache's metrics, declared on the gateway's registry. */
import type { Metrics } from '../telemetry/index.js';

export const cacheMetricNames = {
  lookups: 'podium_cache_lookups_total',
  stores: 'podium_cache_stores_total',
} as const;

/** `kind` of a lookup or store. */
export type CacheKind = 'exact' | 'semantic';

/**
 * Lookup outcomes: `hit`, `miss`, `bypass` (the client opted out), `skipped` (not eligible: media,
 * no tenant), `guarded` (an embedding match the salient-token guard refused), `corrupt` (unreadable
 * entry, dropped), `error` (store or embedder failed; served as a miss).
 */
export type LookupOutcome = 'hit' | 'miss' | 'bypass' | 'skipped' | 'guarded' | 'corrupt' | 'error';
/** Store outcomes: `stored`, `too-large` (over maxEntryBytes), `error`. */
export type StoreOutcome = 'stored' | 'too-large' | 'error';

/** Declares the cache metrics (idempotent). */
export function defineCacheMetrics(metrics: Metrics): void {
  metrics.define(
    cacheMetricNames.lookups,
    'counter',
    'Response cache lookups by kind (exact, semantic) and outcome (hit, miss, bypass, skipped, guarded, corrupt, error).',
  );
  metrics.define(
    cacheMetricNames.stores,
    'counter',
    'Answers offered to the response cache by kind and outcome (stored, too-large, error).',
  );
}
