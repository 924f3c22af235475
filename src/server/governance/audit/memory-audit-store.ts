import {
  auditGenesisHash,
  type AuditCheckpoint,
  type AuditHead,
  type StoredAuditEntry,
} from '../../../contract/index.js';
import type { AuditStore } from './audit-store.js';
import { assertContinues } from './assert-continues.js';

/** The in-memory store plus what tests need to stage attacks on it. */
export interface MemoryAuditStore extends AuditStore {
  /** The stored entries of a tenant, mutable: tests edit, delete and reorder them. */
  entriesOf(tenant: string): StoredAuditEntry[];
}

/**
 * An AuditStore in memory: for tests of code that appends to the audit log, and to serve the verifier in
 * unit tests. Keeps nothing across restarts, so it is never a production choice.
 */
export function createMemoryAuditStore(): MemoryAuditStore {
  const chains = new Map<string, StoredAuditEntry[]>();
  const checkpoints = new Map<string, AuditCheckpoint>();
  const chainOf = (tenant: string): StoredAuditEntry[] => {
    let chain = chains.get(tenant);
    if (chain === undefined) chains.set(tenant, (chain = []));
    return chain;
  };
  const headOf = (tenant: string): AuditHead => {
    const last = chains.get(tenant)?.at(-1);
    return { tenant, seq: last?.seq ?? 0, hash: last?.hash ?? auditGenesisHash };
  };
  return {
    entriesOf: chainOf,
    append(batch) {
      // Synchronous between reading the head and pushing: the event loop is this store's lock.
      const head = headOf(batch.tenant);
      const sealed = batch.seal(head);
      assertContinues(head, sealed);
      chainOf(batch.tenant).push(...sealed);
      return Promise.resolve(sealed);
    },
    list(query) {
      const page = (chains.get(query.tenant) ?? []).filter((entry) => entry.seq > query.after).slice(0, query.limit);
      return Promise.resolve(page);
    },
    heads() {
      return Promise.resolve([...chains.keys()].sort().map(headOf));
    },
    insertCheckpoint(checkpoint) {
      const key = `${checkpoint.tenant}\u0000${checkpoint.seq}`;
      if (!checkpoints.has(key)) checkpoints.set(key, checkpoint);
      return Promise.resolve();
    },
    checkpoints(tenant) {
      const all = [...checkpoints.values()].filter(
        (checkpoint) => tenant === undefined || checkpoint.tenant === tenant,
      );
      return Promise.resolve(
        all.sort((a, b) => (a.tenant === b.tenant ? a.seq - b.seq : a.tenant < b.tenant ? -1 : 1)),
      );
    },
  };
}
