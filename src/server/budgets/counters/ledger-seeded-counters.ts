/**
 * Counters that notice they came back empty and are seeded from the ledger before they admit again. An
 * in-process store starts empty at every restart; a Redis restarted without persistence, flushed, or failed
 * over to an empty replica loses every period's spend — and would then admit a whole new limit's worth.
 * A marker counter, written in the same seed as the values, tells a seeded store from an empty one.
 */
import type { BudgetCounters, CounterDebit, CounterDelta, ReserveOutcome } from '../budget-counters.js';

/**
 * The marker's key. Budget ids cannot contain `#`, so it never collides with a counter. The version changes
 * when the counters' layout does (v2: user and tag budgets per team), which makes every store reseed once.
 */
export const seededMarkerKey = '#seeded:v2';

export interface LedgerSeededOptions {
  /** The current periods' values from the ledger (the budget engine's `ledgerValues`). */
  values: () => Promise<ReadonlyMap<string, number>>;
  /**
   * False while `values` cannot answer yet (the engine that computes them is being built on these counters):
   * operations pass straight through and the first check waits until it is true. Default: always true.
   */
  enabled?: (() => boolean) | undefined;
  /** Milliseconds between background checks of the marker while the store answers. Default 1,000. */
  checkIntervalMs?: number | undefined;
  /** Monotonic milliseconds; tests pass a fake. */
  now?: (() => number) | undefined;
  /** Each reseed, once its values are in the store (log, metric, budget event). */
  onReseed?: ((info: { keys: number }) => void) | undefined;
  /** A background check that failed (the next operation checks again, and waits for it). */
  onError?: ((error: unknown) => void) | undefined;
}

export interface LedgerSeededCounters extends BudgetCounters {
  /** Checks the marker now and reseeds if it is missing; operations wait for a check in progress. */
  check(): Promise<void>;
}

/**
 * Wraps a counter store. Operations wait for a check when one is due: at start, after any failure of the
 * store, and after the client reconnected (`generation`): a restarted store may have come back empty. While the store answers,
 * the marker is also re-read in the background every `checkIntervalMs`, which catches a flush without a
 * disconnect within that interval. A failed check throws to the caller, so the fail policy outside decides
 * (closed: refuse; open: admit uncounted, replay later) until the store can be seeded.
 */
export function withLedgerSeed(inner: BudgetCounters, options: LedgerSeededOptions): LedgerSeededCounters {
  const now = options.now ?? (() => performance.now());
  const interval = options.checkIntervalMs ?? 1_000;
  let due = true;
  let checkedAt = Number.NEGATIVE_INFINITY;
  // The connection generation last checked: a reconnection (a restarted Redis) makes a check due.
  let checkedGeneration = inner.generation?.();
  let running: Promise<void> | undefined;

  const check = (): Promise<void> =>
    (running ??= (async () => {
      try {
        const generation = inner.generation?.();
        const [marker] = await inner.read([seededMarkerKey]);
        if (marker === undefined || marker < 1) {
          const values = new Map(await options.values());
          values.set(seededMarkerKey, 1);
          await inner.seed(values);
          options.onReseed?.({ keys: values.size - 1 });
        }
        due = false;
        checkedAt = now();
        checkedGeneration = generation;
      } finally {
        running = undefined;
      }
    })());

  /** Undefined (no await, no extra tick) on the hot path when nothing is due. */
  const ready = (): Promise<void> | undefined => {
    if (options.enabled?.() === false) return undefined;
    if (due || running || inner.generation?.() !== checkedGeneration) return check();
    if (now() - checkedAt >= interval) {
      checkedAt = now();
      check().catch((error: unknown) => {
        due = true;
        options.onError?.(error);
      });
    }
    return undefined;
  };

  async function guarded<T>(operation: () => Promise<T>): Promise<T> {
    const waiting = ready();
    if (waiting) await waiting;
    try {
      return await operation();
    } catch (error) {
      due = true;
      throw error;
    }
  }

  return {
    kind: inner.kind,
    check,
    reserve: (operationId: string, debits: readonly CounterDebit[]): Promise<ReserveOutcome> =>
      guarded(() => inner.reserve(operationId, debits)),
    adjust: (operationId: string, deltas: readonly CounterDelta[]): Promise<void> =>
      guarded(() => inner.adjust(operationId, deltas)),
    read: (keys: readonly string[]): Promise<number[]> => guarded(() => inner.read(keys)),
    seed: (values: ReadonlyMap<string, number>): Promise<void> => inner.seed(values),
    close: () => inner.close(),
  };
}
