import { afterAll, beforeAll, describe } from 'vitest';
import { createMemoryApprovalRecords } from './index.js';
import { describeApprovalConformance } from './approval-conformance.test-suite.js';
import { openApprovalTestStore, type ApprovalTestStore } from './approval-test-store.test-suite.js';

describe('embedded PostgreSQL (throwaway)', () => {
  let store: ApprovalTestStore;
  beforeAll(async () => {
    store = await openApprovalTestStore();
  });
  afterAll(() => store.close());
  describeApprovalConformance(() => store);
});

// The service's own tests run on these: they must behave as the database does.
describe('in-memory approval records', () => {
  const approvals = createMemoryApprovalRecords();
  describeApprovalConformance(() => ({ approvals }));
});
