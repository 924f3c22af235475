import pg from 'pg';
import { PodiumError } from '../../contract/index.js';
import { createPoolSqlClient } from './pool-sql-client.js';
import type { SqlClient } from './sql-client.js';
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
}

const defaultConnectTimeoutMs = 5_000;

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

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
    // node-postgres waits forever for a connection by default: a database host that drops packets would hold
    // every request (and the readiness probe) until the client gave up. Bounded, the wait ends as a 503.
    connectionTimeoutMillis: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    // Lets the kernel notice a peer that vanished without a reset (a failed-over host) on idle connections.
    keepAlive: true,
  });
  // An idle connection dropped by the server emits 'error' on the pool; without a listener Node would crash.
  pool.on('error', () => undefined);
  return createPoolSqlClient({ driver: 'postgres', pool });
}
