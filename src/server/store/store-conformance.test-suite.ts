import { describe } from 'vitest';
import type { DatabaseAccessor } from './database-accessor.test-suite.js';
import { describeMigrationConformance } from './migration-conformance.test-suite.js';
import type { Migration } from './migration.js';
import { describeSettingsConformance } from './settings-conformance.test-suite.js';
import { describeSqlClientConformance } from './sql-client-conformance.test-suite.js';

/**
 * What every store driver must do itself: the SQL client, the migration runner and the shared settings.
 * Capabilities' repositories have their own suites, next to them. `migrations` is the server's whole list
 * (the settings table is created by identity's first migration).
 */
export function describeStoreConformance(database: DatabaseAccessor, migrations: readonly Migration[]): void {
  describe('store', () => {
    describeSqlClientConformance(database);
    describeMigrationConformance(database, migrations);
    describeSettingsConformance(database);
  });
}
