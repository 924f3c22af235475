/**
 * The counter stores the bench measures, opened as Podium would deploy them (shared stores behind the
 * fail policy), with a fresh Redis key prefix or PostgreSQL schema per run, removed afterwards.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  createPostgresCounters,
  createRedisCounters,
  MemoryCounters,
  withFailPolicy,
  type BudgetCounters,
} from '../../src/server/budgets/index.js';
import { podiumMigrations } from '../../src/server/podium-migrations.js';
import { openPostgresClient, openStore } from '../../src/server/store/index.js';

export type DriverName = 'memory' | 'redis' | 'postgres';

/** Operation outcomes are kept 60 s in the bench, not 900: a run writes a million of them into a shared Redis. */
const redisOperationTtlSeconds = 60;

export interface BenchDriver {
  name: DriverName;
  /** The deployed path: the fail policy around a shared store; the driver itself in process. */
  counters: BudgetCounters;
  /** The driver without the policy, to show what the policy costs. */
  direct: BudgetCounters;
  /** Clients of the same store as separate replicas would hold (the overshoot runs across them). */
  replicas: BudgetCounters[];
  /**
   * The least a debit costs from Node on this store, measured in the same run, so the driver's figure can be
   * read as a ratio that does not depend on how fast this machine happens to be today. Redis: a one-key
   * `INCRBY` script per operation, no limit check, no idempotency, same client library and pipelining.
   * PostgreSQL: a bare `UPDATE … SET used = used + $1 WHERE id = $2` on one hot row per operation
   * (autocommit), same pool size and calls in flight.
   */
  yardstick?: { path: string; counters: BudgetCounters } | undefined;
  /** CPU the store's server has used so far, in ms, when it says (Redis INFO); counts its other clients too. */
  serverCpuMs?: (() => Promise<number>) | undefined;
  close(): Promise<void>;
}

export interface DriverSettings {
  redisUrl: string;
  databaseUrl: string;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function openMemory(): BenchDriver {
  const counters = new MemoryCounters();
  return { name: 'memory', counters, direct: counters, replicas: [counters], close: () => Promise.resolve() };
}

async function openRedis(url: string): Promise<BenchDriver> {
  const keyPrefix = `podium:bench:${randomUUID()}:`;
  const open = () => createRedisCounters({ url, keyPrefix, operationTtlSeconds: redisOperationTtlSeconds });
  const direct = open();
  const admin = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 1_000 });
  admin.on('error', () => undefined);
  const replicas = [open(), open()];
  const all: BudgetCounters[] = [direct, ...replicas];
  const cleanup = async (): Promise<void> => {
    await Promise.allSettled(all.map((client) => client.close()));
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 10_000);
      if (keys.length > 0) await admin.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    admin.disconnect();
  };
  try {
    await Promise.all([direct, ...replicas].map((client) => client.ready()));
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }
  const bare = new Redis(url, { enableAutoPipelining: true, maxRetriesPerRequest: 0 });
  bare.on('error', () => undefined);
  const bareScript = "return redis.call('INCRBY', KEYS[1], ARGV[1])";
  const bareSha = String(await bare.script('LOAD', bareScript));
  const bareDebit = async (debits: readonly { key: string; amount: number }[]): Promise<void> => {
    const [first] = debits;
    if (first !== undefined) await bare.evalsha(bareSha, 1, `${keyPrefix}bare:${first.key}`, String(first.amount));
  };
  const yardstick: BudgetCounters = {
    kind: 'redis',
    reserve: async (_operationId, debits) => (await bareDebit(debits), { ok: true }),
    adjust: (_operationId, deltas) => bareDebit(deltas),
    read: () => Promise.resolve([]),
    seed: () => Promise.resolve(),
    close: () => Promise.resolve(void bare.disconnect()),
  };
  all.push(yardstick);
  const serverCpuMs = async (): Promise<number> => {
    const info = await admin.info('cpu');
    const seconds = (field: string): number => Number(new RegExp(`^${field}:([0-9.]+)`, 'm').exec(info)?.[1] ?? 0);
    return 1000 * (seconds('used_cpu_sys') + seconds('used_cpu_user'));
  };
  return {
    name: 'redis',
    counters: withFailPolicy(direct, { mode: 'closed' }),
    direct,
    replicas: [direct, ...replicas],
    yardstick: { path: 'bare INCRBY script', counters: yardstick },
    serverCpuMs,
    close: cleanup,
  };
}

async function openPostgres(url: string): Promise<BenchDriver> {
  const schema = `podium_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = openPostgresClient({ url });
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    await admin.close();
    throw error;
  }
  const store = await openStore({ databaseUrl: url, schema, migrations: podiumMigrations });
  const others = [openPostgresClient({ url, schema }), openPostgresClient({ url, schema })];
  const direct = createPostgresCounters(store);
  // A pool of its own, of the store's size (node-postgres's default), so the two compete on equal terms.
  const bare = openPostgresClient({ url, schema });
  await bare.query('CREATE TABLE bench_hot_row (id int PRIMARY KEY, used bigint NOT NULL)');
  await bare.query('INSERT INTO bench_hot_row VALUES (1, 0)');
  const bareDebit = async (debits: readonly { amount: number }[]): Promise<void> => {
    const [first] = debits;
    if (first !== undefined)
      await bare.query('UPDATE bench_hot_row SET used = used + $1 WHERE id = $2', [first.amount, 1]);
  };
  const yardstick: BudgetCounters = {
    kind: 'postgres',
    reserve: async (_operationId, debits) => (await bareDebit(debits), { ok: true }),
    adjust: (_operationId, deltas) => bareDebit(deltas),
    read: () => Promise.resolve([]),
    seed: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  return {
    name: 'postgres',
    counters: withFailPolicy(direct, { mode: 'closed' }),
    direct,
    replicas: [direct, ...others.map((sql) => createPostgresCounters(sql))],
    yardstick: { path: 'bare hot-row UPDATE', counters: yardstick },
    async close() {
      await Promise.allSettled([store.close(), bare.close(), ...others.map((sql) => sql.close())]);
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/** Opens one driver, or says why it is skipped (its service unreachable). */
export async function openDriver(
  name: DriverName,
  settings: DriverSettings,
): Promise<BenchDriver | { skipped: string }> {
  try {
    if (name === 'memory') return openMemory();
    if (name === 'redis') return await openRedis(settings.redisUrl);
    return await openPostgres(settings.databaseUrl);
  } catch (error) {
    return { skipped: `${name} unreachable: ${messageOf(error)}` };
  }
}
