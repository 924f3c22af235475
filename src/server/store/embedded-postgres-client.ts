import { acquireDataDirLock } from './data-dir-lock.js';
import { createDataDir, prepareEmbeddedDataDir } from './embedded-data-dir.js';
import { initialiseCluster, startEmbeddedPostgres } from './embedded-postgres-server.js';
import { embeddedPoolSize } from './embedded-postgres-settings.js';
import { clearLeftoverPostmaster } from './leftover-postmaster.js';
import { serverAccount } from './postgres-binaries.js';
import { superviseEmbeddedPostgres } from './supervise-embedded-postgres.js';
import { openPostgresClient } from './postgres-client.js';
import type { SqlClient } from './sql-client.js';

/**
 * Opens Podium's own PostgreSQL on `dataDir`: takes the data dir's lock (one Podium per directory), creates
 * the cluster on a first start, stops a postmaster a killed Podium left behind, starts the server, and returns a
 * pool on it whose close() stops the server (fast shutdown) and releases the lock. A server that dies meanwhile
 * is started again (supervise-embedded-postgres.ts).
 * @throws PodiumError `config_invalid` (another Podium holds the dir, a PGlite dir, another major) or
 * `store_unavailable` (the server did not start).
 */
export async function openEmbeddedPostgresClient(
  dataDir: string,
  options: {
    besidePglite?: boolean | undefined;
    /** Called once the postmaster is spawned, before it is ready: see StartOptions.onSpawned. */
    onSpawned?: (() => void) | undefined;
  } = {},
): Promise<SqlClient> {
  // The lock file lives in the data dir: a missing directory is created, then locked before anything else.
  await createDataDir(dataDir);
  const lock = await acquireDataDirLock(dataDir);
  try {
    const account = await serverAccount();
    const layout = await prepareEmbeddedDataDir(dataDir, account, options);
    const cluster = { clusterDir: layout.clusterDir, password: layout.password, durable: true, known: { account } };
    if (!layout.initialised) await initialiseCluster(cluster);
    await clearLeftoverPostmaster(layout.clusterDir);
    const first = await startEmbeddedPostgres({ ...cluster, onSpawned: options.onSpawned });
    // A postmaster that dies while Podium runs is started again on the same port (the pool's URL stays right).
    const server = superviseEmbeddedPostgres({
      first,
      restart: async (port) => {
        await clearLeftoverPostmaster(layout.clusterDir);
        return startEmbeddedPostgres({ ...cluster, choosePort: () => Promise.resolve(port) });
      },
    });
    return openPostgresClient({
      url: first.url('postgres'),
      driver: 'embedded',
      maxConnections: embeddedPoolSize,
      afterClose: async () => {
        await server.stop();
        await lock.release();
      },
    });
  } catch (error) {
    await lock.release();
    throw error;
  }
}
