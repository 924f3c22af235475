import type pg from 'pg';
import type { SqlClient, SqlDriver, SqlExecutor } from './sql-client.js';
import { classifyStoreError } from './store-unavailable.js';

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
    try {
      const result = await connection.query<Row>(text, params === undefined ? undefined : [...params]);
      return result.rows;
    } catch (error) {
      throw classifyStoreError(error);
    }
  },
});

/** A checked-out connection, listened to until it is returned. */
interface Checkout {
  connection: pg.PoolClient;
  /** Hands the connection back; `broken` makes the pool drop it. */
  release(broken?: Error): void;
}

/**
 * Checks a connection out, listening for its `error` event until it is returned. pg-pool stops listening
 * while a connection is checked out, and a server that goes away between two statements of a transaction
 * (an admin shutdown, a reset) emits `error` with no statement to fail: unheard, that crashes the process.
 */
async function checkOut(pool: pg.Pool, listen: boolean): Promise<Checkout> {
  let connection: pg.PoolClient;
  try {
    connection = await pool.connect();
  } catch (error) {
    throw classifyStoreError(error);
  }
  // Heard, not acted on: a connection that really failed is no longer queryable, and the pool drops it on
  // release. Passing the event on as "broken" would also end PGlite's one shared connection.
  // PGlite runs in this process: no network to drop, and its adapter's one connection is left as it was.
  if (!listen) return { connection, release: (broken) => connection.release(broken) };
  const onError = (): void => undefined;
  connection.on('error', onError);
  return {
    connection,
    release(broken) {
      connection.removeListener('error', onError);
      connection.release(broken);
    },
  };
}

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
  // Both real servers can drop a connection between statements; only PGlite's in-process adapter cannot.
  const listen = driver !== 'pglite';
  let closing: Promise<void> | undefined;

  return {
    driver,
    async query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]> {
      const checkout = await checkOut(pool, listen);
      try {
        return await executorOf(checkout.connection).query<Row>(text, params);
      } finally {
        checkout.release();
      }
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const checkout = await checkOut(pool, listen);
      const { connection } = checkout;
      let broken: Error | undefined;
      try {
        const executor = executorOf(connection);
        await executor.query('BEGIN');
        const value = await fn(executor);
        await executor.query('COMMIT');
        return value;
      } catch (error) {
        // A connection whose ROLLBACK fails is in an unknown state: hand it back as broken so the pool drops it.
        await connection.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        checkout.release(broken);
      }
    },
    ...(copyOut === undefined
      ? {}
      : {
          async copyOut(select: string): Promise<string> {
            // Holding the connection keeps the export out of another caller's open transaction.
            const checkout = await checkOut(pool, listen);
            try {
              return await copyOut(select);
            } finally {
              checkout.release();
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
