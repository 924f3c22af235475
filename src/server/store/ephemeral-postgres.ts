import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { throwawayCluster } from './cluster-cache.js';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from './embedded-postgres-server.js';
import { embeddedPoolSize } from './embedded-postgres-settings.js';
import { openPostgresClient } from './postgres-client.js';
import type { SqlClient } from './sql-client.js';

/** Prepares a fresh database (migrates it): run once per server, then copied for each open. */
export type PrepareTemplate = (sql: SqlClient) => Promise<void>;

interface SharedServer {
  server: EmbeddedPostgresServer;
  clusterDir: string;
  admin: pg.Pool;
  clients: number;
  templates: Map<PrepareTemplate, Promise<string>>;
  idleTimer: NodeJS.Timeout | undefined;
}

/**
 * How long the throwaway server outlives its last client. Test files close a store and open the next one in
 * the following test: without a grace each would pay initdb and a start again (~0.5 s). The timer is unref'd,
 * so it never keeps a process alive; at exit the server is stopped and its directory removed anyway.
 */
const idleGraceMs = 2_000;

let shared: Promise<SharedServer> | undefined;
let opened = 0;
/** CREATE DATABASE … TEMPLATE refuses while another session is connected to the template: one at a time. */
let creating: Promise<unknown> = Promise.resolve();

/**
 * A throwaway database (PODIUM_DATA_DIR=:memory:, or no data dir): a fresh database on one throwaway PostgreSQL
 * server per process, created in the temporary directory on the first open (no fsync: nothing in it must
 * survive) and stopped, its directory removed, shortly after the last client closes. With `prepareTemplate`,
 * the first open prepares a template database and every later open copies it (CREATE DATABASE … TEMPLATE),
 * which is cheaper than migrating each one (see docs/decisions/0005-embedded-postgresql.md).
 */
export async function openEphemeralPostgresClient(prepareTemplate?: PrepareTemplate): Promise<SqlClient> {
  const entry = await acquire();
  try {
    const database = `podium_${process.pid}_${(opened += 1)}`;
    const template = prepareTemplate === undefined ? undefined : await templateFor(entry, prepareTemplate);
    await serially(() =>
      entry.admin.query(`CREATE DATABASE ${database}${template === undefined ? '' : ` TEMPLATE ${template}`}`),
    );
    return openPostgresClient({
      url: entry.server.url(database),
      driver: 'embedded',
      maxConnections: embeddedPoolSize,
      afterClose: async () => {
        await entry.admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
        release(entry);
      },
    });
  } catch (error) {
    release(entry);
    throw error;
  }
}

async function acquire(): Promise<SharedServer> {
  shared ??= startShared();
  const entry = await shared.catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  clearTimeout(entry.idleTimer);
  entry.idleTimer = undefined;
  entry.clients += 1;
  return entry;
}

function release(entry: SharedServer): void {
  entry.clients -= 1;
  if (entry.clients > 0) return;
  entry.idleTimer = setTimeout(() => {
    if (entry.clients > 0) return;
    shared = undefined;
    void entry.admin
      .end()
      .catch(() => undefined)
      .then(() => entry.server.stop())
      .then(() => rm(entry.clusterDir, { recursive: true, force: true }));
  }, idleGraceMs);
  entry.idleTimer.unref();
}

async function startShared(): Promise<SharedServer> {
  const clusterDir = join(tmpdir(), `podium-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const cluster = await throwawayCluster(clusterDir);
    const server = await startEmbeddedPostgres({ ...cluster, durable: false });
    // allowExitOnIdle: an idle admin connection must not keep a process alive that has nothing else to do.
    const admin = new pg.Pool({ connectionString: server.url('postgres'), max: 1, allowExitOnIdle: true });
    admin.on('error', () => undefined);
    return { server, clusterDir, admin, clients: 0, templates: new Map(), idleTimer: undefined };
  } catch (error) {
    await rm(clusterDir, { recursive: true, force: true });
    throw error;
  }
}

function templateFor(entry: SharedServer, prepare: PrepareTemplate): Promise<string> {
  let template = entry.templates.get(prepare);
  if (template === undefined) {
    const name = `podium_template_${entry.templates.size + 1}`;
    template = (async () => {
      await serially(() => entry.admin.query(`CREATE DATABASE ${name}`));
      const sql = openPostgresClient({ url: entry.server.url(name), driver: 'embedded' });
      try {
        await prepare(sql);
      } finally {
        // Closed before any copy: a session left on the template would make CREATE DATABASE … TEMPLATE fail.
        await sql.close();
      }
      return name;
    })();
    template.catch(() => entry.templates.delete(prepare));
    entry.templates.set(prepare, template);
  }
  return template;
}

function serially<T>(step: () => Promise<T>): Promise<T> {
  const result = creating.then(step, step);
  creating = result.catch(() => undefined);
  return result;
}
