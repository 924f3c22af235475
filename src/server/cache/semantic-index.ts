/**
 * The semantic cache's vectors, in this process's memory: per partition (tenant, alias, parameters,
 * system prompt, roles — see cache-keys.ts) a list scanned linearly. At 512 dimensions a scan costs
 * ~1 µs per entry (bench/cache): a partition holding all 10,000 entries costs about one local embedding.
 * The answers themselves live in the CacheStore (shared through Redis); each replica indexes the answers
 * it stored itself.
 */
import { cosineSimilarity } from '../embeddings/index.js';
import { sameSalientTokens, type GuardLevel, type SalientTokens } from './salient-tokens.js';

export interface SemanticEntry {
  partition: string;
  vector: Float32Array;
  salient: SalientTokens;
  /** Where the answer is in the CacheStore. */
  storeKey: string;
  /** Milliseconds on the index's clock. */
  expiresAt: number;
}

export interface SemanticQuery {
  partition: string;
  vector: Float32Array;
  salient: SalientTokens;
  /** Least cosine similarity that counts as the same question. */
  threshold: number;
  /** `full` in production; the bench measures each level. */
  guard: GuardLevel;
}

export interface SemanticMatch {
  /** The most similar entry above the threshold that passed the guard. */
  entry: SemanticEntry | undefined;
  similarity: number;
  /** True when some entry was above the threshold but the guard turned it away. */
  guarded: boolean;
}

export interface SemanticIndexOptions {
  /** Most entries across partitions; the least recently stored or served is dropped first. */
  maxEntries: number;
  now: () => number;
}

/** Vectors by partition, bounded by `maxEntries`, expiring on the index's clock. */
export class SemanticIndex {
  private readonly partitions = new Map<string, SemanticEntry[]>();
  /** Every entry by store key, in least-recently-used order (Map insertion order). */
  private readonly entries = new Map<string, SemanticEntry>();

  constructor(private readonly options: SemanticIndexOptions) {}

  get size(): number {
    return this.entries.size;
  }

  /** Adds an entry, replacing any earlier one for the same store key. */
  add(entry: SemanticEntry): void {
    this.remove(entry.storeKey);
    this.entries.set(entry.storeKey, entry);
    const list = this.partitions.get(entry.partition);
    if (list === undefined) this.partitions.set(entry.partition, [entry]);
    else list.push(entry);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.remove(key);
    }
  }

  remove(storeKey: string): void {
    const entry = this.entries.get(storeKey);
    if (entry === undefined) return;
    this.entries.delete(storeKey);
    const list = this.partitions.get(entry.partition) ?? [];
    const position = list.indexOf(entry);
    if (position >= 0) list.splice(position, 1);
    if (list.length === 0) this.partitions.delete(entry.partition);
  }

  /** The best match for a query; expired entries met on the way are dropped. */
  find(query: SemanticQuery): SemanticMatch {
    const now = this.options.now();
    let best: SemanticEntry | undefined;
    let bestSimilarity = -1;
    let guarded = false;
    const expired: string[] = [];
    for (const entry of this.partitions.get(query.partition) ?? []) {
      if (entry.expiresAt <= now) {
        expired.push(entry.storeKey);
        continue;
      }
      const similarity = cosineSimilarity(query.vector, entry.vector);
      if (similarity < query.threshold || similarity <= bestSimilarity) continue;
      if (!sameSalientTokens(query.salient, entry.salient, query.guard)) {
        guarded = true;
        continue;
      }
      best = entry;
      bestSimilarity = similarity;
    }
    for (const key of expired) this.remove(key);
    if (best !== undefined) {
      // Served: now the most recently used.
      this.entries.delete(best.storeKey);
      this.entries.set(best.storeKey, best);
    }
    return { entry: best, similarity: best === undefined ? 0 : bestSimilarity, guarded: best === undefined && guarded };
  }
}
