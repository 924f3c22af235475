import type { Migration } from '../../store/index.js';

/**
 * The semantic cache's entries, owned by the cache capability (src/server/cache/semantic-entry-repository.ts):
 * one row per answer indexed by meaning, so the index survives a restart and replicas sharing the database
 * serve each other's answers. The answer is kept beside its vector because the response cache's own store
 * may be process memory. Times are milliseconds on the cache's clock (wall clock in production), as in the
 * in-memory index. `seq` orders writes so each replica reads only what is new since its last look.
 */
export const semanticCache: Migration = {
  version: 12,
  name: 'semantic-cache',
  sql: `
CREATE SEQUENCE semantic_cache_entries_seq;
CREATE TABLE semantic_cache_entries (
  store_key text PRIMARY KEY,
  partition text NOT NULL,
  -- float32, little-endian
  vector bytea NOT NULL,
  salient jsonb NOT NULL,
  answer text NOT NULL,
  expires_at_ms bigint NOT NULL,
  seq bigint NOT NULL DEFAULT nextval('semantic_cache_entries_seq')
);
CREATE INDEX semantic_cache_entries_seq_idx ON semantic_cache_entries (seq);
CREATE INDEX semantic_cache_entries_expires_idx ON semantic_cache_entries (expires_at_ms);
`,
};
