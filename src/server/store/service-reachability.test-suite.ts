/**
 * Test support shared by every suite that runs against the real Redis: is it there, and the repository's skip
 * rule (skipped with a message when unreachable, a failure when PODIUM_TEST_REQUIRE_SERVICES=1).
 * Excluded from the build; beside the Redis connection factory, which owns the driver.
 */
import { Redis } from 'ioredis';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

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
    return messageOf(error);
  } finally {
    redis.disconnect();
  }
}

/** Applies the skip rule: returns true to skip (after saying why), throws when services are required. */
export function skipUnreachable(options: {
  service: string;
  reason: string | undefined;
  required: boolean;
  /** Whose tests are skipped: `cache`, `counter`. */
  suite: string;
}): boolean {
  if (options.reason === undefined) return false;
  const message = `${options.service} is unreachable (${options.reason})`;
  if (options.required) throw new Error(`${message}. PODIUM_TEST_REQUIRE_SERVICES=1, so this is a failure.`);
  console.warn(`SKIPPING the ${options.service} ${options.suite} tests: ${message}.`);
  return true;
}
