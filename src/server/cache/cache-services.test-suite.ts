/**
 * The real Redis the cache tests run against, with the repository's skip rule: skipped with a message
 * when unreachable, a failure when PODIUM_TEST_REQUIRE_SERVICES=1.
 */
import type { Redis } from 'ioredis';
import { redisUnreachable, skipUnreachable as skipReachability } from '../store/service-reachability.test-suite.js';

/** The repository's skip rule for these tests (see store/service-reachability.test-suite.ts). */
export function skipUnreachable(options: { service: string; reason: string | undefined; required: boolean }): boolean {
  return skipReachability({ ...options, suite: 'cache' });
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

export { redisUnreachable };
