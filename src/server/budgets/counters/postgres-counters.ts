/**
 * Counters in PostgreSQL (`budget_counters`), for multi-replica setups without Redis. Reserves and adjusts
 * are queued and applied in batches, one transaction per batch (see postgres-counter-batch.ts), as the Redis
 * driver sends one script per batch: a hot row (a team budget) is locked and committed once per batch
 * rather than once per operation, so the database's commits per second become batches per second. Each
 * operation keeps its own all-or-nothing outcome, in arrival order, and is recorded in
 * `budget_counter_operations` for idempotency.
 */
import { PodiumError } from '../../../contract/index.js';
import type { SqlClient } from '../../store/index.js';
import type { BudgetCounters, CounterDebit, CounterDelta, ReserveOutcome } from '../budget-counters.js';
import { BatchQueue } from './batch-queue.js';
import { assertCounterInteger, assertTtl } from './counter-input.js';
import { applyCounterBatch, type CounterOperation } from './postgres-counter-batch.js';

export interface PostgresCountersOptions {
  /** Seconds an operation's outcome is kept for idempotency (default 86,400). */
  operationTtlSeconds?: number | undefined;
  /** Every this many operations, delete outcomes past their retention and expired counters (default 1,000). */
  pruneEvery?: number | undefined;
  /** Most operations per transaction (default 256): bounds how long one batch holds its rows. */
  maxBatch?: number | undefined;
  /**
   * Most operations waiting for a batch (default 10,000); beyond it an operation fails as `store_unavailable`
   * at once, and the fail policy decides, as it would for a database that does not answer.
   */
  maxQueued?: number | undefined;
}

/** Deadlock and serialization failure: the transaction was rolled back whole, so the batch is applied again. */
const retriedSqlStates = new Set(['40P01', '40001']);
const maxAttempts = 3;

const sqlStateOf = (error: unknown): string | undefined => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/** Checks one operation's input before it joins a batch: a bad amount fails its own call, not its neighbours'. */
function assertEntries(entries: readonly CounterDebit[]): void {
  for (const entry of entries) {
    assertCounterInteger(entry.amount, `the amount for "${entry.key}"`);
    if (entry.limit !== undefined) assertCounterInteger(entry.limit, `the limit for "${entry.key}"`);
    assertTtl(entry.ttlSeconds, entry.key);
  }
}

/** The PostgreSQL driver over a migrated store connection (`Store.sql`); TTLs become `expires_at`. */
export function createPostgresCounters(sql: SqlClient, options: PostgresCountersOptions = {}): BudgetCounters {
  const retentionSeconds = options.operationTtlSeconds ?? 86_400;
  const pruneEvery = options.pruneEvery ?? 1_000;
  let sincePrune = 0;
  let pruning = false;

  const prune = async (): Promise<void> => {
    await sql.query('DELETE FROM budget_counter_operations WHERE created_at < now() - make_interval(secs => $1)', [
      retentionSeconds,
    ]);
    // SKIP LOCKED: a counter some batch holds right now is either being renewed or will be pruned next time.
    await sql.query(`DELETE FROM budget_counters WHERE key IN (
      SELECT key FROM budget_counters WHERE expires_at <= now() ORDER BY key FOR UPDATE SKIP LOCKED)`);
  };

  const applyBatch = async (operations: readonly CounterOperation[]): Promise<ReserveOutcome[]> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await sql.transaction((tx) => applyCounterBatch(tx, operations));
      } catch (error) {
        const state = sqlStateOf(error);
        if (attempt >= maxAttempts || state === undefined || !retriedSqlStates.has(state)) throw error;
      }
    }
  };

  const queue = new BatchQueue<CounterOperation, ReserveOutcome>({
    apply: applyBatch,
    maxBatch: options.maxBatch ?? 256,
    maxQueued: options.maxQueued ?? 10_000,
    whenFull: () =>
      new PodiumError('store_unavailable', 'budget counters: too many operations waiting for PostgreSQL', {
        retryable: true,
      }),
    afterBatch(size) {
      sincePrune += size;
      if (sincePrune < pruneEvery || pruning) return;
      sincePrune = 0;
      pruning = true;
      // In the background, off the callers' path; a failed prune is tried again after pruneEvery more operations.
      prune()
        .catch(() => undefined)
        .finally(() => {
          pruning = false;
        });
    },
  });

  return {
    kind: 'postgres',

    // Async, so bad input rejects like every other failure rather than throwing at the caller.
    async reserve(operationId: string, debits: readonly CounterDebit[]): Promise<ReserveOutcome> {
      assertEntries(debits);
      return queue.submit({ kind: 'reserve', id: operationId, debits });
    },

    async adjust(operationId: string, deltas: readonly CounterDelta[]): Promise<void> {
      assertEntries(deltas);
      await queue.submit({ kind: 'adjust', id: operationId, deltas });
    },

    async read(keys: readonly string[]): Promise<number[]> {
      if (keys.length === 0) return [];
      const rows = await sql.query<{ key: string; used: number }>(
        'SELECT key, CASE WHEN expires_at <= now() THEN 0 ELSE used END AS used FROM budget_counters WHERE key = ANY($1::text[])',
        [[...keys]],
      );
      const byKey = new Map(rows.map((row) => [row.key, row.used]));
      return keys.map((key) => byKey.get(key) ?? 0);
    },

    async seed(values: ReadonlyMap<string, number>): Promise<void> {
      if (values.size === 0) return;
      const keys = [...values.keys()].sort();
      const amounts = keys.map((key) => values.get(key) ?? 0);
      amounts.forEach((value, index) => assertCounterInteger(value, `the seed for "${keys[index]}"`));
      // Seeding keeps an unexpired expiry, like Redis SET … KEEPTTL.
      await sql.query(
        `INSERT INTO budget_counters (key, used) SELECT * FROM unnest($1::text[], $2::bigint[]) ORDER BY 1
         ON CONFLICT (key) DO UPDATE SET used = EXCLUDED.used, updated_at = now(),
           expires_at = CASE WHEN budget_counters.expires_at <= now() THEN NULL ELSE budget_counters.expires_at END`,
        [keys, amounts],
      );
    },

    // The store owns the connection; closing the counters only waits for the operations already queued.
    close: () => queue.idle(),
  };
}
