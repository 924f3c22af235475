import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { openStore } from './open-store.js';

describe('pglite with a data directory', () => {
  const parent = mkdtemp(join(tmpdir(), 'podium-store-'));
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
      expect(second.driver).toBe('pglite');
      expect(await second.identity.findTeam('platform')).toEqual(team);
      expect(await second.identity.ensureOrganization('default')).toEqual(org);
      expect(await second.settings.get('admin-key-hash')).toBe('abc');
      expect(await migrate(second.sql)).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
