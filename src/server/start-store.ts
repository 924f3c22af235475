/**
 * Composition of storage (a part of the composition root, kept out of main.ts for size): the server secret,
 * loaded before the store opens, and the store itself.
 */
import type { PodiumConfig } from './config/index.js';
import { loadServerSecret, type ServerSecret } from './secrets/index.js';
import { openStore, type Store } from './store/index.js';

export interface StartedStore {
  secret: ServerSecret;
  store: Store;
}

/** Loads the server secret, then opens the store (embedded in the data dir, or PODIUM_DATABASE_URL). */
export async function startStore(options: { config: PodiumConfig; log: (line: string) => void }): Promise<StartedStore> {
  const { config, log } = options;
  // PODIUM_DATA_DIR=:memory: keeps the embedded store in memory (tests, throwaway runs).
  const dataDir = config.server.databaseUrl || config.server.dataDir.endsWith(':memory:') ? undefined : config.server.dataDir;
  // Before the store opens: a replica without the shared secret must not start at all.
  const { secret, notes } = await loadServerSecret({
    value: config.server.secretKey,
    file: config.server.secretKeyFile,
    dataDir: config.server.dataDir.endsWith(':memory:') ? undefined : config.server.dataDir,
    shared: config.server.databaseUrl !== undefined,
  });
  for (const note of notes) log(`podium: ${note}`);
  const store = await openStore({ databaseUrl: config.server.databaseUrl, dataDir });
  return { secret, store };
}
