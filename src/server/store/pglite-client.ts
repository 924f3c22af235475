import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { createPoolSqlClient } from './pool-sql-client.js';
import type { SqlClient } from './sql-client.js';
import { typeParsers } from './type-parsers.js';

export interface PgliteClientOptions {
  /** Directory holding the database files, created if missing; in memory when absent (tests). */
  dataDir?: string | undefined;
}

/**
 * Only `podium import-pglite` reads PGlite now (the data dirs of releases before the embedded PostgreSQL).
 * Opens PGlite (WASM, in this process) behind node-postgres through PGlite's
 * pg-compatible adapter, so it runs exactly the queries the PostgreSQL driver runs.
 * PGlite is single-user: the pool holds its one connection, and callers queue for it. A data directory is
 * locked for this process (see data-dir-lock.ts).
 * @throws PodiumError `config_invalid` when another live process holds the data directory.
 */
export async function openPgliteClient(options: PgliteClientOptions = {}): Promise<SqlClient> {
  let lock: DataDirLock | undefined;
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
    lock = await acquireDataDirLock(options.dataDir);
  }
  const pglite = await PGlite.create(options.dataDir === undefined ? {} : { dataDir: options.dataDir }).catch(
    async (error: unknown) => {
      await lock?.release();
      throw error;
    },
  );
  // The adapter's config carries a `connection` object that pg.Client picks up instead of opening a socket.
  const adapterConfig: pg.PoolConfig = createPgConfig(pglite);
  const pool = new pg.Pool({
    ...adapterConfig,
    max: 1,
    // Never reap the idle connection: every client of this pool shares the adapter's one connection object.
    idleTimeoutMillis: 0,
    types: typeParsers,
  });
  const afterClose = async (): Promise<void> => {
    await pglite.close();
    await lock?.release();
  };
  const copyOut = async (select: string): Promise<string> => {
    const result = await pglite.query(`COPY (${select}) TO '/dev/blob'`);
    return result.blob === undefined ? '' : await result.blob.text();
  };
  return createPoolSqlClient({ driver: 'pglite', pool, afterClose, copyOut });
}
