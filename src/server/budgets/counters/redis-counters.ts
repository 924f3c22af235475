/**
 * Counters in Redis: several Podium replicas sharing budgets. Reserves and adjusts run in one Lua script
 * (see redis-scripts.ts), so the check-then-add is atomic across keys and replicas; the operations issued
 * in the same tick share one script call (see operation-batcher.ts). One Redis, not Cluster: the keys of
 * one call are not in one hash slot.
 */
import { PodiumError } from '../../../contract/index.js';
import { openRedisConnection } from '../../store/index.js';
import type { BudgetCounters, CounterDebit, CounterDelta, ReserveOutcome } from '../budget-counters.js';
import { assertCounterInteger, assertTtl } from './counter-input.js';
import { OperationBatcher } from './operation-batcher.js';
import { applyScript } from './redis-scripts.js';

export interface RedisCountersOptions {
  /** `redis://[user:password@]host:port[/db]` (PODIUM_REDIS_URL). */
  url: string;
  /** Prepended to every key; counters live under `<prefix>c:`, operation outcomes under `<prefix>op:`. */
  keyPrefix?: string | undefined;
  /** Bound on one connection attempt, in ms (default 1,000). */
  connectTimeoutMs?: number | undefined;
  /** Bound on one command, in ms (default 500): a hung Redis fails the call instead of stalling it. */
  commandTimeoutMs?: number | undefined;
  /**
   * How long an operation's outcome is kept for idempotency, in seconds (default 900). A retry, or the
   * fail policy's replay of an operation that was in flight when Redis failed, within this window is
   * counted once. Each outcome costs ~180 bytes of Redis memory: ~330 MB at 1,000 calls/s (two each).
   */
  operationTtlSeconds?: number | undefined;
  /** Most operations per script call (default 128): bounds how long one call holds Redis (~0.5 ms). */
  maxBatch?: number | undefined;
}

/** The Redis driver, plus a way to wait for the first connection. */
export interface RedisCounters extends BudgetCounters {
  readonly kind: 'redis';
  /** Resolves once connected; rejects after `timeoutMs` (default: the connect timeout) otherwise. */
  ready(timeoutMs?: number): Promise<void>;
}

/**
 * Connects to Redis (in the background; see `ready`) and returns the driver. Commands fail fast while
 * Redis is unreachable — no offline queue, no retries, in-flight commands rejected when the connection
 * drops — and the client reconnects on its own, so a fail policy (`withFailPolicy`) sees the outage at
 * once and the recovery on its next probe.
 */
export function createRedisCounters(options: RedisCountersOptions): RedisCounters {
  const prefix = options.keyPrefix ?? 'podium:b:';
  const counterPrefix = `${prefix}c:`;
  const operationPrefix = `${prefix}op:`;
  const operationTtl = String(options.operationTtlSeconds ?? 900);
  // The counters' own connection (store/redis-connection.ts says why not the cache's).
  const connection = openRedisConnection({
    url: options.url,
    role: 'budget counters',
    commandTimeoutMs: options.commandTimeoutMs ?? 500,
    connectTimeoutMs: options.connectTimeoutMs,
  });
  const redis = connection.client;

  const batcher = new OperationBatcher({
    maxOperations: options.maxBatch ?? 128,
    async send({ keys, args }) {
      const keyCount = keys.length;
      // One array rather than spread arguments: a batch carries hundreds, and ioredis flattens arrays anyway.
      const keysThenArgs = keys;
      keysThenArgs.push(operationTtl);
      for (const arg of args) keysThenArgs.push(arg);
      try {
        return await redis.evalsha(applyScript.sha, keyCount, keysThenArgs);
      } catch (error) {
        // A restarted Redis has an empty script cache; EVAL runs the script and caches it again.
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return redis.eval(applyScript.lua, keyCount, keysThenArgs);
      }
    },
  });

  return {
    kind: 'redis',

    async reserve(operationId: string, debits: readonly CounterDebit[]): Promise<ReserveOutcome> {
      const keys = [operationPrefix + operationId];
      let fields = 'r,';
      for (const debit of debits) {
        assertCounterInteger(debit.amount, `the amount for "${debit.key}"`);
        if (debit.limit !== undefined) assertCounterInteger(debit.limit, `the limit for "${debit.key}"`);
        assertTtl(debit.ttlSeconds, debit.key);
        keys.push(counterPrefix + debit.key);
        fields += `${debit.amount},${debit.limit ?? ''},${debit.ttlSeconds ?? ''},`;
      }
      return parseReserveReply(await batcher.submit(keys, fields), counterPrefix);
    },

    async adjust(operationId: string, deltas: readonly CounterDelta[]): Promise<void> {
      const keys = [operationPrefix + operationId];
      let fields = 'a,';
      for (const delta of deltas) {
        assertCounterInteger(delta.amount, `the amount for "${delta.key}"`);
        assertTtl(delta.ttlSeconds, delta.key);
        keys.push(counterPrefix + delta.key);
        fields += `${delta.amount},,${delta.ttlSeconds ?? ''},`;
      }
      await batcher.submit(keys, fields);
    },

    async read(keys: readonly string[]): Promise<number[]> {
      if (keys.length === 0) return [];
      const values = await redis.mget(keys.map((key) => counterPrefix + key));
      return values.map((value) => (value === null ? 0 : Number(value)));
    },

    async seed(values: ReadonlyMap<string, number>): Promise<void> {
      if (values.size === 0) return;
      const commands: string[][] = [];
      for (const [key, value] of values) {
        assertCounterInteger(value, `the seed for "${key}"`);
        // KEEPTTL: a counter seeded mid-period keeps the expiry its writes gave it.
        commands.push(['set', counterPrefix + key, String(value), 'KEEPTTL']);
      }
      const results = (await redis.multi(commands).exec()) ?? [];
      const failed = results.find(([error]) => error !== null);
      if (failed?.[0]) throw failed[0];
    },

    // Every (re)connection may meet a Redis that restarted empty: counted, so the ledger seeding checks again.
    generation: () => connection.connections(),
    ready: (timeoutMs?: number) => connection.ready(timeoutMs),
    close: () => connection.close(),
  };
}

function parseReserveReply(reply: string, counterPrefix: string): ReserveOutcome {
  // 'adjusted': the id was first used by an adjust, which was applied; nothing is refused for it.
  if (reply === 'ok' || reply === 'adjusted') return { ok: true };
  if (reply.startsWith('refused\n')) {
    const usedEnd = reply.indexOf('\n', 8);
    const limitEnd = reply.indexOf('\n', usedEnd + 1);
    return {
      ok: false,
      key: reply.slice(limitEnd + 1 + counterPrefix.length),
      used: Number(reply.slice(8, usedEnd)),
      limit: Number(reply.slice(usedEnd + 1, limitEnd)),
    };
  }
  throw new PodiumError('internal_error', `unexpected reply from the Redis counter script: ${reply}`);
}
