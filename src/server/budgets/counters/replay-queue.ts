/**
 * What a fail policy could not apply while the counter store was unreachable, kept in order and replayed
 * with the original operation ids when it answers again. Replaying goes through the store's idempotency,
 * so an operation that did land before the failure (its reply lost) is not counted twice.
 */
import type { BudgetCounters, CounterDebit, CounterDelta } from '../budget-counters.js';

export type ReplayEntry =
  /** Fail-open: a call admitted without counting; its debits must be added, unconditionally. */
  | { kind: 'reserve'; operationId: string; debits: readonly CounterDebit[] }
  /** Fail-closed: a call refused because its reserve failed; if the reserve landed anyway, take it back. */
  | { kind: 'cancel'; operationId: string; debits: readonly CounterDebit[] }
  /** A settlement or release (both modes): applied as it was. */
  | { kind: 'adjust'; operationId: string; deltas: readonly CounterDelta[] };

/** Below any counter value: a reserve with this limit is always refused, which records the id as refused. */
const alwaysRefused = Number.MIN_SAFE_INTEGER;

const deltasOf = (debits: readonly CounterDebit[], sign: 1 | -1): CounterDelta[] =>
  debits.map((debit) => ({ key: debit.key, amount: sign * debit.amount, ttlSeconds: debit.ttlSeconds }));

/**
 * Applies one entry. Every step is idempotent (original or derived operation ids), so an entry interrupted
 * half-way by another failure is simply replayed again.
 */
export async function replayEntry(counters: BudgetCounters, entry: ReplayEntry): Promise<void> {
  switch (entry.kind) {
    case 'adjust':
      await counters.adjust(entry.operationId, entry.deltas);
      return;
    case 'reserve': {
      // Without limits this adds the debits, unless the original reserve landed: then its stored outcome
      // comes back and nothing changes. A stored refusal means the store said no but the call ran anyway.
      const outcome = await counters.reserve(entry.operationId, deltasOf(entry.debits, 1));
      if (!outcome.ok) await counters.adjust(`${entry.operationId}#fail-open`, deltasOf(entry.debits, 1));
      return;
    }
    case 'cancel': {
      const first = entry.debits[0];
      if (first === undefined) return;
      // Records the id as refused if the original never landed, so a late duplicate of it cannot land either;
      // returns ok only if the original landed and was admitted, and then its debits are released.
      const outcome = await counters.reserve(entry.operationId, [{ key: first.key, amount: 0, limit: alwaysRefused }]);
      if (outcome.ok) await counters.adjust(`${entry.operationId}#cancel`, deltasOf(entry.debits, -1));
      return;
    }
  }
}

/** A bounded FIFO: past `capacity`, new entries are dropped and counted. */
export class ReplayQueue {
  private entries: ReplayEntry[] = [];
  private head = 0;
  private droppedCount = 0;

  constructor(private readonly capacity: number) {}

  get length(): number {
    return this.entries.length - this.head;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  /** False (and one more drop) when full. */
  push(entry: ReplayEntry): boolean {
    if (this.length >= this.capacity) {
      this.droppedCount += 1;
      return false;
    }
    this.entries.push(entry);
    return true;
  }

  /** The first `count` entries, oldest first, without removing them. */
  peekMany(count: number): ReplayEntry[] {
    return this.entries.slice(this.head, this.head + count);
  }

  /** Removes the head as lost (counted with the drops). */
  discard(): void {
    if (this.length === 0) return;
    this.droppedCount += 1;
    this.shift();
  }

  shift(): void {
    if (this.head >= this.entries.length) return;
    this.head += 1;
    // Array.shift is O(n); compacting now and then keeps a long replay linear.
    if (this.head > 1_024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
