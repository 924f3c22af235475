import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { migrate } from './migrate.js';
import type { DatabaseAccessor } from './database-accessor.test-suite.js';
import type { Migration } from './migration.js';

const versions = async (database: DatabaseAccessor): Promise<number[]> =>
  (await database().query<{ version: number }>('SELECT version FROM podium_migrations ORDER BY version')).map(
    (row) => row.version,
  );

/** `migrations` is the list the database was opened with. */
export function describeMigrationConformance(database: DatabaseAccessor, migrations: readonly Migration[]): void {
  describe('migrations', () => {
    it('records every version once and applies nothing when run again', async () => {
      const declared = migrations.map((migration) => migration.version).sort((a, b) => a - b);
      expect(await versions(database)).toEqual(declared);
      expect(await migrate(database(), migrations)).toEqual([]);
      expect(await Promise.all([migrate(database(), migrations), migrate(database(), migrations)])).toEqual([[], []]);
      expect(await versions(database)).toEqual(declared);
    });

    it('applies a failing migration not at all', async () => {
      const table = `conformance_${randomUUID().replaceAll('-', '')}`;
      const failing: Migration = {
        version: 9001,
        name: 'fails-halfway',
        sql: `CREATE TABLE ${table} (id integer); SELECT 1/0;`,
      };
      await expect(migrate(database(), [...migrations, failing])).rejects.toMatchObject({ code: '22012' });
      expect(await versions(database)).not.toContain(9001);
      const [row] = await database().query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [table]);
      expect(row?.found).toBeNull();
    });

    it('applies a new migration once and then refuses an older release that does not know it', async () => {
      const table = `conformance_${randomUUID().replaceAll('-', '')}`;
      const next: Migration = { version: 9002, name: 'adds-a-table', sql: `CREATE TABLE ${table} (id integer)` };
      try {
        expect(await migrate(database(), [...migrations, next])).toEqual([9002]);
        expect(await migrate(database(), [...migrations, next])).toEqual([]);
        const refusal = migrate(database(), migrations);
        await expect(refusal).rejects.toBeInstanceOf(PodiumError);
        await expect(refusal).rejects.toMatchObject({ code: 'config_invalid' });
      } finally {
        await database().query('DELETE FROM podium_migrations WHERE version = 9002');
        await database().query(`DROP TABLE IF EXISTS ${table}`);
      }
    });

    it("takes the capabilities' lists in any order, and refuses a version or a name declared twice", async () => {
      expect(await migrate(database(), [...migrations].reverse())).toEqual([]);
      const [first] = migrations;
      if (first === undefined) throw new Error('no migrations');
      await expect(migrate(database(), [...migrations, first])).rejects.toMatchObject({ code: 'internal_error' });
      const sameVersion: Migration = { version: first.version, name: 'another-name', sql: 'SELECT 1' };
      await expect(migrate(database(), [...migrations, sameVersion])).rejects.toThrow(/declared twice/);
      const sameName: Migration = { version: 9003, name: first.name, sql: 'SELECT 1' };
      await expect(migrate(database(), [...migrations, sameName])).rejects.toThrow(/declared twice/);
      expect(await versions(database)).not.toContain(9003);
    });
  });
}
