import type { SqlClient } from './sql-client.js';

/** Small server-wide values (the admin key's hash, one-time markers), stored as JSON. */
export interface SettingsRepository {
  /** The stored value (JSON-parsed, unvalidated: parse it with the caller's schema), or undefined if absent. */
  get(key: string): Promise<unknown>;
  /** Stores or replaces the value. */
  set(key: string, value: unknown): Promise<void>;
  /**
   * Stores the value only if the key is absent, atomically: among replicas racing to set it, exactly one gets
   * true, and every replica reads that one's value afterwards.
   */
  setIfAbsent(key: string, value: unknown): Promise<boolean>;
  /** Removes the key; true when it was there. */
  delete(key: string): Promise<boolean>;
}

/**
 * Serialised by us, not by node-postgres: it would send a JS string as bare text (invalid JSON) and an array
 * as a PostgreSQL array literal.
 */
function toJson(key: string, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`setting "${key}" must be JSON-serialisable, got ${typeof value}`);
  return json;
}

/** The settings repository over `sql`. */
export function createSettingsRepository(sql: SqlClient): SettingsRepository {
  return {
    async get(key) {
      const [row] = await sql.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [key]);
      return row?.value;
    },

    async set(key, value) {
      await sql.query(
        `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
        [key, toJson(key, value)],
      );
    },

    async setIfAbsent(key, value) {
      const rows = await sql.query(
        'INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key',
        [key, toJson(key, value)],
      );
      return rows.length === 1;
    },

    async delete(key) {
      return (await sql.query('DELETE FROM settings WHERE key = $1 RETURNING key', [key])).length === 1;
    },
  };
}
