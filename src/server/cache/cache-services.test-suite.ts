/**
 * The real Redis the cache tests run against, with the repository's skip rule: skipped with a message
 * when unreachable, a failure when PODIUM_TEST_REQUIRE_SERVICES=1.
 */
import { Redis } from 'ioredis';

/** Undefined when Redis at `url` answers PING within a second, the reason otherwise. */
export async function redisUnreachable(url: string): Promise<string | undefined> {
  const redis = new Redis(url, {
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    redis.disconnect();
  }
}

/** Returns true to skip (after saying why); throws when services are required. */
export function skipUnreachable(options: { service: string; reason: string | undefined; required: boolean }): boolean {
  if (options.reason === undefined) return false;
  const message = `${options.service} is unreachable (${options.reason})`;
  if (options.required) throw new Error(`${message}. PODIUM_TEST_REQUIRE_SERVICES=1, so this is a failure.`);
  console.warn(`SKIPPING the ${options.service} cache tests: ${message}.`);
  return true;
}

/** Every key under `prefix`. */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

/**
 * What `milliseconds` of time would do to the keys under `prefix`: each key's remaining time to live
 * shrinks by that much, and a key whose time is up is deleted.
 */
export async function ageKeys(redis: Redis, options: { prefix: string; milliseconds: number }): Promise<void> {
  for (const key of await keysUnder(redis, options.prefix)) {
    const remaining = await redis.pttl(key);
    if (remaining < 0) continue;
    if (remaining <= options.milliseconds) await redis.del(key);
    else await redis.pexpire(key, remaining - options.milliseconds);
  }
}
