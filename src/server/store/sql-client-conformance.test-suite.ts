import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DatabaseAccessor } from './database-accessor.test-suite.js';
import { createSettingsRepository } from './settings-repository.js';

export function describeSqlClientConformance(database: DatabaseAccessor): void {
  describe('sql client', () => {
    it('returns the same JS types from every driver', async () => {
      const [row] = await database().query(
        `SELECT 9000000000::bigint AS big, 0.000123::numeric AS cost, 7::integer AS small, 1.25::double precision AS ratio,
                true AS flag, '2025-03-04T05:06:07.089Z'::timestamptz AS at, '{"a":[1,"x",null]}'::jsonb AS doc, NULL::numeric AS missing`,
      );
      expect(row).toEqual({
        big: 9_000_000_000,
        cost: 0.000123,
        small: 7,
        ratio: 1.25,
        flag: true,
        at: new Date('2025-03-04T05:06:07.089Z'),
        doc: { a: [1, 'x', null] },
        missing: null,
      });
    });

    it('binds $n parameters, including nulls and arrays', async () => {
      const rows = await database().query<{ n: number; t: string | null; total: number }>(
        'SELECT $1::integer + 1 AS n, $2::text AS t, (SELECT sum(x) FROM unnest($3::bigint[]) AS x) AS total',
        [41, null, [1, 2, 3]],
      );
      expect(rows).toEqual([{ n: 42, t: null, total: 6 }]);
    });

    it('commits a transaction and returns its value', async () => {
      const key = `conformance.tx-commit.${randomUUID()}`;
      const value = await database().transaction(async (tx) => {
        await tx.query('INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)', [key, '1']);
        return 'done';
      });
      expect(value).toBe('done');
      expect(await createSettingsRepository(database()).get(key)).toBe(1);
    });

    it('rolls a transaction back when it throws, and the client stays usable', async () => {
      const key = `conformance.tx-rollback.${randomUUID()}`;
      const attempt = database().transaction(async (tx) => {
        await tx.query('INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)', [key, '1']);
        throw new Error('boom');
      });
      await expect(attempt).rejects.toThrow('boom');
      expect(await createSettingsRepository(database()).get(key)).toBeUndefined();
    });

    it('reports a failed statement and keeps serving afterwards', async () => {
      await expect(database().query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
      await expect(database().query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    });
  });
}
