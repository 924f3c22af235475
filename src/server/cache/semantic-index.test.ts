import { describe, expect, it } from 'vitest';
import { unitVector } from '../embeddings/index.js';
import { salientTokens } from './salient-tokens.js';
import { SemanticIndex, type SemanticEntry } from './semantic-index.js';

const clock = { time: 0 };
const entry = (storeKey: string, values: number[], overrides: Partial<SemanticEntry> = {}): SemanticEntry => ({
  partition: 'p',
  vector: unitVector(values),
  salient: salientTokens('same'),
  storeKey,
  expiresAt: 1_000,
  ...overrides,
});
const query = (values: number[], overrides: Partial<Parameters<SemanticIndex['find']>[0]> = {}) => ({
  partition: 'p',
  vector: unitVector(values),
  salient: salientTokens('same'),
  threshold: 0.9,
  guard: 'full' as const,
  ...overrides,
});

describe('SemanticIndex', () => {
  it('returns the most similar entry above the threshold, within the partition only', () => {
    clock.time = 0;
    const index = new SemanticIndex({ maxEntries: 10, now: () => clock.time });
    index.add(entry('a', [1, 0.3]));
    index.add(entry('b', [1, 0.1]));
    index.add(entry('other', [1, 0], { partition: 'q' }));
    const match = index.find(query([1, 0]));
    expect(match.entry?.storeKey).toBe('b');
    expect(match.similarity).toBeCloseTo(0.995, 3);
    expect(index.find(query([0, 1])).entry).toBeUndefined();
    expect(index.find(query([1, 0], { partition: 'r' })).entry).toBeUndefined();
  });

  it('turns away a close vector whose salient tokens differ, and says so', () => {
    const index = new SemanticIndex({ maxEntries: 10, now: () => 0 });
    index.add(entry('germany', [1, 0], { salient: salientTokens('capital of Germany') }));
    const guarded = index.find(query([1, 0], { salient: salientTokens('capital of France') }));
    expect(guarded).toEqual({ entry: undefined, similarity: 0, guarded: true });
    expect(
      index.find(query([1, 0], { salient: salientTokens('capital of France'), guard: 'off' })).entry?.storeKey,
    ).toBe('germany');
  });

  it('drops expired entries and keeps at most maxEntries, least recently used first', () => {
    clock.time = 0;
    const index = new SemanticIndex({ maxEntries: 2, now: () => clock.time });
    index.add(entry('old', [1, 0], { expiresAt: 100 }));
    index.add(entry('b', [0, 1]));
    expect(index.find(query([1, 0])).entry?.storeKey).toBe('old');
    index.add(entry('c', [1, 1]));
    expect(index.size).toBe(2);
    expect(index.find(query([0, 1])).entry).toBeUndefined();
    clock.time = 100;
    expect(index.find(query([1, 0])).entry).toBeUndefined();
    expect(index.size).toBe(1);
  });
});
