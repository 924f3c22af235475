import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Whether a data directory entry is PostgreSQL's (PGlite writes a whole cluster straight into
 * `PODIUM_DATA_DIR`): `PG_VERSION`, `base/`, `global/`, the `pg_*` folders and the `.conf` files. Everything
 * else there is Podium's own (`podium.lock`, a legacy `audit-signing-key.pem`, the embedded server's
 * `postgres/`, earlier imports' `pglite-imported-*`) and is never copied or moved by the import.
 */
export function isPgliteEntry(name: string): boolean {
  return (
    name === 'PG_VERSION' ||
    name === 'base' ||
    name === 'global' ||
    name.startsWith('pg_') ||
    name.startsWith('postgresql.') ||
    name.startsWith('postmaster.')
  );
}

/** The PGlite entries directly in `dir`, by name (none when the directory does not exist). */
export async function listPgliteEntries(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  return names.filter(isPgliteEntry).sort();
}

/**
 * True when `dir` itself is a PGlite cluster (the layout of Podium's embedded store before issue 11):
 * `PG_VERSION` and `base/` directly in it. A PostgreSQL cluster Podium runs itself lives one level down, in
 * `<dir>/postgres`, so it never matches.
 */
export async function isPgliteDataDir(dir: string): Promise<boolean> {
  const [version, base] = await Promise.all([
    stat(join(dir, 'PG_VERSION')).catch(() => undefined),
    stat(join(dir, 'base')).catch(() => undefined),
  ]);
  return version?.isFile() === true && base?.isDirectory() === true;
}
