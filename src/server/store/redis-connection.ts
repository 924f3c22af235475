/**
 * The one way Podium opens Redis (PODIUM_REDIS_URL), for the budget counters and the response cache. Both
 * need the same fail-fast client — no offline queue, no retries, no resending of a command whose connection
 * dropped, reconnecting on its own — so a caller sees an outage at once (the counters' fail policy, the
 * cache's miss) and the recovery on its next command.
 *
 * One connection per role, not one shared client, for two reasons measured or configured today: ioredis
 * bounds every command of a client by one `commandTimeout`, and the roles need different bounds (counters 2 s:
 * on a loaded 2-core host a healthy Redis took over 0.5 s, and each timeout flips every replica to its fail
 * policy; the cache 250 ms: a lookup must never hold a call up); and Redis answers one connection's commands
 * in order, so a cache SET of a 1 MB answer would queue every budget reservation behind it.
 */
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import { PodiumError } from '../../contract/index.js';

// Loaded when the first connection opens: ioredis costs ~110 ms at every start, and most installs run without Redis.
const requireModule = createRequire(import.meta.url);
let redisClass: typeof Redis | undefined;
function loadRedis(): typeof Redis {
  redisClass ??= (requireModule('ioredis') as { Redis: typeof Redis }).Redis;
  return redisClass;
}

/** The client type, so capabilities can name it without importing the driver. */
export type RedisClient = Redis;

export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  url: string;
  /** Names the connection in errors: `budget counters`, `response cache`. */
  role: string;
  /** Bound on one command, in ms: past it the command fails (see the roles above). */
  commandTimeoutMs: number;
  /** Bound on one connection attempt, in ms (default 1,000). */
  connectTimeoutMs?: number | undefined;
}

export interface RedisConnection {
  readonly client: RedisClient;
  /** Connections made so far, reconnections included: each may meet a Redis that restarted empty. */
  connections(): number;
  /** Resolves once connected; rejects after `timeoutMs` (default: the connect timeout) otherwise. */
  ready(timeoutMs?: number): Promise<void>;
  /** Idempotent: QUIT when connected, else just stop reconnecting. */
  close(): Promise<void>;
}

/** Connects in the background (see `ready`) and returns the connection. */
export function openRedisConnection(options: RedisConnectionOptions): RedisConnection {
  const connectTimeoutMs = options.connectTimeoutMs ?? 1_000;
  const RedisClass = loadRedis();
  const client = new RedisClass(options.url, {
    connectTimeout: connectTimeoutMs,
    commandTimeout: options.commandTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // A command whose connection dropped has been reported as failed; sending it again later would apply an
    // operation the caller has already handled (a counter's idempotency would absorb it, a cache gains nothing).
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 50, 500),
    // Commands issued in the same tick share one write.
    enableAutoPipelining: true,
  });
  // Without a listener ioredis prints every reconnect failure; callers see the failures on their commands.
  client.on('error', () => undefined);
  let connections = 0;
  client.on('ready', () => {
    connections += 1;
  });
  return {
    client,
    connections: () => connections,
    async ready(timeoutMs = connectTimeoutMs) {
      if (client.status === 'ready') return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          client.off('ready', onReady);
          reject(
            new PodiumError(
              'upstream_unavailable',
              `Redis (${options.role}) at ${redactUrl(options.url)} is not reachable after ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        const onReady = (): void => {
          clearTimeout(timer);
          resolve();
        };
        client.once('ready', onReady);
      });
    },
    async close() {
      if (client.status === 'end') return;
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** The URL without its password, for messages. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
