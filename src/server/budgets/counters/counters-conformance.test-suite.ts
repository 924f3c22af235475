import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetCounters, CounterDebit } from '../budget-counters.js';

/**
 * Opens a client of the store under test. Each call returns a new client (connection, instance) of the
 * same store, as separate replicas would have; an in-process driver may return the same instance.
 */
export type OpenCounters = () => Promise<BudgetCounters>;

/**
 * The one suite every counter driver passes: all-or-nothing across keys, soft keys, idempotency, reads,
 * seeding, and exact admission under 1,000 concurrent reserves, from one client and from three.
 * Every test uses fresh keys, so one store serves the whole suite.
 */
export function describeCountersConformance(name: string, open: OpenCounters): void {
  describe(`counters conformance: ${name}`, () => {
    let counters: BudgetCounters | undefined;
    const store = (): BudgetCounters => {
      if (counters === undefined) throw new Error('the counters did not open');
      return counters;
    };
    beforeAll(async () => {
      counters = await open();
    });
    afterAll(async () => {
      await counters?.close();
    });
    const fresh = (label: string): string => `${label}-${randomUUID()}`;

    it('adds every debit or none: one key over its limit refuses the call and names that key', async () => {
      const [team, project] = [fresh('team'), fresh('project')];
      const debits = (amount: number): CounterDebit[] => [
        { key: team, amount, limit: 100 },
        { key: project, amount, limit: 50 },
      ];
      expect(await store().reserve(fresh('op'), debits(30))).toEqual({ ok: true });
      expect(await store().reserve(fresh('op'), debits(30))).toEqual({ ok: false, key: project, used: 30, limit: 50 });
      expect(await store().read([team, project])).toEqual([30, 30]);
      // Exactly at the limit is allowed; one more unit is not.
      expect(await store().reserve(fresh('op'), debits(20))).toEqual({ ok: true });
      expect(await store().reserve(fresh('op'), [{ key: project, amount: 1, limit: 50 }])).toEqual({
        ok: false,
        key: project,
        used: 50,
        limit: 50,
      });
      expect(await store().read([team, project])).toEqual([50, 50]);
    });

    it('always counts a soft key (no limit), and a soft key never refuses', async () => {
      const [soft, hard] = [fresh('soft'), fresh('hard')];
      expect(await store().reserve(fresh('op'), [{ key: soft, amount: 5_000_000_000_000 }])).toEqual({ ok: true });
      expect(
        await store().reserve(fresh('op'), [
          { key: soft, amount: 7 },
          { key: hard, amount: 7, limit: 10 },
        ]),
      ).toEqual({ ok: true });
      expect(
        await store().reserve(fresh('op'), [
          { key: soft, amount: 7 },
          { key: hard, amount: 7, limit: 10 },
        ]),
      ).toEqual({
        ok: false,
        key: hard,
        used: 7,
        limit: 10,
      });
      expect(await store().read([soft, hard])).toEqual([5_000_000_000_007, 7]);
    });

    it('counts a reserve once per operation id and returns its first outcome again', async () => {
      const key = fresh('budget');
      const admitted = fresh('op');
      expect(await store().reserve(admitted, [{ key, amount: 6, limit: 10 }])).toEqual({ ok: true });
      // The same id again — a retry after a lost reply — even though the limit would now refuse it.
      expect(await store().reserve(admitted, [{ key, amount: 6, limit: 10 }])).toEqual({ ok: true });
      const refused = fresh('op');
      const refusal = { ok: false, key, used: 6, limit: 10 };
      expect(await store().reserve(refused, [{ key, amount: 5, limit: 10 }])).toEqual(refusal);
      await store().adjust(fresh('op'), [{ key, amount: -6 }]);
      // Room now, but the retry gets the first answer: the caller already acted on it.
      expect(await store().reserve(refused, [{ key, amount: 5, limit: 10 }])).toEqual(refusal);
      expect(await store().read([key])).toEqual([0]);
    });

    it('applies an adjust once per operation id; negative amounts release', async () => {
      const key = fresh('budget');
      await store().reserve(fresh('op'), [{ key, amount: 1_000, limit: 5_000 }]);
      const settle = fresh('op');
      await store().adjust(settle, [{ key, amount: -400 }]);
      await store().adjust(settle, [{ key, amount: -400 }]);
      expect(await store().read([key])).toEqual([600]);
      await store().adjust(fresh('op'), [{ key, amount: 250, ttlSeconds: 3_600 }]);
      expect(await store().read([key])).toEqual([850]);
    });

    it('reads unknown keys as 0, in the order asked, and an empty list as empty', async () => {
      const [known, unknown] = [fresh('known'), fresh('unknown')];
      await store().adjust(fresh('op'), [{ key: known, amount: 3 }]);
      expect(await store().read([unknown, known, unknown])).toEqual([0, 3, 0]);
      expect(await store().read([])).toEqual([]);
    });

    it('seeds exact values, overwriting, and reserves against them', async () => {
      const [a, b] = [fresh('a'), fresh('b')];
      await store().adjust(fresh('op'), [{ key: a, amount: 999 }]);
      await store().seed(
        new Map([
          [a, 40],
          [b, 7],
        ]),
      );
      expect(await store().read([a, b])).toEqual([40, 7]);
      expect(await store().reserve(fresh('op'), [{ key: a, amount: 61, limit: 100 }])).toEqual({
        ok: false,
        key: a,
        used: 40,
        limit: 100,
      });
      expect(await store().reserve(fresh('op'), [{ key: a, amount: 60, limit: 100, ttlSeconds: 60 }])).toEqual({
        ok: true,
      });
      expect(await store().read([a])).toEqual([100]);
      await store().seed(new Map());
    });

    it('counts the same operation once when it arrives concurrently', async () => {
      const key = fresh('budget');
      const operationId = fresh('op');
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () => store().reserve(operationId, [{ key, amount: 9, limit: 100 }])),
      );
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect(await store().read([key])).toEqual([9]);
    });

    const admitConcurrently = async (clients: readonly BudgetCounters[]): Promise<void> => {
      const shared = fresh('shared');
      const callers = Array.from({ length: 1_000 }, (_, index) => ({ index, own: fresh(`caller${index}`) }));
      const outcomes = await Promise.all(
        callers.map(({ index, own }) =>
          clients[index % clients.length]!.reserve(fresh('op'), [
            { key: shared, amount: 1, limit: 100 },
            { key: own, amount: 1, limit: 5 },
          ]),
        ),
      );
      const admitted = outcomes.filter((outcome) => outcome.ok).length;
      expect(admitted).toBe(100);
      for (const outcome of outcomes)
        if (!outcome.ok) expect(outcome).toEqual({ ok: false, key: shared, used: 100, limit: 100 });
      expect(await store().read([shared])).toEqual([100]);
      // A refused call added nothing to its own key either.
      const own = await store().read(callers.map((caller) => caller.own));
      expect(own.filter((value) => value === 1).length).toBe(100);
      expect(own.filter((value) => value !== 0 && value !== 1)).toEqual([]);
    };

    it('admits exactly the limit out of 1,000 concurrent reserves', async () => {
      await admitConcurrently([store()]);
    });

    it('admits exactly the limit out of 1,000 concurrent reserves from three clients', async () => {
      const clients = [await open(), await open(), await open()];
      try {
        await admitConcurrently(clients);
      } finally {
        // A driver may hand back the suite's own instance; that one is closed after all tests.
        await Promise.all(clients.filter((client) => client !== counters).map((client) => client.close()));
      }
    });
  });
}
