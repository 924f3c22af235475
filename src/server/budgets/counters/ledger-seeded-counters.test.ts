import { describe, expect, it } from 'vitest';
import type { BudgetCounters } from '../budget-counters.js';
import { MemoryCounters } from '../memory-counters.js';
import { seededMarkerKey, withLedgerSeed } from './ledger-seeded-counters.js';

/** An in-process store that can lose everything, fail, and reconnect, like a Redis restarted without persistence. */
class VolatileCounters implements BudgetCounters {
  readonly kind = 'redis';
  store = new MemoryCounters();
  connections = 1;
  down = false;
  private call<T>(operation: () => Promise<T>): Promise<T> {
    return this.down ? Promise.reject(new Error('connection refused')) : operation();
  }
  reserve: BudgetCounters['reserve'] = (id, debits) => this.call(() => this.store.reserve(id, debits));
  adjust: BudgetCounters['adjust'] = (id, deltas) => this.call(() => this.store.adjust(id, deltas));
  read: BudgetCounters['read'] = (keys) => this.call(() => this.store.read(keys));
  seed: BudgetCounters['seed'] = (values) => this.call(() => this.store.seed(values));
  generation = (): number => this.connections;
  close = (): Promise<void> => Promise.resolve();
  restartEmpty(): void {
    this.store = new MemoryCounters();
    this.connections += 1;
  }
}

const limited = (amount: number) => [{ key: 'calls:p', amount, limit: 3 }];

describe('withLedgerSeed', () => {
  it('seeds an empty store from the ledger before the first operation, once', async () => {
    const inner = new VolatileCounters();
    let seeds = 0;
    const counters = withLedgerSeed(inner, {
      values: () => Promise.resolve(new Map([['calls:p', 2]])),
      onReseed: () => (seeds += 1),
    });
    expect(await counters.reserve('a', limited(1))).toEqual({ ok: true });
    expect(await counters.reserve('b', limited(1))).toMatchObject({ ok: false, used: 3 });
    expect(await inner.read([seededMarkerKey])).toEqual([1]);
    expect(seeds).toBe(1);
  });

  it('reseeds a store that reconnected empty before admitting again, and one that failed and came back empty', async () => {
    const inner = new VolatileCounters();
    let ledger = 2;
    const counters = withLedgerSeed(inner, { values: () => Promise.resolve(new Map([['calls:p', ledger]])) });
    expect(await counters.reserve('a', limited(1))).toEqual({ ok: true });

    ledger = 3;
    inner.restartEmpty();
    // Without the reseed the empty store would admit three more.
    expect(await counters.reserve('b', limited(1))).toMatchObject({ ok: false, used: 3 });

    inner.down = true;
    await expect(counters.reserve('c', limited(1))).rejects.toThrow('connection refused');
    inner.store = new MemoryCounters();
    inner.down = false;
    expect(await counters.reserve('d', limited(1))).toMatchObject({ ok: false, used: 3 });
  });

  it('checks in the background at its interval, and waits for nothing while disabled', async () => {
    const inner = new VolatileCounters();
    let clock = 0;
    let enabled = false;
    const counters = withLedgerSeed(inner, {
      values: () => Promise.resolve(new Map([['calls:p', 3]])),
      now: () => clock,
      checkIntervalMs: 1_000,
      enabled: () => enabled,
    });
    expect(await counters.read(['calls:p'])).toEqual([0]);
    enabled = true;
    expect(await counters.read(['calls:p'])).toEqual([3]);
    // Flushed without a disconnect: noticed by the next background check, at most an interval later.
    inner.store = new MemoryCounters();
    clock = 999;
    expect(await counters.read(['calls:p'])).toEqual([0]);
    clock = 1_000;
    await counters.read([]);
    await counters.check();
    expect(await counters.read(['calls:p'])).toEqual([3]);
  });
});
