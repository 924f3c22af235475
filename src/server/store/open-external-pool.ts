/**
 * A pool on somebody else's PostgreSQL (a SQL tool upstream), not Podium's own store. It does one thing the
 * store's SqlClient cannot: run one statement in its own transaction — read-only unless told otherwise, with
 * a statement timeout — and read its rows through a portal a batch at a time, so a statement that matches a
 * million rows costs the process `maxRows + 1` rows, never the whole result. Extended protocol only, so a
 * reviewed statement can never smuggle a second one after a `;`.
 */
import pg from 'pg';
import Cursor from 'pg-cursor';
import { classifyStoreError } from './store-unavailable.js';

export interface ExternalPoolOptions {
  /** A `postgres://` connection string. Never repeated in an error: failures are classified first. */
  url: string;
  /** Most connections kept open. */
  maxConnections: number;
  /**
   * Longest wait for a connection, new or from the busy pool; default 5 s. A call that cannot get one in that
   * time fails as unavailable (503, retryable) instead of holding its caller until the call's own timeout.
   */
  connectTimeoutMs?: number | undefined;
  /**
   * Client-side bound on each plain statement (BEGIN, COMMIT, the probe): a server that accepts the connection and
   * then never answers fails as unavailable instead of holding a connection forever. node-postgres arms it for
   * the row portal too, where it is only a backstop: the statement timeout, server-side, normally fires first.
   */
  queryTimeoutMs: number;
  /** Shown in pg_stat_activity, so the database's operator can tell Podium's sessions apart. */
  applicationName?: string | undefined;
}

/** One statement to run with the bounds it runs under. */
export interface BoundedStatement {
  readonly text: string;
  readonly params: readonly unknown[];
  /** `READ ONLY` transaction: the database itself refuses any write. */
  readonly readOnly: boolean;
  /** `SET LOCAL statement_timeout`, in milliseconds. */
  readonly timeoutMs: number;
  /** Rows wanted; one more is read to tell whether there were more. */
  readonly maxRows: number;
  /** Sees each row as it is read; `false` stops reading there (the row is dropped, the result truncated). */
  readonly accept?: ((row: Record<string, unknown>) => boolean) | undefined;
}

export interface BoundedRows {
  readonly rows: Record<string, unknown>[];
  /** More rows existed than were returned (past `maxRows`, or refused by `accept`). */
  readonly truncated: boolean;
  /** The command's own count (rows updated, inserted…) when it completed; undefined when reading stopped early. */
  readonly commandRowCount: number | undefined;
}

export interface ExternalPool {
  /**
   * Runs one statement in its own transaction. A connection-level failure rejects with a retryable
   * `store_unavailable` PodiumError (no address in it); anything the database answered (a syntax error, a write
   * in a read-only transaction, SQLSTATE 57014 on timeout) rejects with the driver's error, `code` = SQLSTATE.
   */
  runBounded(statement: BoundedStatement): Promise<BoundedRows>;
  /** `SELECT 1` on a pooled connection: for health. Rejects as `runBounded` does. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const defaultConnectTimeoutMs = 5_000;
/** Rows per round trip: small enough that `accept` stops a result of wide rows early. */
const batchRows = 256;

/**
 * Values the caller turns into JSON: exact numbers stay text (int8, numeric, money), and calendar types whose
 * default parser would move them into the process's time zone (date, timestamp without time zone) or into an
 * object (interval) stay text too. timestamptz stays a `Date` (an instant), bytea a Buffer, json parsed.
 */
const types = new pg.TypeOverrides();
/** pg-types' enum lists scalar builtins only; array OIDs are as real, and numeric enums take any number. */
type TypeId = Parameters<typeof types.setTypeParser>[0];
const text = (value: string): string => value;
const textArray = pg.types.getTypeParser(1009 as TypeId) as (value: string) => unknown; // text[]
// int8, numeric, money, date, time, timetz, timestamp, interval — then the arrays of each.
for (const oid of [20, 1700, 790, 1082, 1083, 1266, 1114, 1186]) types.setTypeParser(oid, text);
for (const oid of [1016, 1231, 791, 1182, 1183, 1270, 1115, 1187]) types.setTypeParser(oid, textArray);

/** Opens a pool; connects on first use. */
export function openExternalPool(options: ExternalPoolOptions): ExternalPool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections,
    connectionTimeoutMillis: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    application_name: options.applicationName ?? 'podium-tools',
    query_timeout: options.queryTimeoutMs,
    types,
    keepAlive: true,
  });
  // An idle connection dropped by the server emits 'error' on the pool; unheard, Node would crash.
  pool.on('error', () => undefined);
  let closing: Promise<void> | undefined;

  async function withConnection<T>(fn: (connection: pg.PoolClient) => Promise<T>): Promise<T> {
    let connection: pg.PoolClient;
    try {
      connection = await pool.connect();
    } catch (error) {
      throw classifyStoreError(error);
    }
    // pg-pool stops listening while a connection is checked out; a server gone between two statements
    // emits 'error' with nothing to fail, which would crash the process unheard.
    const onError = (): void => undefined;
    connection.on('error', onError);
    let broken: Error | undefined;
    try {
      return await fn(connection);
    } catch (error) {
      broken = await connection.query('ROLLBACK').then(
        () => undefined,
        (rollbackError: unknown) => (rollbackError instanceof Error ? rollbackError : new Error('rollback failed')),
      );
      throw classifyStoreError(error);
    } finally {
      connection.removeListener('error', onError);
      connection.release(broken);
    }
  }

  return {
    runBounded: (statement) =>
      withConnection(async (connection) => {
        await connection.query(statement.readOnly ? 'BEGIN READ ONLY' : 'BEGIN READ WRITE');
        // set_config(…, true) is SET LOCAL with a bound value: the timeout ends with the transaction.
        await connection.query("SELECT set_config('statement_timeout', $1, true)", [String(statement.timeoutMs)]);
        const result = await readBounded(connection, statement);
        await connection.query(statement.readOnly ? 'ROLLBACK' : 'COMMIT');
        return result;
      }),
    ping: () =>
      withConnection(async (connection) => {
        await connection.query('SELECT 1');
      }),
    close(): Promise<void> {
      closing ??= pool.end();
      return closing;
    },
  };
}

async function readBounded(connection: pg.PoolClient, statement: BoundedStatement): Promise<BoundedRows> {
  const cursor = connection.query(
    new Cursor<Record<string, unknown>>(statement.text, [...statement.params], { types }),
  );
  const rows: Record<string, unknown>[] = [];
  let commandRowCount: number | undefined;
  try {
    for (;;) {
      const wanted = Math.min(batchRows, statement.maxRows + 1 - rows.length);
      const { batch, result } = await readBatch(cursor, wanted);
      for (const row of batch) {
        if (rows.length >= statement.maxRows || (statement.accept !== undefined && !statement.accept(row))) {
          return { rows, truncated: true, commandRowCount: undefined };
        }
        rows.push(row);
      }
      if (batch.length < wanted) {
        commandRowCount = result?.rowCount ?? undefined;
        return { rows, truncated: false, commandRowCount };
      }
    }
  } finally {
    await cursor.close();
  }
}

function readBatch(
  cursor: Cursor<Record<string, unknown>>,
  count: number,
): Promise<{ batch: Record<string, unknown>[]; result: pg.QueryResult | undefined }> {
  return new Promise((resolve, reject) => {
    cursor.read(count, (error, batch, result) => {
      if (error) reject(error);
      else resolve({ batch, result });
    });
  });
}
