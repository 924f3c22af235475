/** The cost of one semantic lookup's scan when a partition holds `entries` vectors (the worst case: all in one). */
import { salientTokens, SemanticIndex } from '../../src/server/cache/index.js';
import { unitVector } from '../../src/server/embeddings/index.js';
import { microsecondsSince, percentiles, type Percentiles } from './percentiles.js';

export interface SemanticScanReport {
  entries: number;
  dimensions: number;
  microseconds: Percentiles;
}

/** Random unit vectors from a fixed-seed generator, so runs compare. */
function seededVectors(input: { count: number; dimensions: number }): Float32Array[] {
  let state = 0x9e3779b9;
  const next = (): number => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  return Array.from({ length: input.count }, () => unitVector(Array.from({ length: input.dimensions }, next)));
}

export function measureSemanticScan(input: {
  entries: number;
  dimensions: number;
  lookups: number;
}): SemanticScanReport {
  const index = new SemanticIndex({ maxEntries: input.entries, now: () => 0 });
  const salient = salientTokens('bench');
  for (const [position, vector] of seededVectors({ count: input.entries, dimensions: input.dimensions }).entries()) {
    index.add({ partition: 'bench', vector, salient, storeKey: String(position), expiresAt: Number.POSITIVE_INFINITY });
  }
  const queries = seededVectors({ count: input.lookups + 20, dimensions: input.dimensions });
  const samples: number[] = [];
  for (const [position, vector] of queries.entries()) {
    const started = process.hrtime.bigint();
    index.find({ partition: 'bench', vector, salient, threshold: 0.9, guard: 'full' });
    // The first 20 warm the JIT up.
    if (position >= 20) samples.push(microsecondsSince(started));
  }
  return { entries: input.entries, dimensions: input.dimensions, microseconds: percentiles(samples) };
}
