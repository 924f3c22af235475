import { readdir, readFile, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
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

/** The cluster directories of this process's throwaway postmasters, from /proc. */
async function throwawayClusters(): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    const dir = args[args.indexOf('-D') + 1];
    if (args[0]?.endsWith('/postgres') === true && dir?.includes(`podium-pg-${process.pid}-`) === true) found.push(dir);
  }
  return found;
}

describe('throwaway stores', () => {
  it('are separate migrated databases on one throwaway server, which stops and is removed after the last closes', async () => {
    const [first, second] = [await openStore({ migrations }), await openStore({ migrations })];
    const servers = await throwawayClusters();
    expect(servers).toHaveLength(1);
    await createSettingsRepository(first).set('where', 'first');
    expect(await createSettingsRepository(second).get('where')).toBeUndefined();
    expect(first.driver).toBe('embedded');
    const [settings] = await first.query<{ fsync: string; listen: string }>(
      "SELECT current_setting('fsync') AS fsync, current_setting('listen_addresses') AS listen",
    );
    // Throwaway: no fsync (nothing in it must survive); still loopback only.
    expect(settings).toEqual({ fsync: 'off', listen: '127.0.0.1' });
    await first.close();
    await second.close();
    const deadline = Date.now() + 15_000;
    while ((await throwawayClusters()).length > 0 && Date.now() < deadline) await sleep(100);
    expect(await throwawayClusters()).toEqual([]);
    await expect(stat(servers[0] ?? '')).rejects.toMatchObject({ code: 'ENOENT' });
  }, 60_000);
});
