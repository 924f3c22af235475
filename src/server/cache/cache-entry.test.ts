import { describe, expect, it } from 'vitest';
import { decodeCacheEntry, encodeCacheEntry } from './cache-entry.js';

describe('cache entries', () => {
  it('round-trip, and anything else decodes to undefined', () => {
    const entry = {
      version: 1 as const,
      status: 200 as const,
      streamed: true,
      headers: { 'x-podium-provider': 'openai' },
      body: 'data: {}\n\n',
      storedAt: 5,
    };
    expect(decodeCacheEntry(encodeCacheEntry(entry))).toEqual(entry);
    for (const text of [
      '',
      '{',
      '[]',
      JSON.stringify({ ...entry, status: 500 }),
      JSON.stringify({ ...entry, extra: 1 }),
      JSON.stringify({ ...entry, body: 3 }),
    ]) {
      expect(decodeCacheEntry(text)).toBeUndefined();
    }
  });
});
