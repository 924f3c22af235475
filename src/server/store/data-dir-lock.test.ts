import { chmod, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { migrate } from './migrate.js';
import type { Migration } from './migration.js';
import { openStore } from './open-store.js';
import { createSettingsRepository } from './settings-repository.js';

// store/ knows no capability's schema: a table of its own, and the shared settings table, stand for them.
const migrations: Migration[] = [
  {
    version: 1,
    name: 'settings',
    sql: 'CREATE TABLE settings (key text PRIMARY KEY, value jsonb NOT NULL, updated_at timestamptz(3) NOT NULL DEFAULT now())',
  },
  { version: 2, name: 'probe', sql: 'CREATE TABLE probe (id text PRIMARY KEY, name text NOT NULL)' },
];

describe('the data directory lock, on the embedded PostgreSQL', () => {
  // 0711: as root, the embedded server runs as `postgres`, which must pass through (mkdtemp makes 0700).
  const parent = mkdtemp(join(tmpdir(), 'podium-store-')).then(async (dir) => {
    await chmod(dir, 0o711);
    return dir;
  });
  afterAll(async () => {
    await rm(await parent, { recursive: true, force: true });
  });

  it('creates the directory, and finds everything again after close and reopen without re-migrating', async () => {
    const dataDir = join(await parent, 'nested', 'data');
    const first = await openStore({ dataDir, migrations });
    await first.query("INSERT INTO probe (id, name) VALUES ('team_1', 'platform')");
    await createSettingsRepository(first).set('admin-key-hash', 'abc');
    await first.close();

    const second = await openStore({ dataDir, migrations });
    try {
      expect(second.driver).toBe('embedded');
      expect(await second.query('SELECT id, name FROM probe')).toEqual([{ id: 'team_1', name: 'platform' }]);
      expect(await createSettingsRepository(second).get('admin-key-hash')).toBe('abc');
      expect(await migrate(second, migrations)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('refuses a second open of a directory in use, and takes over a lock its holder left behind', async () => {
    const dataDir = join(await parent, 'locked');
    const holder = await openStore({ dataDir, migrations });
    try {
      const second = openStore({ dataDir, migrations });
      await expect(second).rejects.toBeInstanceOf(PodiumError);
      await expect(second).rejects.toMatchObject({
        code: 'config_invalid',
        message: expect.stringContaining('in use by this process') as unknown,
      });
    } finally {
      await holder.close();
    }

    // A crash elsewhere: the lock names another host and was last refreshed an hour ago.
    const lockFile = join(dataDir, 'podium.lock');
    await writeFile(lockFile, JSON.stringify({ pid: 1, hostname: `not-${hostname()}` }));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(lockFile, anHourAgo, anHourAgo);
    const reopened = await openStore({ dataDir, migrations });
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toEqual({ pid: process.pid, hostname: hostname() });
    await reopened.close();
  });

  it('refuses a directory whose lock another host refreshed recently', async () => {
    const dataDir = join(await parent, 'shared');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'podium.lock'), JSON.stringify({ pid: 4242, hostname: `not-${hostname()}` }));
    await expect(openStore({ dataDir, migrations })).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining('process 4242') as unknown,
    });
  });
});
