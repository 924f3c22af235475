import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    // Each test file is a process; its first throwaway store starts an embedded PostgreSQL (~50 MB, a copy of a
    // cached initialised cluster), later ones copy a migrated template database. Two workers fit 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
