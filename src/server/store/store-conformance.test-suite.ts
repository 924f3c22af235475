import { afterAll, beforeAll, describe } from 'vitest';
import { describeBudgetConformance } from './budget-conformance.test-suite.js';
import { describeBudgetEventConformance } from './budget-event-conformance.test-suite.js';
import { describeIdentityConformance } from './identity-conformance.test-suite.js';
import { describeLedgerConformance } from './ledger-conformance.test-suite.js';
import { describeMigrationConformance } from './migration-conformance.test-suite.js';
import type { Store } from './open-store.js';
import type { StoreAccessor } from './store-accessor.test-suite.js';
import { describeSettingsConformance } from './settings-conformance.test-suite.js';
import { describeShadowResultConformance } from './shadow-result-conformance.test-suite.js';
import { describeSpendReportConformance } from './spend-report-conformance.test-suite.js';
import { describeSqlClientConformance } from './sql-client-conformance.test-suite.js';

/**
 * The one suite every store driver must pass. It opens a single store for all its tests (PGlite takes seconds
 * to start), so each test isolates itself with fresh names and ids instead of expecting empty tables.
 */
export function describeStoreConformance(name: string, open: () => Promise<Store>): void {
  describe(`store conformance: ${name}`, () => {
    let store: Store | undefined;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });
    const accessor: StoreAccessor = () => {
      if (store === undefined) throw new Error('the store did not open');
      return store;
    };
    describeSqlClientConformance(accessor);
    describeMigrationConformance(accessor);
    describeIdentityConformance(accessor);
    describeLedgerConformance(accessor);
    describeSettingsConformance(accessor);
    describeBudgetConformance(accessor);
    describeBudgetEventConformance(accessor);
    describeSpendReportConformance(accessor);
    describeShadowResultConformance(accessor);
  });
}
