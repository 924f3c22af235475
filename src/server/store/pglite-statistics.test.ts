/**
 * PGlite runs no autovacuum: the store gathers planner statistics itself, at open and periodically, or
 * the planner guesses (and, for one, sorts a whole audit trail per page instead of walking its index).
 */
import { describe, expect, it } from 'vitest';
import type { Migration } from './migration.js';
import { openStore } from './open-store.js';
import { openPgliteClient } from './pglite-client.js';

// store/ knows no capability's schema: one table of its own stands for them.
const probeTable: Migration = { version: 1, name: 'probe-table', sql: 'CREATE TABLE statistics_probe (id bigint PRIMARY KEY)' };

const reltuples = async (query: (text: string) => Promise<{ reltuples: number }[]>, table: string): Promise<number> =>
  (await query(`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = '${table}'`))[0]?.reltuples ?? Number.NaN;

describe('PGlite planner statistics', () => {
  it('are gathered when the store opens (reltuples 0 for an analysed empty table, -1 for a never-analysed one)', async () => {
    const sql = await openStore({ migrations: [probeTable] });
    try {
      expect(await reltuples((text) => sql.query(text), 'statistics_probe')).toBe(0);
    } finally {
      await sql.close();
    }
  });

  it('are refreshed periodically, so the planner walks the audit index page by page', async () => {
    const sql = await openPgliteClient({ analyzeEveryMs: 25 });
    try {
      await sql.query('CREATE TABLE probe (tenant text, seq bigint, PRIMARY KEY (tenant, seq))');
      await sql.query("INSERT INTO probe SELECT 'org', g FROM generate_series(1, 5000) g");
      let seen = -1;
      for (let attempt = 0; attempt < 400 && seen !== 5000; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        seen = await reltuples((text) => sql.query(text), 'probe');
      }
      expect(seen).toBe(5000);
      const plan = (await sql.query<{ 'QUERY PLAN': string }>("EXPLAIN SELECT seq FROM probe WHERE tenant = 'org' AND seq > 10 ORDER BY seq LIMIT 100")).map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).not.toContain('Sort');
    } finally {
      await sql.close();
    }
  });
});
