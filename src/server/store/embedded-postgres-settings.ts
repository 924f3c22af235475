/**
 * The settings Podium starts its own PostgreSQL with (`postgres -c name=value`), sized for what it serves: one
 * Podium process, a pool of a few connections, a ledger written in batches. PostgreSQL's defaults assume a
 * dedicated server (128 MB of shared buffers, 100 connections, replication launchers); every figure below was
 * measured with `npm run bench:gateway` (docs/decisions/0005-embedded-postgresql.md, "Sized for one Podium").
 */

/** Connections Podium's pool opens at most: each is a backend process of ~10–20 MB RSS. */
export const embeddedPoolSize = 4;

const sized = [
  // The working set is the ledger's recent pages and a few small tables; the OS page cache holds the rest.
  'shared_buffers=16MB',
  // No replication: the launcher is a process of its own (~7 MB RSS) that would never start a worker.
  'max_logical_replication_workers=0',
  'max_wal_senders=0',
  'wal_level=minimal',
  // One table (the ledger) takes almost every write: one autovacuum worker keeps up.
  'autovacuum_max_workers=1',
  // Parallel query needs big scans; ours are index lookups, and each worker is another process.
  'max_worker_processes=2',
  'max_parallel_workers_per_gather=0',
  // A small instance never gets huge pages configured: do not try and fall back at every start.
  'huge_pages=off',
];

/**
 * The `-c` settings of an embedded server: TCP on 127.0.0.1 only, no Unix socket, sized for one Podium;
 * a throwaway one (`durable: false`) also skips fsync, full-page writes and synchronous commit.
 */
export function embeddedPostgresSettings(options: { durable: boolean }): string[] {
  return [
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    ...sized,
    ...(options.durable
      ? // Podium's pool, a migrator, psql for an operator; fewer slots also shrink the shared memory set aside
        // for locks and snapshots. A throwaway server keeps the default: it holds every store a process opens
        // (a test file may keep several, each with its own pool).
        ['max_connections=20']
      : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
  ];
}
