/**
 * Picks where budget counters live and wraps them: in process for one instance; Redis or PostgreSQL when
 * replicas share budgets, with an outage turned into refusals (fail-closed) or uncounted admissions replayed
 * later (fail-open), each transition reported once. Every store is seeded from the ledger whenever it is
 * found empty (a start in process, a Redis that lost its data).
 */
import type { SqlClient } from '../store/index.js';
import type { BudgetCounters } from './budget-counters.js';
import { withFailPolicy, type FailMode, type FailPolicyEvent } from './counters/fail-policy-counters.js';
import { withLedgerSeed } from './counters/ledger-seeded-counters.js';
import { createPostgresCounters } from './counters/postgres-counters.js';
import { createRedisCounters } from './counters/redis-counters.js';
import { MemoryCounters } from './memory-counters.js';

export type CountersKind = 'memory' | 'redis' | 'postgres';

export interface SelectCountersOptions {
  kind: CountersKind;
  redisUrl: string | undefined;
  sql: SqlClient;
  failMode: FailMode;
  onTrigger: (event: FailPolicyEvent) => void;
  log: (line: string) => void;
  /** The current periods' values from the ledger, for a store found empty (late-bound: the engine comes after). */
  ledgerValues: () => Promise<ReadonlyMap<string, number>>;
  /** False until `ledgerValues` can answer: until then counters are used as they are, and checked after. */
  seedingEnabled: () => boolean;
  /** Milliseconds between checks that a shared store still holds its counters. Default 1,000. */
  checkIntervalMs?: number | undefined;
}

/**
 * `budgets.counters` when set; else Redis when there is one, else PostgreSQL when the database is shared
 * (replicas in process memory would each admit the whole limit), else in process.
 */
export function defaultCountersKind(input: {
  configured: CountersKind | undefined;
  redisUrl: string | undefined;
  databaseUrl: string | undefined;
}): CountersKind {
  return input.configured ?? (input.redisUrl ? 'redis' : input.databaseUrl ? 'postgres' : 'memory');
}

export async function selectCounters(options: SelectCountersOptions): Promise<BudgetCounters> {
  const seeded = (inner: BudgetCounters) =>
    withLedgerSeed(inner, {
      values: options.ledgerValues,
      enabled: options.seedingEnabled,
      checkIntervalMs: options.checkIntervalMs,
      onReseed: ({ keys }) =>
        options.log(
          `podium: budget counters (${inner.kind}) were empty: seeded ${keys} current-period counters from the ledger`,
        ),
      onError: (error) => options.log(`podium: budget counter check failed: ${(error as Error).message}`),
    });
  if (options.kind === 'memory') return seeded(new MemoryCounters());
  if (options.kind === 'postgres')
    return withFailPolicy(seeded(createPostgresCounters(options.sql)), {
      mode: options.failMode,
      onTrigger: options.onTrigger,
    });
  if (!options.redisUrl) throw new Error('budgets.counters is redis but PODIUM_REDIS_URL is not set');
  // 2 s, not the driver's 0.5 s: on a loaded 2-core host a healthy Redis answered in over 0.5 s under
  // 1,000 concurrent calls, and each such timeout flips every replica to its fail policy for a second.
  const redis = createRedisCounters({ url: options.redisUrl, commandTimeoutMs: 2000 });
  // Start anyway when Redis is down: the fail policy decides what calls get until it answers.
  await redis
    .ready(2000)
    .catch((error: unknown) =>
      options.log(
        `podium: Redis is not reachable yet (${(error as Error).message}); budgets fail ${options.failMode} until it is`,
      ),
    );
  return withFailPolicy(seeded(redis), { mode: options.failMode, onTrigger: options.onTrigger });
}
