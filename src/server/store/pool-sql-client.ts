import type pg from 'pg';
import type { SqlClient, SqlDriver, SqlExecutor } from './sql-client.js';

/** What a driver hands over: its pool, and what else to shut down after the pool has ended. */
export interface PoolSqlClientOptions {
  driver: SqlDriver;
  pool: pg.Pool;
  afterClose?: () => Promise<void>;
  /** The driver's COPY export, run while holding the pool's connection (see {@link SqlClient.copyOut}). */
  copyOut?: ((select: string) => Promise<string>) | undefined;
}

const executorOf = (connection: pg.PoolClient): SqlExecutor => ({
  async query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]> {
    const result = await connection.query<Row>(text, params === undefined ? undefined : [...params]);
    return result.rows;
  },
});

/**
 * The SqlClient both drivers share: a node-postgres pool. Keeping one implementation is what makes
 * "identical SQL, identical result types" true by construction rather than by test alone.
 *
 * Connections are checked out by hand rather than with `pool.query`, which discards the connection after any
 * failed statement. A constraint violation (an ordinary "already exists") leaves the connection healthy, and
 * discarding it would cost PostgreSQL a reconnect and break PGlite's adapter, whose one connection object is
 * reused by every client the pool creates. A connection that really failed is dropped by the pool anyway: it
 * checks each returned client is still queryable.
 */
export function createPoolSqlClient(options: PoolSqlClientOptions): SqlClient {
  const { pool, driver, copyOut } = options;
  let closing: Promise<void> | undefined;

  return {
    driver,
    async query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]> {
      const connection = await pool.connect();
      try {
        return await executorOf(connection).query<Row>(text, params);
      } finally {
        connection.release();
      }
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN');
        const value = await fn(executorOf(connection));
        await connection.query('COMMIT');
        return value;
      } catch (error) {
        // A connection whose ROLLBACK fails is in an unknown state: hand it back as broken so the pool drops it.
        await connection.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        connection.release(broken);
      }
    },
    ...(copyOut === undefined
      ? {}
      : {
          async copyOut(select: string): Promise<string> {
            // Holding the connection keeps the export out of another caller's open transaction.
            const connection = await pool.connect();
            try {
              return await copyOut(select);
            } finally {
              connection.release();
            }
          },
        }),
    close(): Promise<void> {
      // Idempotent: the server and its tests may both close on shutdown.
      closing ??= pool.end().then(() => options.afterClose?.());
      return closing;
    },
  };
}
