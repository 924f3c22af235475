/**
 * The real services the counter tests run against: reachability checks with the repository's skip rule
 * (skip with a message, or fail when PODIUM_TEST_REQUIRE_SERVICES=1), fresh PostgreSQL schemas, Redis key
 * cleanup, and a private redis-server child that a test may kill without touching the shared one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { openPostgresClient } from '../../store/index.js';
import { redisUnreachable, skipUnreachable as skipReachability } from '../../store/service-reachability.test-suite.js';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Undefined when PostgreSQL at `url` answers, the reason otherwise. */
export async function postgresUnreachable(url: string): Promise<string | undefined> {
  const sql = openPostgresClient({ url });
  try {
    await sql.query('SELECT 1');
    return undefined;
  } catch (error) {
    return messageOf(error);
  } finally {
    await sql.close();
  }
}

/** The repository's skip rule for these tests (see store/service-reachability.test-suite.ts). */
export function skipUnreachable(options: { service: string; reason: string | undefined; required: boolean }): boolean {
  return skipReachability({ ...options, suite: 'counter' });
}

/** Creates a fresh schema and returns its name. */
export async function createSchema(url: string): Promise<string> {
  const name = `podium_counters_${randomUUID().replaceAll('-', '')}`;
  const sql = openPostgresClient({ url });
  try {
    await sql.query(`CREATE SCHEMA ${name}`);
  } finally {
    await sql.close();
  }
  return name;
}

export async function dropSchema(url: string, name: string): Promise<void> {
  const sql = openPostgresClient({ url });
  try {
    await sql.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  } finally {
    await sql.close();
  }
}

/** Deletes every key under `prefix` (a test's random prefix on the shared Redis). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 0 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** A redis-server child on its own port and directory. */
export interface RedisChild {
  readonly url: string;
  readonly port: number;
  /** SIGKILL: no shutdown, no final save — a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory (an append-only file, if any, is loaded). */
  start(): Promise<void>;
  /** Kills it and removes its directory. */
  dispose(): Promise<void>;
}

export interface RedisChildOptions {
  /** `always`: every acknowledged write is on disk before the reply, so a SIGKILL loses nothing acknowledged. */
  appendFsync?: 'always' | undefined;
  port?: number | undefined;
}

/** Starts a private redis-server (never the shared 6379 one). */
export async function startRedisChild(options: RedisChildOptions = {}): Promise<RedisChild> {
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'podium-redis-'));
  const persistence =
    options.appendFsync === 'always' ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, ...persistence];
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const started = spawn('redis-server', args, { stdio: 'ignore' });
    child = started;
    const failed = once(started, 'error');
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const reason = await Promise.race([redisUnreachable(url), failed.then(([error]) => messageOf(error))]);
      if (reason === undefined) return;
      if (started.exitCode !== null || reason.includes('ENOENT'))
        throw new Error(`redis-server did not start: ${reason}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`redis-server on port ${port} did not answer within ~3 s`);
  };

  const kill = async (): Promise<void> => {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    url,
    port,
    kill,
    start,
    async dispose() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Whether a private redis-server can be started here, as a skip rule: skipped with a message when
 * it cannot, a failure when PODIUM_TEST_REQUIRE_SERVICES=1.
 */
export async function skipUnlessRedisServerRuns(required: boolean): Promise<boolean> {
  const reason = await startRedisChild().then(
    async (child) => {
      await child.dispose();
      return undefined;
    },
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  return skipUnreachable({ service: 'redis-server (on PATH)', reason, required });
}

export { redisUnreachable };
