import { parseCopyText } from './parse-copy-text.js';
import { quoteIdentifier, type TableShape } from './schema-shape.js';
import type { SqlClient, SqlExecutor } from './sql-client.js';

export interface CopyTableOptions {
  /** A PGlite client (it has `copyOut`), with {@link setTextOutput} applied. */
  from: SqlClient;
  /** The open transaction on the target. */
  into: SqlExecutor;
  table: TableShape;
  /** Heap pages read per batch: bounds the rows in memory at once (8 KB pages, plus TOASTed values). */
  batchPages: number;
}

/**
 * Streams one table from PGlite into the target in bounded batches and returns the rows copied.
 *
 * Batches are ranges of heap pages (`ctid` ranges, a TID range scan): each page is read once, nothing is
 * sorted, and no key needs inlining. The source is a private working copy nobody writes, so the pages stay
 * put. Rows travel as PostgreSQL's own text output (COPY), and are inserted with one array parameter per
 * column cast back to the column's type, so numerics, timestamps, JSON, bytea and arrays come back exactly.
 */
export async function copyTable(options: CopyTableOptions): Promise<number> {
  const { from, into, table, batchPages } = options;
  if (from.copyOut === undefined) throw new Error('the source client cannot COPY out (it is not PGlite)');
  const name = quoteIdentifier(table.name);
  const [size] = await from.query<{ pages: number }>(
    `SELECT (pg_relation_size($1::regclass) / current_setting('block_size')::bigint)::bigint AS pages`,
    [name],
  );
  const pages = size?.pages ?? 0;
  const columns = table.columns.map((column) => quoteIdentifier(column.name));
  const insert = insertStatement(table);
  let copied = 0;
  for (let first = 0; first < pages; first += batchPages) {
    const select = `SELECT ${columns.join(', ')} FROM ${name} WHERE ctid >= '(${first},0)'::tid AND ctid < '(${first + batchPages},0)'::tid`;
    const rows = parseCopyText(await from.copyOut(select));
    if (rows.length === 0) continue;
    const byColumn = table.columns.map((_, index) => rows.map((row) => row[index] ?? null));
    await into.query(insert, byColumn);
    copied += rows.length;
  }
  return copied;
}

/** `INSERT … SELECT u.a::type, … FROM unnest($1::text[], …)`: one statement per batch, whatever its size. */
function insertStatement(table: TableShape): string {
  const aliases = table.columns.map((_, index) => `c${index}`);
  const casts = table.columns.map((column, index) => `u.${aliases[index] ?? ''}::${column.type}`);
  const arrays = table.columns.map((_, index) => `$${index + 1}::text[]`);
  const columns = table.columns.map((column) => quoteIdentifier(column.name));
  // OVERRIDING SYSTEM VALUE keeps the stored value of an identity column (ignored when there is none).
  return `INSERT INTO ${quoteIdentifier(table.name)} (${columns.join(', ')}) OVERRIDING SYSTEM VALUE
          SELECT ${casts.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${aliases.join(', ')})`;
}
