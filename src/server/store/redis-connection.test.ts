import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openRedisConnection } from './redis-connection.js';

const url = process.env.PODIUM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const required = process.env.PODIUM_TEST_REQUIRE_SERVICES === '1';

async function reachable(): Promise<boolean> {
  const probe = openRedisConnection({ url, role: 'probe', commandTimeoutMs: 1_000 });
  try {
    await probe.ready(1_000);
    return true;
  } catch (error) {
    if (required)
      throw new Error(`Redis at ${url} is unreachable. PODIUM_TEST_REQUIRE_SERVICES=1, so this is a failure.`, {
        cause: error,
      });
    console.warn(`SKIPPING the Redis connection tests: Redis at ${url} is unreachable.`);
    return false;
  } finally {
    await probe.close();
  }
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

describe('openRedisConnection, Redis down', () => {
  it('fails fast: a command is refused at once, ready names the role and never the password, close is idempotent', async () => {
    const connection = openRedisConnection({
      url: `redis://podium:s3cret@127.0.0.1:${await closedPort()}`,
      role: 'budget counters',
      commandTimeoutMs: 2_000,
    });
    const started = performance.now();
    await expect(connection.client.get('k')).rejects.toThrow();
    // No offline queue: refused without waiting for a connection or the command timeout.
    expect(performance.now() - started).toBeLessThan(200);
    const error = await connection.ready(100).then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(error?.message).toMatch(
      /^Redis \(budget counters\) at redis:\/\/podium:\*\*\*@127\.0\.0\.1:\d+ is not reachable after 100 ms$/,
    );
    expect(error?.message).not.toContain('s3cret');
    expect(connection.connections()).toBe(0);
    await connection.close();
    await connection.close();
  });
});

describe.skipIf(!(await reachable()))('openRedisConnection, Redis up', () => {
  it('connects, counts the connection, and bounds every command by commandTimeoutMs', async () => {
    const connection = openRedisConnection({ url, role: 'response cache', commandTimeoutMs: 150 });
    try {
      await connection.ready(2_000);
      expect(connection.connections()).toBe(1);
      const key = `podium:test:connection:${randomUUID()}`;
      await connection.client.set(key, 'v', 'PX', 10_000);
      expect(await connection.client.get(key)).toBe('v');
      await connection.client.unlink(key);
      // Last on this connection: the server goes on blocking it after the client gave up. BLPOP blocks this connection only (not the shared server) for 1 s: past 150 ms the command fails.
      const started = performance.now();
      await expect(connection.client.blpop(`${key}:empty`, 1)).rejects.toThrow(/timed out/i);
      expect(performance.now() - started).toBeLessThan(900);
    } finally {
      await connection.close();
    }
  });
});
