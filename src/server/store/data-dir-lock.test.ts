import { chmod, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { migrate } from './migrate.js';
import { openStore } from './open-store.js';

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
    const first = await openStore({ dataDir });
    const org = await first.identity.ensureOrganization('default');
    const team = await first.identity.createTeam({ orgId: org.id, name: 'platform' });
    await first.settings.set('admin-key-hash', 'abc');
    await first.close();

    const second = await openStore({ dataDir });
    try {
      expect(second.driver).toBe('embedded');
      expect(await second.identity.findTeam('platform')).toEqual(team);
      expect(await second.identity.ensureOrganization('default')).toEqual(org);
      expect(await second.settings.get('admin-key-hash')).toBe('abc');
      expect(await migrate(second.sql)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('refuses a second open of a directory in use, and takes over a lock its holder left behind', async () => {
    const dataDir = join(await parent, 'locked');
    const holder = await openStore({ dataDir });
    try {
      const second = openStore({ dataDir });
      await expect(second).rejects.toBeInstanceOf(PodiumError);
      await expect(second).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringContaining('in use by this process') as unknown });
    } finally {
      await holder.close();
    }

    // A crash elsewhere: the lock names another host and was last refreshed an hour ago.
    const lockFile = join(dataDir, 'podium.lock');
    await writeFile(lockFile, JSON.stringify({ pid: 1, hostname: `not-${hostname()}` }));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(lockFile, anHourAgo, anHourAgo);
    const reopened = await openStore({ dataDir });
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toEqual({ pid: process.pid, hostname: hostname() });
    await reopened.close();
  });

  it('refuses a directory whose lock another host refreshed recently', async () => {
    const dataDir = join(await parent, 'shared');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'podium.lock'), JSON.stringify({ pid: 4242, hostname: `not-${hostname()}` }));
    await expect(openStore({ dataDir })).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringContaining('process 4242') as unknown });
  });
});
