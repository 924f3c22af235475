/**
 * `podium import-pglite`: moves what an embedded PGlite store (Podium before issue 11) holds into a PostgreSQL
 * database, losing nothing. See docs/operations.md, "Upgrading from the PGlite store".
 */
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PodiumError } from '../../contract/index.js';
import { copyTable } from './copy-table.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { isPgliteDataDir, listPgliteEntries } from './is-pglite-data-dir.js';
import { migrate } from './migrate.js';
import type { Migration } from './migration.js';
import {
  finishMoveAside,
  folderStamp,
  importedFolders,
  movePgliteAside,
  readImportState,
} from './move-pglite-aside.js';
import { openPgliteClient } from './pglite-client.js';
import {
  assertSameShape,
  quoteIdentifier,
  readSchemaShape,
  type SchemaShape,
  type TableShape,
} from './schema-shape.js';
import type { SqlClient, SqlExecutor } from './sql-client.js';
import { setTextOutput, tableChecksum, type TableChecksum } from './table-checksum.js';

export interface ImportPgliteOptions {
  /** The PGlite data directory (`PODIUM_DATA_DIR` of the release that wrote it). */
  from: string;
  /** The target: a PostgreSQL database migrated by this release and holding no rows. */
  into: SqlClient;
  /** Progress, one line at a time. */
  log?: ((line: string) => void) | undefined;
  /** Heap pages per batch (8 KB each); default 128, about 1 MB of rows in memory at a time. */
  batchPages?: number | undefined;
  /** Every capability's migrations (the composition root's list): the copy is brought to this schema first. */
  migrations: readonly Migration[];
  /** Names the folder the PGlite files are moved into; default now. */
  now?: (() => Date) | undefined;
  /**
   * False when the caller already holds the data dir's lock (data-dir-lock.ts) — an opener that runs the
   * embedded PostgreSQL inside the same directory; default true: the import takes it itself.
   */
  lockDataDir?: boolean | undefined;
}

export interface ImportedSequence {
  name: string;
  lastValue: number;
  isCalled: boolean;
}

export interface PgliteImportReport {
  dataDir: string;
  /** Where the PGlite files now are. */
  movedTo: string;
  /**
   * How this run ended: `imported` (copied and verified now), `already-copied` (an earlier run had committed
   * the same rows but stopped before moving the files; verified again and moved now), `move-completed` (an
   * earlier run crashed while moving the files; the move was finished, nothing was copied).
   */
  outcome: 'imported' | 'already-copied' | 'move-completed';
  /** Every table copied, with the row count and checksum both sides agreed on (empty for `move-completed`). */
  tables: TableChecksum[];
  sequences: ImportedSequence[];
  /** Versions the copy of the PGlite database was migrated through before copying (an older release's dir). */
  migratedVersions: number[];
}

/** Migration history is the target's own (it was migrated by this release); versions are compared, not copied. */
const migrationsTable = 'podium_migrations';
const workFolderName = 'pglite-import-work';
const defaultBatchPages = 128;
/** One import per target schema at a time (0x506f646a: "Podi" + 1, next to migrate.ts's lock). */
const importLock = "SELECT pg_advisory_xact_lock(1349477482, hashtext(coalesce(current_schema(), '')))";

/**
 * Copies every table of a PGlite data directory into `into`, verifies each table's row count and checksum on
 * both sides, then moves the PGlite files aside into `<dir>/pglite-imported-<time>/`.
 *
 * Never modifies the source until that final move: PGlite writes to any directory it opens, so the
 * import opens a working copy (`<dir>/pglite-import-work`), migrates the copy to this release's schema and
 * reads it. Everything reaches the target in one transaction, verified before COMMIT, so a run that stops
 * early leaves the target empty; a run that stops after COMMIT is recognised by the next one (the target
 * holds exactly the source's rows) and finished. Tables are inserted referenced-first (foreign keys checked
 * as rows arrive, no constraint deferred or disabled).
 * @throws PodiumError `not_found` (no PGlite database there), `conflict` (already imported, or the target
 *   holds other rows), `config_invalid` (the target's schema differs, or PGlite cannot open the directory).
 */
export async function importPgliteDataDir(options: ImportPgliteOptions): Promise<PgliteImportReport> {
  const dataDir = resolve(options.from);
  const log = options.log ?? ((): void => undefined);
  const finished = await finishMoveAside(dataDir);
  if (finished !== undefined) {
    log(`finished moving the PGlite files into ${finished} (an earlier import had copied and verified them)`);
    return { dataDir, movedTo: finished, outcome: 'move-completed', tables: [], sequences: [], migratedVersions: [] };
  }
  await assertPgliteImportable(dataDir);

  // Refuses while a Podium of the old release still runs on the directory (it would go on writing there).
  const lock = options.lockDataDir === false ? undefined : await acquireDataDirLock(dataDir);
  try {
    const workDir = join(dataDir, workFolderName);
    log(`copying the PGlite files of ${dataDir} to ${workDir} (the originals are not touched)`);
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir);
    for (const name of await listPgliteEntries(dataDir))
      await cp(join(dataDir, name), join(workDir, name), { recursive: true });

    const source = await openCopy(dataDir, workDir);
    let copied: Omit<PgliteImportReport, 'dataDir' | 'movedTo'>;
    try {
      const migratedVersions = await migrate(source, options.migrations);
      if (migratedVersions.length > 0)
        log(`migrated the copy to this release's schema (versions ${migratedVersions.join(', ')})`);
      copied = {
        ...(await copyInto({ source, target: options.into, log, batchPages: options.batchPages ?? defaultBatchPages })),
        migratedVersions,
      };
    } finally {
      await source.close();
    }
    await rm(workDir, { recursive: true, force: true });
    log('committed and verified; moving the PGlite files aside');

    const stamp = folderStamp(options.now?.() ?? new Date());
    const movedTo = await movePgliteAside({
      dataDir,
      stamp,
      report: { importedAt: new Date().toISOString(), ...copied },
    });
    log(`moved the PGlite files into ${movedTo}; Podium's own files stay in ${dataDir}`);
    return { dataDir, movedTo, ...copied };
  } finally {
    await lock?.release();
  }
}

async function openCopy(dataDir: string, workDir: string): Promise<SqlClient> {
  try {
    // Nothing is planned twice on a one-off read: no statistics timer.
    return await openPgliteClient({ dataDir: workDir });
  } catch (error) {
    const version = (await readFile(join(dataDir, 'PG_VERSION'), 'utf8').catch(() => '?')).trim();
    throw new PodiumError(
      'config_invalid',
      `PGlite cannot open a copy of ${dataDir} (its PG_VERSION says ${version}): ${(error as Error).message}; ` +
        'the directory was left as it was',
      { cause: error },
    );
  }
}

/**
 * Checks, cheaply and before any database is opened, that `dataDir` holds something to import: a PGlite
 * database, or the files of an import that stopped while moving them aside. Callers run it before opening
 * (and migrating) a target, so a mistyped directory never leaves an empty Podium schema behind.
 * @throws PodiumError `conflict` when it was already imported, `not_found` when it never was a PGlite directory.
 */
export async function assertPgliteImportable(dataDir: string): Promise<void> {
  if (await isPgliteDataDir(dataDir)) return;
  for (const folder of await importedFolders(dataDir)) {
    if ((await readImportState(folder)) === 'moving') return;
  }
  const [previous] = await importedFolders(dataDir);
  if (previous !== undefined) {
    throw new PodiumError(
      'conflict',
      `${dataDir} was already imported: its PGlite files are in ${previous}, and there is no PGlite database left to import`,
    );
  }
  throw new PodiumError(
    'not_found',
    `${dataDir} is not a PGlite data directory (it has no PG_VERSION and base/): nothing to import`,
  );
}

interface CopyIntoOptions {
  source: SqlClient;
  target: SqlClient;
  log: (line: string) => void;
  batchPages: number;
}

/** The one target transaction: checks, copies, sets sequences, verifies. Returns what the report shows. */
async function copyInto(
  options: CopyIntoOptions,
): Promise<Pick<PgliteImportReport, 'outcome' | 'tables' | 'sequences'>> {
  const { source, target, log } = options;
  await setTextOutput(source, false);
  const shape = await readSchemaShape(source);
  const tables = shape.tables.filter((table) => table.name !== migrationsTable);
  const expected = await checksums(source, tables);
  const sequences = await readSequences(source, shape);
  return target.transaction(async (tx) => {
    await setTextOutput(tx, true);
    await tx.query(importLock);
    await assertSameVersions(source, tx);
    assertSameShape(shape, await readSchemaShape(tx));
    const occupied = await firstOccupied(tx, tables);
    let outcome: PgliteImportReport['outcome'] = 'imported';
    if (occupied !== undefined) {
      // Either an earlier run committed and stopped before moving the files, or this is somebody's live data.
      if (!sameChecksums(expected, await checksums(tx, tables))) {
        throw new PodiumError(
          'conflict',
          `the target database is not empty (table ${occupied} has rows): the import only fills a freshly migrated, empty database and never merges into live data`,
        );
      }
      log('the target already holds exactly these rows (an earlier import stopped before moving the files aside)');
      outcome = 'already-copied';
    } else {
      for (const table of tables) {
        const rows = await copyTable({ from: source, into: tx, table, batchPages: options.batchPages });
        log(`copied ${table.name}: ${rows} row(s)`);
      }
    }
    for (const sequence of sequences)
      await tx.query('SELECT setval($1::regclass, $2, $3)', [
        quoteIdentifier(sequence.name),
        sequence.lastValue,
        sequence.isCalled,
      ]);
    const actual = await checksums(tx, tables);
    const mismatch = expected.find((table, index) => !sameChecksum(table, actual[index]));
    if (mismatch !== undefined) {
      throw new PodiumError(
        'internal_error',
        `table ${mismatch.table} differs after the copy (rows or checksum): nothing was imported`,
      );
    }
    log(
      `verified ${tables.length} table(s): ${expected.reduce((sum, table) => sum + table.rows, 0)} row(s), counts and checksums equal on both sides`,
    );
    return { outcome, tables: expected, sequences };
  });
}

async function checksums(sql: SqlExecutor, tables: readonly TableShape[]): Promise<TableChecksum[]> {
  const result: TableChecksum[] = [];
  for (const table of tables) result.push(await tableChecksum(sql, table));
  return result;
}

const sameChecksum = (a: TableChecksum | undefined, b: TableChecksum | undefined): boolean =>
  a !== undefined && b !== undefined && a.table === b.table && a.rows === b.rows && a.checksum === b.checksum;

const sameChecksums = (a: readonly TableChecksum[], b: readonly TableChecksum[]): boolean =>
  a.length === b.length && a.every((table, index) => sameChecksum(table, b[index]));

async function firstOccupied(tx: SqlExecutor, tables: readonly TableShape[]): Promise<string | undefined> {
  for (const table of tables) {
    const [row] = await tx.query<{ present: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${quoteIdentifier(table.name)}) AS present`,
    );
    if (row?.present === true) return table.name;
  }
  return undefined;
}

async function readSequences(sql: SqlExecutor, shape: SchemaShape): Promise<ImportedSequence[]> {
  const sequences: ImportedSequence[] = [];
  for (const name of shape.sequences) {
    const [row] = await sql.query<{ last_value: number; is_called: boolean }>(
      `SELECT last_value, is_called FROM ${quoteIdentifier(name)}`,
    );
    if (row !== undefined) sequences.push({ name, lastValue: row.last_value, isCalled: row.is_called });
  }
  return sequences;
}

/** Both sides must be at this release's schema: the target is migrated by its opener, the copy just now. */
async function assertSameVersions(source: SqlExecutor, target: SqlExecutor): Promise<void> {
  const versions = async (sql: SqlExecutor): Promise<string> => {
    const [present] = await sql.query<{ present: boolean }>(
      `SELECT to_regclass('${migrationsTable}') IS NOT NULL AS present`,
    );
    if (present?.present !== true) return 'none';
    const rows = await sql.query<{ version: number }>(`SELECT version FROM ${migrationsTable} ORDER BY version`);
    return rows.map((row) => row.version).join(', ');
  };
  const [from, to] = [await versions(source), await versions(target)];
  if (from !== to) {
    throw new PodiumError(
      'config_invalid',
      `the target database is at schema versions [${to}] and the PGlite database at [${from}]: migrate the target with this release (start Podium on it once) before importing`,
    );
  }
}
