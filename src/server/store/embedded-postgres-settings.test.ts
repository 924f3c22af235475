import { describe, expect, it } from 'vitest';
import { embeddedPoolSize, embeddedPostgresSettings } from './embedded-postgres-settings.js';
import { openStore } from './open-store.js';

describe('the embedded PostgreSQL settings', () => {
  it('run the server sized for one Podium: small shared memory, few connections, no replication processes', async () => {
    const store = await openStore({ migrations: [] });
    try {
      const [settings] = await store.query<Record<string, string>>(
        `SELECT current_setting('shared_buffers') AS shared_buffers, current_setting('max_connections') AS max_connections,
                current_setting('wal_level') AS wal_level, current_setting('huge_pages') AS huge_pages,
                current_setting('autovacuum') AS autovacuum, current_setting('autovacuum_max_workers') AS autovacuum_workers`,
      );
      expect(settings).toEqual({
        shared_buffers: '16MB',
        // A throwaway server holds every store of a process: the default number of connections.
        max_connections: '100',
        wal_level: 'minimal',
        huge_pages: 'off',
        // Smaller, not off: the ledger still needs vacuuming.
        autovacuum: 'on',
        autovacuum_workers: '1',
      });
      const processes = await store.query<{ backend_type: string }>('SELECT backend_type FROM pg_stat_activity');
      expect(processes.map((row) => row.backend_type)).not.toContain('logical replication launcher');
    } finally {
      await store.close();
    }
  });

  it('limit connections on the durable server, Podium own, and keep it on loopback only', () => {
    const durable = embeddedPostgresSettings({ durable: true });
    expect(durable).toContain('max_connections=20');
    expect(durable).toContain('listen_addresses=127.0.0.1');
    expect(durable).not.toContain('fsync=off');
  });

  it('give Podium a pool of a few connections: a burst of queries waits for one rather than starting backends', async () => {
    const store = await openStore({ migrations: [] });
    try {
      const burst = await Promise.all(
        Array.from({ length: embeddedPoolSize * 3 }, () =>
          store.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.02)'),
        ),
      );
      const backends = new Set(burst.map(([row]) => row?.pid));
      expect(backends.size).toBeGreaterThan(1);
      expect(backends.size).toBeLessThanOrEqual(embeddedPoolSize);
    } finally {
      await store.close();
    }
  });
});
