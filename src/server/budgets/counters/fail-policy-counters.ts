/**
 * What happens to calls when the counter store (Redis, PostgreSQL) is unreachable: an explicit policy.
 * - `closed`: reserves are refused with a 503 — budgets are never overspent, calls stop.
 * - `open`: reserves are admitted without counting — calls go on, and budgets may be overspent by what is
 *   admitted during the outage.
 * In both modes settlements (adjust) are never lost: what the store could not take is queued and replayed
 * in order, with the original operation ids, once it answers again (see replay-queue.ts).
 */
import { PodiumError } from '../../../contract/index.js';
import type { BudgetCounters, CounterDebit, CounterDelta, ReserveOutcome } from '../budget-counters.js';
import { ReplayQueue, replayEntry, type ReplayEntry } from './replay-queue.js';

export type FailMode = 'open' | 'closed';

/** An outage transition: once when the store starts failing, once when it has recovered and the queue is replayed. */
export type FailPolicyEvent =
  | { state: 'failing'; mode: FailMode; error: unknown }
  | { state: 'recovered'; mode: FailMode; outageMs: number; replayed: number; dropped: number };

export interface FailPolicyOptions {
  mode: FailMode;
  /** Called on each transition (not per call): feed a metric and an event from it. Must not throw. */
  onTrigger?: ((event: FailPolicyEvent) => void) | undefined;
  /** Clock in ms (tests pass a fake one). */
  now?: (() => number) | undefined;
  /** While failing, at most one call per interval tries the store; the rest get the policy at once (default 1,000). */
  probeIntervalMs?: number | undefined;
  /** Replay queue bound (default 100,000 entries); beyond it entries are dropped and counted. */
  maxQueued?: number | undefined;
}

export interface FailPolicyHealth {
  healthy: boolean;
  /** Operations waiting to be replayed. */
  queued: number;
  /** Operations lost because the queue was full, since start. */
  dropped: number;
}

/** Counters with a fail policy, its health for metrics, and a way to replay the queue now (shutdown, tests). */
export interface FailPolicyCounters extends BudgetCounters {
  health(): FailPolicyHealth;
  /** Tries to replay everything queued now, whatever the probe interval; true when nothing is left. */
  flush(): Promise<boolean>;
}

/**
 * Our own errors (bad input, an unexpected reply) are bugs, not outages: they propagate unchanged and
 * leave the health alone. Anything else the driver throws (connection refused, timeout) is an outage, and so
 * is the store's own `store_unavailable` (PostgreSQL counters: the store classifies connection failures).
 */
const isOutage = (error: unknown): boolean => !(error instanceof PodiumError) || error.code === 'store_unavailable';

/** Replay entries in flight at once. */
const replayBatch = 256;

/** Wraps a counter store with a fail policy. */
export function withFailPolicy(inner: BudgetCounters, options: FailPolicyOptions): FailPolicyCounters {
  const { mode } = options;
  const now = options.now ?? Date.now;
  const probeIntervalMs = options.probeIntervalMs ?? 1_000;
  const queue = new ReplayQueue(options.maxQueued ?? 100_000);
  let healthy = true;
  let nextProbeAt = 0;
  let lastError: unknown;
  let failingSince = 0;
  let replayed = 0;
  let droppedBefore = 0;
  let draining: Promise<void> | undefined;

  const emit = (event: FailPolicyEvent): void => {
    try {
      options.onTrigger?.(event);
    } catch {
      // A broken listener must not turn into a broken budget check.
    }
  };

  const markFailing = (error: unknown): void => {
    if (!isOutage(error)) throw error;
    lastError = error;
    nextProbeAt = now() + probeIntervalMs;
    if (!healthy) return;
    healthy = false;
    failingSince = now();
    replayed = 0;
    droppedBefore = queue.dropped;
    emit({ state: 'failing', mode, error });
  };

  const markHealthy = (): void => {
    // A late success while entries wait does not end the outage: the queue must be replayed first.
    if (healthy || queue.length > 0) return;
    healthy = true;
    emit({
      state: 'recovered',
      mode,
      outageMs: now() - failingSince,
      replayed,
      dropped: queue.dropped - droppedBefore,
    });
  };

  const replayAll = async (): Promise<void> => {
    while (queue.length > 0) {
      // Dispatched in order, a batch at a time: one Redis connection runs them in that order, and every entry
      // is an unconditional addition, so the final values do not depend on it anyway.
      const batch = queue.peekMany(replayBatch);
      const results = await Promise.allSettled(batch.map((entry) => replayEntry(inner, entry)));
      for (const result of results) {
        if (result.status === 'fulfilled') {
          queue.shift();
          replayed += 1;
        } else if (isOutage(result.reason)) {
          // Entries after this one that did apply are applied again next time: idempotent, so harmless.
          return markFailing(result.reason);
        } else {
          // An entry the store refuses outright (our own error) would block the queue forever: count it lost.
          queue.discard();
        }
      }
    }
    markHealthy();
  };

  const drain = (): Promise<void> => {
    draining ??= replayAll().finally(() => {
      draining = undefined;
    });
    return draining;
  };

  /** The store is in use, nothing waits: the common case, checked without an await on the hot path. */
  const clear = (): boolean => healthy && queue.length === 0;

  /** May this call use the store now? While failing, one call per probe interval finds out. */
  const gate = async (): Promise<boolean> => {
    if (clear()) return true;
    // The store answers and the queue is being replayed: wait for it rather than overtake it or grow it
    // (under steady load a queue that new calls keep extending might never drain).
    if (draining !== undefined) {
      await draining;
      return healthy && queue.length === 0;
    }
    if (now() < nextProbeAt) return false;
    nextProbeAt = now() + probeIntervalMs;
    if (queue.length === 0) return true;
    await drain();
    return queue.length === 0;
  };

  const enqueue = (entry: ReplayEntry): void => {
    queue.push(entry);
  };

  const flush = async (): Promise<boolean> => {
    if (queue.length > 0) await drain();
    return queue.length === 0;
  };

  // The driver's text names the store's address (`connect ECONNREFUSED 10.0.0.5:6379`): it stays in the cause and the log, never the answer.
  const unavailable = (consequence: string): PodiumError =>
    new PodiumError('upstream_unavailable', `budget counters unavailable (${inner.kind}): ${consequence}`, {
      status: 503,
      retryable: true,
      retryAfterMs: probeIntervalMs,
      cause: lastError,
    });

  const reserveUnavailable = (
    operationId: string,
    debits: readonly CounterDebit[],
    attempted: boolean,
  ): ReserveOutcome => {
    if (mode === 'open') {
      enqueue({ kind: 'reserve', operationId, debits });
      return { ok: true };
    }
    // The failed reserve may have landed with its reply lost; the caller is told no, so undo it if so.
    if (attempted) enqueue({ kind: 'cancel', operationId, debits });
    throw unavailable('calls are refused (fail-closed)');
  };

  return {
    kind: inner.kind,

    async reserve(operationId: string, debits: readonly CounterDebit[]): Promise<ReserveOutcome> {
      if (!clear() && !(await gate())) return reserveUnavailable(operationId, debits, false);
      try {
        const outcome = await inner.reserve(operationId, debits);
        markHealthy();
        return outcome;
      } catch (error) {
        markFailing(error);
        return reserveUnavailable(operationId, debits, true);
      }
    },

    async adjust(operationId: string, deltas: readonly CounterDelta[]): Promise<void> {
      if (clear() || (await gate())) {
        try {
          await inner.adjust(operationId, deltas);
          markHealthy();
          return;
        } catch (error) {
          markFailing(error);
        }
      }
      enqueue({ kind: 'adjust', operationId, deltas });
    },

    async read(keys: readonly string[]): Promise<number[]> {
      if (clear() || (await gate())) {
        try {
          const values = await inner.read(keys);
          markHealthy();
          return values;
        } catch (error) {
          markFailing(error);
        }
      }
      throw unavailable('counters cannot be read');
    },

    async seed(values: ReadonlyMap<string, number>): Promise<void> {
      if (clear() || (await gate())) {
        try {
          await inner.seed(values);
          markHealthy();
          return;
        } catch (error) {
          markFailing(error);
        }
      }
      throw unavailable('counters cannot be seeded');
    },

    health: () => ({ healthy, queued: queue.length, dropped: queue.dropped }),

    flush,

    async close(): Promise<void> {
      await flush();
      await inner.close();
    },
  };
}
