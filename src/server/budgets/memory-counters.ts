/**
 * Counters in process memory: one embedded Podium. JavaScript runs one callback at a time, so a
 * check-then-add across keys with no await in between is atomic. Rebuilt from the ledger at start
 * (see budget-engine), which is what makes them survive a restart.
 */
import type { BudgetCounters, CounterDebit, CounterDelta, ReserveOutcome } from './budget-counters.js';

/** Operations remembered for idempotency; a retry comes within seconds, so a bounded window suffices. */
const rememberedOperations = 100_000;

export class MemoryCounters implements BudgetCounters {
  readonly kind = 'memory' as const;
  private readonly values = new Map<string, number>();
  private readonly operations = new Map<string, ReserveOutcome>();

  private remember(operationId: string, outcome: ReserveOutcome): void {
    if (this.operations.size >= rememberedOperations) {
      const oldest = this.operations.keys().next();
      if (!oldest.done) this.operations.delete(oldest.value);
    }
    this.operations.set(operationId, outcome);
  }

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

  reserve(operationId: string, debits: readonly CounterDebit[]): Promise<ReserveOutcome> {
    const seen = this.operations.get(operationId);
    if (seen) return Promise.resolve(seen);
    const outcome = this.reserveNow(debits);
    this.remember(operationId, outcome);
    return Promise.resolve(outcome);
  }

  adjust(operationId: string, deltas: readonly CounterDelta[]): Promise<void> {
    if (this.operations.has(operationId)) return Promise.resolve();
    for (const delta of deltas) this.values.set(delta.key, (this.values.get(delta.key) ?? 0) + delta.amount);
    this.remember(operationId, { ok: true });
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
