import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { migrate } from './migrate.js';
import { migrations, type Migration } from './migrations/index.js';
import type { StoreAccessor } from './store-accessor.test-suite.js';

const versions = async (store: StoreAccessor): Promise<number[]> =>
  (await store().sql.query<{ version: number }>('SELECT version FROM podium_migrations ORDER BY version')).map((row) => row.version);

export function describeMigrationConformance(store: StoreAccessor): void {
  describe('migrations', () => {
    it('records every version once and applies nothing when run again', async () => {
      expect(await versions(store)).toEqual(migrations.map((migration) => migration.version));
      expect(await migrate(store().sql)).toEqual([]);
      expect(await Promise.all([migrate(store().sql), migrate(store().sql)])).toEqual([[], []]);
      expect(await versions(store)).toEqual(migrations.map((migration) => migration.version));
    });

    it('applies a failing migration not at all', async () => {
      const table = `conformance_${randomUUID().replaceAll('-', '')}`;
      const failing: Migration = { version: 9001, name: 'fails-halfway', sql: `CREATE TABLE ${table} (id integer); SELECT 1/0;` };
      await expect(migrate(store().sql, [...migrations, failing])).rejects.toMatchObject({ code: '22012' });
      expect(await versions(store)).not.toContain(9001);
      const [row] = await store().sql.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [table]);
      expect(row?.found).toBeNull();
    });

    it('applies a new migration once and then refuses an older release that does not know it', async () => {
      const table = `conformance_${randomUUID().replaceAll('-', '')}`;
      const next: Migration = { version: 9002, name: 'adds-a-table', sql: `CREATE TABLE ${table} (id integer)` };
      try {
        expect(await migrate(store().sql, [...migrations, next])).toEqual([9002]);
        expect(await migrate(store().sql, [...migrations, next])).toEqual([]);
        const refusal = migrate(store().sql);
        await expect(refusal).rejects.toBeInstanceOf(PodiumError);
        await expect(refusal).rejects.toMatchObject({ code: 'config_invalid' });
      } finally {
        await store().sql.query('DELETE FROM podium_migrations WHERE version = 9002');
        await store().sql.query(`DROP TABLE IF EXISTS ${table}`);
      }
    });

    it('rejects a migration list out of order', async () => {
      const [first] = migrations;
      if (first === undefined) throw new Error('no migrations');
      await expect(migrate(store().sql, [first, first])).rejects.toMatchObject({ code: 'internal_error' });
    });
  });
}
