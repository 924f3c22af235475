import type { AuditCheckpoint, AuditHead, StoredAuditEntry } from '../../../contract/index.js';

/** One page of a tenant's chain: entries with `seq > after`, in seq order. */
export interface AuditPageQuery {
  tenant: string;
  after: number;
  limit: number;
}

/** A batch to chain onto a tenant's head. */
export interface AuditAppend {
  tenant: string;
  /**
   * Called once the store holds the tenant's head exclusively (no other writer, in this process or another
   * replica, can move it until the batch commits): returns the entries to store, continuing `head`.
   */
  seal: (head: AuditHead) => StoredAuditEntry[];
}

/**
 * What the audit log needs from storage: the PostgreSQL/PGlite repository (audit-repository.ts) and
 * an in-memory one (tests) implement it. Entries and checkpoints are append-only.
 */
export interface AuditStore {
  /**
   * Stores the sealed batch and moves the head in one transaction, under a lock on the head.
   * @throws when `seal` does not continue the head; nothing is stored then.
   */
  append(batch: AuditAppend): Promise<StoredAuditEntry[]>;
  /** Entries as stored: payloads in the canonical text their hashes cover. */
  list(query: AuditPageQuery): Promise<StoredAuditEntry[]>;
  /** Every tenant's head, by tenant. */
  heads(): Promise<AuditHead[]>;
  /** Stores a checkpoint; one already stored for the same tenant and seq is kept. */
  insertCheckpoint(checkpoint: AuditCheckpoint): Promise<void>;
  /** Stored checkpoints (one tenant's, or all), by tenant and seq. */
  checkpoints(tenant?: string): Promise<AuditCheckpoint[]>;
}
