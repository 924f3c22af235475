/**
 * Picks where budget counters live and wraps shared stores in the fail policy: in process for one
 * instance; Redis or PostgreSQL when replicas share budgets, with an outage turned into refusals
 * (fail-closed) or uncounted admissions replayed later (fail-open), each transition reported once.
 */
import type { SqlClient } from '../store/index.js';
import type { BudgetCounters } from './budget-counters.js';
import { withFailPolicy, type FailMode, type FailPolicyEvent } from './counters/fail-policy-counters.js';
import { createPostgresCounters } from './counters/postgres-counters.js';
import { createRedisCounters } from './counters/redis-counters.js';
import { MemoryCounters } from './memory-counters.js';

export interface SelectCountersOptions {
  kind: 'memory' | 'redis' | 'postgres';
  redisUrl: string | undefined;
  sql: SqlClient;
  failMode: FailMode;
  onTrigger: (event: FailPolicyEvent) => void;
  log: (line: string) => void;
}

export async function selectCounters(options: SelectCountersOptions): Promise<BudgetCounters> {
  if (options.kind === 'memory') return new MemoryCounters();
  if (options.kind === 'postgres') return withFailPolicy(createPostgresCounters(options.sql), { mode: options.failMode, onTrigger: options.onTrigger });
  if (!options.redisUrl) throw new Error('budgets.counters is redis but PODIUM_REDIS_URL is not set');
  // 2 s, not the driver's 0.5 s: on a loaded 2-core host a healthy Redis answered in over 0.5 s under
  // 1,000 concurrent calls, and each such timeout flips every replica to its fail policy for a second.
  const redis = createRedisCounters({ url: options.redisUrl, commandTimeoutMs: 2000 });
  // Start anyway when Redis is down: the fail policy decides what calls get until it answers.
  await redis.ready(2000).catch((error: unknown) => options.log(`podium: Redis is not reachable yet (${(error as Error).message}); budgets fail ${options.failMode} until it is`));
  return withFailPolicy(redis, { mode: options.failMode, onTrigger: options.onTrigger });
}
