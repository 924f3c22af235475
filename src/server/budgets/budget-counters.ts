/**
 * Where budget counters live: the extension point with three drivers — in process (one embedded
 * instance), Redis (several replicas, atomic Lua), PostgreSQL (small multi-replica setups without
 * Redis). Amounts are integers in the budget's base unit (see `units.ts`): no float drift, and
 * Redis can add them atomically.
 */

export interface CounterDebit {
  /** Counter key: the budget id and its period start, e.g. `team-eng:2026-11-01T00:00:00.000Z`. */
  key: string;
  /** Integer base units; positive. */
  amount: number;
  /** Refuse when `used + amount` would exceed this. Undefined: count, never refuse (soft budgets). */
  limit?: number | undefined;
  /** Seconds the counter must outlive its last write (period end plus a margin); undefined: forever. */
  ttlSeconds?: number | undefined;
}

export interface CounterDelta {
  key: string;
  /** Integer base units; negative releases. */
  amount: number;
  ttlSeconds?: number | undefined;
}

export type ReserveOutcome = { ok: true } | { ok: false; key: string; used: number; limit: number };

export interface BudgetCounters {
  readonly kind: 'memory' | 'redis' | 'postgres';
  /**
   * Adds every debit, or none if any would exceed its limit — atomically across keys and across
   * replicas sharing the store. Idempotent per `operationId`: a retry after a lost reply never
   * counts twice (the first outcome is returned again).
   */
  reserve(operationId: string, debits: readonly CounterDebit[]): Promise<ReserveOutcome>;
  /** Adds deltas unconditionally (settlement and release). Idempotent per `operationId`. */
  adjust(operationId: string, deltas: readonly CounterDelta[]): Promise<void>;
  /** Current values (settled plus reserved); 0 for unknown keys. */
  read(keys: readonly string[]): Promise<number[]>;
  /** Sets counters to exact values (rebuilding from the ledger at start). */
  seed(values: ReadonlyMap<string, number>): Promise<void>;
  /**
   * Changes whenever the connection to the store was (re)established, i.e. whenever the store may have
   * restarted since it was last seen; absent for stores that cannot lose their data behind the client's back.
   */
  generation?(): number;
  close(): Promise<void>;
}
