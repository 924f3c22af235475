import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PodiumError } from '../../contract/index.js';
import { createServerSecret, type ServerSecret } from './server-secret.js';

/** The default file's name, in the data dir's parent: outside the data dir, which backups and volumes carry. */
export const defaultSecretFileName = 'podium-secret.key';

export interface LoadServerSecretOptions {
  /** PODIUM_SECRET_KEY. */
  value: string | undefined;
  /** PODIUM_SECRET_KEY_FILE (absolute). */
  file: string | undefined;
  /** The embedded store's directory; undefined when it is in memory (then, without a secret, a throwaway one). */
  dataDir: string | undefined;
  /**
   * True when several replicas may share the database (PostgreSQL): they must share the secret too, so it has
   * to be configured — a key each replica generated would make one replica's links fail on another.
   */
  shared: boolean;
}

/** The secret, and what start-up should say about it. */
export interface LoadedServerSecret {
  secret: ServerSecret;
  /** Lines for the log: a generated file, permissions others can read. */
  notes: string[];
}

/**
 * Finds the server secret: PODIUM_SECRET_KEY, else PODIUM_SECRET_KEY_FILE, else `<data dir's parent>/podium-secret.key`
 * (the file generated with mode 0600 when missing), else — in-memory runs only — a throwaway key.
 * @throws PodiumError `config_invalid` when replicas may share the database and no secret is configured, or the file is unusable.
 */
export async function loadServerSecret(options: LoadServerSecretOptions): Promise<LoadedServerSecret> {
  if (options.value !== undefined)
    return {
      secret: createServerSecret({ material: Buffer.from(options.value, 'utf8'), source: 'PODIUM_SECRET_KEY' }),
      notes: [],
    };
  if (options.file === undefined && options.shared) {
    throw new PodiumError(
      'config_invalid',
      'PODIUM_DATABASE_URL is set: set PODIUM_SECRET_KEY (or PODIUM_SECRET_KEY_FILE) to the same secret on every replica; ' +
        'approval links and audit checkpoints are keyed from it, and a key each replica generated would not verify on the others',
    );
  }
  const path =
    options.file ?? (options.dataDir === undefined ? undefined : join(dirname(options.dataDir), defaultSecretFileName));
  if (path === undefined)
    return {
      secret: createServerSecret({ material: randomBytes(32), source: 'a throwaway key (in-memory store)' }),
      notes: [],
    };
  const notes: string[] = [];
  const { material, generated } = await readOrCreate(path);
  if (generated)
    notes.push(
      `generated the server secret in ${path} (mode 0600); back it up: approval links and audit checkpoints depend on it`,
    );
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) !== 0)
    notes.push(`WARNING the server secret ${path} is readable by others (mode ${mode.toString(8)}): chmod 600 it`);
  return { secret: createServerSecret({ material, source: `file ${path}`, path }), notes };
}

async function readOrCreate(path: string): Promise<{ material: Buffer; generated: boolean }> {
  const existing = await readFile(path, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PodiumError('config_invalid', `cannot read the server secret ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  });
  if (existing !== undefined) {
    const text = existing.trim();
    if (text.length < 32)
      throw new PodiumError('config_invalid', `the server secret ${path} holds fewer than 32 characters`);
    return { material: Buffer.from(text, 'utf8'), generated: false };
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: link() fails if the file exists, so two processes starting together
  // agree on one secret, and nobody ever reads a half-written file.
  const staging = `${path}.${randomUUID()}.tmp`;
  await writeFile(staging, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await link(staging, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreate(path);
    throw error;
  } finally {
    await rm(staging, { force: true });
  }
  return { ...(await readOrCreate(path)), generated: true };
}
