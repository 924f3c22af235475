/**
 * Counters in process memory: one embedded Podium. JavaScript runs one callback at a time, so a
 * check-then-add across keys with no await in between is atomic. Rebuilt from the ledger at start
 * (see budget-engine), which is what makes them survive a restart.
 */
import type { BudgetCounters, CounterDebit, CounterDelta, ReserveOutcome } from './budget-counters.js';

export class MemoryCounters implements BudgetCounters {
  readonly kind = 'memory' as const;
  private readonly values = new Map<string, number>();

  /** Synchronous core, also used by the benchmark to measure the debit itself. */
  reserveNow(debits: readonly CounterDebit[]): ReserveOutcome {
    for (const debit of debits) {
      if (debit.limit === undefined) continue;
      const used = this.values.get(debit.key) ?? 0;
      if (used + debit.amount > debit.limit) return { ok: false, key: debit.key, used, limit: debit.limit };
    }
    for (const debit of debits) this.values.set(debit.key, (this.values.get(debit.key) ?? 0) + debit.amount);
    return { ok: true };
  }

  reserve(_operationId: string, debits: readonly CounterDebit[]): Promise<ReserveOutcome> {
    return Promise.resolve(this.reserveNow(debits));
  }

  adjust(_operationId: string, deltas: readonly CounterDelta[]): Promise<void> {
    for (const delta of deltas) this.values.set(delta.key, (this.values.get(delta.key) ?? 0) + delta.amount);
    return Promise.resolve();
  }

  read(keys: readonly string[]): Promise<number[]> {
    return Promise.resolve(keys.map((key) => this.values.get(key) ?? 0));
  }

  seed(values: ReadonlyMap<string, number>): Promise<void> {
    for (const [key, value] of values) this.values.set(key, value);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
