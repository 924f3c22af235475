import { spawn } from 'node:child_process';
import { appendFile, chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { startEmbeddedPostgres } from './embedded-postgres-server.js';
import { isAlive } from './leftover-postmaster.js';
import type { Migration } from './migration.js';
import { openStore } from './open-store.js';
import { createSettingsRepository } from './settings-repository.js';

// store/ knows no capability's schema: the shared settings table stands for them.
const migrations: Migration[] = [
  {
    version: 1,
    name: 'settings',
    sql: 'CREATE TABLE settings (key text PRIMARY KEY, value jsonb NOT NULL, updated_at timestamptz(3) NOT NULL DEFAULT now())',
  },
];

const parent = await mkdtemp(join(tmpdir(), 'podium-embedded-'));
// As root, the server runs as `postgres`, which must be able to pass through (mkdtemp makes 0700).
await chmod(parent, 0o711);
afterAll(() => rm(parent, { recursive: true, force: true }));

/** The pid in the cluster's postmaster.pid, or undefined when the server is stopped. */
async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : Number.parseInt(text, 10);
}

/** Postmasters running on `clusterDir`, from /proc (children have the postmaster as parent, not `-D`). */
async function postmastersOn(clusterDir: string): Promise<number[]> {
  const { readdir } = await import('node:fs/promises');
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = commandLine.split('\0');
    if (args[0]?.endsWith('/postgres') === true && args.includes(clusterDir)) found.push(Number(entry));
  }
  return found;
}

const password = async (dataDir: string): Promise<string> =>
  (await readFile(join(dataDir, 'postgres.password'), 'utf8')).trim();

describe('embedded PostgreSQL on a data directory', () => {
  it('creates the cluster in <dataDir>/postgres, durable, on 127.0.0.1 only, and keeps data across close and reopen', async () => {
    const dataDir = join(parent, 'fresh');
    const first = await openStore({ dataDir, migrations });
    try {
      expect(first.driver).toBe('embedded');
      const [settings] = await first.query<{ fsync: string; listen: string; sockets: string }>(
        "SELECT current_setting('fsync') AS fsync, current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS sockets, current_setting('max_connections') AS connections",
      );
      // Sized for one Podium (embedded-postgres-settings.ts): a durable server takes few connections.
      expect(settings).toEqual({ fsync: 'on', listen: '127.0.0.1', sockets: '', connections: '20' });
      await createSettingsRepository(first).set('kept', 'yes');
      expect(((await stat(join(dataDir, 'postgres.password'))).mode & 0o777).toString(8)).toBe('600');
    } finally {
      await first.close();
    }
    // close() stopped the server: its pid file is gone and nothing runs on the cluster.
    expect(await postmasterPid(dataDir)).toBeUndefined();
    expect(await postmastersOn(join(dataDir, 'postgres'))).toEqual([]);
    const second = await openStore({ dataDir, migrations });
    try {
      expect(await createSettingsRepository(second).get('kept')).toBe('yes');
    } finally {
      await second.close();
    }
  });

  it('stops a postmaster a killed Podium left running, so one directory never has two', async () => {
    const dataDir = join(parent, 'orphan');
    await (await openStore({ dataDir, migrations })).close();
    const clusterDir = join(dataDir, 'postgres');
    // What kill -9 of Podium leaves: a server on the cluster, and no Podium lock holding it.
    const orphan = await startEmbeddedPostgres({ clusterDir, password: await password(dataDir), durable: true });
    expect(await postmastersOn(clusterDir)).toEqual([orphan.pid]);
    const store = await openStore({ dataDir, migrations });
    try {
      expect(isAlive(orphan.pid)).toBe(false);
      const running = await postmastersOn(clusterDir);
      expect(running).toHaveLength(1);
      expect(running[0]).not.toBe(orphan.pid);
      expect(await postmasterPid(dataDir)).toBe(running[0]);
      expect(await store.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await store.close();
      await orphan.stop();
    }
  });

  it('starts over a stale postmaster.pid whose pid now belongs to an unrelated live process, and leaves that process alone', async () => {
    const dataDir = join(parent, 'stale');
    await (await openStore({ dataDir, migrations })).close();
    const unrelated = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const pid = unrelated.pid ?? 0;
      await writeFile(
        join(dataDir, 'postgres', 'postmaster.pid'),
        `${pid}\n${join(dataDir, 'postgres')}\n1700000000\n5432\n\n127.0.0.1\n  5432001  0\nready   \n`,
      );
      const store = await openStore({ dataDir, migrations });
      await store.close();
      expect(isAlive(pid)).toBe(true);
    } finally {
      unrelated.kill('SIGKILL');
    }
  });

  it('starts the server again when its postmaster dies while Podium runs, on the same port, data intact', async () => {
    const dataDir = join(parent, 'restarted');
    const store = await openStore({ dataDir, migrations });
    try {
      await createSettingsRepository(store).set('kept', 'before the crash');
      const first = await postmasterPid(dataDir);
      expect(first).toBeGreaterThan(0);
      process.kill(first ?? 0, 'SIGKILL');
      // A new postmaster on the cluster (a backend of the dead one may still answer on an open connection,
      // so only a new postmaster shows the restart), then the same pool works again: no reopen by the caller.
      const deadline = Date.now() + 45_000;
      let restarted: number[] = [];
      while (Date.now() < deadline) {
        restarted = (await postmastersOn(join(dataDir, 'postgres'))).filter((pid) => pid !== first);
        if (restarted.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(restarted).toHaveLength(1);
      let answered = false;
      while (!answered && Date.now() < deadline) {
        answered = await store.query('SELECT 1').then(
          () => true,
          () => false,
        );
        if (!answered) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(answered).toBe(true);
      expect(await createSettingsRepository(store).get('kept')).toBe('before the crash');
      const second = await postmasterPid(dataDir);
      expect(second).not.toBe(first);
      expect(await postmastersOn(join(dataDir, 'postgres'))).toEqual([second]);
    } finally {
      await store.close();
    }
    expect(await postmastersOn(join(dataDir, 'postgres'))).toEqual([]);
  }, 90_000);

  it('retries on another port when the one it chose was taken before the server bound it', async () => {
    const dataDir = join(parent, 'port');
    await (await openStore({ dataDir, migrations })).close();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as { port: number }).port;
    const offered: number[] = [];
    const choosePort = (): Promise<number> => {
      // First the squatted port (the race lost), then one nobody holds.
      const port = offered.length === 0 ? taken : 0;
      offered.push(port);
      return port === 0 ? freePort() : Promise.resolve(port);
    };
    // The caller's work alongside the start (loading modules) begins once, not once per attempt.
    let spawned = 0;
    try {
      const server = await startEmbeddedPostgres({
        clusterDir: join(dataDir, 'postgres'),
        password: await password(dataDir),
        durable: true,
        choosePort,
        onSpawned: () => (spawned += 1),
      });
      expect(offered).toHaveLength(2);
      expect(server.port).not.toBe(taken);
      expect(spawned).toBe(1);
      await server.stop();
    } finally {
      squatter.close();
    }
  });

  it('refuses a cluster from a newer PostgreSQL major, naming the version and the directory', async () => {
    const dataDir = join(parent, 'newer');
    await mkdir(join(dataDir, 'postgres'), { recursive: true });
    await writeFile(join(dataDir, 'postgres', 'PG_VERSION'), '18\n');
    await writeFile(join(dataDir, 'postgres.password'), 'x\n');
    const opening = openStore({ dataDir, migrations });
    await expect(opening).rejects.toBeInstanceOf(PodiumError);
    await expect(opening).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringMatching(/PostgreSQL 18.*PostgreSQL 17/) as unknown,
    });
    await expect(opening).rejects.toMatchObject({
      message: expect.stringContaining(join(dataDir, 'postgres')) as unknown,
    });
  });

  it('refuses a data dir written by the PGlite versions, naming the command that imports it, and changes nothing', async () => {
    const dataDir = join(parent, 'pglite');
    await mkdir(join(dataDir, 'base'), { recursive: true });
    await writeFile(join(dataDir, 'PG_VERSION'), '17\n');
    await expect(openStore({ dataDir, migrations })).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining(`podium import-pglite --data-dir ${dataDir}`) as unknown,
    });
    await expect(stat(join(dataDir, 'postgres'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports the server output when it fails to start', async () => {
    const dataDir = join(parent, 'broken');
    await (await openStore({ dataDir, migrations })).close();
    await appendFile(join(dataDir, 'postgres', 'postgresql.conf'), '\nshared_buffers = nonsense\n');
    await expect(openStore({ dataDir, migrations })).rejects.toMatchObject({
      code: 'store_unavailable',
      message: expect.stringContaining('shared_buffers') as unknown,
    });
    // The failed start released the data dir's lock: fixing the file is enough.
    await expect(stat(join(dataDir, 'podium.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
