/**
 * Composition of storage (a part of the composition root, kept out of main.ts for size): the server secret,
 * loaded before the store opens, and the migrated SQL client every capability creates its repositories on.
 *
 * The migration list is imported, not bundled in: it names every capability's migrations through their
 * index.ts, which loads most of the server. Imported while PostgreSQL starts, that time overlaps the
 * server's start instead of coming before it.
 */
import type { PodiumConfig } from './config/index.js';
import { loadServerSecret, type ServerSecret } from './secrets/index.js';
import {
  embeddedPostgresMajor,
  migrate,
  openEmbeddedPostgresClient,
  openSqlClient,
  openStore,
  type Migration,
  type SqlClient,
} from './store/index.js';

const loadMigrations = async (): Promise<readonly Migration[]> =>
  (await import('./podium-migrations.js')).podiumMigrations;

export interface StartedStore {
  secret: ServerSecret;
  /** Migrated with every capability's migrations; capabilities create their repositories on it. */
  store: SqlClient;
  /** What the startup line says the store is: `embedded PostgreSQL 17 in <dir>`, `postgres`. */
  label: string;
}

/** Loads the server secret, then opens the store (Podium's own PostgreSQL in the data dir, or PODIUM_DATABASE_URL). */
export async function startStore(options: {
  config: PodiumConfig;
  log: (line: string) => void;
}): Promise<StartedStore> {
  const { config, log } = options;
  // PODIUM_DATA_DIR=:memory: runs a throwaway embedded PostgreSQL, removed on exit (tests, throwaway runs).
  const dataDir =
    config.server.databaseUrl || config.server.dataDir.endsWith(':memory:') ? undefined : config.server.dataDir;
  // Before the store opens: a replica without the shared secret must not start at all.
  const { secret, notes } = await loadServerSecret({
    value: config.server.secretKey,
    file: config.server.secretKeyFile,
    dataDir: config.server.dataDir.endsWith(':memory:') ? undefined : config.server.dataDir,
    shared: config.server.databaseUrl !== undefined,
  });
  for (const note of notes) log(`podium: ${note}`);
  const store = await openMigrated({ databaseUrl: config.server.databaseUrl, dataDir });
  const label =
    store.driver === 'embedded'
      ? `embedded PostgreSQL ${embeddedPostgresMajor} ${dataDir === undefined ? '(throwaway)' : `in ${dataDir}`}`
      : store.driver;
  return { secret, store, label };
}

/**
 * The store, migrated. Podium's own PostgreSQL is spawned first and the migrations load while it starts (not
 * before: module loading holds the event loop, and the steps before the spawn would wait for it); a server at a
 * URL is connected to lazily; a throwaway database needs the migrations first (its template is migrated once,
 * then copied: see store/open-store.ts).
 */
async function openMigrated(options: {
  databaseUrl: string | undefined;
  dataDir: string | undefined;
}): Promise<SqlClient> {
  if (options.databaseUrl === undefined && options.dataDir === undefined)
    return openStore({ migrations: await loadMigrations() });
  let loading: Promise<readonly Migration[]> | undefined;
  const startLoading = (): Promise<readonly Migration[]> => (loading ??= loadMigrations());
  const store =
    options.databaseUrl === undefined && options.dataDir !== undefined
      ? await openEmbeddedPostgresClient(options.dataDir, {
          onSpawned: () => void startLoading().catch(() => undefined),
        })
      : await openSqlClient({ databaseUrl: options.databaseUrl });
  try {
    // One transaction on a restart: the versions are read under the lock and every one is already applied.
    await migrate(store, await startLoading());
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
