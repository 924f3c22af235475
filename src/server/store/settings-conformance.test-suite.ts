import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DatabaseAccessor } from './database-accessor.test-suite.js';
import { createSettingsRepository } from './settings-repository.js';

const unique = (label: string): string => `conformance.${label}.${randomUUID()}`;

export function describeSettingsConformance(database: DatabaseAccessor): void {
  const settings = () => createSettingsRepository(database());

  describe('settings', () => {
    it('returns undefined for a missing key and round-trips every JSON shape, null included', async () => {
      expect(await settings().get(unique('missing'))).toBeUndefined();
      for (const value of ['a string', 42, 0.1, true, null, ['x', 1], { nested: { list: [1, 2] }, empty: {} }]) {
        const key = unique('shape');
        await settings().set(key, value);
        expect(await settings().get(key)).toEqual(value);
      }
    });

    it('replaces a value on set', async () => {
      const key = unique('replace');
      await settings().set(key, 'first');
      await settings().set(key, 'second');
      expect(await settings().get(key)).toBe('second');
    });

    it('stores setIfAbsent exactly once among concurrent callers and never overwrites', async () => {
      const key = unique('admin-key-hash');
      const results = await Promise.all(['a', 'b', 'c', 'd'].map((value) => settings().setIfAbsent(key, value)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = ['a', 'b', 'c', 'd'][results.indexOf(true)];
      expect(await settings().get(key)).toBe(winner);
      expect(await settings().setIfAbsent(key, 'late')).toBe(false);
      expect(await settings().get(key)).toBe(winner);
    });

    it('deletes a key once', async () => {
      const key = unique('delete');
      await settings().set(key, 'secret');
      expect(await settings().delete(key)).toBe(true);
      expect(await settings().get(key)).toBeUndefined();
      expect(await settings().delete(key)).toBe(false);
    });

    it('refuses a value JSON cannot represent', async () => {
      await expect(settings().set(unique('undefined'), undefined)).rejects.toThrow(TypeError);
    });
  });
}
