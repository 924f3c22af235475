import { openStore } from './open-store.js';
import { describeStoreConformance } from './store-conformance.test-suite.js';

// Throwaway databases on the embedded server: the engine and code path of a data directory (one server per
// process, a fresh database copied from the migrated template for each store).
describeStoreConformance('embedded PostgreSQL (throwaway)', () => openStore());
