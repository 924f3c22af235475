import { openStore } from './open-store.js';
import { describeStoreConformance } from './store-conformance.test-suite.js';

// In memory: the same engine and code path as a data directory, without touching the disk.
describeStoreConformance('pglite (in memory)', () => openStore());
