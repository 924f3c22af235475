import pg from 'pg';
import { PodiumError } from '../../contract/index.js';
import { createPoolSqlClient } from './pool-sql-client.js';
import type { SqlClient, SqlDriver } from './sql-client.js';
import { typeParsers } from './type-parsers.js';

export interface PostgresClientOptions {
  /** A `postgres://` connection string. */
  url: string;
  /** Schema to put first on every connection's search_path (tests use a fresh one each run). */
  schema?: string | undefined;
  /** Pool size; node-postgres's default of 10 unless set. */
  maxConnections?: number | undefined;
  /** Longest wait for a new connection before the statement fails as `store_unavailable`; default 5 s. */
  connectTimeoutMs?: number | undefined;
  /** What the client reports; `embedded` when Podium runs the server itself. Default `postgres`. */
  driver?: SqlDriver | undefined;
  /** Runs after the pool has ended (the embedded server stops there). */
  afterClose?: (() => Promise<void>) | undefined;
}

const defaultConnectTimeoutMs = 5_000;

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * node-postgres waits forever for a new connection by default: a database host that drops packets would hold
 * every request (and the readiness probe) until the kernel gave up. Bounded, the attempt fails, and the store
 * reports `store_unavailable` (503).
 */
function boundedConnectClient(connectTimeoutMs: number): typeof pg.Client {
  return class BoundedConnectClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(
        typeof config === 'string'
          ? { connectionString: config, connectionTimeoutMillis: connectTimeoutMs }
          : { ...config, connectionTimeoutMillis: connectTimeoutMs },
      );
    }
  };
}

/** Opens a node-postgres pool on a PostgreSQL server. Connects lazily: the first query reports a bad URL. */
export function openPostgresClient(options: PostgresClientOptions): SqlClient {
  if (options.schema !== undefined && !schemaName.test(options.schema)) {
    throw new PodiumError('config_invalid', `database schema "${options.schema}" must be a lower-case SQL identifier`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections,
    // A startup parameter rather than a SET after connecting: it is in force before the first query, on
    // every connection the pool ever opens, with no race against a query issued right after connect.
    options: options.schema === undefined ? undefined : `-c search_path=${options.schema}`,
    types: typeParsers,
    // The bound goes on each new connection (the Client), not on the pool: pg-pool's own
    // connectionTimeoutMillis also limits the wait in its queue, and a burst of 1,000 queries on 10
    // connections would then fail as an outage while the database is healthy and merely busy.
    Client: boundedConnectClient(options.connectTimeoutMs ?? defaultConnectTimeoutMs),
    // Lets the kernel notice a peer that vanished without a reset (a failed-over host) on idle connections.
    keepAlive: true,
  });
  // An idle connection dropped by the server emits 'error' on the pool; without a listener Node would crash.
  pool.on('error', () => undefined);
  return createPoolSqlClient({ driver: options.driver ?? 'postgres', pool, afterClose: options.afterClose });
}
