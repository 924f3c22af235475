import type { Store } from './open-store.js';

/** Returns the store a conformance suite opened (valid inside tests, after beforeAll). */
export type StoreAccessor = () => Store;
