/**
 * Where `podium audit verify` finds the exported checkpoints when told nothing: where Podium writes them by default,
 * beside the server secret's file (PODIUM_SECRET_KEY_FILE) or in the data dir's parent.
 */
import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { AuditCheckpoint } from '../contract/index.js';
import type { CliContext } from './cli-context.js';

/** The directory Podium exports to by default for this environment, or undefined for an in-memory store. */
export function defaultExportDirectory(
  context: Pick<CliContext, 'env' | 'cwd'>,
  dataDir: string | undefined,
): string | undefined {
  if (dataDir !== undefined) return dirname(resolve(context.cwd, dataDir));
  const keyFile = context.env.PODIUM_SECRET_KEY_FILE?.trim();
  if (keyFile) return dirname(resolve(context.cwd, keyFile));
  const configured = context.env.PODIUM_DATA_DIR?.trim() || './.podium';
  return configured.endsWith(':memory:') ? undefined : dirname(resolve(context.cwd, configured));
}

export const fileExists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * One sentence on what the checkpoints could vouch for: the plain truth an operator needs, above all when nothing
 * outside the database was checked (then a full rewrite of the data dir would verify as intact).
 */
export function describeCheckpointCoverage(options: {
  exportedFrom: string | undefined;
  checkpoints: readonly AuditCheckpoint[];
}): string {
  const { exportedFrom, checkpoints } = options;
  if (exportedFrom === undefined) {
    return `checkpoints: none exported were checked (only the ${checkpoints.length} stored in the database, which whoever controls it can delete) — a full rewrite of the data dir would verify as intact`;
  }
  if (checkpoints.length === 0)
    return `checkpoints: none exported in ${exportedFrom} — a full rewrite of the data dir would verify as intact`;
  const latest = checkpoints.reduce((last, checkpoint) => (checkpoint.at > last ? checkpoint.at : last), '');
  return `checkpoints: verified against ${checkpoints.length} exported checkpoint(s) from ${exportedFrom}, the latest signed at ${latest}`;
}
