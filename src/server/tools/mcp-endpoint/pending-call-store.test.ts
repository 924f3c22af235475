import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../../contract/index.js';
import { PendingCallStore } from './pending-call-store.js';

describe('PendingCallStore', () => {
  it('gives an entry only to the key that created it', () => {
    const store = new PendingCallStore();
    const entry = store.create({ credential: 'pk-a', name: 'ops__deploy' });
    expect(store.get(entry.id, 'pk-a')).toBe(entry);
    expect(store.get(entry.id, 'pk-b')).toBeUndefined();
    expect(store.list('pk-b', 10)).toEqual([]);
    expect(store.list('pk-a', 10)).toEqual([entry]);
  });

  it('refuses new entries past its bound (429, retryable)', () => {
    const store = new PendingCallStore({ maxEntries: 2 });
    store.create({ credential: 'pk-a', name: 't' });
    store.create({ credential: 'pk-a', name: 't' });
    let refused: unknown;
    try {
      store.create({ credential: 'pk-a', name: 't' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(PodiumError);
    expect(refused).toMatchObject({ status: 429, isRetryable: true });
  });

  it('drops a settled entry after its ttl and a working one after the maximum, aborting its work', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const store = new PendingCallStore({ maxTtlMs: 60_000, now: () => now });
    const settled = store.create({ credential: 'pk-a', name: 't', ttlMs: 5_000 });
    settled.settle('completed', { content: [] });
    const working = store.create({ credential: 'pk-a', name: 't' });
    now += 5_001;
    expect(store.get(settled.id, 'pk-a')).toBeUndefined();
    expect(store.get(working.id, 'pk-a')).toBe(working);
    now += 60_000;
    expect(store.get(working.id, 'pk-a')).toBeUndefined();
    expect(working.controller.signal.aborted).toBe(true);
  });

  it('settles once: a late outcome does not overwrite the first', async () => {
    const store = new PendingCallStore();
    const entry = store.create({ credential: 'pk-a', name: 't' });
    entry.settle('cancelled', { content: [], isError: true });
    entry.settle('completed', { content: [{ type: 'text', text: 'late' }] });
    await entry.settled;
    expect(entry.status).toBe('cancelled');
    expect(entry.result?.content).toEqual([]);
  });
});
