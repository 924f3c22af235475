import { PodiumError } from '../../contract/index.js';
import type { Migration } from './migration.js';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/**
 * Serialises migrators sharing a database (several replicas starting together). Transaction-scoped, so a
 * crashed migrator can never leave it held. Keyed by schema too, so isolated schemas (tests) do not queue.
 * 0x506f6469 is "Podi".
 */
const lockStatement = "SELECT pg_advisory_xact_lock(1349477481, hashtext(coalesce(current_schema(), '')))";

const bootstrapStatement = `CREATE TABLE IF NOT EXISTS podium_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz(3) NOT NULL DEFAULT now()
)`;

/**
 * Brings the schema up to date: applies each migration not yet recorded in `podium_migrations`, in version
 * order, each in its own transaction under an advisory lock (re-checked under the lock, so two migrators never
 * apply the same version). Safe to run on every start. Returns the versions this call applied.
 *
 * `migrations` is every capability's list together (the composition root concatenates them); the runner puts
 * them in version order, so the order the lists are joined in does not matter, and refuses a version or a name
 * declared twice: two capabilities claiming one version would leave one of them never applied.
 */
export async function migrate(sql: SqlClient, declared: readonly Migration[]): Promise<number[]> {
  const migrations = inVersionOrder(declared);
  const recorded = await sql.transaction(async (tx) => {
    await tx.query(lockStatement);
    await tx.query(bootstrapStatement);
    return readVersions(tx);
  });
  assertNotNewer(recorded, migrations);

  const applied: number[] = [];
  for (const migration of migrations) {
    if (recorded.has(migration.version)) continue;
    const didApply = await sql.transaction(async (tx) => {
      await tx.query(lockStatement);
      if ((await readVersions(tx)).has(migration.version)) return false;
      await tx.query(migration.sql);
      await tx.query('INSERT INTO podium_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

async function readVersions(tx: SqlExecutor): Promise<Set<number>> {
  const rows = await tx.query<{ version: number }>('SELECT version FROM podium_migrations');
  return new Set(rows.map((row) => row.version));
}

/** A sorted copy; throws on a version that is not a positive integer, or a version or name used twice. */
function inVersionOrder(declared: readonly Migration[]): Migration[] {
  const versions = new Set<number>();
  const names = new Set<string>();
  for (const migration of declared) {
    if (!Number.isInteger(migration.version) || migration.version < 1) {
      throw new PodiumError(
        'internal_error',
        `migration "${migration.name}" has an invalid version (${migration.version})`,
      );
    }
    if (versions.has(migration.version) || names.has(migration.name)) {
      throw new PodiumError(
        'internal_error',
        `migration "${migration.name}" (version ${migration.version}) is declared twice`,
      );
    }
    versions.add(migration.version);
    names.add(migration.name);
  }
  return [...declared].sort((a, b) => a.version - b.version);
}

/** A database migrated by a newer Podium must not be written by an older one that does not know its schema. */
function assertNotNewer(recorded: Set<number>, migrations: readonly Migration[]): void {
  const known = new Set(migrations.map((migration) => migration.version));
  const unknown = [...recorded].filter((version) => !known.has(version)).sort((a, b) => a - b);
  if (unknown.length > 0) {
    throw new PodiumError(
      'config_invalid',
      `the database has schema versions this Podium does not know (${unknown.join(', ')}): it was migrated by a newer release`,
    );
  }
}
