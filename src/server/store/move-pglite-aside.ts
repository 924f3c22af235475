import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listPgliteEntries } from './is-pglite-data-dir.js';

/** The folder, inside the data dir, that an import moves PGlite's files into. */
export const importedFolderPrefix = 'pglite-imported-';
/** Written into that folder: what was imported, and whether every file has been moved yet. */
export const importReportFileName = 'import-report.json';

/** What the import report says about the move itself; the rest of the report is the import's business. */
interface ReportHeader {
  state: 'moving' | 'complete';
}

/** `20261207T230525Z`: sortable, and free of characters some filesystems refuse (`:`). */
export function folderStamp(at: Date): string {
  return at
    .toISOString()
    .replaceAll('-', '')
    .replaceAll(':', '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Moves every PGlite entry of `dataDir` into `<dataDir>/pglite-imported-<stamp>/` (renames inside one
 * filesystem: nothing is copied or deleted), leaving Podium's own files where they are.
 *
 * Restartable: the report is written with `state: moving` before the first rename, and `PG_VERSION` moves
 * first, so after a crash the data dir no longer looks like PGlite and {@link finishMoveAside} completes the
 * move on the next run. Called only once the target holds the verified data.
 */
export async function movePgliteAside(options: { dataDir: string; stamp: string; report: object }): Promise<string> {
  const folder = join(options.dataDir, `${importedFolderPrefix}${options.stamp}`);
  await mkdir(folder, { recursive: true });
  await writeReport(folder, { ...options.report, state: 'moving' });
  await moveEntries(options.dataDir, folder);
  await writeReport(folder, { ...options.report, state: 'complete' });
  return folder;
}

/** Completes a move a crash interrupted; returns the folder it completed, or undefined when none was pending. */
export async function finishMoveAside(dataDir: string): Promise<string | undefined> {
  for (const folder of await importedFolders(dataDir)) {
    const report = await readReport(folder);
    if (report?.state !== 'moving') continue;
    await moveEntries(dataDir, folder);
    await writeReport(folder, { ...report, state: 'complete' });
    return folder;
  }
  return undefined;
}

/** Earlier imports' folders in `dataDir`, newest first. */
export async function importedFolders(dataDir: string): Promise<string[]> {
  const names = await readdir(dataDir).catch(() => []);
  return names
    .filter((name) => name.startsWith(importedFolderPrefix))
    .sort()
    .reverse()
    .map((name) => join(dataDir, name));
}

/** The state an import folder's report records; undefined when it has no readable report. */
export async function readImportState(folder: string): Promise<ReportHeader['state'] | undefined> {
  return (await readReport(folder))?.state;
}

async function moveEntries(dataDir: string, folder: string): Promise<void> {
  const entries = await listPgliteEntries(dataDir);
  const ordered = [
    ...entries.filter((name) => name === 'PG_VERSION'),
    ...entries.filter((name) => name !== 'PG_VERSION'),
  ];
  for (const name of ordered) await rename(join(dataDir, name), join(folder, name));
}

async function writeReport(folder: string, report: object): Promise<void> {
  // Written aside and renamed into place, so a crash never leaves half a report.
  const path = join(folder, importReportFileName);
  await writeFile(`${path}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

async function readReport(folder: string): Promise<(ReportHeader & Record<string, unknown>) | undefined> {
  const text = await readFile(join(folder, importReportFileName), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || !('state' in value)) return undefined;
    const { state } = value;
    return state === 'moving' || state === 'complete' ? { ...(value as Record<string, unknown>), state } : undefined;
  } catch {
    return undefined;
  }
}
