/**
 * Composition of storage (a part of the composition root, kept out of main.ts for size): the server secret,
 * loaded before the store opens, and the migrated SQL client every capability creates its repositories on.
 */
import type { PodiumConfig } from './config/index.js';
import { podiumMigrations } from './podium-migrations.js';
import { loadServerSecret, type ServerSecret } from './secrets/index.js';
import { embeddedPostgresMajor, openStore, type SqlClient } from './store/index.js';

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
  const store = await openStore({ databaseUrl: config.server.databaseUrl, dataDir, migrations: podiumMigrations });
  const label =
    store.driver === 'embedded'
      ? `embedded PostgreSQL ${embeddedPostgresMajor} ${dataDir === undefined ? '(throwaway)' : `in ${dataDir}`}`
      : store.driver;
  return { secret, store, label };
}
